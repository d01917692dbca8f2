package org.noisyflow.sphere;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.noisyflow.simd.VectorFunctions;

/**
 * Pair sums with the JDK Vector API, each pair i &lt; j visited once.
 *
 * <p>The positions are copied into a transposed d&times;m array (m = n rounded up to whole
 * vectors, the extra columns zero), so that one vector contains one coordinate of several partners
 * j. Rows pass over a range of partners four at a time, sharing each load, in three passes:
 * <ol>
 *   <li>the dot products t_ij, two vectors of partners per row, eight independent chains of
 *       fused multiply-adds;</li>
 *   <li>the couplings c(t_ij): e^{gamma t} from {@link VectorFunctions#exp} for the transformer
 *       kernel, vector sines for Onsager's and the opinion kernel, the kernel's scalar method
 *       otherwise;</li>
 *   <li>the accumulation: row i gains &Sigma;_j c_ij x_j and every partner j gains c_ij x_i,
 *       the latter into a transposed accumulator.</li>
 * </ol>
 * Only operations that give the same bits on every JVM are used, with the fixed species and
 * the ordered lane sums of {@link VectorFunctions}, so a point's result does not depend on the
 * executor that runs it.
 *
 * Partners are taken in column blocks of at most {@link #BLOCK_DOUBLES} doubles of positions,
 * and every row i meets a block before the next block starts, so a block of positions and of
 * accumulators stays in the L2 cache while all rows pass over it.
 *
 * <p>Padding columns hold zero positions: their dot product is 0 and whatever coupling c(0) they
 * get multiplies zero coordinates, so they add nothing to row i; what they add to their own
 * accumulator columns is never read. Partners j &le; i in a vector that straddles the diagonal get
 * coupling 0 through a lane mask.
 */
final class VectorPairSum implements PairSum {

    private static final VectorSpecies<Double> SPECIES = VectorFunctions.SPECIES;
    private static final int LANES = VectorFunctions.LANES;

