package org.noisyflow.refine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans the rounds of a 2-D refinement: the cells of the coarse (across, along) grid that a
 * threshold crossing passes through are split in rounds, and the crossing is located on the
 * vertical edges (fixed {@code across}) of the finest crossed cells.
 *
 * <p>A cell is crossed when the known points on its boundary (its corners and the points that
 * splits of its neighbours placed on its edges) lie on both sides of the threshold, judged by the
 * mean of their replicates. A crossed cell wider than {@code across_tolerance} is split into
 * four cells (a quadtree step) while it is higher than {@code tolerance}, and into two across
 * otherwise. A crossed cell at the final width is not split: the first sign change on each of
 * its vertical edges is bisected instead, one point per edge and round, so that each column
 * costs one bisection. A cell whose split points have all run is replaced by its children, so the
 * tree of cells is a function of the set of points run so far. That is what lets an interrupted
 * refinement resume: a rerun that reads the same observations back plans the same rounds.
 *
 * <p>NOTE: a boundary that enters and leaves a cell through the same edge, between two known
 * points, leaves no sign change on the cell's boundary and is missed, as in marching squares.
 * NOTE: with replicates, the phase of a point is the side of its mean. Unlike 1-D refinement, no
 * replicates are added where that side is uncertain.
 */
public final class CellPlanner {
    private final RefineSettings settings;
    private final List<double[][]> grids;

    /** A point of the (across, along) plane. */
    public record Corner(double across, double along) {
    }

    /** One planned run: replicate {@code replicate} at {@code corner} of slice {@code slice}. */
    public record CellRequest(int slice, Corner corner, int replicate) {
    }

    /**
     * One finished run, as the planner reads it.
     *
     * @param value the observable, or NaN when the run did not end {@code ok}
     */
    public record CellObservation(int slice, Corner corner, int replicate, int round, double value) {
    }

    /**
     * The located crossing on one vertical line {@code across} of a slice.
     *
     * @param status {@code converged} when the bracket is at most {@code tolerance} high, otherwise
     *     the slice's status
     * @param located the linear interpolation of the crossing between the bracket ends
     * @param uncertainty the bracket height, combined with the replicate standard error of the
     *     interpolation when there are replicates
     * @param low the lower bracket end along {@code along}
     * @param high the upper bracket end
     * @param rounds the rounds that ran points of this slice
     * @param runs the runs of this slice
     */
    public record ColumnResult(int slice, double across, SliceStatus status, double located, double uncertainty,
            double low, double high, int rounds, long runs) {
    }

    /**
     * The runs of one round and the located columns before it.
     *
     * @param slices the status of each slice, by slice index
     */
    public record Plan(int round, List<CellRequest> requests, List<SliceStatus> slices, List<ColumnResult> columns) {
        public boolean finished() {
            return requests.isEmpty();
        }
    }

    /** A rectangle [x0, x1] x [y0, y1] of the plane, x across and y along. */
    record Cell(double x0, double x1, double y0, double y1) {
        boolean onBoundary(Corner c) {
            boolean inX = c.across() >= x0 && c.across() <= x1;
            boolean inY = c.along() >= y0 && c.along() <= y1;
            return (c.across() == x0 || c.across() == x1) && inY || (c.along() == y0 || c.along() == y1) && inX;
        }
    }

    /**
     * @param settings the refine section, with {@code across} set
     * @param grids per slice, {sorted across values, sorted along values} of the coarse grid
     */
    public CellPlanner(RefineSettings settings, List<double[][]> grids) {
        if (settings.across() == null || settings.criterion() != Criterion.THRESHOLD) {
            throw new IllegalArgumentException("CellPlanner plans 2-D threshold refinements only, but across = "
                    + settings.across() + " and criterion = " + settings.criterion().key());
        }
        this.settings = settings;
        this.grids = List.copyOf(grids);
    }

