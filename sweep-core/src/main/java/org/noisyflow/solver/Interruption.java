package org.noisyflow.solver;

/**
 * The cooperative stop of a run: solvers call {@link #check()} in their time loops, and a runner
 * that interrupts the run's thread, as at a timeout, makes the run end with
 * {@link RunInterruptedException} at its next check.
 */
public final class Interruption {
    private Interruption() {
    }

    /** Throws {@link RunInterruptedException} when the current thread has been interrupted. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new RunInterruptedException();
        }
    }

    /** Ends a run whose thread was interrupted. */
    public static final class RunInterruptedException extends RuntimeException {
        public RunInterruptedException() {
            super("the run was interrupted", null, false, false);
        }
    }
}
