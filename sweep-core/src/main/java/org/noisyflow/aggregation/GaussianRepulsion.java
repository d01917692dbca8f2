package org.noisyflow.aggregation;

import java.io.Serializable;
import org.noisyflow.sphere.Gegenbauer;

/**
 * The localized repulsion W_eps(x, y) = eps^{-(d-1)} V(|x - y|/eps) with the Gaussian profile
 * V(r) = c (2 pi)^{-(d-1)/2} e^{-r^2/2} on R^{d-1}, whose integral is c, so that W_eps * rho
 * tends to c rho as eps goes to 0. In terms of t = &lt;x, y&gt; it is
 * c (2 pi eps^2)^{-(d-1)/2} e^{(t - 1)/eps^2}, a positive-definite kernel.
 *
 * @param strength c, at least 0
 * @param eps the range, greater than 0
 * @param d the ambient dimension
 */
public record GaussianRepulsion(double strength, double eps, int d) implements Serializable {
    /**
     * The relative size e^{-r^2/(2 eps^2)} below which pair terms are dropped: with it the kernel
     * is cut at the chord 8.6 eps, and every dropped term is below 1e-16 of the kernel's peak.
     */
    public static final double CUTOFF = 1e-16;

    /**
     * Returns W_eps at chord length 0, c (2 pi eps^2)^{-(d-1)/2}. It is 0 for c = 0 even where the
     * power overflows, which happens for eps below about 5e-6 at d = 64.
     */
    public double peak() {
        if (strength == 0.0) {
            return 0.0;
        }
        return strength * Math.pow(2.0 * Math.PI * eps * eps, -0.5 * (d - 1));
    }

    /** Returns W_eps at squared chord length r2 = |x - y|^2 = 2 - 2 &lt;x, y&gt;. */
    public double value(double r2) {
        return peak() * Math.exp(-0.5 * r2 / (eps * eps));
    }

    /** Returns the squared chord beyond which pair terms are dropped, 2 eps^2 ln(1/CUTOFF). */
    public double cutoffChordSquared() {
        return 2.0 * eps * eps * Math.log(1.0 / CUTOFF);
    }

    /**
     * Returns &int; W_eps(x, y) d&sigma;(y), which is c (1 + O(eps^2)) and c up to e^{-2/eps^2}
     * at d = 3: the normalisation that turns W_eps * rho into a density estimate.
     */
    public double total() {
        return peak() * SphereGeometry.sphereArea(d - 2) * SphereGeometry.exponentialIntegral(1.0 / (eps * eps), d - 2);
    }

    /**
     * Returns the Funk-Hecke coefficient of degree l, &int; W_eps(x, y) P_l(&lt;x, y&gt;) d&sigma;(y) with
     * P_l the Gegenbauer polynomial normalised by P_l(1) = 1: the growth of mode l near the uniform
     * state feels the repulsion through it. It is c (1 - eps^2) for l = 1 and
     * c (1 - 3 eps^2 + 3 eps^4) for l = 2 at d = 3, up to e^{-2/eps^2}.
     */
    public double coefficient(int l) {
        double a = 1.0 / (eps * eps);
        return peak() * SphereGeometry.sphereArea(d - 2)
                * SphereGeometry.exponentialIntegral(a, d - 2, t -> Gegenbauer.value(d, l, t));
    }
}
