package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stationary states against reference values computed with SciPy (Gibbs map with 400 nodes,
 * truncation 30), and against the independent mean-field route of {@link HeisenbergMeanField}.
 */
class ZonalStationaryStatesTest {

    private static ZonalStationaryStates states(String kernel, double gamma, int d, double beta) {
        KernelSpectrum spectrum = new KernelSpectrum(ZonalKernel.of(kernel, gamma, d), d, 30, 400);
        return new ZonalStationaryStates(spectrum, beta, 400);
    }

    @ParameterizedTest
    @CsvSource({"3, 3.5, 0.468090410", "3, 4.0, 0.599839320", "3, 6.0, 0.788886567",
        "3, 10.0, 0.887298380", "2, 3.0, 0.7241587176", "16, 24.0, 0.5955247357"})
    void heisenbergMagnetization(int d, double beta, double expected) {
        ZonalStationaryStates.State state = states("heisenberg", 0, d, beta).globalMinimiser();
        assertEquals(expected, Math.abs(state.c()[1]), 1e-8);
        assertEquals(HeisenbergMeanField.magnetization(d, beta), Math.abs(state.c()[1]), 1e-10);
        assertTrue(state.stable());
    }

    @Test
    void heisenbergFreeEnergyGap() {
        ZonalStationaryStates.State state = states("heisenberg", 0, 3, 6.0).globalMinimiser();
        assertEquals(-0.103073675, state.freeEnergyGap(), 1e-8);
    }

    /** The uniform state has F = F_uniform for any kernel, also when w_0 is not zero. */
    @Test
    void uniformStateHasZeroGap() {
        for (String kernel : new String[] {"onsager", "transformer", "maier-saupe"}) {
            ZonalStationaryStates states = states(kernel, 1.0, 3, 2.0);
            double[] uniform = new double[31];
            uniform[0] = 1.0;
            assertEquals(0.0, states.state(uniform).freeEnergyGap(), 1e-13, kernel);
        }
    }

    @Test
    void uniformBelowCriticalBeta() {
        ZonalStationaryStates.State state = states("heisenberg", 0, 3, 2.5).globalMinimiser();
        assertEquals(0.0, state.c()[1], 1e-12);
        assertEquals(0.0, state.freeEnergyGap(), 1e-12);
        assertTrue(state.stable());
    }

    @ParameterizedTest
    @CsvSource({"3.0, 0.508118201", "4.0, 0.797278729", "5.0, 0.873198701", "8.0, 0.938989114"})
    void transformerMagnetization(double beta, double expected) {
        ZonalStationaryStates.State state = states("transformer", 1.0, 3, beta).globalMinimiser();
        assertEquals(expected, Math.abs(state.c()[1]), 1e-7);
    }

    @Test
    void transformerStateAtBetaFour() {
        ZonalStationaryStates.State state = states("transformer", 1.0, 3, 4.0).globalMinimiser();
        assertEquals(0.535477526, state.c()[2], 1e-7);
        assertEquals(-0.0806537325, state.freeEnergyGap(), 1e-7);
    }

    /** Damped Picard iteration c &lt;- (1 - a) c + a G(c) converges on the stable branch to the same state. */
    @Test
    void picardAgreesWithNewton() {
        ZonalStationaryStates states = states("transformer", 1.0, 3, 5.0);
        ZonalStationaryStates.State newton = states.globalMinimiser();
        double[] c = new double[31];
        c[0] = 1.0;
        c[1] = 0.5;
        double[] g = new double[31];
        for (int iteration = 0; iteration < 5000; iteration++) {
            states.gibbsMap(c, g);
            for (int k = 1; k <= 30; k++) {
                c[k] = 0.5 * c[k] + 0.5 * g[k];
            }
        }
        for (int k = 1; k <= 5; k++) {
            assertEquals(Math.abs(newton.c()[k]), Math.abs(c[k]), 1e-10, "c_" + k);
        }
    }

    /** Degrees without interaction still get their fixed-point value G_k(c), such as c_2 for Heisenberg. */
    @Test
    void inactiveDegreesAreConsistent() {
        ZonalStationaryStates states = states("heisenberg", 0, 3, 6.0);
        ZonalStationaryStates.State state = states.globalMinimiser();
        double[] g = new double[31];
        states.gibbsMap(state.c(), g);
        for (int k = 1; k <= 30; k++) {
            assertEquals(g[k], state.c()[k], 1e-12, "c_" + k);
        }
        // For the von Mises-Fisher state with kappa = beta m, c_2 = 1 - 3 (coth(kappa)/kappa - 1/kappa^2).
        double kappa = 6.0 * state.c()[1];
        assertEquals(1 - 3 * (1 / Math.tanh(kappa) / kappa - 1 / (kappa * kappa)), state.c()[2], 1e-10);
    }

    /** In high dimension N_k is huge, so quadrature noise in vanishing w_k must not enter U. */
    @Test
    void heisenbergInHighDimension() {
        ZonalStationaryStates.State state = states("heisenberg", 0, 1024, 2048.0).globalMinimiser();
        assertEquals(HeisenbergMeanField.magnetization(1024, 2048.0), Math.abs(state.c()[1]), 1e-8);
    }
}
