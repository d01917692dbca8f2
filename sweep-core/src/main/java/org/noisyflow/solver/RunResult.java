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
 * @param labels text observables by column name, such as a transition type; a missing key
 *     becomes null
 */
public record RunResult(RunStatus status, String message, Map<String, Double> observables,
        Trajectory trajectory, Map<String, String> labels) {

    public RunResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        observables = Collections.unmodifiableMap(new LinkedHashMap<>(observables));
        trajectory = trajectory == null ? new Trajectory(java.util.List.of()) : trajectory;
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public RunResult(RunStatus status, String message, Map<String, Double> observables,
            Trajectory trajectory) {
        this(status, message, observables, trajectory, null);
    }

    public RunResult(RunStatus status, String message, Map<String, Double> observables) {
        this(status, message, observables, null, null);
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
