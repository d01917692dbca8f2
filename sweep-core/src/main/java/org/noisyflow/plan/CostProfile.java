package org.noisyflow.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * The estimated cumulative cost of a sweep's points along their index, from the solver's
 * relative cost at up to {@value #SAMPLES} evenly spaced points: each sampled point stands for
 * the points up to the next sample. The driver decodes only the samples, so a profile of
 * 10,000,000 points costs as much as one of 10,000.
 */
public final class CostProfile {
    static final int SAMPLES = 10_000;

    private final long count;
    /** Sample positions, increasing from 0; the last segment ends at count. */
    private final long[] at;
    /** Cumulative cost at each sample position, and the total at the end. */
    private final double[] cumulative;
    private final double[] sampled;

    private CostProfile(long count, long[] at, double[] cumulative, double[] sampled) {
        this.count = count;
        this.at = at;
        this.cumulative = cumulative;
        this.sampled = sampled;
    }

    /**
     * Samples the cost of the points [0, count).
     *
     * @param costAt the relative cost of the point with a given index; non-finite or negative
     *     values count as 1
     */
    public static CostProfile sample(long count, LongToDoubleFunction costAt) {
        int samples = (int) Math.max(1, Math.min(SAMPLES, count));
        long[] at = new long[samples];
        double[] cumulative = new double[samples + 1];
        double[] sampled = new double[samples];
        for (int s = 0; s < samples; s++) {
            at[s] = count == 0 ? 0 : Math.floorDiv(s * count, samples);
        }
        for (int s = 0; s < samples; s++) {
            double cost = count == 0 ? 0.0 : costAt.applyAsDouble(at[s]);
            sampled[s] = Double.isFinite(cost) && cost >= 0 ? cost : 1.0;
            long end = s + 1 < samples ? at[s + 1] : count;
            cumulative[s + 1] = cumulative[s] + sampled[s] * (end - at[s]);
        }
        return new CostProfile(count, at, cumulative, sampled);
    }

    /** Returns the estimated total cost. */
    public double total() {
        return cumulative[cumulative.length - 1];
    }

    /** Returns the sampled costs per point, for statistics. */
    public double[] sampledCosts() {
        return sampled.clone();
    }

    /** Returns the estimated cost of the points before index i, interpolated within a segment. */
    public double before(long i) {
        if (i <= 0) {
            return 0.0;
        }
        if (i >= count) {
            return total();
        }
        int s = segment(i);
        return cumulative[s] + sampled[s] * (i - at[s]);
    }

    private int segment(long i) {
        int low = 0;
        int high = at.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (at[mid] <= i) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /**
     * Splits [from, to) into about {@code parts} contiguous ranges of similar estimated cost, none
     * empty. A point whose estimated cost exceeds a range's share sits in a range of its own.
     */
    public List<SweepPlan.Range> split(long from, long to, int parts) {
        List<SweepPlan.Range> ranges = new ArrayList<>();
        if (to <= from) {
            return ranges;
        }
        double base = before(from);
        double share = (before(to) - base) / Math.max(1, parts);
        long start = from;
        for (int p = 1; p < parts && start < to; p++) {
            long cut = firstIndexWithCostAtLeast(base + p * share, start + 1, to);
            if (cut > start + 1 && before(cut) - before(cut - 1) >= share) {
                // The point that crosses the share is expensive: it gets a range of its own.
                ranges.add(new SweepPlan.Range(start, cut - 1));
                start = cut - 1;
            }
            if (cut > start && cut < to) {
                ranges.add(new SweepPlan.Range(start, cut));
                start = cut;
            }
        }
        ranges.add(new SweepPlan.Range(start, to));
        return ranges;
    }

    /** Returns the smallest i in [low, high] with before(i) &ge; target, by bisection. */
    private long firstIndexWithCostAtLeast(double target, long low, long high) {
        while (low < high) {
            long mid = low + (high - low) / 2;
            if (before(mid) >= target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
