package org.noisyflow.spec;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.noisyflow.random.FeistelPermutation;
import org.noisyflow.random.StreamSeeds;

/**
 * A Latin hypercube of n = {@code count} samples: in every dimension, each of the n strata
 * [k/n, (k+1)/n) contains exactly one sample.
 *
 * <p>Dimension d has its own seeded bijection p_d of [0, n), a {@link FeistelPermutation} keyed
 * from the design's stream (root seed, group position). Sample i lies in stratum p_d(i) of
 * dimension d, at the coordinate (p_d(i) + v) / n. The jitter v comes from the sample's stream
 * (root seed, group position, i), so a sample is computed without the others. It is a multiple
 * of 2^-24 plus 2^-25, so p_d(i) + v is exact in a double for n up to 2^28, and the coordinate,
 * rounded once, lies strictly inside its stratum.
 */
public final class LatinHypercube extends SampledDesign {
    /** Largest count for which the coordinates stay strictly inside their strata. */
    static final long MAX_COUNT = 1L << 28;
    private static final double JITTER_STEP = 0x1p-24;

    private final FeistelPermutation[] strata;

    LatinHypercube(long count, List<SampledParameter> sampled, long sweepSeed, int position) {
        super(count, sampled, sweepSeed, position);
        if (count > MAX_COUNT) {
            throw new IllegalArgumentException("a Latin hypercube has at most 2^28 samples, got " + count);
        }
        UniformRandomProvider keys = StreamSeeds.stream(groupSeed());
        strata = new FeistelPermutation[sampled.size()];
        for (int d = 0; d < strata.length; d++) {
            strata[d] = new FeistelPermutation(count, keys);
        }
    }

    @Override
    public String kind() {
        return "lhs";
    }

    /** Returns the stratum of sample {@code sample} in dimension {@code dimension}. */
    public long stratum(long sample, int dimension) {
        return strata[dimension].apply(sample);
    }

    @Override
    public double[] unitPoint(long sample) {
        UniformRandomProvider stream = StreamSeeds.stream(StreamSeeds.sampleSeed(groupSeed(), sample));
        double[] unit = new double[strata.length];
        for (int d = 0; d < unit.length; d++) {
            double jitter = ((stream.nextLong() >>> 40) + 0.5) * JITTER_STEP;
            unit[d] = (strata[d].apply(sample) + jitter) / count();
        }
        return unit;
    }
}