    /** The evaluation of a row's couplings c(t). */
    private enum Coupling {
        /** c = e^{rate t}, with {@link VectorFunctions#exp}. */
        EXPONENTIAL,
        /** Onsager's c = t / sin(theta), with the sine from the chord near the axis. */
        ONSAGER,
        /** The opinion kernel's c = (R - theta)_+ / sin(theta): vector sines, scalar angles. */
        OPINION,
        /** The kernel's own scalar method. */
        SCALAR
    }

    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);

    /** Rows i that pass over a block together, sharing the loads of partner positions. */
    private static final int ROWS = 4;

    /**
     * Doubles of positions per partner block, d times the block's width: 16384 doubles are
     * 128 KiB, and with the transposed accumulator of the same size the pair fits a 512 KiB or
     * larger L2 cache.
     */
    static final int BLOCK_DOUBLES = 16384;

    private final int n;
    private final int d;
    private final int m;
    private final int block;
    private final ZonalKernel kernel;
    private final Coupling coupling;
    private final double rate;
    private final double cosRadius;
    private final double[] xt;
    private final double[] accT;
    private final double[] tangentialT;
    private final double[] acc;
    private final double[] tangential;
    private final double[] dots;
    private final double[] couplings;

    VectorPairSum(int n, int d, ZonalKernel kernel) {
        this.n = n;
        this.d = d;
        this.m = (n + LANES - 1) / LANES * LANES;
        int width = Math.max(4 * LANES, BLOCK_DOUBLES / d / LANES * LANES);
        this.block = Math.min(width, m);
        this.kernel = kernel;
        this.rate = kernel.exponentialRate();
        if (!Double.isNaN(rate)) {
            this.coupling = Coupling.EXPONENTIAL;
        } else if (kernel instanceof ZonalKernel.Onsager) {
            this.coupling = Coupling.ONSAGER;
        } else if (kernel instanceof ZonalKernel.Opinion) {
            this.coupling = Coupling.OPINION;
        } else {
            this.coupling = Coupling.SCALAR;
        }
        this.cosRadius = kernel instanceof ZonalKernel.Opinion opinion ? Math.cos(opinion.radius()) : Double.NaN;
        this.xt = new double[d * m];
        this.accT = new double[d * m];
        this.tangentialT = new double[m];
        this.acc = new double[n * d];
        this.tangential = new double[n];
        this.dots = new double[ROWS * m];
        this.couplings = new double[ROWS * m];
    }

    @Override
    public void drift(double[] x, double[] out) {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                xt[k * m + i] = x[i * d + k];
            }
        }
        Arrays.fill(accT, 0.0);
        Arrays.fill(tangentialT, 0.0);
        Arrays.fill(acc, 0.0);
        Arrays.fill(tangential, 0.0);

        for (int j0 = 0; j0 < m; j0 += block) {
            int j1 = Math.min(m, j0 + block);
            int lastRow = Math.min(n, j1) - 1;
            int i = 0;
            for (; i + ROWS <= lastRow; i += ROWS) {
                int from = Math.max(i + 1, j0);
                // j0 and LANES are multiples of LANES, so this start is aligned to the block.
                rows(x, i, from - (from - j0) % LANES, j1);
            }
            for (; i < lastRow; i++) {
                int from = Math.max(i + 1, j0);
                rows(x, i, 1, from - (from - j0) % LANES, j1);
            }
        }

        double invN = 1.0 / n;
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            double t = tangential[i] + tangentialT[i];
            for (int k = 0; k < d; k++) {
                out[oi + k] = invN * (acc[oi + k] + accT[k * m + i] - t * x[oi + k]);
            }
        }
    }

    /**
     * Adds the pairs (i, j) with j &gt; i and j in [start, end) for the rows i in
     * [i0, i0 + count). The range [start, end) is a whole number of vectors.
     */
    private void rows(double[] x, int i0, int count, int start, int end) {
        for (int r = 0; r < count; r++) {
            int i = i0 + r;
            dotProducts(x, i * d, r * m, start, end);
            couplings(x, i, r * m, start, end);
        }
        tangentialParts(i0, count, start, end);
        for (int r = 0; r < count; r++) {
            accumulate(x, i0 + r, r * m, start, end);
        }
    }

    /** {@link #rows(double[], int, int, int, int)} for ROWS rows, sharing loads across them. */
    private void rows(double[] x, int i0, int start, int end) {
        dotProducts4(x, i0, start, end);
        for (int r = 0; r < ROWS; r++) {
            couplings(x, i0 + r, r * m, start, end);
        }
        tangentialParts(i0, ROWS, start, end);
        accumulate4(x, i0, start, end);
    }

    private void dotProducts(double[] x, int oi, int out, int start, int end) {
        int j = start;
        for (; j + 4 * LANES <= end; j += 4 * LANES) {
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int k = 0, col = j; k < d; k++, col += m) {
                DoubleVector xik = DoubleVector.broadcast(SPECIES, x[oi + k]);
                s0 = DoubleVector.fromArray(SPECIES, xt, col).fma(xik, s0);
                s1 = DoubleVector.fromArray(SPECIES, xt, col + LANES).fma(xik, s1);
                s2 = DoubleVector.fromArray(SPECIES, xt, col + 2 * LANES).fma(xik, s2);
                s3 = DoubleVector.fromArray(SPECIES, xt, col + 3 * LANES).fma(xik, s3);
            }
            s0.intoArray(dots, out + j);
            s1.intoArray(dots, out + j + LANES);
            s2.intoArray(dots, out + j + 2 * LANES);
            s3.intoArray(dots, out + j + 3 * LANES);
        }
        for (; j < end; j += LANES) {
            DoubleVector s = DoubleVector.zero(SPECIES);
            for (int k = 0, col = j; k < d; k++, col += m) {
                s = DoubleVector.fromArray(SPECIES, xt, col).fma(DoubleVector.broadcast(SPECIES, x[oi + k]), s);
            }
            s.intoArray(dots, out + j);
        }
    }

    /** Dot products of rows i0..i0+3 with two vectors of partners at a time: eight chains. */
    private void dotProducts4(double[] x, int i0, int start, int end) {
        int o0 = i0 * d;
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        int j = start;
        for (; j + 2 * LANES <= end; j += 2 * LANES) {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            DoubleVector b0 = a0;
            DoubleVector b1 = a0;
            DoubleVector b2 = a0;
            DoubleVector b3 = a0;
            for (int k = 0, col = j; k < d; k++, col += m) {
                DoubleVector xa = DoubleVector.fromArray(SPECIES, xt, col);
                DoubleVector xb = DoubleVector.fromArray(SPECIES, xt, col + LANES);
                DoubleVector y0 = DoubleVector.broadcast(SPECIES, x[o0 + k]);
                DoubleVector y1 = DoubleVector.broadcast(SPECIES, x[o1 + k]);
                DoubleVector y2 = DoubleVector.broadcast(SPECIES, x[o2 + k]);
                DoubleVector y3 = DoubleVector.broadcast(SPECIES, x[o3 + k]);
                a0 = xa.fma(y0, a0);
                a1 = xa.fma(y1, a1);
                a2 = xa.fma(y2, a2);
                a3 = xa.fma(y3, a3);
                b0 = xb.fma(y0, b0);
                b1 = xb.fma(y1, b1);
                b2 = xb.fma(y2, b2);
                b3 = xb.fma(y3, b3);
            }
            a0.intoArray(dots, j);
            a1.intoArray(dots, m + j);
            a2.intoArray(dots, 2 * m + j);
            a3.intoArray(dots, 3 * m + j);
            b0.intoArray(dots, j + LANES);
            b1.intoArray(dots, m + j + LANES);
            b2.intoArray(dots, 2 * m + j + LANES);
            b3.intoArray(dots, 3 * m + j + LANES);
        }
        if (j < end) {
            for (int r = 0; r < ROWS; r++) {
                dotProducts(x, o0 + r * d, r * m, j, end);
            }
        }
    }

    /**
     * Writes c(t_ij) for row i into couplings[out + j], j in [start, end). The partners j &le; i
     * that share a vector with the first partner get 0.
     */
    private void couplings(double[] x, int i, int out, int start, int end) {
        switch (coupling) {
            case EXPONENTIAL -> VectorFunctions.exp(dots, couplings, out + start, out + end, rate);
            case ONSAGER, OPINION -> sineCouplings(x, i * d, out, start, end);
            case SCALAR -> {
                System.arraycopy(dots, out + start, couplings, out + start, end - start);
                kernel.couplings(couplings, out + start, out + end);
                if (kernel.needsSine()) {
                    refineNearAxis(x, i, out, Math.max(start, i + 1), Math.min(end, n));
                }
            }
        }
        for (int j = start; j <= i && j < end; j++) {
            couplings[out + j] = 0.0;
        }
    }

    /**
     * Computes the couplings of the kernels that divide by sin(theta), lane by lane as
     * {@link ZonalKernel#couplingFromSine}: the sine is sqrt((1 - t)(1 + t)), or, in the vectors
     * holding a pair with |t| above {@link ChordSine#NEAR_AXIS}, the chord formula of
     * {@link ChordSine} for those lanes; pairs with a sine below 1e-12 get 0.
     */
    private void sineCouplings(double[] x, int oi, int out, int start, int end) {
        for (int j = start; j < end; j += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, dots, out + j);
            DoubleVector sine = ONE.sub(t).mul(ONE.add(t)).max(0.0).sqrt();
            VectorMask<Double> near = t.abs().compare(VectorOperators.GT, ChordSine.NEAR_AXIS);
            if (near.anyTrue()) {
                DoubleVector sign = ONE.blend(-1.0, t.compare(VectorOperators.LT, 0.0));
                DoubleVector chord2 = DoubleVector.zero(SPECIES);
                for (int k = 0, col = j; k < d; k++, col += m) {
                    DoubleVector diff = DoubleVector.broadcast(SPECIES, x[oi + k])
                            .sub(DoubleVector.fromArray(SPECIES, xt, col).mul(sign));
                    chord2 = diff.fma(diff, chord2);
                }
                DoubleVector chordSine = chord2.mul(chord2.neg().add(4.0)).max(0.0).sqrt().mul(0.5);
                sine = sine.blend(chordSine, near);
            }
            if (coupling == Coupling.ONSAGER) {
                t.div(sine).blend(0.0, sine.compare(VectorOperators.LT, ZonalKernel.SineKernel.MIN_SINE))
                        .intoArray(couplings, out + j);
            } else {
                sine.intoArray(couplings, out + j);
            }
        }
        if (coupling == Coupling.OPINION) {
            // The angle needs atan2, which the Vector API computes differently in compiled and
            // interpreted code; Math.atan2 is the same everywhere. Pairs at t <= cos R lie outside
            // the support (theta >= R) and get 0 without it.
            for (int j = start; j < end; j++) {
                double t = dots[out + j];
                couplings[out + j] = t <= cosRadius ? 0.0 : kernel.couplingFromSine(t, couplings[out + j]);
            }
        }
    }

    /** Takes the sines of near-parallel pairs of row i from chords; see {@link ChordSine}. */
    private void refineNearAxis(double[] x, int i, int out, int from, int to) {
        int oi = i * d;
        for (int j = from; j < to; j++) {
            double t = dots[out + j];
            if (Math.abs(t) <= ChordSine.NEAR_AXIS) {
                continue;
            }
            couplings[out + j] = kernel.couplingFromSine(t, ChordSine.sine(x, d, oi, j * d, t));
        }
    }

    /** Adds c_ij t_ij to the tangential sums of rows i0.. and of their partners. */
    private void tangentialParts(int i0, int count, int start, int end) {
        for (int r = 0; r < count; r++) {
            int out = r * m;
            DoubleVector ti = DoubleVector.zero(SPECIES);
            for (int j = start; j < end; j += LANES) {
                DoubleVector ct = DoubleVector.fromArray(SPECIES, couplings, out + j)
                        .mul(DoubleVector.fromArray(SPECIES, dots, out + j));
                ti = ti.add(ct);
                ct.add(DoubleVector.fromArray(SPECIES, tangentialT, j)).intoArray(tangentialT, j);
            }
            tangential[i0 + r] += VectorFunctions.sum(ti);
        }
    }

    /** Row i gains &Sigma;_j c_ij x_j; each partner j gains c_ij x_i in the transposed sum. */
    private void accumulate(double[] x, int i, int out, int start, int end) {
        int oi = i * d;
        for (int k = 0, col = 0; k < d; k++, col += m) {
            DoubleVector xik = DoubleVector.broadcast(SPECIES, x[oi + k]);
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            int j = start;
            for (; j + 2 * LANES <= end; j += 2 * LANES) {
                DoubleVector c0 = DoubleVector.fromArray(SPECIES, couplings, out + j);
                DoubleVector c1 = DoubleVector.fromArray(SPECIES, couplings, out + j + LANES);
                a0 = c0.fma(DoubleVector.fromArray(SPECIES, xt, col + j), a0);
                a1 = c1.fma(DoubleVector.fromArray(SPECIES, xt, col + j + LANES), a1);
                c0.fma(xik, DoubleVector.fromArray(SPECIES, accT, col + j)).intoArray(accT, col + j);
                c1.fma(xik, DoubleVector.fromArray(SPECIES, accT, col + j + LANES))
                        .intoArray(accT, col + j + LANES);
            }
            for (; j < end; j += LANES) {
                DoubleVector c = DoubleVector.fromArray(SPECIES, couplings, out + j);
                a0 = c.fma(DoubleVector.fromArray(SPECIES, xt, col + j), a0);
                c.fma(xik, DoubleVector.fromArray(SPECIES, accT, col + j)).intoArray(accT, col + j);
            }
            acc[oi + k] += VectorFunctions.sum(a0.add(a1));
        }
    }

    /** {@link #accumulate} for rows i0..i0+3: one load and store of accT serve four rows. */
    private void accumulate4(double[] x, int i0, int start, int end) {
        int o0 = i0 * d;
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        for (int k = 0, col = 0; k < d; k++, col += m) {
            DoubleVector y0 = DoubleVector.broadcast(SPECIES, x[o0 + k]);
            DoubleVector y1 = DoubleVector.broadcast(SPECIES, x[o1 + k]);
            DoubleVector y2 = DoubleVector.broadcast(SPECIES, x[o2 + k]);
            DoubleVector y3 = DoubleVector.broadcast(SPECIES, x[o3 + k]);
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int j = start; j < end; j += LANES) {
                DoubleVector c0 = DoubleVector.fromArray(SPECIES, couplings, j);
                DoubleVector c1 = DoubleVector.fromArray(SPECIES, couplings, m + j);
                DoubleVector c2 = DoubleVector.fromArray(SPECIES, couplings, 2 * m + j);
                DoubleVector c3 = DoubleVector.fromArray(SPECIES, couplings, 3 * m + j);
                DoubleVector xj = DoubleVector.fromArray(SPECIES, xt, col + j);
                a0 = c0.fma(xj, a0);
                a1 = c1.fma(xj, a1);
                a2 = c2.fma(xj, a2);
                a3 = c3.fma(xj, a3);
                DoubleVector sum = DoubleVector.fromArray(SPECIES, accT, col + j);
                sum = c0.fma(y0, sum);
                sum = c1.fma(y1, sum);
                sum = c2.fma(y2, sum);
                sum = c3.fma(y3, sum);
                sum.intoArray(accT, col + j);
            }
            acc[o0 + k] += VectorFunctions.sum(a0);
            acc[o1 + k] += VectorFunctions.sum(a1);
            acc[o2 + k] += VectorFunctions.sum(a2);
            acc[o3 + k] += VectorFunctions.sum(a3);
        }
    }
}