    /**
     * Plans round {@code round} from the observations of rounds 0 to {@code round - 1}. Round 0
     * is the coarse grid with the initial replicates.
     *
     * @throws IllegalArgumentException when an observation belongs to round {@code round} or later
     */
    public Plan plan(int round, List<CellObservation> observations) {
        List<List<CellObservation>> bySlice = new ArrayList<>();
        for (int s = 0; s < grids.size(); s++) {
            bySlice.add(new ArrayList<>());
        }
        for (CellObservation o : observations) {
            if (o.round() >= round) {
                throw new IllegalArgumentException("observation of round " + o.round() + " given to plan round " + round);
            }
            bySlice.get(o.slice()).add(o);
        }
        List<CellRequest> requests = new ArrayList<>();
        List<SliceStatus> statuses = new ArrayList<>();
        List<ColumnResult> columns = new ArrayList<>();
        if (round == 0) {
            for (int s = 0; s < grids.size(); s++) {
                for (double x : grids.get(s)[0]) {
                    for (double y : grids.get(s)[1]) {
                        for (int r = 0; r < settings.initialReplicates(); r++) {
                            requests.add(new CellRequest(s, new Corner(x, y), r));
                        }
                    }
                }
                statuses.add(SliceStatus.OPEN);
            }
            return new Plan(0, requests, statuses, columns);
        }

        long remaining = settings.budget() - observations.size();
        for (int s = 0; s < grids.size(); s++) {
            List<CellObservation> own = bySlice.get(s);
            Map<Corner, PointStatistics> points = statistics(own);
            List<Cell> leaves = new ArrayList<>();
            for (Cell root : roots(grids.get(s))) {
                collectLeaves(root, points, leaves);
            }
            List<Cell> crossed = new ArrayList<>();
            for (Cell cell : leaves) {
                if (crossed(cell, points)) {
                    crossed.add(cell);
                }
            }
            boolean needsSplit = false;
            boolean skipped = false;
            Set<Corner> planned = new LinkedHashSet<>();
            for (Cell cell : crossed) {
                List<Corner> next = splittable(cell) ? splitPoints(cell) : edgeBisections(cell, points);
                if (next.isEmpty()) {
                    continue;
                }
                needsSplit = true;
                List<Corner> missing = new ArrayList<>();
                for (Corner c : next) {
                    if (!points.containsKey(c) && !planned.contains(c)) {
                        missing.add(c);
                    }
                }
                long cost = (long) missing.size() * settings.initialReplicates();
                if (cost > remaining) {
                    skipped = true;
                    continue;
                }
                remaining -= cost;
                planned.addAll(missing);
            }
            for (Corner c : planned) {
                for (int r = 0; r < settings.initialReplicates(); r++) {
                    requests.add(new CellRequest(s, c, r));
                }
            }
            SliceStatus status;
            if (crossed.isEmpty()) {
                status = SliceStatus.NO_CROSSING;
            } else if (!planned.isEmpty()) {
                status = SliceStatus.OPEN;
            } else if (needsSplit || skipped) {
                status = SliceStatus.BUDGET;
            } else {
                status = SliceStatus.CONVERGED;
            }
            statuses.add(status);
            int rounds = (int) own.stream().mapToInt(CellObservation::round).distinct().count();
            columns.addAll(columns(s, crossed, points, status, rounds, own.size()));
        }
        return new Plan(round, requests, statuses, columns);
    }

    /** Returns the replicate statistics of each corner, from {@link PointStatistics#of}. */
    private static Map<Corner, PointStatistics> statistics(List<CellObservation> observations) {
        Map<Corner, List<Observation>> byCorner = new HashMap<>();
        for (CellObservation o : observations) {
            byCorner.computeIfAbsent(o.corner(), c -> new ArrayList<>())
                    .add(new Observation(o.slice(), o.corner().along(), o.replicate(), o.round(), o.value()));
        }
        Map<Corner, PointStatistics> out = new HashMap<>();
        for (var entry : byCorner.entrySet()) {
            out.put(entry.getKey(), PointStatistics.of(entry.getValue()).get(0));
        }
        return out;
    }

