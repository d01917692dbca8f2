package org.noisyflow.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.noisyflow.random.StreamSeeds;

class AggregationParticlesTest {

    /**
     * The velocity is v_i = -(N/M) P_{X_i} dE_N/dX_i, with the gradient taken in R^{dN} by central
     * differences of step h = 1e-5. The truncation error h^2/6 |E'''| is about h^2/(6 eps^2) = 2e-10
     * of the gradient at eps = 0.3, and rounding adds about 1e-16 N eps / h = 4e-11. The errors
     * measured for these cases are 3e-10 to 8e-10 of max |v|, so the tolerance 1e-7 leaves a margin
     * above 100. The gradient's radial part, where the ambient extension of E_N is arbitrary, is
     * projected out.
     */
    @ParameterizedTest
    @CsvSource({"dot, 3", "dot, 5", "transformer, 3", "transformer, 4"})
    void velocityIsProjectedEnergyGradient(String kind, int d) {
        int n = 12;
        double mass = 2.0;
        Attraction attraction = "dot".equals(kind) ? Attraction.dot(1.3) : Attraction.transformer(1.3, 2.0);
        AggregationParticles particles = new AggregationParticles(n, d, mass, attraction,
                new GaussianRepulsion(0.5, 0.3, d), false);
        particles.initUniform(StreamSeeds.stream(3));
        double[] x = particles.positions().clone();
        double[] velocity = new double[n * d];
        particles.evaluate(x, velocity);

        double h = 1e-5;
        double[] gradient = new double[n * d];
        double[] scratch = new double[n * d];
        for (int a = 0; a < n * d; a++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[a] += h;
            minus[a] -= h;
            gradient[a] = (particles.evaluate(plus, scratch) - particles.evaluate(minus, scratch)) / (2.0 * h);
        }

        double maxSpeed = 0.0;
        double maxError = 0.0;
        for (int i = 0; i < n; i++) {
            double radial = 0.0;
            for (int k = 0; k < d; k++) {
                radial += x[i * d + k] * gradient[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                double expected = -(n / mass) * (gradient[i * d + k] - radial * x[i * d + k]);
                maxError = Math.max(maxError, Math.abs(velocity[i * d + k] - expected));
                maxSpeed = Math.max(maxSpeed, Math.abs(velocity[i * d + k]));
            }
        }
        assertTrue(maxSpeed > 0.1, "speeds too small to test: " + maxSpeed);
        assertTrue(maxError <= 1e-7 * maxSpeed, "max error " + maxError + " against max |v| " + maxSpeed);
    }

    /**
     * Cell lists visit the same pairs as the all-pairs sum, only in another order, so velocities,
     * energy and density agree to rounding: 1e-13 relative leaves a margin of about 100 over the
     * 1e-16 per addition. Half the particles are clustered near the other half so that cells hold
     * several particles. The case d = 2, eps = 1e-4 has more cells than the grid's limit, so its
     * cells are wider than the cutoff.
     */
    @ParameterizedTest
    @CsvSource({"2, 0.01, 3000", "2, 1e-4, 5000", "3, 0.05, 3000", "4, 0.05, 2000"})
    void cellListsMatchAllPairs(int d, double eps, int n) {
        Attraction attraction = Attraction.dot(1.0);
        GaussianRepulsion repulsion = new GaussianRepulsion(0.1, eps, d);
        assertTrue(AggregationParticles.cellListsApply(attraction, repulsion));
        AggregationParticles cells = new AggregationParticles(n, d, 1.0, attraction, repulsion, true);
        AggregationParticles allPairs = new AggregationParticles(n, d, 1.0, attraction, repulsion, false);
        double[] x = clusteredPositions(n, d, 2.0 * eps, StreamSeeds.stream(5));

        double[] cellVelocity = new double[n * d];
        double[] pairVelocity = new double[n * d];
        double cellEnergy = cells.evaluate(x, cellVelocity);
        double cellDensity = lastMaxDensity(cells, x);
        double pairEnergy = allPairs.evaluate(x, pairVelocity);
        double pairDensity = lastMaxDensity(allPairs, x);

        double maxSpeed = 0.0;
        double maxDifference = 0.0;
        for (int a = 0; a < n * d; a++) {
            maxSpeed = Math.max(maxSpeed, Math.abs(pairVelocity[a]));
            maxDifference = Math.max(maxDifference, Math.abs(cellVelocity[a] - pairVelocity[a]));
        }
        assertTrue(maxDifference <= 1e-13 * maxSpeed, "max difference " + maxDifference + " of max |v| " + maxSpeed);
        assertEquals(pairEnergy, cellEnergy, 1e-13 * Math.abs(pairEnergy));
        assertEquals(pairDensity, cellDensity, 1e-13 * pairDensity);
        // The cluster puts more than the particle's own mass into the density estimate.
        assertTrue(pairDensity > 2.0 * AggregationParticles.densityScale(1.0 / n, eps, d), "no neighbours within eps");
    }

    private static double lastMaxDensity(AggregationParticles particles, double[] x) {
        System.arraycopy(x, 0, particles.positions(), 0, x.length);
        particles.evaluateState();
        return particles.maxDensity();
    }

    /** Returns n unit vectors: the first half uniform, each of the rest within about {@code spread} of one of them. */
    private static double[] clusteredPositions(int n, int d, double spread, UniformRandomProvider random) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        double[] x = new double[n * d];
        int half = n / 2;
        for (int i = 0; i < n; i++) {
            int centre = (i - half) * d;
            double norm2 = 0.0;
            for (int k = 0; k < d; k++) {
                double value = i < half ? gauss.sample() : x[centre + k] + spread * gauss.sample() / Math.sqrt(d);
                x[i * d + k] = value;
                norm2 += value * value;
            }
            for (int k = 0; k < d; k++) {
                x[i * d + k] /= Math.sqrt(norm2);
            }
        }
        return x;
    }

