package org.noisyflow.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Random streams for (sweep seed, point id, replicate) triples, and for the samples of the
 * sampling designs of a sweep file.
 *
 * <p>The three numbers are folded into one 64-bit stream seed with the SplitMix64 output
 * function (Steele, Lea and Flood, OOPSLA 2014), one mixing round per input. The stream itself
 * is Commons RNG's L64X128Mix, an LXM generator; Commons RNG expands the 64-bit seed to the
 * generator's state with SplitMix64, a conversion it documents as stable across releases.
 * A stream therefore depends only on the triple, never on which task or executor runs it.
 */
public final class StreamSeeds {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    /** Folded into the sweep seed of design streams only: the ASCII bytes of "designs". */
    private static final long DESIGN_DOMAIN = 0x64657369676e73L;

    private StreamSeeds() {
    }

    /** Returns the 64-bit seed of the stream for one (point, replicate) of a sweep. */
    public static long streamSeed(long sweepSeed, long pointId, int replicate) {
        long h = mix(sweepSeed + GOLDEN_GAMMA);
        h = mix(h ^ pointId);
        return mix(h ^ (replicate + 1L) * GOLDEN_GAMMA);
    }

    /**
     * Returns the 64-bit seed of the sampling design at position {@code group} of a sweep file's
     * {@code groups} list. A design draws its per-design values, such as permutation keys or a
     * Sobol shift, from this stream. The first fold differs from {@link #streamSeed}'s, so the
     * design streams are separate from the run streams of the same sweep.
     */
    public static long groupSeed(long sweepSeed, int group) {
        long h = mix(sweepSeed ^ DESIGN_DOMAIN);
        return mix(h ^ (group + 1L) * GOLDEN_GAMMA);
    }

    /**
     * Returns the 64-bit seed of the stream of sample {@code sample} of a design whose seed is
     * {@code groupSeed}. Distinct samples of one design get distinct seeds, because the fold is a
     * bijection for a fixed design seed.
     */
    public static long sampleSeed(long groupSeed, long sample) {
        return mix(groupSeed ^ (sample + 1L) * GOLDEN_GAMMA);
    }

    /** Creates the generator for a seed returned by {@link #streamSeed} or {@link #sampleSeed}. */
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
