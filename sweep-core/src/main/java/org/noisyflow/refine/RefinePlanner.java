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
 * did not halve it, for solvers without replicates. With replicates, such a bracket gets its three
 * quarter points in one round, and the round that adds replicates also adds the midpoint of the
 * gap that contains the fitted crossing, so that fewer rounds, each one Spark job, are needed.
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
        int replicates = 0;
        for (PointStatistics p : unresolved) {
            addReplicates(slice, p, requests);
            replicates = Math.max(replicates, Math.min(settings.maxReplicates(), 2 * p.runs()));
        }
        // Gaps narrower than the current uncertainty gain little from a new point: the crossing
        // is then limited by replicate noise, not by where the points are.
        double fineGap = Math.max(settings.tolerance(), Double.isNaN(estimate[1]) ? 0.0 : estimate[1]);
        if (!requests.isEmpty()) {
            // More replicates and, in the same round, a point in the gap of the fitted crossing with
            // as many replicates as the uncertain points get. A point there is uncertain too, so
            // one round for both saves the later rounds of doubling its replicates.
            int gap = gapOf(points, bracket, estimate[0]);
            double middle = 0.5 * (points.get(gap).x() + points.get(gap + 1).x());
            if (points.get(gap + 1).x() - points.get(gap).x() > fineGap && !ranAt(all, middle)) {
                for (int r = 0; r < replicates; r++) {
                    requests.add(new Request(slice, middle, r));
                }
            }
            return new Decision(SliceStatus.OPEN, requests, estimate[0], estimate[1], low.x(), high.x());
        }
        if (!unresolved.isEmpty()) {
            // Every uncertain point has the maximum replicates: new points, with the maximum
            // replicates, in every gap of the bracket wider than the tolerance and the current
            // uncertainty add data to the fit, all in one round.
            for (int j = bracket.low; j < bracket.high; j++) {
                double middle = 0.5 * (points.get(j).x() + points.get(j + 1).x());
                if (points.get(j + 1).x() - points.get(j).x() > fineGap) {
                    if (ranAt(all, middle)) {
                        return new Decision(SliceStatus.FAILED, List.of(), estimate[0], estimate[1], low.x(),
                                high.x());
                    }
                    for (int r = 0; r < settings.maxReplicates(); r++) {
                        requests.add(new Request(slice, middle, r));
                    }
                }
            }
            SliceStatus status = requests.isEmpty() ? SliceStatus.NOISE_LIMITED : SliceStatus.OPEN;
            return new Decision(status, requests, estimate[0], estimate[1], low.x(), high.x());
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
        if (settings.stochastic()) {
            // Replicate noise makes a model split unreliable, and each round costs a Spark job:
            // the quarter points shrink the bracket fourfold per round instead of twofold.
            for (int q = 1; q <= 3; q++) {
                double x = low.x() + 0.25 * q * width;
                if (!ranAt(all, x)) {
                    addInitialReplicates(slice, x, requests);
                }
            }
            // All three points ran before: the bracket cannot shrink by quarters.
            SliceStatus status = requests.isEmpty() ? SliceStatus.FAILED : SliceStatus.OPEN;
            return new Decision(status, requests, estimate[0], estimate[1], low.x(), high.x());
        }
        double split = modelSplit(low, high);
        if (checkPrevious && !halvedLastTime(slice, all, width)) {
            split = 0.5 * (low.x() + high.x());
        }
        return splitAt(slice, all, split, estimate, low.x(), high.x());
    }

    /** Returns the index j of the gap [x_j, x_j+1] of the bracket that contains x. */
    private static int gapOf(List<PointStatistics> points, Bracket bracket, double x) {
        for (int j = bracket.low; j < bracket.high; j++) {
            if (x <= points.get(j + 1).x()) {
                return j;
            }
        }
        return bracket.high - 1;
    }

    private static boolean ranAt(List<PointStatistics> all, double x) {
        for (PointStatistics p : all) {
            if (p.x() == x) {
                return true;
            }
        }
        return false;
    }

    private void addInitialReplicates(int slice, double x, List<Request> requests) {
        for (int r = 0; r < settings.initialReplicates(); r++) {
            requests.add(new Request(slice, x, r));
        }
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
     * For three or more points the standard error is combined with the model error of a straight
     * line, {@link #curvatureError}, but not with the bracket: its ends are certain at {@link #Z}
     * standard errors each, and with many points some such verdicts are wrong, so the bracket is
     * no bound there.
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
        return new double[] {located, Math.hypot(noise, curvatureError(points, located))};
    }

    /**
     * Returns the model error of a straight-line crossing: the distance from {@code located} to
     * the crossing of a weighted quadratic fit nearest to it. A curved observable, such as |m|
     * near a transition, moves the line's crossing by about c h^2 / (3 b) for curvature c, slope
     * b and half-width h of the fitted points; the quadratic fit removes that term. Returns 0 for
     * fewer than three points and half the span of the points when the quadratic has no crossing
     * inside it.
     */
    static double curvatureError(List<PointStatistics> points, double located, double threshold) {
        if (points.size() < 3) {
            return 0.0;
        }
        double first = points.get(0).x();
        double span = points.get(points.size() - 1).x() - first;
        // Normal equations of y = a + b u + c u^2 in u = (x - first) / span, weighted by run counts.
        double[][] m = new double[3][4];
        for (PointStatistics p : points) {
            double u = (p.x() - first) / span;
            double[] basis = {1.0, u, u * u};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[i][j] += p.n() * basis[i] * basis[j];
                }
                m[i][3] += p.n() * basis[i] * (p.mean() - threshold);
            }
        }
        double[] coefficients = solve3(m);
        if (coefficients == null) {
            return 0.5 * span;
        }
        double a = coefficients[0];
        double b = coefficients[1];
        double c = coefficients[2];
        double u0 = (located - first) / span;
        double best = Double.NaN;
        if (Math.abs(c) < 1e-12 * (Math.abs(a) + Math.abs(b))) {
            best = -a / b;
        } else {
            double discriminant = b * b - 4 * a * c;
            if (discriminant >= 0) {
                double root = Math.sqrt(discriminant);
                for (double u : new double[] {(-b + root) / (2 * c), (-b - root) / (2 * c)}) {
                    if (u >= 0 && u <= 1 && (Double.isNaN(best) || Math.abs(u - u0) < Math.abs(best - u0))) {
                        best = u;
                    }
                }
            }
        }
        if (!Double.isFinite(best) || best < 0 || best > 1) {
            return 0.5 * span;
        }
        return Math.abs(best - u0) * span;
    }

    private double curvatureError(List<PointStatistics> points, double located) {
        return curvatureError(points, located, settings.threshold());
    }

    /** Solves a 3x3 system given as an augmented matrix by Gaussian elimination; null when singular. */
    private static double[] solve3(double[][] m) {
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int row = col + 1; row < 3; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-300) {
                return null;
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int row = col + 1; row < 3; row++) {
                double factor = m[row][col] / m[col][col];
                for (int k = col; k < 4; k++) {
                    m[row][k] -= factor * m[col][k];
                }
            }
        }
        double[] x = new double[3];
        for (int row = 2; row >= 0; row--) {
            double sum = m[row][3];
            for (int k = row + 1; k < 3; k++) {
                sum -= m[row][k] * x[k];
            }
            x[row] = sum / m[row][row];
        }
        return x;
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
