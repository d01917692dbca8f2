package org.noisyflow.aggregation;

import java.io.Serializable;

/**
 * The attractive zonal kernel W(x, y) = w(&lt;x, y&gt;): {@code dot}, w(t) = -kappa t, or
 * {@code transformer}, w(t) = -(kappa/gamma) e^{gamma t}.
 *
 * @param transformer whether the kernel is the transformer's
 * @param kappa the attraction strength, at least 0
 * @param gamma the transformer's exponent, NaN for the dot kernel
 */
public record Attraction(boolean transformer, double kappa, double gamma) implements Serializable {

    /** Creates the dot-product attraction w(t) = -kappa t. */
    public static Attraction dot(double kappa) {
        return new Attraction(false, kappa, Double.NaN);
    }

    /** Creates the transformer attraction w(t) = -(kappa/gamma) e^{gamma t}. */
    public static Attraction transformer(double kappa, double gamma) {
        return new Attraction(true, kappa, gamma);
    }

    /** Returns w(t). */
    public double value(double t) {
        return transformer ? -kappa / gamma * Math.exp(gamma * t) : -kappa * t;
    }

    /** Returns w'(t). */
    public double slope(double t) {
        return transformer ? -kappa * Math.exp(gamma * t) : -kappa;
    }

    /**
     * Returns an upper bound on the Lipschitz constant of the attraction velocity for total mass
     * M: kappa M for the dot kernel and kappa M e^gamma (1 + gamma) for the transformer's, whose
     * velocity terms kappa e^{gamma t} P_x y have derivatives up to kappa e^gamma (1 + gamma).
     */
    public double rateBound(double mass) {
        return transformer ? kappa * mass * Math.exp(gamma) * (1.0 + gamma) : kappa * mass;
    }
}
