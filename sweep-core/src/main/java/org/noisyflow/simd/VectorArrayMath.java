package org.noisyflow.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API side of {@link ArrayMath}; loaded only when the module is present. */
final class VectorArrayMath {

    /**
     * The fixed 256-bit species. The matrix product treats lanes alone and could use any width,
     * but at 512 bits the JDK 17 JIT was seen to box its vectors in some runs, ten times slower.
     * NOTE: alone, the packed 256-bit product ran at 14 to 16 G multiply-adds/s on a Zen 3 core
     * of 21 G/s peak. It has not been timed on an AVX-512 core, where the unpacked one ran at
     * half the peak and lost to OpenBLAS.
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

    /** Terms of the inner dimension per pass: a packed sliver of A (4 x 256) and of B (256 x 8) fit the L1 cache together. */
    private static final int DEPTH = 256;

    /** Rows of A packed at a time, so the copy stays 128 x 256 doubles however tall A is. */
    private static final int PANEL_ROWS = 128;

    /** Per-thread packed copies: [0] a panel of rows of A for one pass, [1] one panel of B. */
    private static final ThreadLocal<double[][]> PACKED = ThreadLocal.withInitial(() -> new double[2][0]);

    /**
     * C += A B in passes over DEPTH terms of the inner dimension. Each pass copies its part of A,
     * PANEL_ROWS rows at a time, into slivers of four rows, term-major. It copies each panel of
     * two vectors of columns of B into contiguous memory. The inner loop then reads both copies at
     * unit stride with one index. The copy of B also keeps its rows out of one set of the L1
     * cache, where n doubles apart they would all fall for n a multiple of 512. Every entry of C
     * still sums its terms in the order of l, fused, so the bits do not depend on the blocking.
     */
    static void multiplyAdd(int m, int n, int k, double[] a, int aRow, int aCol, double[] b, double[] c) {
        int width = 2 * SPECIES.length();
        int rows = m / 4 * 4;
        int columns = n / width * width;
        if (rows == 0 || columns == 0) {
            // Too narrow for a block, as for d = 3: nothing is worth packing.
            rowsTail(0, m, 0, n, n, k, a, aRow, aCol, b, c);
            return;
        }
        double[][] packed = PACKED.get();
        int aSize = Math.min(rows, PANEL_ROWS) * Math.min(k, DEPTH);
        if (packed[0].length < aSize) {
            packed[0] = new double[aSize];
        }
        if (packed[1].length < width * DEPTH) {
            packed[1] = new double[width * DEPTH];
        }
        double[] aPacked = packed[0];
        double[] bPacked = packed[1];
        for (int from = 0; from < k; from += DEPTH) {
            int depth = Math.min(DEPTH, k - from);
            for (int top = 0; top < rows; top += PANEL_ROWS) {
                int bottom = Math.min(rows, top + PANEL_ROWS);
                packRows(top, bottom, depth, from, a, aRow, aCol, aPacked);
                for (int j = 0; j < columns; j += width) {
                    for (int l = 0; l < depth; l++) {
                        System.arraycopy(b, (from + l) * n + j, bPacked, l * width, width);
                    }
                    for (int i = top; i < bottom; i += 4) {
                        block(i * n + j, n, depth, aPacked, (i - top) * depth, bPacked, c);
                    }
                }
            }
        }
        if (rows < m) {
            rowsTail(rows, m, 0, columns, n, k, a, aRow, aCol, b, c);
        }
        if (columns < n) {
            rowsTail(0, m, columns, n, n, k, a, aRow, aCol, b, c);
        }
    }

    /** Copies terms [from, from + depth) of rows [top, bottom) of A into slivers of four rows, term-major. */
    private static void packRows(int top, int bottom, int depth, int from, double[] a, int aRow, int aCol,
            double[] out) {
        for (int i = top; i < bottom; i += 4) {
            int sliver = (i - top) * depth;
            int a0 = i * aRow + from * aCol;
            for (int l = 0; l < depth; l++) {
                int al = a0 + l * aCol;
                out[sliver + 4 * l] = a[al];
                out[sliver + 4 * l + 1] = a[al + aRow];
                out[sliver + 4 * l + 2] = a[al + 2 * aRow];
                out[sliver + 4 * l + 3] = a[al + 3 * aRow];
            }
        }
    }

    /**
     * Adds four rows and two vectors of columns of A B, over one pass, to C at c0 (rows n
     * apart): eight independent accumulators, each load of B serving four rows. A method of its
     * own, so that the JIT compiles it whole and no vector crosses a call.
     */
    private static void block(int c0, int n, int depth, double[] aPacked, int sliver, double[] bPacked,
            double[] c) {
        int lanes = SPECIES.length();
        int width = 2 * lanes;
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
        for (int l = 0; l < depth; l++) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, bPacked, width * l);
            DoubleVector y = DoubleVector.fromArray(SPECIES, bPacked, width * l + lanes);
            DoubleVector s0 = DoubleVector.broadcast(SPECIES, aPacked[sliver + 4 * l]);
            DoubleVector s1 = DoubleVector.broadcast(SPECIES, aPacked[sliver + 4 * l + 1]);
            DoubleVector s2 = DoubleVector.broadcast(SPECIES, aPacked[sliver + 4 * l + 2]);
            DoubleVector s3 = DoubleVector.broadcast(SPECIES, aPacked[sliver + 4 * l + 3]);
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
