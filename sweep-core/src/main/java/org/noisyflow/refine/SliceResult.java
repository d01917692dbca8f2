package org.noisyflow.refine;

/**
 * The state of one slice of a refinement after some rounds.
 *
 * @param slice the slice index
 * @param status open, or why the slice closed
 * @param located the located boundary value of the refined coordinate, NaN when none
 * @param uncertainty the uncertainty of {@code located}: the bracket width combined with the
 *     replicate standard error of the interpolated crossing; NaN when nothing is located
 * @param low the lower end of the current bracket, NaN when there is none
 * @param high the upper end of the current bracket, NaN when there is none
 * @param rounds the number of rounds that ran points of this slice
 * @param runs the runs of this slice so far, failed ones included
 */
public record SliceResult(int slice, SliceStatus status, double located, double uncertainty, double low,
        double high, int rounds, long runs) {
}
