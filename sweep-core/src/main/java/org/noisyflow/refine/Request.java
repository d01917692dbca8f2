package org.noisyflow.refine;

/**
 * One run planned for a round: replicate {@code replicate} at {@code x} in slice {@code slice}.
 */
public record Request(int slice, double x, int replicate) {
}
