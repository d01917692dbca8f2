package org.noisyflow.refine;

import java.util.Locale;

/** The state of one slice of a refinement. */
public enum SliceStatus {
    /** Still refined: the next round has runs for it. */
    OPEN,
    /** The bracket is narrower than the tolerance. */
    CONVERGED,
    /**
     * The sign of the observable minus the threshold (or the jump) stays uncertain at the maximum
     * number of replicates, so the location is limited by replicate noise.
     */
    NOISE_LIMITED,
    /** The runs the slice needs next do not fit in what is left of the budget. */
    BUDGET,
    /** The observable shows no crossing, jump or variance peak in the slice. */
    NO_CROSSING,
    /** The run at the planned point failed, so the bracket cannot shrink. */
    FAILED;

    /** Returns the value of the {@code status} column: the name in lower case, with '-' for '_'. */
    public String columnValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