    private static List<Cell> roots(double[][] grid) {
        List<Cell> cells = new ArrayList<>();
        double[] xs = grid[0];
        double[] ys = grid[1];
        for (int i = 0; i + 1 < xs.length; i++) {
            for (int j = 0; j + 1 < ys.length; j++) {
                cells.add(new Cell(xs[i], xs[i + 1], ys[j], ys[j + 1]));
            }
        }
        return cells;
    }

    private boolean splitsAcross(Cell cell) {
        return cell.x1() - cell.x0() > settings.acrossTolerance();
    }

    /** Returns whether a cell split across is split along too: while it is higher than the tolerance. */
    private boolean splitsAlong(Cell cell) {
        return cell.y1() - cell.y0() > settings.tolerance();
    }

    /** Returns whether the cell is split into children: only while it is wider than the across tolerance. */
    private boolean splittable(Cell cell) {
        return splitsAcross(cell);
    }

    /**
     * Returns the points that bisect the crossing on the vertical edges of a cell at the final
     * width: for each edge, the midpoint of its first sign change when that is wider than the
     * tolerance. The located values are taken on vertical edges, so such a cell is not split. A
     * steep boundary passes a whole stack of cells through their top and bottom, and the two cells
     * beside an edge would split it at different heights.
     */
    private List<Corner> edgeBisections(Cell cell, Map<Corner, PointStatistics> points) {
        List<Corner> out = new ArrayList<>();
        for (double x : new double[] {cell.x0(), cell.x1()}) {
            List<Map.Entry<Corner, PointStatistics>> edge = edge(cell, x, points);
            int change = firstSignChange(edge);
            if (change >= 0) {
                double low = edge.get(change).getKey().along();
                double high = edge.get(change + 1).getKey().along();
                if (high - low > settings.tolerance()) {
                    out.add(new Corner(x, 0.5 * (low + high)));
                }
            }
        }
        return out;
    }

    /** Returns the known points on the vertical edge at x of the cell, sorted along. */
    private static List<Map.Entry<Corner, PointStatistics>> edge(Cell cell, double x,
            Map<Corner, PointStatistics> points) {
        List<Map.Entry<Corner, PointStatistics>> edge = new ArrayList<>();
        for (var entry : points.entrySet()) {
            Corner c = entry.getKey();
            if (entry.getValue().n() > 0 && c.across() == x && c.along() >= cell.y0() && c.along() <= cell.y1()) {
                edge.add(entry);
            }
        }
        edge.sort(Comparator.comparingDouble(e -> e.getKey().along()));
        return edge;
    }

