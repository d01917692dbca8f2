package org.noisyflow.random;

import java.io.Serializable;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A seeded bijection on [0, n) that is evaluated at one argument at a time, with O(1) memory, so
 * that a permutation of millions of elements is never stored.
 *
 * <p>Construction: a balanced Feistel network on 2h-bit integers, where 4^h is the smallest power
 * of four of at least max(n, 4), restricted to [0, n) by cycle walking. A round maps the halves
 * (L, R) of its input to (R, L xor F(R xor k)), where F is the low h bits of the SplitMix64
 * finaliser and k is the round's 64-bit key. Every round is a bijection of [0, 4^h) whatever F
 * is, so the whole network is one as well. Cycle walking applies the network to i, then to the
 * result, until a value below n comes out. Following the network's cycle through i, the next
 * element below n is unique, which makes the result a bijection of [0, n). Because 4^h &lt; 4n
 * for n of at least 2, a walk takes fewer than four steps on average over i.
 */
public final class FeistelPermutation implements Serializable {
    /** Rounds of the network, each with its own key. */
    static final int ROUNDS = 6;

    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys;

    /**
     * Creates the permutation of [0, n) keyed by the next {@value #ROUNDS} longs of {@code keys}.
     *
     * @throws IllegalArgumentException if n is below 1 or above 2^62
     */
    public FeistelPermutation(long n, UniformRandomProvider keys) {
        if (n < 1 || n > (1L << 62)) {
            throw new IllegalArgumentException("permutation size must be in [1, 2^62], got " + n);
        }
        this.n = n;
        int bits = 64 - Long.numberOfLeadingZeros(n - 1);
        this.halfBits = Math.max(1, (bits + 1) / 2);
        this.halfMask = (1L << halfBits) - 1;
        this.keys = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            this.keys[r] = keys.nextLong();
        }
    }

    /** Returns the size n of the permuted set [0, n). */
    public long size() {
        return n;
    }

    /** Returns the image of {@code i}, a number in [0, n). */
    public long apply(long i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("argument " + i + " outside [0, " + n + ")");
        }
        long x = i;
        do {
            x = network(x);
        } while (x >= n);
        return x;
    }

    private long network(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (long key : keys) {
            long next = left ^ (StreamSeeds.mix(right ^ key) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
