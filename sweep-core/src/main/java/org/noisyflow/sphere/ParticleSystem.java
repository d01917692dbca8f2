package org.noisyflow.sphere;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * n interacting particles on the unit sphere S^{d-1} in R^d, with the time step of the
 * McKean-Vlasov particle SDE
 * dX_i = (1/n) &Sigma;_j c(&lt;X_i,X_j&gt;) P_{X_i} X_j dt + sqrt(2/beta) P_{X_i} o dB_i,
 * where c = -W' is the kernel's coupling.
 *
 * <p>Positions live in one flat row-major n&times;d array; all workspaces are allocated once, so
 * a step allocates nothing. The Ito correction -(d-1) X dt/beta is not added by hand: the
 * retraction onto the sphere produces it.
 */
public final class ParticleSystem {

    /** Retraction that returns a step to the sphere. */
    public enum Scheme {
        /** Projected Euler-Maruyama: X + v, then divide by the norm. */
        EULER,
        /** Geodesic step: move along the great circle of the tangent part of v by its length. */
        GEODESIC
    }

    private final int n;
    private final int d;
    private final ZonalKernel kernel;
    private final double[] x;
    private final double[] drift;
    private final double[] increment;
    private final PairSum pairs;
    private final double[] work;
    private final double[] v;

    /**
     * @param n number of particles, at least 2
     * @param d ambient dimension, at least 2
     * @param kernel the interaction
     */
    public ParticleSystem(int n, int d, ZonalKernel kernel) {
        this(n, d, kernel, PairSum.create(n, d, kernel));
    }

    /** Creates a system whose pair drift comes from {@code pairs}, which the tests choose. */
    ParticleSystem(int n, int d, ZonalKernel kernel, PairSum pairs) {
        if (n < 2 || d < 2) {
            throw new IllegalArgumentException("need n >= 2 and d >= 2, got n=" + n + ", d=" + d);
        }
        this.n = n;
        this.d = d;
        this.kernel = kernel;
        this.x = new double[n * d];
        this.drift = new double[n * d];
        this.increment = new double[n * d];
        this.pairs = pairs;
        this.work = new double[d * d + d];
        this.v = new double[d];
    }

    public int n() {
        return n;
    }

    public int d() {
        return d;
    }

    /** Returns the positions, n&times;d row-major, which callers may read and set between steps. */
    public double[] positions() {
        return x;
    }

    /** Places every particle independently and uniformly on the sphere (normalised Gaussians). */
    public void initUniform(UniformRandomProvider random) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        for (int i = 0; i < n; i++) {
            double norm;
            do {
                norm = 0.0;
                for (int k = 0; k < d; k++) {
                    double g = gauss.sample();
                    x[i * d + k] = g;
                    norm += g * g;
                }
            } while (norm == 0.0);
            scaleRow(i, 1.0 / Math.sqrt(norm));
        }
    }

    /** Places every particle at the north pole e_d; the noise spreads them in the first steps. */
    public void initOrdered() {
        Arrays.fill(x, 0.0);
        for (int i = 0; i < n; i++) {
            x[i * d + d - 1] = 1.0;
        }
    }

    /**
     * Writes the drift of every particle into {@code out} (n&times;d), through the kernel's mean
     * field where it has one and by summing pairs otherwise.
     */
    public void computeDrift(double[] out) {
        if (!kernel.meanFieldDrift(x, n, d, out, work)) {
            computePairDrift(out);
        }
    }

    /**
     * Writes the drift into {@code out} by summing over pairs, each pair once; see
     * {@link PairSum} for the sum and {@link VectorPairSum} for how it is computed.
     */
    public void computePairDrift(double[] out) {
        pairs.drift(x, out);
    }

    /**
     * Advances the system by one time step: drift, noise, retraction to the sphere.
     *
     * @param dt the time step
     * @param noiseScale sqrt(2 dt / beta); 0 gives the deterministic gradient flow
     * @param gauss standard normal sampler; not used when noiseScale is 0
     */
    public void step(double dt, double noiseScale, ZigguratSampler.NormalizedGaussian gauss,
            Scheme scheme) {
        computeDrift(drift);

        // The increments dt b + sqrt(2 dt / beta) xi, the draws in row-major order.
        int size = n * d;
        if (noiseScale == 0.0) {
            for (int i = 0; i < size; i++) {
                increment[i] = dt * drift[i] + 0.0;
            }
        } else {
            for (int i = 0; i < size; i++) {
                increment[i] = noiseScale * gauss.sample();
            }
            for (int i = 0; i < size; i++) {
                increment[i] = dt * drift[i] + increment[i];
            }
        }

        if (scheme == Scheme.GEODESIC) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(increment, i * d, v, 0, d);
                geodesicMove(i * d);
            }
        } else {
            for (int i = 0; i < size; i++) {
                x[i] += increment[i];
            }
        }
        for (int i = 0; i < n; i++) {
            scaleRow(i, 1.0 / Math.sqrt(dot(i * d, i * d)));
        }
    }

    /** Moves row oi along the great circle through it in the direction of the tangent part of v. */
    private void geodesicMove(int oi) {
        double radial = 0.0;
        for (int k = 0; k < d; k++) {
            radial += v[k] * x[oi + k];
        }
        double length2 = 0.0;
        for (int k = 0; k < d; k++) {
            v[k] -= radial * x[oi + k];
            length2 += v[k] * v[k];
        }
        double length = Math.sqrt(length2);
        double cos = Math.cos(length);
        // sin(r)/r, with its Taylor series where the quotient loses digits.
        double sinc = length < 1e-4 ? 1.0 - length2 / 6.0 : Math.sin(length) / length;
        for (int k = 0; k < d; k++) {
            x[oi + k] = cos * x[oi + k] + sinc * v[k];
        }
    }

    /** Writes the mean position m = (1/n) &Sigma; x_i into {@code m} (length d). */
    public void mean(double[] m) {
        Arrays.fill(m, 0, d, 0.0);
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            for (int k = 0; k < d; k++) {
                m[k] += x[oi + k];
            }
        }
        for (int k = 0; k < d; k++) {
            m[k] /= n;
        }
    }

    /** Writes the second moment (1/n) &Sigma; x_i x_i^T into {@code out} (d&times;d row-major). */
    public void secondMoment(double[] out) {
        ZonalKernel.MaierSaupe.secondMoment(x, n, d, out);
    }

    /**
     * Returns the interaction energy per pair, (1/(2 n (n-1))) &Sigma;_{i&ne;j} W(&lt;x_i,x_j&gt;),
     * an unbiased estimate of half the mean-field interaction energy.
     */
    public double energy() {
        double sum = 0.0;
        for (int i = 0; i < n - 1; i++) {
            int oi = i * d;
            for (int j = i + 1; j < n; j++) {
                sum += kernel.potential(dot(oi, j * d));
            }
        }
        return sum / ((double) n * (n - 1));
    }

    private double dot(int oi, int oj) {
        double s = 0.0;
        for (int k = 0; k < d; k++) {
            s += x[oi + k] * x[oj + k];
        }
        return s;
    }

    private void scaleRow(int i, double factor) {
        int oi = i * d;
        for (int k = 0; k < d; k++) {
            x[oi + k] *= factor;
        }
    }
}
