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
}
