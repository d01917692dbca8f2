package org.noisyflow.spec;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.noisyflow.random.StreamSeeds;

/**
 * Independent uniform samples: the coordinates of sample i are the first doubles of the stream
 * seeded by (root seed, group position, i), in the order of the parameters.
 */
public final class RandomDesign extends SampledDesign {

    RandomDesign(long count, List<SampledParameter> sampled, long sweepSeed, int position) {
        super(count, sampled, sweepSeed, position);
    }

    @Override
    public String kind() {
        return "random";
    }

    @Override
    public double[] unitPoint(long sample) {
        UniformRandomProvider stream = StreamSeeds.stream(StreamSeeds.sampleSeed(groupSeed(), sample));
        double[] unit = new double[sampled().size()];
        for (int d = 0; d < unit.length; d++) {
            unit[d] = stream.nextDouble();
        }
        return unit;
    }
}
