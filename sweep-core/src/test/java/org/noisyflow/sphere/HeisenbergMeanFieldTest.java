package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeisenbergMeanFieldTest {
    /** The references are the roots of m = A_d(beta m) to 9-10 digits, computed with SciPy. */
    private static final double TOLERANCE = 1e-8;

    @Test
    void langevinFunctionInThreeDimensions() {
        for (double s : new double[] {0.01, 0.5, 1.0, 3.0, 20.0, 300.0}) {
            double expected = 1.0 / Math.tanh(s) - 1.0 / s;
            assertEquals(expected, HeisenbergMeanField.langevin(3, s), 1e-13, "s=" + s);
        }
    }

    @Test
    void besselRatioOnTheCircle() {
        // I_1(1)/I_0(1) = 0.5651591039924850 / 1.2660658777520082 (Abramowitz and Stegun,
        // table 9.8), also scipy.special.iv(1, 1)/iv(0, 1).
        assertEquals(0.4463899658965345, HeisenbergMeanField.langevin(2, 1.0), 1e-14);
    }

    @Test
    void magnetizationInThreeDimensions() {
        assertEquals(0.468090410, HeisenbergMeanField.magnetization(3, 3.5), TOLERANCE);
        assertEquals(0.599839320, HeisenbergMeanField.magnetization(3, 4.0), TOLERANCE);
        assertEquals(0.788886567, HeisenbergMeanField.magnetization(3, 6.0), TOLERANCE);
        assertEquals(0.887298380, HeisenbergMeanField.magnetization(3, 10.0), TOLERANCE);
    }

    @Test
    void magnetizationInOtherDimensions() {
        assertEquals(0.7241587176, HeisenbergMeanField.magnetization(2, 3.0), TOLERANCE);
        assertEquals(0.5955247357, HeisenbergMeanField.magnetization(16, 24.0), TOLERANCE);
    }

    @Test
    void uniformStateUpToCriticalBeta() {
        assertEquals(0.0, HeisenbergMeanField.magnetization(3, 2.9));
        assertEquals(0.0, HeisenbergMeanField.magnetization(3, 3.0));
        // Near beta_c = 3 the branch is beta = 3 + 1.8 m^2 + O(m^4), from the expansion
        // A_3(s) = s/3 - s^3/45 + ..., so beta = 3 + 1.8e-4 gives m = 0.01 up to O(m^3).
        double m = HeisenbergMeanField.magnetization(3, 3.0 + 1.8e-4);
        assertEquals(0.01, m, 2e-4);
    }
}
