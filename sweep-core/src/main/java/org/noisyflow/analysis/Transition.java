package org.noisyflow.analysis;

/**
 * A transition located along one parameter within one slice of a sweep.
 *
 * @param type {@link #CONTINUOUS}, {@link #DISCONTINUOUS} or {@link #NONE}
 * @param location the estimated x of the transition, NaN for {@link #NONE}
 * @param uncertainty the half-width of the interval the location is known to lie in, NaN for {@link #NONE}
 * @param bracketLow the grid value just below the transition, NaN for {@link #NONE}
 * @param bracketHigh the grid value just above it, NaN for {@link #NONE}
 * @param orderBelow the mean order parameter at bracketLow, NaN for {@link #NONE}
 * @param orderAbove the mean order parameter at bracketHigh, NaN for {@link #NONE}
 * @param jumpRatio the steepest slope of the order parameter between neighbouring points divided
 *     by the larger of the slopes next to it (infinite when there are none), NaN for {@link #NONE}
 * @param points the number of grid points of the slice with a mean
 */
public record Transition(String type, double location, double uncertainty, double bracketLow,
        double bracketHigh, double orderBelow, double orderAbove, double jumpRatio, int points) {
    public static final String CONTINUOUS = "continuous";
    public static final String DISCONTINUOUS = "discontinuous";
    public static final String NONE = "none in range";

    static Transition none(int points) {
        return new Transition(NONE, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, points);
    }
}
