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

    private static ParticleSystem uniform(String kernel, int n, int d, long seed) {
        ParticleSystem system = new ParticleSystem(n, d, ZonalKernel.of(kernel, 1.5, d));
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
    @CsvSource({"heisenberg, 3", "transformer, 3", "transformer, 16", "maier-saupe, 5", "onsager, 3"})
    void pairDriftMatchesNaiveSum(String kernel, int d) {
        int n = 40;
        ParticleSystem system = uniform(kernel, n, d, SEED);
        double[] drift = new double[n * d];
        system.computePairDrift(drift);
        double[] reference = naiveDrift(system.positions(), n, d, kernel, 1.5);
        for (int i = 0; i < n * d; i++) {
            // Both sums add the same ~n terms of size <= e^gamma in a different order.
            assertEquals(reference[i], drift[i], 1e-13, "component " + i);
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

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7})
    void onsagerPairForceIsBounded(int d) {
        // Two nearly antipodal and two nearly equal particles: |W'| is huge, the force is not.
        int n = 4;
        ParticleSystem system = new ParticleSystem(n, d, ZonalKernel.of("onsager", 0, d));
        double[] x = system.positions();
        double eps = 1e-9;
        x[0] = 1;
        x[d] = Math.cos(eps);
        x[d + 1] = Math.sin(eps);
        x[2 * d] = -1;
        x[3 * d] = -Math.cos(eps);
        x[3 * d + 1] = Math.sin(eps);
        double[] drift = new double[n * d];
        system.computePairDrift(drift);
        for (int i = 0; i < n * d; i++) {
            // Each of the n-1 partners contributes a vector of norm |t| <= 1, divided by n.
            assertTrue(Math.abs(drift[i]) <= 1.0, "component " + i + " = " + drift[i]);
        }
    }
}
