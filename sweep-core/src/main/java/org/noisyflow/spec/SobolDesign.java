package org.noisyflow.spec;

import java.util.List;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.noisyflow.random.StreamSeeds;

/**
 * Sobol points with a random digital shift: sample i is point i of the Sobol sequence of
 * Commons Math 3.6.1 ({@link SobolSequenceGenerator#skipTo}, point 0 at the origin, Joe and
 * Kuo's direction numbers), with the 52-bit binary fraction of each coordinate XORed with a
 * per-dimension 52-bit shift from the design's stream (root seed, group position).
 *
 * <p>The shift maps each dyadic interval [j/2^k, (j+1)/2^k) onto another one of the same length,
 * so it keeps the stratification of the unshifted points while making each point uniformly
 * distributed on the 2^-52 grid. For count = 2^k, each dimension has exactly one of the first 2^k
 * points in each interval [j/2^k, (j+1)/2^k), and the first two dimensions have one point in
 * every dyadic box [a/2^p, (a+1)/2^p) x [b/2^q, (b+1)/2^q) with p + q = k. For other counts these
 * balances hold only for the largest power of two below the count.
 */
public final class SobolDesign extends SampledDesign {
    /** The maximum number of dimensions for which Commons Math 3.6.1 ships direction numbers. */
    public static final int MAX_DIMENSION = 1000;
    private static final int BITS = 52;
    private static final double SCALE = 0x1p52;

    private final long[] shifts;
    private transient SobolSequenceGenerator generator;

    SobolDesign(long count, List<SampledParameter> sampled, long sweepSeed, int position) {
        super(count, sampled, sweepSeed, position);
        if (sampled.size() > MAX_DIMENSION || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a Sobol design has at most " + MAX_DIMENSION
                    + " parameters and 2^31 - 1 samples");
        }
        UniformRandomProvider stream = StreamSeeds.stream(groupSeed());
        shifts = new long[sampled.size()];
        for (int d = 0; d < shifts.length; d++) {
            shifts[d] = stream.nextLong() >>> (Long.SIZE - BITS);
        }
    }

    @Override
    public String kind() {
        return "sobol";
    }

    /** Returns whether the count is a power of two, the sizes at which Sobol points are balanced. */
    public boolean balanced() {
        return Long.bitCount(count()) == 1;
    }

    @Override
    public double[] unitPoint(long sample) {
        double[] point;
        synchronized (this) {
            // The generator keeps the last point it returned, so concurrent calls must not interleave.
            if (generator == null) {
                generator = new SobolSequenceGenerator(shifts.length);
            }
            point = generator.skipTo(Math.toIntExact(sample));
        }
        double[] unit = new double[point.length];
        for (int d = 0; d < unit.length; d++) {
            long fraction = (long) (point[d] * SCALE);
            unit[d] = (fraction ^ shifts[d]) / SCALE;
        }
        return unit;
    }
}
