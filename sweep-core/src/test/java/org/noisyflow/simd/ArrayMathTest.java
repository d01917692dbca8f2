package org.noisyflow.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.noisyflow.random.StreamSeeds;

class ArrayMathTest {

    private static double[] uniform(UniformRandomProvider random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = 2.0 * random.nextDouble() - 1.0;
        }
        return values;
    }

    /**
     * C += A B against the textbook triple loop, with A read directly and transposed, at sizes
     * that leave partial row groups and partial vectors. Entries of A, B and C lie in [-1, 1), so
     * each entry of the result is a sum of k + 1 terms of size at most 1, and two summation orders
     * differ by at most 2 (k + 1)^2 u with u = 2^-53, the tolerance below. The vector product must
     * also give the same bits as fused multiply-adds in the order of l, whatever its blocking:
     * k = 600 spans three passes over the inner dimension, and m = 261 three panels of rows and a
     * row tail.
     */
    @ParameterizedTest
    @CsvSource({"9, 37, 5", "4, 16, 1", "1, 70, 40", "13, 3, 7", "8, 64, 33", "12, 24, 600", "261, 20, 300"})
    void multiplyAddMatchesTripleLoop(int m, int n, int k) {
        UniformRandomProvider random = StreamSeeds.stream(41L + m * 1000L + n);
        double[] a = uniform(random, m * k);
        double[] b = uniform(random, k * n);
        double[] c = uniform(random, m * n);

        double[] expected = c.clone();
        double[] fused = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < k; l++) {
                    expected[i * n + j] += a[i * k + l] * b[l * n + j];
                    fused[i * n + j] = Math.fma(a[i * k + l], b[l * n + j], fused[i * n + j]);
                }
            }
        }
        double tolerance = 2 * (k + 1.0) * (k + 1.0) * Math.ulp(1.0) / 2;

        double[] direct = c.clone();
        ArrayMath.multiplyAdd(m, n, k, a, k, 1, b, direct);
        double[] scalar = c.clone();
        ArrayMath.scalarMultiplyAdd(m, n, k, a, k, 1, b, scalar);
        // The same A stored transposed (k x m) and read with swapped strides.
        double[] at = new double[k * m];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < k; l++) {
                at[l * m + i] = a[i * k + l];
            }
        }
        double[] transposed = c.clone();
        ArrayMath.multiplyAdd(m, n, k, at, 1, m, b, transposed);

        for (int i = 0; i < m * n; i++) {
            assertEquals(expected[i], direct[i], tolerance, "direct, entry " + i);
            assertEquals(expected[i], scalar[i], tolerance, "scalar, entry " + i);
            assertEquals(expected[i], transposed[i], tolerance, "transposed, entry " + i);
            if (ArrayMath.VECTOR_API) {
                assertEquals(fused[i], direct[i], 0.0, "direct against fused, entry " + i);
                assertEquals(fused[i], transposed[i], 0.0, "transposed against fused, entry " + i);
            }
        }
    }

    /**
     * The array tanh against Math.tanh over [-20, 20], the range where tanh is not yet exactly
     * +-1 in doubles, including the tail that is not a whole vector. Math.tanh is within 2.5 ulps
     * of exact and the vector tanh within 3 of StrictMath.tanh, so 6 ulps bounds the distance.
     */
    @Test
    void tanhWithinSixUlpsOfMath() {
        int count = 100_003;
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = -20.0 + 40.0 * i / (count - 1);
        }
        double[] result = values.clone();
        ArrayMath.tanh(result, 0, count);
        double worst = 0.0;
        for (int i = 0; i < count; i++) {
            double exact = Math.tanh(values[i]);
            worst = Math.max(worst, Math.abs(result[i] - exact) / Math.ulp(exact));
        }
        assertTrue(worst <= 6.0, "largest difference " + worst + " ulps");
    }
}
