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
    static double[] naiveDrift(double[] x, int n, int d, String kernel, double gamma) {
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
        // 63 particles: fifteen groups of four and three left over in the Maier-Saupe loops.
        int n = 63;
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

    /**
     * Compares the vectorised pair sum (partner blocks, four rows at a time, padded vectors) with the
     * scalar one and the naive reference, at sizes that leave partial vectors, partial row groups
     * and, at d = 64, three partner blocks of 256 columns. Each drift component is (1/n) times a
     * sum of n - 1 terms of size at most e^1.5 &lt; 4.5, so a different summation order moves it
     * by at most (n - 1) u 4.5 &lt; 6e-13 for n &le; 600 and u = 2^-53 (t itself differs by a few
     * ulps, and the polynomial exponential by at most 2 ulps of Math.exp, both far smaller):
     * hence 1e-12. Near |t| = 1 the naive reference loses digits for the kernels that divide by
     * the sine, so those compare with it at 1e-11 as above and with the scalar sum at 1e-12.
     */
    @ParameterizedTest
    @CsvSource({"transformer, 37, 3", "transformer, 301, 16", "transformer, 600, 64",
        "onsager, 123, 3", "opinion, 205, 16", "gegenbauer, 99, 5", "opinion, 600, 64"})
    void vectorPairSumMatchesScalarAndNaive(String id, int n, int d) {
        ParticleSystem system = new ParticleSystem(n, d, kernel(id, d), new VectorPairSum(n, d, kernel(id, d)));
        system.initUniform(StreamSeeds.stream(SEED + n));
        double[] x = system.positions();
        double[] vector = new double[n * d];
        double[] scalar = new double[n * d];
        system.computePairDrift(vector);
        new ScalarPairSum(n, d, kernel(id, d)).drift(x, scalar);
        double[] reference = naiveDrift(x, n, d, id, 1.5);
        double naiveTolerance = id.equals("onsager") || id.equals("opinion") ? 1e-11 : 1e-12;
        for (int i = 0; i < n * d; i++) {
            assertEquals(scalar[i], vector[i], 1e-12, "vector against scalar, component " + i);
            assertEquals(reference[i], vector[i], naiveTolerance, "vector against naive, component " + i);
        }
    }

    /**
     * Compares the optimised step with a plain one: the same seeds, the same scheme, and a pair drift
     * summed over all ordered pairs one at a time. A difference e in the positions grows by at
     * most a factor 1 + dt L per step, L &le; gamma e^gamma &lt; 7 the Lipschitz constant of the
     * transformer coupling at gamma = 1.5, so 100 steps at dt = 0.01 amplify it by at most
     * e^7 &lt; 1100. Each step adds about 1e-15 (drift rounding above, times dt, plus the same
     * retraction), so the positions agree to 1100 &times; 100 &times; 1e-15 &lt; 1e-10.
     */
    @ParameterizedTest
    @CsvSource({"transformer, 200, 16", "transformer, 150, 3", "opinion, 120, 5"})
    void optimisedStepMatchesPlainStep(String id, int n, int d) {
        ParticleSystem fast = new ParticleSystem(n, d, kernel(id, d));
        ParticleSystem plain = new ParticleSystem(n, d, kernel(id, d), (x, out) -> {
            double[] drift = naiveDrift(x, n, d, id, 1.5);
            System.arraycopy(drift, 0, out, 0, drift.length);
        });
        fast.initUniform(StreamSeeds.stream(SEED));
        plain.initUniform(StreamSeeds.stream(SEED));

        ZigguratSampler.NormalizedGaussian noiseFast =
                ZigguratSampler.NormalizedGaussian.of(StreamSeeds.stream(SEED + 1));
        ZigguratSampler.NormalizedGaussian noisePlain =
                ZigguratSampler.NormalizedGaussian.of(StreamSeeds.stream(SEED + 1));
        double dt = 0.01;
        double noise = Math.sqrt(2 * dt / 5.0);
        double worst = 0.0;
        for (int step = 0; step < 100; step++) {
            fast.step(dt, noise, noiseFast, ParticleSystem.Scheme.EULER);
            plain.step(dt, noise, noisePlain, ParticleSystem.Scheme.EULER);
        }

        for (int i = 0; i < n * d; i++) {
            worst = Math.max(worst, Math.abs(fast.positions()[i] - plain.positions()[i]));
        }
        assertTrue(worst < 1e-10, "largest position difference after 100 steps: " + worst);
        // The step must have moved the particles, or the comparison would prove nothing.
        ParticleSystem start = new ParticleSystem(n, d, kernel(id, d));
        start.initUniform(StreamSeeds.stream(SEED));
        double moved = 0.0;
        for (int i = 0; i < n * d; i++) {
            moved = Math.max(moved, Math.abs(fast.positions()[i] - start.positions()[i]));
        }
        assertTrue(moved > 0.1, "particles moved by " + moved);
    }
}
