package org.noisyflow.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorFunctionsTest {

    private static final int COUNT = 400_000;

    /** Returns the distance from value to reference in ulps of the reference. */
    private static double ulps(double value, double reference) {
        return Math.abs(value - reference) / Math.ulp(reference);
    }

    /**
     * The polynomial exponential against StrictMath.exp (fdlibm, itself within 1 ulp of exact),
     * on the full normal range and on the range of the transformer coupling. The measured worst
     * case is 1 ulp; both functions being within 1 ulp of the exact value bounds it by 2.
     */
    @Test
    void expWithinOneUlpOfStrictMath() {
        SplittableRandom random = new SplittableRandom(11);
        double[] x = new double[COUNT];
        for (int i = 0; i < COUNT; i++) {
            x[i] = i % 2 == 0 ? random.nextDouble(-708.0, 709.0) : random.nextDouble(-8.0, 8.0);
        }
        double[] y = new double[COUNT];
        VectorFunctions.exp(x, y, 0, COUNT, 1.0);
        double worst = 0.0;
        for (int i = 0; i < COUNT; i++) {
            worst = Math.max(worst, ulps(y[i], StrictMath.exp(x[i])));
        }
        assertTrue(worst <= 1.0, "worst " + worst + " ulps");
    }

    @Test
    void expHandlesTheEdgesOfItsRange() {
        double[] x = {-800.0, 800.0, Double.NaN, -744.0, 0.0, Double.NEGATIVE_INFINITY, 709.7, 2.0};
        double[] y = new double[x.length];
        VectorFunctions.exp(x, y, 0, x.length, 1.0);
        for (int i = 0; i < x.length - 1; i++) {
            double expected = StrictMath.exp(x[i]);
            assertEquals(expected, y[i], Double.isNaN(expected) ? 0.0 : Math.ulp(expected), "exp(" + x[i] + ")");
        }
        // The scale multiplies the argument: exp(0.5 * 2) = e.
        VectorFunctions.exp(x, y, 4, 8, 0.5);
        assertEquals(Math.E, y[7], Math.ulp(Math.E));
    }

    /**
     * tanh from the reduced exponential against StrictMath.tanh (within 2.5 ulps of exact by its
     * contract). The quotient E / (E + 2) adds up to two roundings to E's one ulp. The measured
     * worst case over these arguments is 3 ulps, the bound checked.
     */
    @Test
    void tanhWithinThreeUlpsOfStrictMath() {
        SplittableRandom random = new SplittableRandom(13);
        double[] x = new double[COUNT];
        for (int i = 0; i < COUNT; i++) {
            x[i] = i % 2 == 0 ? random.nextDouble(-25.0, 25.0) : random.nextDouble(-1e-3, 1e-3);
        }
        double[] y = x.clone();
        VectorFunctions.tanh(y, 0, COUNT);
        double worst = 0.0;
        for (int i = 0; i < COUNT; i++) {
            worst = Math.max(worst, ulps(y[i], StrictMath.tanh(x[i])));
        }
        assertTrue(worst <= 3.0, "worst " + worst + " ulps");
    }

    @Test
    void partialVectorIsRejected() {
        double[] x = new double[7];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorFunctions.exp(x, x, 0, 7, 1.0));
        assertTrue(e.getMessage().contains("[0, 7)"), e.getMessage());
    }

    @Test
    void sumAddsLanesInOrder() {
        // 1e16 + 1 rounds to 1e16, so lane order gives 1; adding the large lanes first would give 2.
        var v = jdk.incubator.vector.DoubleVector.fromArray(VectorFunctions.SPECIES,
                new double[] {1e16, 1.0, -1e16, 1.0}, 0);
        assertEquals(1.0, VectorFunctions.sum(v));
    }
}
