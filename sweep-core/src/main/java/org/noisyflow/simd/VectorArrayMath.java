package org.noisyflow.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API side of {@link ArrayMath}; loaded only when the module is present. */
final class VectorArrayMath {

    /**
     * The fixed 256-bit species. The matrix product treats lanes alone and could use any width,
     * but at 512 bits the JDK 17 JIT was seen to box its vectors in some runs, ten times slower.
     * NOTE: at 256 bits the product runs at about half this machine's peak, which leaves the
     * tanh-net step slower than NumPy's backward pass on OpenBLAS.
     */
    private static final VectorSpecies<Double> SPECIES = VectorFunctions.SPECIES;

    private VectorArrayMath() {
    }

    static void tanh(double[] values, int from, int to) {
        int whole = from + VectorFunctions.SPECIES.loopBound(to - from);
        VectorFunctions.tanh(values, from, whole);
        if (whole < to) {
            // The tail goes through the same vector formula, so no value depends on its position.
            double[] tail = new double[VectorFunctions.SPECIES.length()];
            System.arraycopy(values, whole, tail, 0, to - whole);
            VectorFunctions.tanh(tail, 0, tail.length);
            System.arraycopy(tail, 0, values, whole, to - whole);
        }
    }

    static double dot(double[] a, int aFrom, double[] b, int bFrom, int length) {
        int lanes = VectorFunctions.SPECIES.length();
        DoubleVector s0 = DoubleVector.zero(VectorFunctions.SPECIES);
        DoubleVector s1 = s0;
        int i = 0;
        for (; i + 2 * lanes <= length; i += 2 * lanes) {
            s0 = DoubleVector.fromArray(VectorFunctions.SPECIES, a, aFrom + i).fma(DoubleVector.fromArray(VectorFunctions.SPECIES, b, bFrom + i), s0);
            s1 = DoubleVector.fromArray(VectorFunctions.SPECIES, a, aFrom + i + lanes)
                    .fma(DoubleVector.fromArray(VectorFunctions.SPECIES, b, bFrom + i + lanes), s1);
        }
        double sum = VectorFunctions.sum(s0.add(s1));
        for (; i < length; i++) {
            sum += a[aFrom + i] * b[bFrom + i];
        }
        return sum;
    }

    /** Per-thread panel of B: k rows of two vectors, contiguous. */
    private static final ThreadLocal<double[][]> PANEL = ThreadLocal.withInitial(() -> new double[1][0]);

    /**
     * C += A B, two vectors of columns at a time: that panel of B is first copied into
     * contiguous memory (rows of B lie n doubles apart, and for n a multiple of 512 they would all
     * fall into one set of the L1 cache), then every group of four rows of C passes over it.
     */
    static void multiplyAdd(int m, int n, int k, double[] a, int aRow, int aCol, double[] b, double[] c) {
        int lanes = SPECIES.length();
        int width = 2 * lanes;
        double[][] holder = PANEL.get();
        if (holder[0].length < k * width) {
            holder[0] = new double[k * width];
        }
        double[] panel = holder[0];
        int j = 0;
        for (; j + width <= n; j += width) {
            for (int l = 0; l < k; l++) {
                System.arraycopy(b, l * n + j, panel, l * width, width);
            }
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                block(i, j, n, k, a, aRow, aCol, panel, c);
            }
            if (i < m) {
                rowsTail(i, m, j, j + width, n, k, a, aRow, aCol, b, c);
            }
        }
        if (j < n) {
            rowsTail(0, m, j, n, n, k, a, aRow, aCol, b, c);
        }
    }

    /**
     * Adds rows i..i+3, columns j..j+2L-1 of A B to C from the packed panel of B: eight
     * independent accumulators, each load of B serving four rows. A method of its own, so that
     * the JIT compiles it whole and no vector crosses a call.
     */
    private static void block(int i, int j, int n, int k, double[] a, int aRow, int aCol, double[] panel,
            double[] c) {
        int lanes = SPECIES.length();
        int width = 2 * lanes;
        int a0 = i * aRow;
        int a1 = a0 + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        int c0 = i * n + j;
        int c1 = c0 + n;
        int c2 = c1 + n;
        int c3 = c2 + n;
        DoubleVector p0 = DoubleVector.fromArray(SPECIES, c, c0);
        DoubleVector p1 = DoubleVector.fromArray(SPECIES, c, c1);
        DoubleVector p2 = DoubleVector.fromArray(SPECIES, c, c2);
        DoubleVector p3 = DoubleVector.fromArray(SPECIES, c, c3);
        DoubleVector q0 = DoubleVector.fromArray(SPECIES, c, c0 + lanes);
        DoubleVector q1 = DoubleVector.fromArray(SPECIES, c, c1 + lanes);
        DoubleVector q2 = DoubleVector.fromArray(SPECIES, c, c2 + lanes);
        DoubleVector q3 = DoubleVector.fromArray(SPECIES, c, c3 + lanes);
        for (int l = 0, al = 0, pl = 0; l < k; l++, al += aCol, pl += width) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, panel, pl);
            DoubleVector y = DoubleVector.fromArray(SPECIES, panel, pl + lanes);
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
        p0.intoArray(c, c0);
        p1.intoArray(c, c1);
        p2.intoArray(c, c2);
        p3.intoArray(c, c3);
        q0.intoArray(c, c0 + lanes);
        q1.intoArray(c, c1 + lanes);
        q2.intoArray(c, c2 + lanes);
        q3.intoArray(c, c3 + lanes);
    }

    /**
     * C += A B for rows [rowFrom, rowTo) and columns [colFrom, colTo), one row at a time: for each
     * l the row gains a_il times row l of B, so B streams through in memory order and the row of
     * C stays in the L1 cache. Each entry still sums its terms in the order of l, fused.
     */
    private static void rowsTail(int rowFrom, int rowTo, int colFrom, int colTo, int n, int k, double[] a,
            int aRow, int aCol, double[] b, double[] c) {
        int lanes = SPECIES.length();
        int vectorEnd = colFrom + (colTo - colFrom) / lanes * lanes;
        for (int i = rowFrom; i < rowTo; i++) {
            int ai = i * aRow;
            int ci = i * n;
            for (int l = 0; l < k; l++) {
                double ail = a[ai + l * aCol];
                DoubleVector s = DoubleVector.broadcast(SPECIES, ail);
                int bl = l * n;
                for (int j = colFrom; j < vectorEnd; j += lanes) {
                    DoubleVector.fromArray(SPECIES, b, bl + j).fma(s, DoubleVector.fromArray(SPECIES, c, ci + j))
                            .intoArray(c, ci + j);
                }
                for (int j = vectorEnd; j < colTo; j++) {
                    // Fused like the vector lanes, so a column's bits do not depend on the lane count.
                    c[ci + j] = Math.fma(ail, b[bl + j], c[ci + j]);
                }
            }
        }
    }
}
