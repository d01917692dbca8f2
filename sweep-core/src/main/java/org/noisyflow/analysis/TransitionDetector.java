package org.noisyflow.analysis;

import java.util.stream.IntStream;

/**
 * Locates and classifies the transition of an order parameter along one swept parameter x, from
 * the replicate means at the grid points of one slice.
 *
 * <p>Criteria, with the slopes between neighbouring grid points
 * s_k = |O_{k+1} - O_k| / (x_{k+1} - x_k), the steepest of which, s_k*, brackets the transition:
 * <ul>
 *   <li><b>none in range</b> unless s_k* is at least {@value #CONCENTRATION} times the mean
 *       slope (O_max - O_min)/(x_max - x_min), and its step |O_k*+1 - O_k*| is larger than
 *       {@value #NOISE_SIGMAS} combined standard errors of its two means (skipped when they are
 *       unknown, as with one replicate). A drift spread evenly over the range, or a change within
 *       the noise, is not a transition. With three points the steepest slope is at most twice the
 *       mean, so at least four points are needed.</li>
 *   <li><b>discontinuous</b> when the jump ratio s_k* / max(s_k*-1, s_k*+1) is at least
 *       {@value #JUMP_RATIO}. On a uniform grid fine against the critical region, an onset
 *       O ~ (x - x_c)^{1/2} gives a ratio of at most 1/(&radic;2 - 1) = 2.41, while a jump
 *       keeps its size as the grid is refined, so its ratio grows.</li>
 *   <li><b>continuous</b> otherwise.</li>
 * </ul>
 *
 * <p>Location: a discontinuous transition sits at the middle of its bracket [x_k*, x_k*+1], with
 * half the bracket width as uncertainty. A continuous one sits at the steepest slope. This is the
 * vertex of the parabola through the slopes Δ_k/(x_{k+1} - x_k) of the bracket and its two
 * neighbours, clamped to the bracket. Its uncertainty reaches both ends of the bracket, because
 * the onset of an order parameter lies below its steepest slope. It widens to the distance to the
 * peak of the susceptibility (replicate variance times n) when at least two replicates give one
 * and its peak lies inside the range.
 */
public final class TransitionDetector {
    static final double CONCENTRATION = 2.5;
    static final double NOISE_SIGMAS = 3.0;
    static final double JUMP_RATIO = 4.0;

    private TransitionDetector() {
    }

    /**
     * Detects the transition of one slice.
     *
     * @param x the grid values, strictly increasing
     * @param mean the replicate mean of the order parameter at each x; NaN points are skipped
     * @param standardError the standard error of each mean, NaN when unknown
     * @param susceptibility the replicate variance times n at each x, NaN when unknown
     */
    public static Transition detect(double[] x, double[] mean, double[] standardError, double[] susceptibility) {
        int[] keep = IntStream.range(0, x.length).filter(i -> Double.isFinite(mean[i])).toArray();
        int n = keep.length;
        double[] xs = pick(x, keep);
        double[] order = pick(mean, keep);
        double[] errors = pick(standardError, keep);
        double[] chi = pick(susceptibility, keep);
        for (int i = 1; i < n; i++) {
            if (!(xs[i] > xs[i - 1])) {
                throw new IllegalArgumentException("x must be strictly increasing, but x[" + (i - 1) + "] = "
                        + xs[i - 1] + " and x[" + i + "] = " + xs[i]);
            }
        }
        if (n < 3) {
            return Transition.none(n);
        }

        // Steps are compared as slopes, so that a grid with uneven spacing does not make its
        // widest gap look like a transition.
        int bracket = 0;
        double steepest = 0.0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] slope = new double[n - 1];
        for (int k = 0; k < n; k++) {
            min = Math.min(min, order[k]);
            max = Math.max(max, order[k]);
            if (k + 1 < n) {
                slope[k] = Math.abs(order[k + 1] - order[k]) / (xs[k + 1] - xs[k]);
                if (slope[k] > steepest) {
                    steepest = slope[k];
                    bracket = k;
                }
            }
        }
        double jump = Math.abs(order[bracket + 1] - order[bracket]);
        double meanSlope = (max - min) / (xs[n - 1] - xs[0]);
        double noise = Math.hypot(finiteOrZero(errors[bracket]), finiteOrZero(errors[bracket + 1]));
        if (!(jump > 0) || steepest < CONCENTRATION * meanSlope || jump <= NOISE_SIGMAS * noise) {
            return Transition.none(n);
        }

