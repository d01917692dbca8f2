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
}
