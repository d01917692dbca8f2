package org.noisyflow.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The split of a sweep's point indices into contiguous ranges, one per task. Every task decodes
 * its own points from the spec, so the driver never builds the list of points.
 */
public final class SweepPlan {

    /** Point indices [from, to) that one task runs. */
    public record Range(long from, long to) implements Serializable {
        public long size() {
            return to - from;
        }
    }

    private SweepPlan() {
    }

    /**
     * Splits [0, pointCount) into {@code min(partitions, pointCount)} ranges whose sizes differ by
     * at most one.
     *
     * @throws IllegalArgumentException if partitions is below 1 or pointCount is negative
     */
    public static List<Range> split(long pointCount, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (pointCount < 0) {
            throw new IllegalArgumentException("pointCount must be non-negative, got " + pointCount);
        }
        int parts = (int) Math.min(partitions, Math.max(pointCount, 1));
        List<Range> ranges = new ArrayList<>(parts);
        long base = pointCount / parts;
        long extra = pointCount % parts;
        long from = 0;
        for (int p = 0; p < parts; p++) {
            long to = from + base + (p < extra ? 1 : 0);
            ranges.add(new Range(from, to));
            from = to;
        }
        return ranges;
    }

    /**
     * Returns the parts of [0, pointCount) that no range of {@code done} covers, split into about
     * {@code partitions} ranges in proportion to their sizes. Ranges of {@code done} may come in
     * any order and may touch but must not overlap.
     *
     * @throws IllegalArgumentException if a done range overlaps another or lies outside [0, pointCount)
     */
    public static List<Range> splitMissing(long pointCount, List<Range> done, int partitions) {
        return splitMissing(pointCount, done, partitions, null);
    }

    /**
     * Returns the missing parts of [0, pointCount) as {@link #splitMissing(long, List, int)} does,
     * split by estimated cost when a profile is given: each gap gets ranges in proportion to its
     * cost, cut where the cost is shared equally, so that cheap points go many to a task and an
     * expensive one alone.
     */
    public static List<Range> splitMissing(long pointCount, List<Range> done, int partitions, CostProfile cost) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        List<Range> sorted = new ArrayList<>(done);
        sorted.sort(java.util.Comparator.comparingLong(Range::from));
        List<Range> gaps = new ArrayList<>();
        long position = 0;
        for (Range range : sorted) {
            if (range.from() < position || range.to() > pointCount || range.from() > range.to()) {
                throw new IllegalArgumentException("finished range [" + range.from() + ", " + range.to()
                        + ") overlaps another or lies outside [0, " + pointCount + ")");
            }
            if (range.from() > position) {
                gaps.add(new Range(position, range.from()));
            }
            position = range.to();
        }
        if (position < pointCount) {
            gaps.add(new Range(position, pointCount));
        }
        double missing = 0.0;
        for (Range gap : gaps) {
            missing += weight(gap, cost);
        }
        List<Range> out = new ArrayList<>();
        for (Range gap : gaps) {
            int parts = (int) Math.max(1, Math.round(partitions * weight(gap, cost) / Math.max(missing, 1e-300)));
            if (cost != null && cost.total() > 0) {
                out.addAll(cost.split(gap.from(), gap.to(), parts));
            } else {
                for (Range piece : split(gap.size(), parts)) {
                    out.add(new Range(gap.from() + piece.from(), gap.from() + piece.to()));
                }
            }
        }
        return out;
    }

    /** Returns the estimated cost of a gap, or its size without a profile. */
    private static double weight(Range gap, CostProfile cost) {
        return cost == null || cost.total() <= 0 ? gap.size() : cost.before(gap.to()) - cost.before(gap.from());
    }
}
