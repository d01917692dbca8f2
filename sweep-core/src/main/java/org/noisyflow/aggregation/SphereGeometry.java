package org.noisyflow.aggregation;

import org.apache.commons.math3.special.Gamma;
import org.noisyflow.sphere.GaussLegendre;

/** Measures of spheres and balls, and the angular integral that zonal exponential kernels reduce to. */
public final class SphereGeometry {
    /** Gauss-Legendre nodes for {@link #exponentialIntegral}, enough for 1e-14 relative accuracy. */
    private static final int EXPONENTIAL_NODES = 64;

    private SphereGeometry() {
    }

    /** Returns |S^k| = 2 pi^{(k+1)/2} / Gamma((k+1)/2), the surface area of the unit sphere in R^{k+1}. */
    public static double sphereArea(int k) {
        return 2.0 * Math.exp(0.5 * (k + 1) * Math.log(Math.PI) - Gamma.logGamma(0.5 * (k + 1)));
    }

    /** Returns pi^{k/2} / Gamma(k/2 + 1), the volume of the unit ball in R^k. */
    public static double ballVolume(int k) {
        return Math.exp(0.5 * k * Math.log(Math.PI) - Gamma.logGamma(0.5 * k + 1.0));
    }

    /**
     * Returns &int;_0^&pi; e^{a(cos &psi; - 1)} sin^p &psi; d&psi; for a &ge; 0 and p &ge; 0, which
     * equals &radic;&pi; &Gamma;((p+1)/2) (2/a)^{p/2} I_{p/2}(a) e^{-a} but stays finite for any a.
     *
     * <p>In the chord s = 2 sin(&psi;/2) the integral is
     * &int;_0^2 e^{-a s^2/2} s^p (1 - s^2/4)^{(p-1)/2} ds, whose integrand is below
     * e^{-a s^2/2} s^p for p &ge; 1, so beyond the chord s_0 = (&radic;p + 10)/&radic;a its share is
     * under e^{-40}. For p = 0 the part beyond s_0 is below &pi; e^{-a s_0^2/2} = &pi; e^{-50}. The rule
     * runs over the angles up to s_0, or over [0, &pi;] when s_0 exceeds the diameter 2.
     */
    public static double exponentialIntegral(double a, int p) {
        if (a == 0.0) {
            return Math.exp(0.5 * Math.log(Math.PI) + Gamma.logGamma(0.5 * (p + 1)) - Gamma.logGamma(0.5 * p + 1.0));
        }
        double chord = (Math.sqrt(p) + 10.0) / Math.sqrt(a);
        double upper = chord >= 2.0 ? Math.PI : 2.0 * Math.asin(0.5 * chord);
        double[][] rule = GaussLegendre.rule(EXPONENTIAL_NODES);
        double half = 0.5 * upper;
        double sum = 0.0;
        for (int k = 0; k < EXPONENTIAL_NODES; k++) {
            double psi = half * (1.0 + rule[0][k]);
            // 1 - cos(psi) = 2 sin^2(psi/2) keeps its relative accuracy at small psi.
            double sinHalf = Math.sin(0.5 * psi);
            double value = Math.exp(-2.0 * a * sinHalf * sinHalf);
            if (p > 0) {
                value *= Math.pow(Math.sin(psi), p);
            }
            sum += rule[1][k] * value;
        }
        return half * sum;
    }
}
