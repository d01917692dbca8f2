package org.noisyflow.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Random streams for (sweep seed, point id, replicate) triples.
 *
 * <p>The three numbers are folded into one 64-bit stream seed with the SplitMix64 output
 * function (Steele, Lea and Flood, OOPSLA 2014), one mixing round per input. The stream itself
 * is Commons RNG's L64X128Mix, an LXM generator; Commons RNG expands the 64-bit seed to the
 * generator's state with SplitMix64, a conversion it documents as stable across releases.
 * A stream therefore depends only on the triple, never on which task or executor runs it.
 */
public final class StreamSeeds {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private StreamSeeds() {
    }

    /** Returns the 64-bit seed of the stream for one (point, replicate) of a sweep. */
    public static long streamSeed(long sweepSeed, long pointId, int replicate) {
        long h = mix(sweepSeed + GOLDEN_GAMMA);
        h = mix(h ^ pointId);
        return mix(h ^ (replicate + 1L) * GOLDEN_GAMMA);
    }

    /** Creates the generator for a stream seed returned by {@link #streamSeed}. */
    public static UniformRandomProvider stream(long streamSeed) {
        return RandomSource.L64_X128_MIX.create(streamSeed);
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
