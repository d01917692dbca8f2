package org.noisyflow.sphere;

import org.apache.commons.math3.special.Gamma;

/**
 * The spectrum of a zonal kernel on S^{d-1}: its Funk-Hecke coefficients
 * w_k = E_sigma[W(&lt;x,e&gt;) P_k(&lt;x,e&gt;)] with respect to the uniform probability measure
 * sigma, so that convolution with W multiplies every degree-k harmonic by w_k. The uniform state
 * of the McKean-Vlasov equation at inverse temperature beta is linearly unstable in mode k when
 * beta &gt; beta_k = -1/w_k (for w_k &lt; 0).
 *
 * <p>Coefficients come from Gauss-Legendre quadrature in the polar angle theta = arccos t, whose
 * density under sigma is proportional to sin^{d-2} theta; the weights are normalised to sum to 1,
 * so the constant kernel 1 gives w_0 = 1 exactly. For the opinion kernel the rule covers
 * [0, R] only, where W is smooth.
 */
public final class KernelSpectrum {
    /** Default quadrature nodes; at 400 the transformer coefficients match their closed form to 1e-12. */
    public static final int DEFAULT_NODES = 400;

    private final int d;
    private final double[] coefficients;

    /**
     * Computes w_0 .. w_maxDegree by quadrature.
     *
     * @param kernel the kernel
     * @param d ambient dimension, at least 2
     * @param maxDegree the largest degree K
     * @param nodes the number of Gauss-Legendre nodes
     */
    public KernelSpectrum(ZonalKernel kernel, int d, int maxDegree, int nodes) {
        this.d = d;
        this.coefficients = new double[maxDegree + 1];
        double upper = kernel.support();
        double[][] rule = GaussLegendre.rule(nodes, 0.0, upper);
        double[] p = new double[maxDegree + 1];
        // Normalise by the sigma-mass of [0, pi], computed with a rule of its own so that the
        // weights of the uniform measure sum to exactly 1 even when the rule stops at R < pi.
        double total = thetaMass(d, nodes);
        for (int i = 0; i < nodes; i++) {
            double theta = rule[0][i];
            double t = Math.cos(theta);
            double weight = rule[1][i] * Math.pow(Math.sin(theta), d - 2) / total;
            double w = kernel.potential(t);
            Gegenbauer.values(d, maxDegree, t, p);
            for (int k = 0; k <= maxDegree; k++) {
                coefficients[k] += weight * w * p[k];
            }
        }
    }

    private static double thetaMass(int d, int nodes) {
        double[][] rule = GaussLegendre.rule(nodes, 0.0, Math.PI);
        double sum = 0.0;
        for (int i = 0; i < nodes; i++) {
            sum += rule[1][i] * Math.pow(Math.sin(rule[0][i]), d - 2);
        }
        return sum;
    }

    /** Returns w_k. */
    public double coefficient(int k) {
        return coefficients[k];
    }

    /**
     * Returns whether degree k interacts: |w_k| above 1e-12 of the largest |w_j|, j &ge; 1, which
     * separates real coefficients from quadrature noise.
     */
    public boolean interacts(int k) {
        double largest = 0.0;
        for (int j = 1; j < coefficients.length; j++) {
            largest = Math.max(largest, Math.abs(coefficients[j]));
        }
        return k >= 1 && Math.abs(coefficients[k]) > 1e-12 * largest;
    }

    /** Returns the largest degree computed. */
    public int maxDegree() {
        return coefficients.length - 1;
    }

    /** Returns beta_k = -1/w_k, or +infinity when mode k never destabilises (w_k &ge; 0). */
    public double criticalBeta(int k) {
        return coefficients[k] < 0.0 ? -1.0 / coefficients[k] : Double.POSITIVE_INFINITY;
    }

    /**
     * Returns the first unstable mode: the k &ge; 1 with the most negative w_k (the smallest
     * beta_k), or 0 if no coefficient is negative. Coefficients within 1e-14 of the minimum
     * count as tied, and the lowest such degree is returned.
     */
    public int firstUnstableMode() {
        int best = 0;
        double smallest = 0.0;
        for (int k = 1; k < coefficients.length; k++) {
            if (coefficients[k] < smallest - 1e-14 * Math.max(1.0, Math.abs(smallest))) {
                smallest = coefficients[k];
                best = k;
            }
        }
        return best;
    }

    /** Returns the ambient dimension. */
    public int dimension() {
        return d;
    }

    /**
     * Returns the closed-form coefficient of the transformer kernel W(t) = -e^{gamma t}/gamma:
     * w_k = -(1/gamma) Gamma(d/2) (2/gamma)^{d/2-1} I_{k+d/2-1}(gamma), from the plane-wave
     * expansion of e^{gamma t} in Gegenbauer polynomials.
     */
    public static double transformerCoefficient(int d, int k, double gamma) {
        double nu = d / 2.0 - 1.0;
        double logScale = Gamma.logGamma(d / 2.0) + nu * Math.log(2.0 / gamma);
        return -Math.exp(logScale) * besselI(k + nu, gamma) / gamma;
    }

    /**
     * Returns the modified Bessel function I_nu(x) for nu &ge; 0 and 0 &lt; x &le; 700 from its
     * power series (x/2)^nu &Sigma;_m (x^2/4)^m / (m! Gamma(m + nu + 1)), whose terms are all
     * positive, so that the sum has no cancellation.
     */
    public static double besselI(double nu, double x) {
        double logPrefix = nu * Math.log(x / 2.0) - Gamma.logGamma(nu + 1.0);
        double quarter = x * x / 4.0;
        double term = 1.0;
        double sum = 1.0;
        for (int m = 1; m < 10_000; m++) {
            term *= quarter / (m * (m + nu));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return Math.exp(logPrefix) * sum;
    }

    /**
     * Returns the Landau coefficient of a branch from mode 1: beta - beta_1 = C m^2 + O(m^4) along
     * the branch with magnetisation m, C = beta_1 d^2/(d+2) [1 - (d-1)/(d (1 + beta_1 w_2))], from
     * the quartic expansion of the free energy with the slaved mode 2 eliminated. C &lt; 0 means a
     * subcritical branch and a discontinuous transition; C = 1.8 for the Heisenberg kernel in
     * d = 3. Returns NaN when the first unstable mode is not 1.
     */
    public double landauCoefficient() {
        if (firstUnstableMode() != 1 || coefficients.length < 3) {
            return Double.NaN;
        }
        double beta1 = criticalBeta(1);
        return beta1 * d * d / (d + 2.0) * (1.0 - (d - 1.0) / (d * (1.0 + beta1 * coefficients[2])));
    }

    /**
     * Returns gamma_*(d), where the transformer kernel's transition turns from continuous to
     * discontinuous. Its first unstable mode is k = 1, and the quartic Landau coefficient of the
     * branch changes sign where w_2/w_1 = I_{d/2+1}(gamma)/I_{d/2}(gamma) equals 1/d; the ratio
     * grows with gamma, so the root is unique.
     */
    public static double transformerThresholdGamma(int d) {
        org.apache.commons.math3.analysis.UnivariateFunction excess =
                gamma -> besselI(d / 2.0 + 1.0, gamma) / besselI(d / 2.0, gamma) - 1.0 / d;
        return new org.apache.commons.math3.analysis.solvers.BrentSolver(1e-14, 1e-14)
                .solve(200, excess, 1e-3, 50.0);
    }
}
