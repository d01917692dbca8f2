package org.noisyflow.run;

import java.io.Serializable;
import org.noisyflow.solver.RunResult;
import org.noisyflow.spec.Point;

/**
 * One output row: a (point, replicate) run with its stream seed, result and wall time.
 *
 * @param point the sweep point
 * @param replicate replicate number, from 0
 * @param seed the stream seed; {@code StreamSeeds.stream(seed)} reproduces the run
 * @param result status, message and observables
 * @param wallMillis wall-clock time of the run in milliseconds, from System.nanoTime, so sub-millisecond
 *     runs keep their duration
 */
public record ResultRow(Point point, int replicate, long seed, RunResult result, double wallMillis)
        implements Serializable {
}
