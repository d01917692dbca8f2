package org.noisyflow.spec;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import org.noisyflow.solver.Parameters;

/**
 * The {@code where} constraints of a sweep, and an index of the points that pass them.
 *
 * <p>The unfiltered product of axes and groups numbers its points 0 to rawCount - 1, the raw
 * indices. The points that pass every constraint keep that order and are numbered again from 0
 * without gaps; these dense indices are the point indices of {@link PointSpace}. To find the raw
 * index of dense index i without storing one entry per point, the index stores, for every block
 * of {@value #BLOCK} raw indices, how many points before the block pass. A lookup is a binary
 * search over the blocks and a scan of at most one block.
 */
public final class PointFilter implements Serializable {
    /** Raw indices per block of the index. */
    static final int BLOCK = 1024;
    private static final PointFilter NONE = new PointFilter(List.of(), 0, null);

    private final List<Constraint> constraints;
    private final long passing;
    /** passingBefore[b] = points passing with raw index below b * BLOCK; null before indexing. */
    private final long[] passingBefore;

    private PointFilter(List<Constraint> constraints, long passing, long[] passingBefore) {
        this.constraints = List.copyOf(constraints);
        this.passing = passing;
        this.passingBefore = passingBefore;
    }

    /** Returns the filter of a sweep without constraints. */
    public static PointFilter none() {
        return NONE;
    }

    /** Returns a filter with these constraints that has not been indexed yet. */
    static PointFilter of(List<Constraint> constraints) {
        return constraints.isEmpty() ? NONE : new PointFilter(constraints, -1, null);
    }

    /** Returns the constraints, in the order written. */
    public List<Constraint> constraints() {
        return constraints;
    }

    /** Returns whether there are no constraints, so that every point passes. */
    public boolean isEmpty() {
        return constraints.isEmpty();
    }

    /** Returns whether a point with these resolved parameter values passes every constraint. */
    public boolean test(Parameters values) {
        for (Constraint constraint : constraints) {
            if (!constraint.test(values)) {
                return false;
            }
        }
        return true;
    }

    boolean isIndexed() {
        return isEmpty() || passingBefore != null;
    }

    /** Returns the number of passing points; only for an indexed filter with constraints. */
    long passing() {
        return passing;
    }

    /**
     * Returns the raw index of the point with dense index {@code index}.
     *
     * @param passes returns whether the point with a given raw index passes
     */
    long rawIndex(long index, LongPredicate passes) {
        int block = Arrays.binarySearch(passingBefore, index);
        if (block < 0) {
            block = -block - 2;
        } else {
            // Blocks without a passing point repeat a value: take the last block that starts at it.
            while (block + 1 < passingBefore.length && passingBefore[block + 1] == index) {
                block++;
            }
        }
        long remaining = index - passingBefore[block];
        for (long raw = (long) block * BLOCK; ; raw++) {
            if (passes.test(raw)) {
                if (remaining == 0) {
                    return raw;
                }
                remaining--;
            }
        }
    }

    /** Collects the index while the parser visits every raw index in order. */
    static final class Indexer {
        private final List<Constraint> constraints;
        private final long[] passingBefore;
        private long passing;
        private long nextRaw;

        Indexer(PointFilter filter, long rawCount) {
            this.constraints = filter.constraints;
            this.passingBefore = new long[Math.toIntExact((rawCount + BLOCK - 1) / BLOCK)];
        }

        /** Records whether the point with the next raw index passes. */
        void add(boolean passes) {
            if (nextRaw % BLOCK == 0) {
                passingBefore[(int) (nextRaw / BLOCK)] = passing;
            }
            nextRaw++;
            if (passes) {
                passing++;
            }
        }

        long passing() {
            return passing;
        }

        PointFilter build() {
            return new PointFilter(constraints, passing, passingBefore);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointFilter other && other.constraints.equals(constraints);
    }

    @Override
    public int hashCode() {
        return constraints.hashCode();
    }

    @Override
    public String toString() {
        return constraints.toString();
    }
}
