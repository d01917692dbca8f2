package org.noisyflow.refine;

/**
 * One finished run of a refinement, as the planner reads it.
 *
 * @param slice the slice index
 * @param x the value of the refined coordinate
 * @param replicate the replicate number, from 0
 * @param round the round that ran it, from 0
 * @param value the observable, or NaN when the run did not end {@code ok}
 */
public record Observation(int slice, double x, int replicate, int round, double value) {
}
