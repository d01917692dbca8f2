package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.noisyflow.random.StreamSeeds;

class SchemeThresholdTest {

    /**
     * Expanding a and b to first order in dt (the class comment) gives the Heisenberg thresholds
     * d + dt (d + 1) / 6 (geodesic) and d + dt (7 - d) / 2 (euler). At dt = 1e-3 the shifts are
     * 5e-4 to 4.5e-3 and the dt^2 remainder is below 3e-6 (at d = 16 and dt = 0.01 the euler
     * remainder is -1.4e-4, so its coefficient is about -1.4), so 2e-5 separates the shift from
     * zero and from a wrong coefficient.
     */
    @ParameterizedTest
    @CsvSource({"2", "3", "16"})
    void firstOrderShiftAtSmallSteps(int d) {
        double dt = 1e-3;
        assertEquals(d + dt * (d + 1) / 6.0,
                SchemeThreshold.criticalBeta(d, dt, ParticleSystem.Scheme.GEODESIC, d), 2e-5);
        assertEquals(d + dt * (7 - d) / 2.0,
                SchemeThreshold.criticalBeta(d, dt, ParticleSystem.Scheme.EULER, d), 2e-5);
    }

    /**
     * d = 3, dt = 0.01: the same a and b integrated with SciPy's adaptive quadrature and the
     * root found by Brent's method give 3.00666 (geodesic) and 3.02000 (euler), to five digits.
     */
    @Test
    void matchesScipyAtRefinementStep() {
        assertEquals(3.00666, SchemeThreshold.criticalBeta(3, 0.01, ParticleSystem.Scheme.GEODESIC, 3), 1e-5);
        assertEquals(3.02000, SchemeThreshold.criticalBeta(3, 0.01, ParticleSystem.Scheme.EULER, 3), 1e-5);
    }

    @Test
    void solverPredictsSchemeThreshold() {
        SphereParticleSolver solver = new SphereParticleSolver();
        Map<String, Object> continuum = Map.of("kernel", "heisenberg", "d", 3);
        assertEquals(3.0, solver.predictedTransition("beta", continuum).getAsDouble(), 1e-9);
        Map<String, Object> geodesic = Map.of("kernel", "heisenberg", "d", 3, "dt", 0.01);
        assertEquals(3.00666, solver.predictedTransition("beta", geodesic).getAsDouble(), 1e-5);
        Map<String, Object> euler = Map.of("kernel", "heisenberg", "d", 3, "dt", 0.01, "scheme", "euler");
        assertEquals(1 / 3.02, solver.predictedTransition("temperature", euler).getAsDouble(), 1e-6);
    }

    /**
     * Checks a and b against the real particle step. Rows 0 to A-1 sit at e_1. The last rows, a
     * fraction w of all, sit at e_2 in the first system and at e_1 in the second. Both systems
     * draw the same noise for rows 0 to A-1 (one seed, draws in row-major order). In the second
     * system m = e_1, so the drift of row i < A is P_{e_1} e_1 = 0 and the mean of x'.e_1 over
     * those rows estimates a. In the first, m = (1 - w) e_1 + w e_2 and their drift is w e_2, so
     * the mean difference of x'.e_2 between the systems, divided by dt w, estimates b up to
     * O((dt w)^2). With sigma^2 = 0.2 the terms beyond first order in sigma^2 move a and b by
     * 0.008 to 0.013, which the test checks is more than four standard errors, so it
     * distinguishes the quadrature from its first-order expansion.
     */
    @ParameterizedTest
    @EnumSource(ParticleSystem.Scheme.class)
    void quadratureMatchesOneStep(ParticleSystem.Scheme scheme) {
        int d = 3;
        int tracked = 200_000;
        int moved = 2_000;
        int n = tracked + moved;
        double w = (double) moved / n;
        double dt = 0.1;
        double beta = 1.0;
        double sigma = Math.sqrt(2 * dt / beta);
        ZonalKernel kernel = ZonalKernel.of("heisenberg", Double.NaN, d);

        ParticleSystem pulled = new ParticleSystem(n, d, kernel);
        ParticleSystem still = new ParticleSystem(n, d, kernel);
        for (int i = 0; i < n; i++) {
            still.positions()[i * d] = 1.0;
            pulled.positions()[i * d + (i < tracked ? 0 : 1)] = 1.0;
        }
        pulled.step(dt, sigma, ZigguratSampler.NormalizedGaussian.of(StreamSeeds.stream(91)), scheme);
        still.step(dt, sigma, ZigguratSampler.NormalizedGaussian.of(StreamSeeds.stream(91)), scheme);

        double[] aSamples = new double[tracked];
        double[] bSamples = new double[tracked];
        for (int i = 0; i < tracked; i++) {
            aSamples[i] = still.positions()[i * d];
            bSamples[i] = (pulled.positions()[i * d + 1] - still.positions()[i * d + 1]) / (dt * w);
        }
        double[] lossAndB = scheme == ParticleSystem.Scheme.GEODESIC ? SchemeThreshold.geodesic(d, sigma)
                : SchemeThreshold.euler(d, sigma);
        double a = 1.0 - lossAndB[0];
        double b = lossAndB[1];
        double aError = assertMean(a, aSamples, "a");
        double bError = assertMean(b, bSamples, "b");
        // The first-order values: 1 - sigma^2 (d - 1) / 2 for a, and for b 1 - sigma^2 (d + 1) / 6
        // (geodesic) or 1 - sigma^2 (d - 1) / 2 (euler).
        double aFirstOrder = 1.0 - sigma * sigma * (d - 1) / 2.0;
        double bFirstOrder = 1.0 - sigma * sigma * (scheme == ParticleSystem.Scheme.GEODESIC ? (d + 1) / 6.0 : (d - 1) / 2.0);
        assertTrue(Math.abs(mean(aSamples) - aFirstOrder) > 4 * aError, "a: first order " + aFirstOrder + " not rejected");
        assertTrue(Math.abs(mean(bSamples) - bFirstOrder) > 4 * bError, "b: first order " + bFirstOrder + " not rejected");
    }

    private static double mean(double[] samples) {
        double sum = 0.0;
        for (double s : samples) {
            sum += s;
        }
        return sum / samples.length;
    }

    /**
     * Asserts that the sample mean lies within four standard errors of the expected value, and
     * returns the standard error.
     */
    private static double assertMean(double expected, double[] samples, String name) {
        double mean = mean(samples);
        double variance = 0.0;
        for (double s : samples) {
            variance += (s - mean) * (s - mean);
        }
        double error = Math.sqrt(variance / (samples.length - 1.0) / samples.length);
        assertEquals(expected, mean, 4 * error, name + " from " + samples.length + " steps, standard error " + error);
        return error;
    }
}
