package org.noisyflow.refine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans the rounds of a 1-D refinement: which runs each round adds, and the state of every slice.
 *
 * <p>{@link #plan} is a pure function of the settings, the coarse grids and the observations of
 * the earlier rounds. A rerun that reads the same observations back therefore plans the same
 * rounds, which is what lets an interrupted refinement resume.
 *
 * <p>Threshold criterion. The first sign change of (mean - threshold) in increasing x gives the
 * bracket. With replicates, a mean's sign is certain when it lies more than {@link #Z} standard
 * errors from the threshold; the bracket is widened to the nearest certain points, and the
 * uncertain points inside get more replicates (doubling, up to the maximum). When they all have
 * the maximum, the widest gap between points of the bracket gets its midpoint, so that the fit
 * of the crossing gains data, until every gap is below the tolerance. A bracket with two
 * certain ends is split at the linear interpolation of the crossing, kept at least
 * {@link #MODEL_MARGIN} of the width from either end, or at its midpoint when the last split
 * did not halve it.
 */
public final class RefinePlanner {
    /** Standard errors between a mean and the threshold for its sign to count as certain. */
    static final double Z = 2.0;
    /** Minimum distance of a model split point from a bracket end, as a fraction of the width. */
    static final double MODEL_MARGIN = 0.25;

    private final RefineSettings settings;
    private final List<double[]> grids;

    /**
     * @param settings the refine section
     * @param grids the sorted coarse values of {@code along}, one array per slice
     */
    public RefinePlanner(RefineSettings settings, List<double[]> grids) {
        if (settings.across() != null) {
            throw new IllegalArgumentException("RefinePlanner plans 1-D refinements only, but across = "
                    + settings.across());
        }
        this.settings = settings;
        this.grids = List.copyOf(grids);
    }

    /**
     * The runs of one round and the state of every slice before it.
     *
     * @param round the round number, from 0
     * @param requests the runs of the round, empty when the refinement is finished
     * @param slices the state of every slice given the earlier rounds
     */
    public record Plan(int round, List<Request> requests, List<SliceResult> slices) {
        public boolean finished() {
            return requests.isEmpty();
        }
    }

    /**
     * Plans round {@code round} from the observations of rounds 0 to {@code round - 1}. Round 0
     * is the coarse grid with the initial replicates.
     *
     * @throws IllegalArgumentException when an observation belongs to round {@code round} or later
     */
    public Plan plan(int round, List<Observation> observations) {
        List<List<Observation>> bySlice = new ArrayList<>();
        for (int s = 0; s < grids.size(); s++) {
            bySlice.add(new ArrayList<>());
        }
        for (Observation o : observations) {
            if (o.round() >= round) {
                throw new IllegalArgumentException("observation of round " + o.round() + " given to plan round " + round);
            }
            bySlice.get(o.slice()).add(o);
        }
        if (round == 0) {
            List<Request> requests = new ArrayList<>();
            List<SliceResult> slices = new ArrayList<>();
            for (int s = 0; s < grids.size(); s++) {
                for (double x : grids.get(s)) {
                    for (int r = 0; r < settings.initialReplicates(); r++) {
                        requests.add(new Request(s, x, r));
                    }
                }
                slices.add(new SliceResult(s, SliceStatus.OPEN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0));
            }
            return new Plan(0, requests, slices);
        }

        long remaining = settings.budget() - observations.size();
        List<Request> requests = new ArrayList<>();
        List<SliceResult> slices = new ArrayList<>();
        for (int s = 0; s < grids.size(); s++) {
            List<Observation> own = bySlice.get(s);
            Decision decision = decide(s, PointStatistics.of(own), true);
            Set<Integer> rounds = new HashSet<>();
            for (Observation o : own) {
                rounds.add(o.round());
            }
            SliceStatus status = decision.status;
            if (status == SliceStatus.OPEN) {
                if (decision.requests.size() <= remaining) {
                    requests.addAll(decision.requests);
                    remaining -= decision.requests.size();
                } else {
                    status = SliceStatus.BUDGET;
                }
            }
            slices.add(new SliceResult(s, status, decision.located, decision.uncertainty, decision.low, decision.high,
                    rounds.size(), own.size()));
        }
        return new Plan(round, requests, slices);
    }

    /** The next step for one slice, and its current estimate. */
    private record Decision(SliceStatus status, List<Request> requests, double located, double uncertainty,
            double low, double high) {
    }

    private Decision decide(int slice, List<PointStatistics> all, boolean checkPrevious) {
        List<PointStatistics> points = new ArrayList<>();
        for (PointStatistics p : all) {
            if (p.n() > 0) {
                points.add(p);
            }
        }
        return switch (settings.criterion()) {
            case THRESHOLD -> threshold(slice, all, points, checkPrevious);
            case JUMP -> jump(slice, all, points);
            case VARIANCE -> variance(slice, all, points);
        };
    }

    /**
     * Returns whether the sign of (mean - threshold) at p is certain. The standard error uses the
     * larger of p's own replicate variance and the pooled variance of the slice, because a sample
     * variance of two or three replicates is often far too small.
     */
    private boolean certain(PointStatistics p, double pooled) {
        if (!settings.stochastic()) {
            return true;
        }
        double variance = Double.isNaN(pooled) ? p.variance() : Math.max(p.variance(), pooled);
        return p.n() >= 2 && Math.abs(p.mean() - settings.threshold()) > Z * Math.sqrt(variance / p.n());
    }

    /** Returns the pooled replicate variance of the points with two or more values, NaN without any. */
    private static double pooledVariance(List<PointStatistics> points) {
        double squares = 0.0;
        int degrees = 0;
        for (PointStatistics p : points) {
            if (p.n() >= 2) {
                squares += p.variance() * (p.n() - 1);
                degrees += p.n() - 1;
            }
        }
        return degrees == 0 ? Double.NaN : squares / degrees;
    }

    private boolean above(PointStatistics p) {
        return p.mean() >= settings.threshold();
    }

    /** The bracket of the first threshold crossing: indices of its certain ends into the points. */
    private record Bracket(int low, int high) {
    }

    private Bracket thresholdBracket(List<PointStatistics> points) {
        double pooled = pooledVariance(points);
        int change = -1;
        for (int i = 0; i + 1 < points.size(); i++) {
            if (above(points.get(i)) != above(points.get(i + 1))) {
                change = i;
                break;
            }
        }
        if (change < 0) {
            return null;
        }
        int low = 0;
        for (int j = change; j >= 0; j--) {
            if (certain(points.get(j), pooled)) {
                low = j;
                break;
            }
        }
        boolean highSide = above(points.get(change + 1));
        int high = points.size() - 1;
        for (int j = change + 1; j < points.size(); j++) {
            if (certain(points.get(j), pooled) && above(points.get(j)) == highSide) {
                high = j;
                break;
            }
        }
        return new Bracket(low, high);
    }

    private Decision threshold(int slice, List<PointStatistics> all, List<PointStatistics> points,
            boolean checkPrevious) {
        Bracket bracket = thresholdBracket(points);
        if (bracket == null) {
            return closed(SliceStatus.NO_CROSSING);
        }
        PointStatistics low = points.get(bracket.low);
        PointStatistics high = points.get(bracket.high);
        double pooled = pooledVariance(points);
        List<PointStatistics> unresolved = new ArrayList<>();
        for (int j = bracket.low; j <= bracket.high; j++) {
            if (!certain(points.get(j), pooled)) {
                unresolved.add(points.get(j));
            }
        }
        double[] estimate = fitCrossing(points.subList(bracket.low, bracket.high + 1));

        List<Request> requests = new ArrayList<>();
        for (PointStatistics p : unresolved) {
            addReplicates(slice, p, requests);
        }
        if (!requests.isEmpty()) {
            return new Decision(SliceStatus.OPEN, requests, estimate[0], estimate[1], low.x(), high.x());
        }
        if (!unresolved.isEmpty()) {
            // Every uncertain point has the maximum replicates: new points in the widest gap of
            // the bracket add data to the fit, until the gaps are below the tolerance.
            int widest = bracket.low;
            for (int j = bracket.low; j < bracket.high; j++) {
                if (points.get(j + 1).x() - points.get(j).x() > points.get(widest + 1).x() - points.get(widest).x()) {
                    widest = j;
                }
            }
            double gap = points.get(widest + 1).x() - points.get(widest).x();
            if (gap <= settings.tolerance()) {
                return new Decision(SliceStatus.NOISE_LIMITED, List.of(), estimate[0], estimate[1], low.x(), high.x());
            }
            double middle = 0.5 * (points.get(widest).x() + points.get(widest + 1).x());
            return splitAt(slice, all, middle, estimate, low.x(), high.x());
        }

        double width = high.x() - low.x();
        if (width <= settings.tolerance()) {
            return new Decision(SliceStatus.CONVERGED, List.of(), estimate[0], estimate[1], low.x(), high.x());
        }
        for (PointStatistics p : all) {
            if (p.n() == 0 && p.x() > low.x() && p.x() < high.x()) {
                // A failed run inside the bracket fails again at the same seed, so the bracket cannot shrink there.
                return new Decision(SliceStatus.FAILED, List.of(), estimate[0], estimate[1], low.x(), high.x());
            }
        }
        double split = modelSplit(low, high);
        if (checkPrevious && !halvedLastTime(slice, all, width)) {
            split = 0.5 * (low.x() + high.x());
        }
        return splitAt(slice, all, split, estimate, low.x(), high.x());
    }

    /**
     * Returns whether the last new point halved the bracket: the bracket without the points first
     * run in the latest round that added a point is at least twice as wide as the current one.
     */
    private boolean halvedLastTime(int slice, List<PointStatistics> all, double width) {
        int latest = 0;
        for (PointStatistics p : all) {
            latest = Math.max(latest, p.firstRound());
        }
        if (latest == 0) {
            return true;
        }
        List<PointStatistics> before = new ArrayList<>();
        for (PointStatistics p : all) {
            if (p.firstRound() < latest && p.n() > 0) {
                before.add(p);
            }
        }
        Bracket previous = thresholdBracket(before);
        if (previous == null) {
            return true;
        }
        double previousWidth = before.get(previous.high).x() - before.get(previous.low).x();
        return width <= 0.5 * previousWidth;
    }

    /** Returns the linear interpolation of the crossing, kept away from the ends by the margin. */
    private double modelSplit(PointStatistics low, PointStatistics high) {
        double t = (settings.threshold() - low.mean()) / (high.mean() - low.mean());
        if (!Double.isFinite(t)) {
            t = 0.5;
        }
        t = Math.max(MODEL_MARGIN, Math.min(1 - MODEL_MARGIN, t));
        return low.x() + t * (high.x() - low.x());
    }

    /**
     * Fits a line to the means of the given points (weighted by their run counts) and returns the
     * crossing of the threshold and its uncertainty, {located, uncertainty}.
     *
     * <p>For two points the fit is the linear interpolation. The uncertainty combines the bracket
     * width, which bounds the interpolation error because the crossing lies inside the bracket,
     * with the standard error of the crossing from the pooled replicate variance (delta method).
     * For three or more points only the standard error is reported: the bracket ends are certain
     * at {@link #Z} standard errors each, and with many points some such verdicts are wrong, so
     * the bracket is no bound there.
     */
    private double[] fitCrossing(List<PointStatistics> points) {
        PointStatistics first = points.get(0);
        PointStatistics last = points.get(points.size() - 1);
        double width = last.x() - first.x();
        double weight = 0.0;
        double xBar = 0.0;
        double yBar = 0.0;
        double pooled = 0.0;
        int degrees = 0;
        for (PointStatistics p : points) {
            weight += p.n();
            xBar += p.n() * p.x();
            yBar += p.n() * p.mean();
            if (p.n() >= 2) {
                pooled += p.variance() * (p.n() - 1);
                degrees += p.n() - 1;
            }
        }
        xBar /= weight;
        yBar /= weight;
        double sxx = 0.0;
        double sxy = 0.0;
        for (PointStatistics p : points) {
            sxx += p.n() * (p.x() - xBar) * (p.x() - xBar);
            sxy += p.n() * (p.x() - xBar) * (p.mean() - yBar);
        }
        double slope = sxy / sxx;
        double direction = above(last) ? 1.0 : -1.0;
        if (!(slope * direction > 0) || !Double.isFinite(slope)) {
            return new double[] {0.5 * (first.x() + last.x()), 0.5 * width};
        }
        double located = xBar + (settings.threshold() - yBar) / slope;
        located = Math.max(first.x(), Math.min(last.x(), located));
        if (!settings.stochastic() || degrees == 0) {
            return new double[] {located, width};
        }
        double variance = pooled / degrees;
        double offset = located - xBar;
        double noise = Math.sqrt((variance / weight + offset * offset * variance / sxx) / (slope * slope));
        if (points.size() == 2) {
            return new double[] {located, Math.hypot(noise, width)};
        }
        return new double[] {located, noise};
    }

    /** Adds the replicates that double the runs at p, up to the maximum. */
    private void addReplicates(int slice, PointStatistics p, List<Request> requests) {
        int target = Math.min(settings.maxReplicates(), 2 * p.runs());
        for (int r = p.runs(); r < target; r++) {
            requests.add(new Request(slice, p.x(), r));
        }
    }

    /** Plans the initial replicates at a new point, or closes the slice when the point ran before and failed. */
    private Decision splitAt(int slice, List<PointStatistics> all, double x, double[] estimate, double low,
            double high) {
        for (PointStatistics p : all) {
            if (p.x() == x) {
                return new Decision(SliceStatus.FAILED, List.of(), estimate[0], estimate[1], low, high);
            }
        }
        List<Request> requests = new ArrayList<>();
        for (int r = 0; r < settings.initialReplicates(); r++) {
            requests.add(new Request(slice, x, r));
        }
        return new Decision(SliceStatus.OPEN, requests, estimate[0], estimate[1], low, high);
    }

    private static Decision closed(SliceStatus status) {
        return new Decision(status, List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Jump criterion: the neighbours with the largest difference of means bracket the jump, which
     * is bisected. With replicates, a jump within {@link #Z} combined standard errors gets more
     * replicates at both ends. The located value is the bracket's midpoint, within half its width.
     */
    private Decision jump(int slice, List<PointStatistics> all, List<PointStatistics> points) {
        int best = -1;
        double largest = 0.0;
        for (int i = 0; i + 1 < points.size(); i++) {
            double step = Math.abs(points.get(i + 1).mean() - points.get(i).mean());
            if (step > largest) {
                largest = step;
                best = i;
            }
        }
        if (best < 0) {
            return closed(SliceStatus.NO_CROSSING);
        }
        PointStatistics low = points.get(best);
        PointStatistics high = points.get(best + 1);
        double width = high.x() - low.x();
        double[] estimate = {0.5 * (low.x() + high.x()), 0.5 * width};
        if (settings.stochastic()) {
            boolean significant = low.n() >= 2 && high.n() >= 2
                    && largest > Z * Math.hypot(low.standardError(), high.standardError());
            if (!significant) {
                List<Request> requests = new ArrayList<>();
                addReplicates(slice, low, requests);
                addReplicates(slice, high, requests);
                SliceStatus status = requests.isEmpty() ? SliceStatus.NOISE_LIMITED : SliceStatus.OPEN;
                return new Decision(status, requests, estimate[0], estimate[1], low.x(), high.x());
            }
        }
        if (width <= settings.tolerance()) {
            return new Decision(SliceStatus.CONVERGED, List.of(), estimate[0], estimate[1], low.x(), high.x());
        }
        return splitAt(slice, all, estimate[0], estimate, low.x(), high.x());
    }

    /**
     * Variance criterion: the point of largest replicate variance and its neighbours bracket the
     * peak; each half wider than half the tolerance gets its midpoint. The located value is the
     * point of largest variance, within half the bracket.
     */
    private Decision variance(int slice, List<PointStatistics> all, List<PointStatistics> points) {
        int peak = -1;
        double largest = 0.0;
        List<PointStatistics> usable = new ArrayList<>();
        for (PointStatistics p : points) {
            if (p.n() >= 2) {
                usable.add(p);
            }
        }
        for (int i = 0; i < usable.size(); i++) {
            if (usable.get(i).variance() > largest) {
                largest = usable.get(i).variance();
                peak = i;
            }
        }
        if (peak < 0) {
            return closed(SliceStatus.NO_CROSSING);
        }
        PointStatistics low = usable.get(Math.max(0, peak - 1));
        PointStatistics top = usable.get(peak);
        PointStatistics high = usable.get(Math.min(usable.size() - 1, peak + 1));
        double width = high.x() - low.x();
        double[] estimate = {top.x(), 0.5 * width};
        if (width <= settings.tolerance()) {
            return new Decision(SliceStatus.CONVERGED, List.of(), estimate[0], estimate[1], low.x(), high.x());
        }
        List<Request> requests = new ArrayList<>();
        for (double[] half : new double[][] {{low.x(), top.x()}, {top.x(), high.x()}}) {
            if (half[1] - half[0] > 0.5 * settings.tolerance()) {
                Decision split = splitAt(slice, all, 0.5 * (half[0] + half[1]), estimate, low.x(), high.x());
                if (split.status == SliceStatus.FAILED) {
                    return split;
                }
                requests.addAll(split.requests);
            }
        }
        return new Decision(SliceStatus.OPEN, requests, estimate[0], estimate[1], low.x(), high.x());
    }
}