    /**
     * Under the density (1 + x_1/2)/|S^{d-1}|, E[x_1] = (1/2) E_unif[x_1^2] = 1/(2d), because the
     * uniform odd moments vanish and E_unif[x_1^2] = 1/d. The variance is
     * E[x_1^2] - E[x_1]^2 = 1/d - 1/(4d^2), as E[x_1^2] = E_unif[x_1^2] + (1/2) E_unif[x_1^3] = 1/d.
     * The mean of N = 20000 particles must lie within 4 standard errors.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 6})
    void tiltedInitHasMeanOneOverTwoD(int d) {
        int n = 20000;
        AggregationParticles particles = new AggregationParticles(n, d, 1.0, Attraction.dot(1.0),
                new GaussianRepulsion(0.0, 1.0, d), false);
        particles.initTilted(StreamSeeds.stream(17));

        double[] x = particles.positions();
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += x[i * d];
            double norm2 = 0.0;
            for (int k = 0; k < d; k++) {
                norm2 += x[i * d + k] * x[i * d + k];
            }
            assertEquals(1.0, norm2, 1e-15);
        }
        double standardError = Math.sqrt((1.0 / d - 1.0 / (4.0 * d * d)) / n);
        assertEquals(1.0 / (2 * d), sum / n, 4.0 * standardError);
    }

    /** Under the uniform density E[x_1] = 0 and Var[x_1] = 1/d; the mean must lie within 4 standard errors. */
    @Test
    void uniformInitHasZeroMean() {
        int n = 20000;
        int d = 3;
        AggregationParticles particles = new AggregationParticles(n, d, 1.0, Attraction.dot(1.0),
                new GaussianRepulsion(0.0, 1.0, d), false);
        particles.initUniform(StreamSeeds.stream(17));

        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += particles.positions()[i * d];
        }
        assertEquals(0.0, sum / n, 4.0 * Math.sqrt(1.0 / (d * n)));
    }
}
