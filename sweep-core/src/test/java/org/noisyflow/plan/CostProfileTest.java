package org.noisyflow.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostProfileTest {

    private static double cost(CostProfile profile, SweepPlan.Range r) {
        return profile.before(r.to()) - profile.before(r.from());
    }

    private static void assertCovers(List<SweepPlan.Range> ranges, long from, long to) {
        long next = from;
        for (SweepPlan.Range r : ranges) {
            assertEquals(next, r.from());
            assertTrue(r.to() > r.from(), "empty range " + r);
            next = r.to();
        }
        assertEquals(to, next);
    }

    /** Cost i + 1 over 1000 points: each of 4 ranges contains a quarter of 500500 within one point's cost. */
    @Test
    void growingCostSplitsEvenly() {
        CostProfile profile = CostProfile.sample(1000, i -> i + 1);
        assertEquals(500500.0, profile.total(), 1e-9);
        List<SweepPlan.Range> ranges = profile.split(0, 1000, 4);
        assertCovers(ranges, 0, 1000);
        assertEquals(4, ranges.size());
        for (SweepPlan.Range r : ranges) {
            assertEquals(500500.0 / 4, cost(profile, r), 1001.0, r.toString());
        }
        // The cheap first quarter of the cost spans many more points than the last.
        assertTrue(ranges.get(0).size() > 3 * ranges.get(3).size());
    }

    /** One point 10^6 times as costly as the rest gets a range of its own. */
    @Test
    void expensivePointStandsAlone() {
        CostProfile profile = CostProfile.sample(1000, i -> i == 500 ? 1e6 : 1.0);
        List<SweepPlan.Range> ranges = profile.split(0, 1000, 4);
        assertCovers(ranges, 0, 1000);
        assertTrue(ranges.contains(new SweepPlan.Range(500, 501)), ranges.toString());
    }

    /**
     * Ten million points sampled at 10,000: the cost 1 + i/10^7 integrates to 1.5 x 10^7, and
     * piecewise-constant segments of 1000 points err by at most 1000/10^7 relative.
     */
    @Test
    void largeSweepIsSampled() {
        long count = 10_000_000L;
        long[] calls = new long[1];
        CostProfile profile = CostProfile.sample(count, i -> {
            calls[0]++;
            return 1.0 + i / 1e7;
        });
        assertEquals(CostProfile.SAMPLES, calls[0]);
        assertEquals(1.5e7, profile.total(), 1.5e7 * 1e-4);
        assertCovers(profile.split(0, count, 64), 0, count);
    }

    /** Missing gaps get ranges in proportion to their cost. */
    @Test
    void missingGapsAreBalancedByCost() {
        CostProfile profile = CostProfile.sample(100, i -> i < 50 ? 1.0 : 9.0);
        List<SweepPlan.Range> ranges = SweepPlan.splitMissing(100, List.of(new SweepPlan.Range(40, 60)), 10, profile);
        long cheap = ranges.stream().filter(r -> r.to() <= 40).count();
        long costly = ranges.stream().filter(r -> r.from() >= 60).count();
        // The gap [0, 40) costs 40 and [60, 100) costs 360 of 400.
        assertEquals(1, cheap);
        assertEquals(9, costly);
    }
}
