package org.noisyflow.sphere;

/**
 * The mean-field state of the Heisenberg kernel W(t) = -t on S^{d-1}.
 *
 * <p>A zonal stationary state has density proportional to exp(beta m &lt;x, e&gt;), and its
 * magnetisation solves the self-consistency equation m = A_d(beta m) with
 * A_d(s) = I_{d/2}(s) / I_{d/2-1}(s), the mean of &lt;x, e&gt; under that density (for d = 3,
 * A_3(s) = coth s - 1/s). Since A_d'(0) = 1/d, the uniform state m = 0 is the only solution for
 * beta &le; d, and a positive solution branches off at beta_c = d.
 */
public final class HeisenbergMeanField {
    private static final int MAX_TERMS = 1_000_000;

    private HeisenbergMeanField() {
    }

    /** Returns A_d(s) = I_{d/2}(s) / I_{d/2-1}(s) for s &ge; 0. */
    public static double langevin(int d, double s) {
        return besselRatio(d / 2.0, s);
    }

    /**
     * Returns the mean-field magnetisation at inverse temperature beta: 0 for beta &le; d, the
     * positive root of m = A_d(beta m) otherwise, to about 1e-15.
     */
    public static double magnetization(int d, double beta) {
        if (beta <= d) {
            return 0.0;
        }
        // f(m) = A_d(beta m) - m is positive just above 0 (slope beta/d - 1 > 0) and negative at
        // m = 1 (A_d < 1), and has exactly one root in between.
        double lo = 0.0;
        double hi = 1.0;
        for (int iteration = 0; iteration < 200 && hi - lo > 1e-16; iteration++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (langevin(d, beta * mid) > mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * Returns I_nu(s) / I_{nu-1}(s) for nu &gt; 0 and s &ge; 0, from the continued fraction
     * I_nu/I_{nu-1} = 1/(2nu/s + 1/(2(nu+1)/s + 1/(2(nu+2)/s + ...))), evaluated with the
     * modified Lentz method.
     */
    static double besselRatio(double nu, double s) {
        if (s == 0.0) {
            return 0.0;
        }
        double tiny = 1e-300;
        double f = 2.0 * nu / s;
        double c = f;
        double dInv = 0.0;
        for (int k = 1; k < MAX_TERMS; k++) {
            double b = 2.0 * (nu + k) / s;
            dInv = b + dInv;
            dInv = dInv == 0.0 ? tiny : dInv;
            dInv = 1.0 / dInv;
            c = b + 1.0 / c;
            c = c == 0.0 ? tiny : c;
            double delta = c * dInv;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                return 1.0 / f;
            }
        }
        throw new ArithmeticException("Bessel ratio did not converge for nu=" + nu + ", s=" + s);
    }
}
