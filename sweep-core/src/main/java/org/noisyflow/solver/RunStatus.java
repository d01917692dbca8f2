package org.noisyflow.solver;

/** Outcome of one solver run; the lower-case name is the value of the {@code status} column. */
public enum RunStatus {
    /** The run finished and its observables are valid. */
    OK,
    /** The state became non-finite; the message gives the step. */
    DIVERGED,
    /** The solver threw; the message gives the exception. */
    FAILED,
    /** The run exceeded the sweep's per-run time limit and was stopped. */
    TIMEOUT;

    public String columnValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
