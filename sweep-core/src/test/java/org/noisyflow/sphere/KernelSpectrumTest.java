package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Funk-Hecke coefficients and critical inverse temperatures. The reference values are the
 * closed forms beta_1 = d (Heisenberg), beta_2 = N_2 (W = -P_2), beta_2 = 3 pi/2 and 32/pi
 * (Onsager in d = 2, 3), beta_k = k^2 (opinion on the circle with R = pi), and values computed
 * with SciPy for the transformer, Onsager in d = 4 and 16, and the threshold gamma.
 */
class KernelSpectrumTest {

    private static KernelSpectrum spectrum(String kernel, double gamma, int d, int maxDegree) {
        return new KernelSpectrum(ZonalKernel.of(kernel, gamma, d), d, maxDegree, KernelSpectrum.DEFAULT_NODES);
    }

    @ParameterizedTest
    @CsvSource({"2", "3", "16"})
    void heisenbergCriticalBetaIsDimension(int d) {
        KernelSpectrum s = spectrum("heisenberg", 0, d, 4);
        assertEquals(d, s.criticalBeta(1), 1e-10);
        assertEquals(0.0, s.coefficient(2), 1e-14);
        assertEquals(1, s.firstUnstableMode());
    }

    @ParameterizedTest
    @CsvSource({"2, 1.7694132377", "3, 2.7182818285", "16, 15.5622700059"})
    void transformerCriticalBeta(int d, double expected) {
        KernelSpectrum s = spectrum("transformer", 1.0, d, 6);
        assertEquals(expected, s.criticalBeta(1), 1e-9);
        assertEquals(1, s.firstUnstableMode());
    }

    @Test
    void transformerHigherModes() {
        KernelSpectrum s = spectrum("transformer", 1.0, 3, 6);
        assertEquals(13.973726853, s.criticalBeta(2), 1e-8);
        assertEquals(99.353304137, s.criticalBeta(3), 1e-8);
    }

    /** Checks the closed form against the quadrature, two independent routes to the coefficients. */
    @ParameterizedTest
    @CsvSource({"2, 0.5", "3, 1.0", "3, 4.0", "16, 2.0", "5, 10.0"})
    void transformerClosedFormMatchesQuadrature(int d, double gamma) {
        KernelSpectrum s = spectrum("transformer", gamma, d, 8);
        for (int k = 0; k <= 8; k++) {
            double closed = KernelSpectrum.transformerCoefficient(d, k, gamma);
            assertEquals(closed, s.coefficient(k), 1e-12 * Math.max(1.0, Math.abs(closed)), "k = " + k);
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 4.71238898", "3, 10.18591636", "4, 17.6714587", "16, 263.636779"})
    void onsagerCriticalBeta(int d, double expected) {
        KernelSpectrum s = spectrum("onsager", 0, d, 8);
        assertEquals(expected, s.criticalBeta(2), 1e-7 * Math.max(1.0, expected / 10));
        assertEquals(2, s.firstUnstableMode());
        assertEquals(0.0, s.coefficient(1), 1e-14);
    }

    @ParameterizedTest
    @CsvSource({"2, 2", "3, 5", "16, 135"})
    void maierSaupeCriticalBeta(int d, double expected) {
        KernelSpectrum s = spectrum("maier-saupe", 0, d, 4);
        assertEquals(expected, s.criticalBeta(2), 1e-9);
        assertEquals(2, s.firstUnstableMode());
    }

    @Test
    void opinionOnCircleHasSquaredModes() {
        KernelSpectrum s = new KernelSpectrum(ZonalKernel.of("opinion", 0, Math.PI, 0, 2), 2, 5,
                KernelSpectrum.DEFAULT_NODES);
        for (int k = 1; k <= 5; k++) {
            assertEquals(k * k, s.criticalBeta(k), 1e-8 * k * k, "k = " + k);
        }
        assertEquals(1, s.firstUnstableMode());
    }

    @Test
    void opinionSmallRadiusModesNearlyDegenerate() {
        KernelSpectrum s = new KernelSpectrum(ZonalKernel.of("opinion", 0, Math.PI / 4, 0, 3), 3, 4,
                KernelSpectrum.DEFAULT_NODES);
        // Reference values to two decimals: 136.93 and 155.02.
        assertEquals(136.93, s.criticalBeta(1), 0.01);
        assertEquals(155.02, s.criticalBeta(2), 0.01);
        assertEquals(1, s.firstUnstableMode());
    }

    @ParameterizedTest
    @CsvSource({"3, 3", "4, 3", "16, 2"})
    void gegenbauerKernelHasOneMode(int d, int mode) {
        KernelSpectrum s = new KernelSpectrum(ZonalKernel.of("gegenbauer", 0, 0, mode, d), d, mode + 2,
                KernelSpectrum.DEFAULT_NODES);
        assertEquals(Gegenbauer.harmonicDimension(d, mode), s.criticalBeta(mode), 1e-8 * s.criticalBeta(mode));
        assertEquals(0.0, s.coefficient(mode + 1), 1e-13);
        assertEquals(mode, s.firstUnstableMode());
    }

    @Test
    void convolutionOfOneIsOne() {
        // A common bug integrates against d theta instead of the probability measure: w_0 of W = 1
        // must be 1, not 2 pi.
        ZonalKernel constant = new ZonalKernel() {
            @Override
            public double potential(double t) {
                return 1.0;
            }

            @Override
            public void couplings(double[] t, int from, int to) {
            }
        };
        for (int d : new int[] {2, 3, 7, 16}) {
            assertEquals(1.0, new KernelSpectrum(constant, d, 2, 200).coefficient(0), 1e-13, "d = " + d);
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 2.44691831", "3, 1.81615453", "16, 1.12897158"})
    void transformerThresholdGamma(int d, double expected) {
        assertEquals(expected, KernelSpectrum.transformerThresholdGamma(d), 1e-8);
    }
}
