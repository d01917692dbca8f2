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
    private final double[] pairSum;
    private final double[] tangentialSum;
    private final double[] row;
    private final double[] dots;
    private final double[] work;
    private final double[] v;

    /**
     * @param n number of particles, at least 2
     * @param d ambient dimension, at least 2
     * @param kernel the interaction
     */
    public ParticleSystem(int n, int d, ZonalKernel kernel) {
        if (n < 2 || d < 2) {
            throw new IllegalArgumentException("need n >= 2 and d >= 2, got n=" + n + ", d=" + d);
        }
        this.n = n;
        this.d = d;
        this.kernel = kernel;
        this.x = new double[n * d];
        this.drift = new double[n * d];
        this.pairSum = new double[n * d];
        this.tangentialSum = new double[n];
        this.row = new double[n];
        this.dots = new double[n];
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
     * Writes the drift into {@code out} by summing over pairs i &lt; j once each. Both particles of
     * a pair share the coupling c(t_ij), and the tangent projection is applied through
     * P_{x_i} x_j = x_j - t_ij x_i, so the sum needs no per-pair projection and excludes j = i.
     */
    public void computePairDrift(double[] out) {
        Arrays.fill(pairSum, 0.0);
        Arrays.fill(tangentialSum, 0.0);
        for (int i = 0; i < n - 1; i++) {
            int oi = i * d;
            for (int j = i + 1; j < n; j++) {
                double t = dot(oi, j * d);
                dots[j] = t;
                row[j] = t;
            }
            kernel.couplings(row, i + 1, n);
            if (kernel.needsSine()) {
                refineNearAxis(oi, i + 1);
            }
            double tangentialI = 0.0;
            for (int j = i + 1; j < n; j++) {
                double c = row[j];
                if (c == 0.0) {
                    continue;
                }
                double ct = c * dots[j];
                tangentialI += ct;
                tangentialSum[j] += ct;
                int oj = j * d;
                for (int k = 0; k < d; k++) {
                    pairSum[oi + k] += c * x[oj + k];
                    pairSum[oj + k] += c * x[oi + k];
                }
            }
            tangentialSum[i] += tangentialI;
        }
        double invN = 1.0 / n;
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            for (int k = 0; k < d; k++) {
                out[oi + k] = invN * (pairSum[oi + k] - tangentialSum[i] * x[oi + k]);
            }
        }
    }

    /**
     * Recomputes the couplings of pairs (i, j &gt; i) with |t| &gt; 0.9 from chord lengths. For unit
     * vectors a = |x_i - sign(t) x_j|^2 gives 1 - |t| = a/2 and 1 + |t| = (4 - a)/2, so
     * sqrt(1 - t^2) = sqrt(a (4 - a))/2 keeps its digits where 1 - t^2 would round to 0.
     */
    private void refineNearAxis(int oi, int from) {
        for (int j = from; j < n; j++) {
            double t = dots[j];
            if (Math.abs(t) <= 0.9) {
                continue;
            }
            double sign = Math.signum(t);
            int oj = j * d;
            double chord2 = 0.0;
            for (int k = 0; k < d; k++) {
                double diff = x[oi + k] - sign * x[oj + k];
                chord2 += diff * diff;
            }
            double sine = 0.5 * Math.sqrt(Math.max(0.0, chord2 * (4.0 - chord2)));
            row[j] = kernel.couplingFromSine(t, sine);
        }
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
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            for (int k = 0; k < d; k++) {
                double noise = noiseScale == 0.0 ? 0.0 : noiseScale * gauss.sample();
                v[k] = dt * drift[oi + k] + noise;
            }
            if (scheme == Scheme.GEODESIC) {
                geodesicMove(oi);
            } else {
                for (int k = 0; k < d; k++) {
                    x[oi + k] += v[k];
                }
            }
            scaleRow(i, 1.0 / Math.sqrt(dot(oi, oi)));
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
        Arrays.fill(out, 0, d * d, 0.0);
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            for (int a = 0; a < d; a++) {
                double xa = x[oi + a];
                int r = a * d;
                for (int b = a; b < d; b++) {
                    out[r + b] += xa * x[oi + b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double value = out[a * d + b] / n;
                out[a * d + b] = value;
                out[b * d + a] = value;
            }
        }
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
