package org.noisyflow.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

    @Test
    void rangesCoverEveryIndexOnce() {
        for (long points : new long[] {1, 7, 8, 9, 1000}) {
            for (int partitions : new int[] {1, 3, 8, 2000}) {
                List<SweepPlan.Range> ranges = SweepPlan.split(points, partitions);
                assertEquals(Math.min(points, partitions), ranges.size());
                long next = 0;
                long smallest = Long.MAX_VALUE;
                long largest = 0;
                for (SweepPlan.Range r : ranges) {
                    assertEquals(next, r.from());
                    assertTrue(r.size() >= 1);
                    smallest = Math.min(smallest, r.size());
                    largest = Math.max(largest, r.size());
                    next = r.to();
                }
                assertEquals(points, next);
                assertTrue(largest - smallest <= 1, points + " points in " + partitions);
            }
        }
    }

    @Test
    void invalidArgumentsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.split(10, 0));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.split(-1, 4));
    }

    /** The missing ranges and the done ones together cover [0, n) exactly once. */
    @Test
    void missingRangesFillTheGaps() {
        List<SweepPlan.Range> done = List.of(new SweepPlan.Range(40, 60), new SweepPlan.Range(0, 10),
                new SweepPlan.Range(60, 70));
        List<SweepPlan.Range> missing = SweepPlan.splitMissing(100, done, 8);
        boolean[] covered = new boolean[100];
        for (List<SweepPlan.Range> ranges : List.of(done, missing)) {
            for (SweepPlan.Range r : ranges) {
                for (long i = r.from(); i < r.to(); i++) {
                    assertTrue(!covered[(int) i], "index " + i + " twice");
                    covered[(int) i] = true;
                }
            }
        }
        for (int i = 0; i < 100; i++) {
            assertTrue(covered[i], "index " + i + " missing");
        }
        // The gaps hold 30 and 30 points, so each gets about half of the 8 ranges.
        assertEquals(8, missing.size());
    }

    @Test
    void nothingMissingGivesNoRanges() {
        assertEquals(List.of(), SweepPlan.splitMissing(5, List.of(new SweepPlan.Range(0, 5)), 4));
    }

    @Test
    void overlappingDoneRangesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.splitMissing(10,
                List.of(new SweepPlan.Range(0, 6), new SweepPlan.Range(5, 10)), 2));
    }
}
