package org.noisyflow.refine;

import java.util.Locale;

/** The sign of a boundary in the observable along the refined coordinate. */
public enum Criterion {
    /** The observable crosses a given threshold; the first crossing in increasing x is located. */
    THRESHOLD,
    /** The observable jumps: the largest difference between neighbouring points is located. */
    JUMP,
    /** The replicate variance of the observable peaks. */
    VARIANCE;

    /** Returns the spelling in sweep files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
