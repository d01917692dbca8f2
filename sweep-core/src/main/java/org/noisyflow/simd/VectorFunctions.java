package org.noisyflow.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API building blocks whose results do not depend on the JVM's state or the machine.
 *
 * <p>The solvers' results must be the same bits on every executor. The Vector API's
 * transcendental functions (EXP, TANH, ATAN2, ...) break that: compiled code calls a native
 * library and the interpreter a Java fallback, and the two round differently. The lane count of
 * the preferred species breaks it too, because it depends on the CPU and sets the order of every
 * sum. So the solvers use one fixed species of four doubles, the operations that IEEE 754 rounds
 * exactly (add, multiply, fused multiply-add, divide, square root, comparisons, bit moves), the
 * polynomial functions below, and {@link #sum}, which adds lanes in a fixed order.
 *
 * <p>Load this class only when {@link ArrayMath#VECTOR_API} is true.
 */
public final class VectorFunctions {

    /** The species of every vector computation in the solvers: four doubles, 256 bits. */
    public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

    /** Lanes of {@link #SPECIES}. */
    public static final int LANES = SPECIES.length();

    /**
     * The widest species of this CPU, for operations that treat every lane alone, such as matrix
     * products that sum each lane in a fixed order: their results do not depend on the lane
     * count. (The functions here stay at {@link #SPECIES}: with 512-bit vectors the JDK 17 JIT
     * was seen to box some of their operations, which made them ten times slower.)
     */
    public static final VectorSpecies<Double> WIDE = DoubleVector.SPECIES_PREFERRED;

    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 split so that k * LN2_HIGH is exact for |k| &lt; 2^20. */
    private static final double LN2_HIGH = 6.93147180369123816490e-01;
    private static final double LN2_LOW = 1.90821492927058770002e-10;
    /** 1.5 * 2^52: adding and subtracting it rounds a double below 2^51 to the nearest integer. */
    private static final double ROUND = 6755399441055744.0;
    private static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    /** C_n = 1/n!, the Taylor coefficients of e^r. */
    private static final double C2 = 0.5;
    private static final double C3 = 1.0 / 6.0;
    private static final double C4 = 1.0 / 24.0;
    private static final double C5 = 1.0 / 120.0;
    private static final double C6 = 1.0 / 720.0;
    private static final double C7 = 1.0 / 5040.0;
    private static final double C8 = 1.0 / 40320.0;
    private static final double C9 = 1.0 / 362880.0;
    private static final double C10 = 1.0 / 3628800.0;
    private static final double C11 = 1.0 / 39916800.0;
    private static final double C12 = 1.0 / 479001600.0;
    private static final double C13 = 1.0 / 6227020800.0;

    private VectorFunctions() {
    }

    /**
     * Writes e^{scale src[i]} into dst[i] for i in [from, to), a whole number of vectors, within
     * 1 ulp of the exact value for normal results (the tests measure the distance to
     * StrictMath.exp). Arguments below -745 give 0, above 709.8 infinity, and NaN stays NaN.
     *
     * <p>With k = round(x / ln 2) and r = x - k ln 2, |r| &le; ln 2 / 2, e^x = 2^k (1 + q(r))
     * where q(r) = e^r - 1 is its Taylor series to r^13; the first omitted term is below
     * 0.35^14/14! &lt; 5e-18. 2^k is applied as two powers of two, so subnormal results round
     * once. The loop bodies here call no helper, not even for the polynomial that exp and tanh
     * share: a Vector API value that crosses a call the JIT does not inline is boxed, which costs
     * ten times the arithmetic, and a helper for the polynomial was seen left out of line.
     */
    public static void exp(double[] src, double[] dst, int from, int to, double scale) {
        checkWhole(from, to, LANES);
        for (int i = from; i < to; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, src, i).mul(scale);
            if (x.abs().compare(VectorOperators.GT, 708.0).anyTrue()) {
                // Only arguments this large need the clamp, which costs a third of the loop.
                x = x.max(-746.0).min(710.0);
            }
            DoubleVector shifted = x.fma(DoubleVector.broadcast(SPECIES, LOG2_E), DoubleVector.broadcast(SPECIES, ROUND));
            DoubleVector k = shifted.sub(ROUND);
            DoubleVector r = k.mul(-LN2_HIGH).add(x).sub(k.mul(LN2_LOW));
            DoubleVector s = r.fma(DoubleVector.broadcast(SPECIES, C13), DoubleVector.broadcast(SPECIES, C12));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C11));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C10));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C9));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C8));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C7));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C6));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C5));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C4));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C3));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C2));
            DoubleVector q = r.mul(r).fma(s, r);
            // The low bits of the shifted value hold k as an integer.
            LongVector whole = shifted.reinterpretAsLongs().sub(ROUND_BITS);
            LongVector low = whole.lanewise(VectorOperators.ASHR, 1);
            DoubleVector lowPower = low.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector highPower = whole.sub(low).add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            q.add(1.0).mul(lowPower).mul(highPower).intoArray(dst, i);
        }
    }

    /**
     * Replaces values[i] by tanh(values[i]) for i in [from, to), a whole number of vectors, as
     * E / (E + 2) with E = e^{2|x|} - 1 and the sign of x, within 3 ulps of StrictMath.tanh (the
     * tests measure it). E comes from the reduced Taylor series without adding 1, so small |x|
     * keeps its relative accuracy; |x| &gt; 20 gives &plusmn;1, as in double precision.
     */
    public static void tanh(double[] values, int from, int to) {
        checkWhole(from, to, SPECIES.length());
        DoubleVector two = DoubleVector.broadcast(SPECIES, 2.0);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector largest = DoubleVector.broadcast(SPECIES, 40.0);
        for (int i = from; i < to; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, values, i);
            DoubleVector u = x.abs().mul(two).min(largest);
            DoubleVector shifted = u.fma(DoubleVector.broadcast(SPECIES, LOG2_E), DoubleVector.broadcast(SPECIES, ROUND));
            DoubleVector k = shifted.sub(DoubleVector.broadcast(SPECIES, ROUND));
            DoubleVector r = k.mul(DoubleVector.broadcast(SPECIES, -LN2_HIGH)).add(u).sub(k.mul(DoubleVector.broadcast(SPECIES, LN2_LOW)));
            DoubleVector s = r.fma(DoubleVector.broadcast(SPECIES, C13), DoubleVector.broadcast(SPECIES, C12));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C11));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C10));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C9));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C8));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C7));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C6));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C5));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C4));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C3));
            s = s.fma(r, DoubleVector.broadcast(SPECIES, C2));
            DoubleVector q = r.mul(r).fma(s, r);
            // e^u - 1 = 2^k (1 + q) - 1 = 2^k q + (2^k - 1); both terms are exact for k <= 52.
            DoubleVector power = shifted.reinterpretAsLongs().sub(ROUND_BITS).add(1023L)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector e = q.mul(power).add(power.sub(one));
            DoubleVector t = e.div(e.add(two));
            t.blend(t.neg(), x.compare(VectorOperators.LT, zero)).blend(x, x.compare(VectorOperators.NE, x))
                    .intoArray(values, i);
        }
    }

    private static void checkWhole(int from, int to, int lanes) {
        if ((to - from) % lanes != 0) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is not a whole number of "
                    + lanes + "-lane vectors");
        }
    }

    /** Returns the sum of the lanes of v, added in lane order. */
    public static double sum(DoubleVector v) {
        return ((v.lane(0) + v.lane(1)) + v.lane(2)) + v.lane(3);
    }
}