        double left = bracket > 0 ? slope[bracket - 1] : 0.0;
        double right = bracket + 2 < n ? slope[bracket + 1] : 0.0;
        double neighbour = Math.max(left, right);
        double ratio = neighbour > 0 ? steepest / neighbour : Double.POSITIVE_INFINITY;
        double low = xs[bracket];
        double high = xs[bracket + 1];
        double halfWidth = 0.5 * (high - low);

        if (ratio >= JUMP_RATIO) {
            return new Transition(Transition.DISCONTINUOUS, 0.5 * (low + high), halfWidth, low, high,
                    order[bracket], order[bracket + 1], ratio, n);
        }
        double location = Math.min(high, Math.max(low, steepestSlope(xs, order, bracket)));
        // The onset of a continuous transition can lie anywhere in the bracket, below the steepest
        // slope, so the interval reaches both ends of the bracket.
        double uncertainty = Math.max(location - low, high - location);
        double peak = susceptibilityPeak(xs, chi);
        if (Double.isFinite(peak)) {
            uncertainty = Math.max(uncertainty, Math.abs(peak - location));
        }
        return new Transition(Transition.CONTINUOUS, location, uncertainty, low, high, order[bracket],
                order[bracket + 1], ratio, n);
    }

    /** Returns the vertex of the parabola through the slopes at the midpoints around bracket k. */
    private static double steepestSlope(double[] x, double[] order, int k) {
        double middle = 0.5 * (x[k] + x[k + 1]);
        if (k == 0 || k + 2 >= x.length) {
            return middle;
        }
        double[] at = new double[3];
        double[] slope = new double[3];
        for (int j = 0; j < 3; j++) {
            int i = k - 1 + j;
            at[j] = 0.5 * (x[i] + x[i + 1]);
            slope[j] = Math.abs(order[i + 1] - order[i]) / (x[i + 1] - x[i]);
        }
        return vertex(at, slope, middle);
    }

    /** Returns the vertex of the parabola through the susceptibility's peak and its neighbours, NaN if unknown or at an end. */
    private static double susceptibilityPeak(double[] x, double[] chi) {
        int best = -1;
        int known = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(chi[i])) {
                known++;
                if (best < 0 || chi[i] > chi[best]) {
                    best = i;
                }
            }
        }
        if (known < 3 || best <= 0 || best >= x.length - 1 || !Double.isFinite(chi[best - 1])
                || !Double.isFinite(chi[best + 1]) || !(chi[best] > 0)) {
            return Double.NaN;
        }
        return vertex(new double[] {x[best - 1], x[best], x[best + 1]},
                new double[] {chi[best - 1], chi[best], chi[best + 1]}, x[best]);
    }

    /**
     * Returns the vertex of the parabola through three points whose middle value is the largest,
     * or fallback when they are collinear. The vertex then lies between the outer abscissas.
     */
    static double vertex(double[] at, double[] value, double fallback) {
        double d1 = (value[1] - value[0]) / (at[1] - at[0]);
        double d2 = (value[2] - value[1]) / (at[2] - at[1]);
        double curvature = (d2 - d1) / (at[2] - at[0]);
        if (!(curvature < 0)) {
            return fallback;
        }
        // p(t) = value[1] + d1 (t - at[1]) + curvature (t - at[0])(t - at[1]); p'(t) = 0 at the vertex.
        double result = (curvature * (at[0] + at[1]) - d1) / (2 * curvature);
        return Math.min(at[2], Math.max(at[0], result));
    }

    private static double[] pick(double[] values, int[] keep) {
        double[] out = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            out[i] = values == null ? Double.NaN : values[keep[i]];
        }
        return out;
    }

    private static double finiteOrZero(double value) {
        return Double.isFinite(value) ? value : 0.0;
    }
}
