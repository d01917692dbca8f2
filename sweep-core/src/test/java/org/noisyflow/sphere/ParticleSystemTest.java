package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.noisyflow.random.StreamSeeds;

class ParticleSystemTest {
    private static final long SEED = 20261204L;

    /** Kernel parameters of the tests: gamma 1.5, radius 2.0 (past pi/2), mode 2. */
    private static ZonalKernel kernel(String id, int d) {
        return ZonalKernel.of(id, 1.5, 2.0, 2, d);
    }

    private static ParticleSystem uniform(String kernel, int n, int d, long seed) {
        ParticleSystem system = new ParticleSystem(n, d, kernel(kernel, d));
        system.initUniform(StreamSeeds.stream(seed));
        return system;
    }

    /**
     * Independent reference: b_i = (1/n) &Sigma;_{j&ne;i} c(t_ij) (x_j - t_ij x_i) with c = -W'
     * written out per kernel, one pair at a time, with no shared code.
     */
    private static double[] naiveDrift(double[] x, int n, int d, String kernel, double gamma) {
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double t = 0;
                for (int k = 0; k < d; k++) {
                    t += x[i * d + k] * x[j * d + k];
                }
                double c = switch (kernel) {
                    case "heisenberg" -> 1.0;
                    case "transformer" -> Math.exp(gamma * t);
                    case "maier-saupe" -> 2.0 * d * t / (d - 1.0);
                    case "onsager" -> t / Math.sqrt(1 - t * t);
                    case "opinion" -> Math.max(0.0, 2.0 - Math.acos(t)) / Math.sqrt(1 - t * t);
                    // W = -P_2 = -(d t^2 - 1)/(d - 1), so -W' = 2 d t/(d - 1).
                    case "gegenbauer" -> 2.0 * d * t / (d - 1.0);
                    default -> throw new IllegalArgumentException(kernel);
                };
                for (int k = 0; k < d; k++) {
                    out[i * d + k] += c * (x[j * d + k] - t * x[i * d + k]) / n;
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"heisenberg, 3", "transformer, 3", "transformer, 16", "maier-saupe, 5", "onsager, 3",
        "opinion, 3", "opinion, 2", "gegenbauer, 3", "gegenbauer, 6"})
    void pairDriftMatchesNaiveSum(String kernel, int d) {
        int n = 40;
        ParticleSystem system = uniform(kernel, n, d, SEED);
        double[] drift = new double[n * d];
        system.computePairDrift(drift);
        double[] reference = naiveDrift(system.positions(), n, d, kernel, 1.5);
        // Both sums add the same ~n terms of size <= e^gamma in a different order. For the kernels
        // whose coupling divides by sqrt(1 - t^2), the naive reference itself loses digits near
        // |t| = 1, where the solver takes the sine from chord lengths instead.
        double tolerance = kernel.equals("onsager") || kernel.equals("opinion") ? 1e-11 : 1e-13;
        for (int i = 0; i < n * d; i++) {
            assertEquals(reference[i], drift[i], tolerance, "component " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"heisenberg, 3", "heisenberg, 16", "maier-saupe, 3", "maier-saupe, 8"})
    void meanFieldDriftMatchesPairSum(String kernel, int d) {
        int n = 60;
        ParticleSystem system = uniform(kernel, n, d, SEED + d);
        double[] fast = new double[n * d];
        double[] pairs = new double[n * d];
        system.computeDrift(fast);
        system.computePairDrift(pairs);
        for (int i = 0; i < n * d; i++) {
            // The mean field includes j = i, whose term P_{x_i} x_i vanishes up to |x_i|^2 - 1.
            assertEquals(pairs[i], fast[i], 1e-13, "component " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"heisenberg, geodesic", "heisenberg, euler", "transformer, geodesic",
        "maier-saupe, euler", "onsager, geodesic", "onsager, euler"})
    void particlesStayOnSphere(String kernel, String scheme) {
        int n = 50;
        int d = 4;
        ParticleSystem system = uniform(kernel, n, d, SEED);
        UniformRandomProvider random = StreamSeeds.stream(SEED + 1);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        ParticleSystem.Scheme s = ParticleSystem.Scheme.valueOf(scheme.toUpperCase(java.util.Locale.ROOT));
        double worst = 0.0;
        for (int step = 0; step < 500; step++) {
            system.step(0.02, Math.sqrt(2 * 0.02 / 3.0), gauss, s);
            double[] x = system.positions();
            for (int i = 0; i < n; i++) {
                double norm2 = 0;
                for (int k = 0; k < d; k++) {
                    norm2 += x[i * d + k] * x[i * d + k];
                }
                worst = Math.max(worst, Math.abs(Math.sqrt(norm2) - 1.0));
            }
        }
        assertTrue(worst <= 1e-12, "max | |x| - 1 | = " + worst);
    }

    /**
     * Without noise the scheme is a gradient flow of the interaction energy
     * E = -(1/(2n(n-1))) &Sigma;_{i&ne;j} &lt;x_i,x_j&gt;, so for a step small against the
     * Lipschitz constant (about 1 for this kernel) E must not increase from one step to the next.
     * The slack 1e-15 covers rounding in the O(n^2) energy sum.
     */
    @ParameterizedTest
    @ValueSource(strings = {"geodesic", "euler"})
    void heisenbergEnergyDecreasesWithoutNoise(String scheme) {
        ParticleSystem system = uniform("heisenberg", 200, 3, SEED);
        ParticleSystem.Scheme s = ParticleSystem.Scheme.valueOf(scheme.toUpperCase(java.util.Locale.ROOT));
        double previous = system.energy();
        double first = previous;
        for (int step = 1; step <= 2000; step++) {
            system.step(0.05, 0.0, null, s);
            double energy = system.energy();
            assertTrue(energy <= previous + 1e-15,
                    "energy rose at step " + step + ": " + previous + " -> " + energy);
            previous = energy;
        }
        // The flow ends with all particles together: E = -1/2.
        assertTrue(previous < first - 0.4, "energy " + first + " -> " + previous);
        assertEquals(-0.5, previous, 1e-6);
    }

    /**
     * Two particles at angle eps: the Onsager pair force on the first is t (P_x y)/|P_x y|, a
     * vector of norm |t| = cos(eps) along the second's direction, however small eps is. A third
     * particle at a right angle has t = 0 and adds nothing. Near t = 1 the sine must come from the
     * chord, because 1 - cos(eps)^2 rounds to 0 for eps below about 1e-8.
     */
    @ParameterizedTest
    @CsvSource({"2, 1e-3", "2, 1e-9", "3, 1e-6", "7, 1e-10"})
    void onsagerForceSurvivesNearlyEqualPairs(int d, double eps) {
        int n = 3;
        ParticleSystem system = new ParticleSystem(n, d, ZonalKernel.of("onsager", 0, d));
        double[] x = system.positions();
        x[0] = 1;
        x[d] = Math.cos(eps);
        x[d + 1] = Math.sin(eps);
        x[2 * d + 1] = -1;
        double[] drift = new double[n * d];
        system.computePairDrift(drift);
        // Partner 1 pushes particle 0 along +e_2 with weight cos(eps)/n, partner 2 (t = 0) not at all.
        assertEquals(Math.cos(eps) / n, drift[1], 1e-6 / n, "tangential drift");
        assertEquals(0.0, drift[0], 1e-12, "radial drift");
    }

    /** The coupling c = -W' of every kernel against a central difference of W. */
    @ParameterizedTest
    @CsvSource({"heisenberg, 3", "transformer, 3", "transformer, 5", "maier-saupe, 3", "maier-saupe, 6",
        "onsager, 3", "opinion, 3", "gegenbauer, 3", "gegenbauer, 5"})
    void couplingIsMinusDerivativeOfPotential(String id, int d) {
        ZonalKernel kernel = kernel(id, d);
        double h = 1e-5;
        for (double t : new double[] {-0.8, -0.3, 0.1, 0.45, 0.85}) {
            double[] buffer = {t};
            kernel.couplings(buffer, 0, 1);
            double derivative = (kernel.potential(t + h) - kernel.potential(t - h)) / (2 * h);
            // Central differences err by h^2 |W'''|/6, below 1e-8 for these kernels at |t| <= 0.85.
            assertEquals(-derivative, buffer[0], 1e-7, id + " at t = " + t);
        }
    }
}
