package org.noisyflow.solver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Observables and status of one solver run.
 *
 * @param status the outcome
 * @param message empty for {@code OK}, otherwise what went wrong and where
 * @param observables values by column name; a missing key means "not computed" and becomes null
 * @param trajectory recorded states, empty for solvers without trajectory columns
 */
public record RunResult(RunStatus status, String message, Map<String, Double> observables,
        Trajectory trajectory) {

    public RunResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        observables = Collections.unmodifiableMap(new LinkedHashMap<>(observables));
        trajectory = trajectory == null ? new Trajectory(java.util.List.of()) : trajectory;
    }

    public RunResult(RunStatus status, String message, Map<String, Double> observables) {
        this(status, message, observables, null);
    }

    /** Returns a copy of this result with {@code trajectory} attached. */
    public RunResult withTrajectory(Trajectory trajectory) {
        return new RunResult(status, message, observables, trajectory);
    }

    public static RunResult ok(Map<String, Double> observables) {
        return new RunResult(RunStatus.OK, "", observables);
    }

    public static RunResult diverged(String message, Map<String, Double> partial) {
        return new RunResult(RunStatus.DIVERGED, message, partial);
    }

    public static RunResult failed(String message) {
        return new RunResult(RunStatus.FAILED, message, Map.of());
    }
}