    /** Returns the index i of the first pair (i, i + 1) on opposite sides of the threshold, or -1. */
    private int firstSignChange(List<Map.Entry<Corner, PointStatistics>> edge) {
        for (int i = 0; i + 1 < edge.size(); i++) {
            boolean aboveA = edge.get(i).getValue().mean() >= settings.threshold();
            boolean aboveB = edge.get(i + 1).getValue().mean() >= settings.threshold();
            if (aboveA != aboveB) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the points that a split of the cell adds: edge midpoints, and the centre for a four-way split. */
    private List<Corner> splitPoints(Cell cell) {
        boolean along = splitsAlong(cell);
        double xm = 0.5 * (cell.x0() + cell.x1());
        double ym = 0.5 * (cell.y0() + cell.y1());
        List<Corner> out = new ArrayList<>();
        if (splitsAcross(cell)) {
            out.add(new Corner(xm, cell.y0()));
            out.add(new Corner(xm, cell.y1()));
        }
        if (along) {
            out.add(new Corner(cell.x0(), ym));
            out.add(new Corner(cell.x1(), ym));
        }
        if (splitsAcross(cell) && along) {
            out.add(new Corner(xm, ym));
        }
        return out;
    }

    private List<Cell> children(Cell cell) {
        double xm = 0.5 * (cell.x0() + cell.x1());
        double ym = 0.5 * (cell.y0() + cell.y1());
        double[] xs = splitsAcross(cell) ? new double[] {cell.x0(), xm, cell.x1()} : new double[] {cell.x0(), cell.x1()};
        double[] ys = splitsAlong(cell) ? new double[] {cell.y0(), ym, cell.y1()} : new double[] {cell.y0(), cell.y1()};
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i + 1 < xs.length; i++) {
            for (int j = 0; j + 1 < ys.length; j++) {
                out.add(new Cell(xs[i], xs[i + 1], ys[j], ys[j + 1]));
            }
        }
        return out;
    }

    /**
     * Adds the leaves of the cell tree under {@code cell}: a crossed, splittable cell whose split
     * points have all run (failed runs included) is replaced by its children.
     */
    private void collectLeaves(Cell cell, Map<Corner, PointStatistics> points, List<Cell> leaves) {
        if (crossed(cell, points) && splittable(cell)
                && splitPoints(cell).stream().allMatch(points::containsKey)) {
            for (Cell child : children(cell)) {
                collectLeaves(child, points, leaves);
            }
        } else {
            leaves.add(cell);
        }
    }

    private boolean crossed(Cell cell, Map<Corner, PointStatistics> points) {
        boolean below = false;
        boolean above = false;
        for (var entry : points.entrySet()) {
            if (entry.getValue().n() > 0 && cell.onBoundary(entry.getKey())) {
                if (entry.getValue().mean() >= settings.threshold()) {
                    above = true;
                } else {
                    below = true;
                }
            }
        }
        return below && above;
    }

    /**
     * Returns the lowest crossing on each vertical edge of the crossed cells, one per value of
     * {@code across}, sorted by it.
     */
    private List<ColumnResult> columns(int slice, List<Cell> crossed, Map<Corner, PointStatistics> points, SliceStatus status,
            int rounds, long runs) {
        TreeMap<Double, ColumnResult> byX = new TreeMap<>();
        for (Cell cell : crossed) {
            for (double x : new double[] {cell.x0(), cell.x1()}) {
                ColumnResult found = crossing(slice, x, edge(cell, x, points), status, rounds, runs);
                if (found != null) {
                    byX.merge(x, found, (a, b) -> a.located() <= b.located() ? a : b);
                }
            }
        }
        return new ArrayList<>(byX.values());
    }

    private ColumnResult crossing(int slice, double x, List<Map.Entry<Corner, PointStatistics>> edge,
            SliceStatus status, int rounds, long runs) {
        int i = firstSignChange(edge);
        if (i < 0) {
            return null;
        }
        PointStatistics a = edge.get(i).getValue();
        PointStatistics b = edge.get(i + 1).getValue();
        double low = edge.get(i).getKey().along();
        double high = edge.get(i + 1).getKey().along();
        double width = high - low;
        double t = (settings.threshold() - a.mean()) / (b.mean() - a.mean());
        double located = low + t * width;
        double uncertainty = width;
        if (a.n() >= 2 && b.n() >= 2) {
            // Delta method for the interpolated crossing, in units of the bracket height.
            double slope = Math.abs(b.mean() - a.mean());
            double noise = width * Math.sqrt(a.variance() / a.n() * (1 - t) * (1 - t)
                    + b.variance() / b.n() * t * t) / slope;
            uncertainty = Math.hypot(width, noise);
        }
        SliceStatus columnStatus = width <= settings.tolerance() ? SliceStatus.CONVERGED
                : status == SliceStatus.CONVERGED ? SliceStatus.OPEN : status;
        return new ColumnResult(slice, x, columnStatus, located, uncertainty, low, high, rounds, runs);
    }
}
