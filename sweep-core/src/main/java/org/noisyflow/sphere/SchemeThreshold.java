package org.noisyflow.sphere;

/**
 * The linear-stability threshold of the uniform state for the particle step at a finite time
 * step, where the first unstable mode has degree 1.
 *
 * <p>One step moves the position x by the increment dt v(x) + sigma xi and retracts onto the
 * sphere by the rule of {@link ParticleSystem.Scheme}, with sigma^2 = 2 dt / beta and xi a standard
 * normal vector in R^d. Near the uniform state the drift is v(x) = kappa P_x m to first order
 * in the mean m. In continuous time m then grows at the rate kappa (1 - 1/d) - (d - 1) / beta,
 * so the continuum threshold is beta_1 = d / kappa (kappa = 1 and beta_1 = d for the Heisenberg
 * kernel).
 *
 * <p>Averaging one step over the noise gives E[x' | x] = a x + b dt kappa P_x m + O(|m|^2),
 * where a is the mean of x'.x without drift and b the mean derivative of x' along a tangent
 * drift. The mean of P_x m over the uniform state is (1 - 1/d) m. So one step multiplies m by
 * a + b dt (d - 1) / beta_1, and the step's threshold is the beta where that factor is 1.
 *
 * <p>With R the length of the tangent part of xi (chi with d - 1 degrees of freedom) and z its
 * radial part:
 * <ul>
 *   <li>geodesic: a = E cos(sigma R), b = E[sinc(sigma R) + sigma R sinc'(sigma R) / (d - 1)].
 *       To first order in dt the Heisenberg threshold is d + dt (d + 1) / 6.
 *   <li>euler (add, then normalise): a = E[(1 + sigma z) / |y|] and
 *       b = E[1/|y| - sigma^2 R^2 / ((d - 1) |y|^3)], with |y|^2 = (1 + sigma z)^2 + sigma^2 R^2.
 *       To first order in dt the Heisenberg threshold is d + dt (7 - d) / 2.
 * </ul>
 * Both tend to the continuum threshold as dt goes to 0. At dt = 0.01 and d = 3 the geodesic
 * step's threshold is 3.0067 and the euler step's 3.02. The euler shift is several times the
 * uncertainty of a particle refinement at n = 1000, the geodesic one about one such
 * uncertainty. This class evaluates a and b by Gauss-Legendre quadrature, so its thresholds
 * hold to all orders in dt.
 */
public final class SchemeThreshold {

    private static final int NODES = 160;
    /** Reach of the quadratures beyond the bulk of the normal and chi densities, in standard deviations. */
    private static final double RADIAL_RANGE = 12.0;

    private SchemeThreshold() {
    }

    /**
     * Returns the beta at which the uniform state of the particle step loses stability to the
     * degree-1 mode, or NaN if the growth factor does not cross 1 between beta_1 / 4 and 4 beta_1.
     *
     * @param d the dimension, at least 2
     * @param dt the time step
     * @param scheme the retraction
     * @param continuumBeta the threshold beta_1 of the continuum equation
     */
    public static double criticalBeta(int d, double dt, ParticleSystem.Scheme scheme, double continuumBeta) {
        double low = continuumBeta / 4.0;
        double high = continuumBeta * 4.0;
        double fLow = excessGrowth(d, dt, scheme, continuumBeta, low);
        double fHigh = excessGrowth(d, dt, scheme, continuumBeta, high);
        if (!(fLow < 0.0 && fHigh > 0.0)) {
            return Double.NaN;
        }
        // Bisection: the growth factor rises with beta, since less noise keeps x' closer to x.
        for (int i = 0; i < 200 && high - low > 1e-13 * high; i++) {
            double middle = 0.5 * (low + high);
            if (excessGrowth(d, dt, scheme, continuumBeta, middle) < 0.0) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return 0.5 * (low + high);
    }

    /**
     * Returns a + b dt (d - 1) / beta_1 - 1, the excess over 1 of the factor by which one step
     * multiplies the mean. It is computed from 1 - a, which the quadratures sum term by term,
     * because 1 - a and the drift term are both of order dt and a - 1 would lose their digits.
     */
    static double excessGrowth(int d, double dt, ParticleSystem.Scheme scheme, double continuumBeta, double beta) {
        double sigma = Math.sqrt(2.0 * dt / beta);
        double[] lossAndB = scheme == ParticleSystem.Scheme.GEODESIC ? geodesic(d, sigma) : euler(d, sigma);
        return lossAndB[1] * dt * (d - 1.0) / continuumBeta - lossAndB[0];
    }

    /** Returns {1 - a, b} of the geodesic step with noise scale sigma. */
    static double[] geodesic(int d, double sigma) {
        double[][] radial = tangentLengthRule(d);
        double loss = 0.0;
        double b = 0.0;
        for (int i = 0; i < radial[0].length; i++) {
            double u = sigma * radial[0][i];
            double sinc = u < 1e-4 ? 1.0 - u * u / 6.0 : Math.sin(u) / u;
            // u sinc'(u) = cos u - sinc u
            double uSincPrime = u < 1e-4 ? -u * u / 3.0 : Math.cos(u) - sinc;
            double half = Math.sin(0.5 * u);
            loss += radial[1][i] * 2.0 * half * half;
            b += radial[1][i] * (sinc + uSincPrime / (d - 1.0));
        }
        return new double[] {loss, b};
    }

    /** Returns {1 - a, b} of the euler step with noise scale sigma. */
    static double[] euler(int d, double sigma) {
        double[][] radial = tangentLengthRule(d);
        double[][] normal = GaussLegendre.rule(NODES, -RADIAL_RANGE, RADIAL_RANGE);
        double loss = 0.0;
        double b = 0.0;
        for (int j = 0; j < NODES; j++) {
            double z = normal[0][j];
            double zWeight = normal[1][j] * Math.exp(-0.5 * z * z) / Math.sqrt(2.0 * Math.PI);
            double along = 1.0 + sigma * z;
            for (int i = 0; i < radial[0].length; i++) {
                double across = sigma * radial[0][i];
                double length2 = along * along + across * across;
                double length = Math.sqrt(length2);
                double weight = zWeight * radial[1][i];
                // 1 - along / length, without cancellation where along > 0
                loss += weight * (along > 0.0 ? across * across / (length * (length + along))
                        : (length - along) / length);
                b += weight * (1.0 / length - across * across / ((d - 1.0) * length2 * length));
            }
        }
        return new double[] {loss, b};
    }

    /**
     * Returns nodes and weights for the length R of a standard normal vector in R^(d-1): the
     * density r^(d-2) e^(-r^2/2) on [0, sqrt(d - 1) + 12], normalised by the rule itself.
     */
    private static double[][] tangentLengthRule(int d) {
        double[][] rule = GaussLegendre.rule(NODES, 0.0, Math.sqrt(d - 1.0) + RADIAL_RANGE);
        double[] logDensity = new double[NODES];
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < NODES; i++) {
            double r = rule[0][i];
            logDensity[i] = (d - 2.0) * Math.log(r) - 0.5 * r * r;
            largest = Math.max(largest, logDensity[i]);
        }
        double total = 0.0;
        for (int i = 0; i < NODES; i++) {
            rule[1][i] *= Math.exp(logDensity[i] - largest);
            total += rule[1][i];
        }
        for (int i = 0; i < NODES; i++) {
            rule[1][i] /= total;
        }
        return rule;
    }
}
