package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    /** 1200 runs in 30 s is 40 runs/s, so the 2800 left take 70 s. */
    @Test
    void lineShowsRateAndTimeLeft() {
        assertEquals("  runs 1200/4000 (not ok 3), 40.0 runs/s, about 70 s left, tasks 12/50",
                ProgressListener.describe(1200, 4000, 3, 30.0, 12, 50));
    }

    @Test
    void finishedLineHasNoTimeLeft() {
        assertEquals("  runs 4000/4000 (not ok 0), 80.0 runs/s, tasks 50/50",
                ProgressListener.describe(4000, 4000, 0, 50.0, 50, 50));
    }
}
