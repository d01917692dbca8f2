package org.noisyflow.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API side of {@link ArrayMath}; loaded only when the module is present. */
final class VectorArrayMath {

    private static final VectorSpecies<Double> SPECIES = VectorFunctions.SPECIES;

    private VectorArrayMath() {
    }

    static void tanh(double[] values, int from, int to) {
        int whole = from + SPECIES.loopBound(to - from);
        VectorFunctions.tanh(values, from, whole);
        if (whole < to) {
            // The tail goes through the same vector formula, so no value depends on its position.
            double[] tail = new double[SPECIES.length()];
            System.arraycopy(values, whole, tail, 0, to - whole);
            VectorFunctions.tanh(tail, 0, tail.length);
            System.arraycopy(tail, 0, values, whole, to - whole);
        }
    }

    /**
     * C += A B with four rows of C and two vectors of columns per pass: eight independent
     * accumulators, and each load of B serves four rows.
     */
    static void multiplyAdd(int m, int n, int k, double[] a, int aRow, int aCol, double[] b, double[] c) {
        int lanes = SPECIES.length();
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * aRow;
            int a1 = a0 + aRow;
            int a2 = a1 + aRow;
            int a3 = a2 + aRow;
            int j = 0;
            for (; j + 2 * lanes <= n; j += 2 * lanes) {
                DoubleVector p0 = DoubleVector.fromArray(SPECIES, c, i * n + j);
                DoubleVector p1 = DoubleVector.fromArray(SPECIES, c, (i + 1) * n + j);
                DoubleVector p2 = DoubleVector.fromArray(SPECIES, c, (i + 2) * n + j);
                DoubleVector p3 = DoubleVector.fromArray(SPECIES, c, (i + 3) * n + j);
                DoubleVector q0 = DoubleVector.fromArray(SPECIES, c, i * n + j + lanes);
                DoubleVector q1 = DoubleVector.fromArray(SPECIES, c, (i + 1) * n + j + lanes);
                DoubleVector q2 = DoubleVector.fromArray(SPECIES, c, (i + 2) * n + j + lanes);
                DoubleVector q3 = DoubleVector.fromArray(SPECIES, c, (i + 3) * n + j + lanes);
                for (int l = 0, al = 0, bl = j; l < k; l++, al += aCol, bl += n) {
                    DoubleVector x = DoubleVector.fromArray(SPECIES, b, bl);
                    DoubleVector y = DoubleVector.fromArray(SPECIES, b, bl + lanes);
                    DoubleVector s0 = DoubleVector.broadcast(SPECIES, a[a0 + al]);
                    DoubleVector s1 = DoubleVector.broadcast(SPECIES, a[a1 + al]);
                    DoubleVector s2 = DoubleVector.broadcast(SPECIES, a[a2 + al]);
                    DoubleVector s3 = DoubleVector.broadcast(SPECIES, a[a3 + al]);
                    p0 = x.fma(s0, p0);
                    p1 = x.fma(s1, p1);
                    p2 = x.fma(s2, p2);
                    p3 = x.fma(s3, p3);
                    q0 = y.fma(s0, q0);
                    q1 = y.fma(s1, q1);
                    q2 = y.fma(s2, q2);
                    q3 = y.fma(s3, q3);
                }
                p0.intoArray(c, i * n + j);
                p1.intoArray(c, (i + 1) * n + j);
                p2.intoArray(c, (i + 2) * n + j);
                p3.intoArray(c, (i + 3) * n + j);
                q0.intoArray(c, i * n + j + lanes);
                q1.intoArray(c, (i + 1) * n + j + lanes);
                q2.intoArray(c, (i + 2) * n + j + lanes);
                q3.intoArray(c, (i + 3) * n + j + lanes);
            }
            if (j < n) {
                rowsTail(i, i + 4, j, n, k, a, aRow, aCol, b, c);
            }
        }
        if (i < m) {
            rowsTail(i, m, 0, n, k, a, aRow, aCol, b, c);
        }
    }

    /** C += A B for rows [rowFrom, rowTo) and columns [colFrom, n), one row and vector at a time. */
    private static void rowsTail(int rowFrom, int rowTo, int colFrom, int n, int k, double[] a, int aRow,
            int aCol, double[] b, double[] c) {
        int lanes = SPECIES.length();
        for (int i = rowFrom; i < rowTo; i++) {
            int ai = i * aRow;
            int j = colFrom;
            for (; j + lanes <= n; j += lanes) {
                DoubleVector p = DoubleVector.fromArray(SPECIES, c, i * n + j);
                for (int l = 0, bl = j; l < k; l++, bl += n) {
                    p = DoubleVector.fromArray(SPECIES, b, bl).fma(DoubleVector.broadcast(SPECIES, a[ai + l * aCol]), p);
                }
                p.intoArray(c, i * n + j);
            }
            for (; j < n; j++) {
                double sum = c[i * n + j];
                for (int l = 0; l < k; l++) {
                    sum += a[ai + l * aCol] * b[l * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }
}
