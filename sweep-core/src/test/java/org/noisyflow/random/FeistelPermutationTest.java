package org.noisyflow.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class FeistelPermutationTest {

    static FeistelPermutation permutation(long n, long seed) {
        return new FeistelPermutation(n, StreamSeeds.stream(seed));
    }

    /** Every size class: below, at and above powers of four, and the n = 1 edge. */
    @Test
    void permutationIsBijection() {
        for (long n : new long[] {1, 2, 3, 4, 5, 15, 16, 17, 100, 1000, 4096, 4097, 65_537, 300_000}) {
            FeistelPermutation p = permutation(n, 7 + n);
            BitSet seen = new BitSet((int) n);
            for (long i = 0; i < n; i++) {
                long image = p.apply(i);
                assertTrue(image >= 0, "image " + image + " of " + i + " is negative");
                assertTrue(image < n, "image " + image + " of " + i + " is not below n = " + n);
                assertTrue(!seen.get((int) image), "image " + image + " repeats for n = " + n);
                seen.set((int) image);
            }
            assertEquals(n, seen.cardinality(), "n = " + n);
        }
    }

    @Test
    void keysDecideThePermutation() {
        FeistelPermutation a = permutation(1000, 1);
        FeistelPermutation same = permutation(1000, 1);
        FeistelPermutation other = permutation(1000, 2);
        int differences = 0;
        int fixedPoints = 0;
        for (long i = 0; i < 1000; i++) {
            assertEquals(a.apply(i), same.apply(i));
            differences += a.apply(i) != other.apply(i) ? 1 : 0;
            fixedPoints += a.apply(i) == i ? 1 : 0;
        }
        // A random permutation of 1000 has about one fixed point, and two agree at about one place.
        assertTrue(differences > 990, differences + " of 1000 images differ between keys");
        assertTrue(fixedPoints < 10, fixedPoints + " fixed points");
    }

    @Test
    void argumentOutsideDomainRejected() {
        FeistelPermutation p = permutation(10, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> p.apply(10));
        assertThrows(IndexOutOfBoundsException.class, () -> p.apply(-1));
        assertThrows(IllegalArgumentException.class, () -> permutation(0, 3));
        assertEquals(10, p.size());
    }
}
