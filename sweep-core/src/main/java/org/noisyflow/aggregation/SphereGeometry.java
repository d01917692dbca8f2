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
     * <p>For large a the integrand peaks near &psi; = &radic;(p/a) at about e^{-p/2} (p/a)^{p/2}.
     * The rule runs over [0, U] with a (1 - cos U) = 40 + (p/2)(1 + ln max(1, a/p)), beyond which
     * the integrand is below e^{-40} of that peak, or over [0, &pi;] when no such U exists.
     */
    public static double exponentialIntegral(double a, int p) {
        return exponentialIntegral(a, p, null);
    }

    /**
     * Returns &int;_0^&pi; e^{a(cos &psi; - 1)} sin^p &psi; f(cos &psi;) d&psi; for a bounded weight f,
     * such as a Gegenbauer polynomial, with the range rule of {@link #exponentialIntegral(double, int)}.
     *
     * @param weight f, or null for f = 1
     */
    public static double exponentialIntegral(double a, int p, java.util.function.DoubleUnaryOperator weight) {
        if (a == 0.0 && weight == null) {
            return Math.exp(0.5 * Math.log(Math.PI) + Gamma.logGamma(0.5 * (p + 1)) - Gamma.logGamma(0.5 * p + 1.0));
        }
        double decay = 40.0 + 0.5 * p * (1.0 + Math.log(Math.max(1.0, a / Math.max(p, 1))));
        double upper = decay < 2.0 * a ? Math.acos(1.0 - decay / a) : Math.PI;
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
            if (weight != null) {
                value *= weight.applyAsDouble(Math.cos(psi));
            }
            sum += rule[1][k] * value;
        }
        return half * sum;
    }
}
