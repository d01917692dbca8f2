package org.noisyflow.sphere;

/**
 * Gegenbauer polynomials of dimension d normalised by P_k(1) = 1: the zonal spherical harmonics
 * of S^{d-1}. P_0 = 1, P_1 = t and (k + d - 2) P_{k+1} = (2k + d - 2) t P_k - k P_{k-1}; d = 2
 * gives the Chebyshev polynomials T_k and d = 3 the Legendre polynomials.
 */
public final class Gegenbauer {
    private Gegenbauer() {
    }

    /** Writes P_0(t) .. P_maxDegree(t) into out (length at least maxDegree + 1). */
    public static void values(int d, int maxDegree, double t, double[] out) {
        out[0] = 1.0;
        if (maxDegree >= 1) {
            out[1] = t;
        }
        for (int k = 1; k < maxDegree; k++) {
            out[k + 1] = ((2.0 * k + d - 2) * t * out[k] - k * out[k - 1]) / (k + d - 2.0);
        }
    }

    /** Returns P_k(t). */
    public static double value(int d, int k, double t) {
        double[] out = new double[k + 1];
        values(d, k, t, out);
        return out[k];
    }

    /** Returns P_k'(t), from the derivative of the three-term recurrence. */
    public static double derivative(int d, int k, double t) {
        if (k == 0) {
            return 0.0;
        }
        double previous = 1.0;
        double current = t;
        double previousSlope = 0.0;
        double currentSlope = 1.0;
        for (int j = 1; j < k; j++) {
            double next = ((2.0 * j + d - 2) * t * current - j * previous) / (j + d - 2.0);
            double nextSlope = ((2.0 * j + d - 2) * (current + t * currentSlope) - j * previousSlope)
                    / (j + d - 2.0);
            previous = current;
            current = next;
            previousSlope = currentSlope;
            currentSlope = nextSlope;
        }
        return currentSlope;
    }

    /**
     * Returns N_k, the dimension of the degree-k spherical harmonics on S^{d-1}:
     * 1 for k = 0, 2 for d = 2 and k &ge; 1, otherwise (2k + d - 2)/(k + d - 2) C(k + d - 2, k).
     */
    public static double harmonicDimension(int d, int k) {
        if (k == 0) {
            return 1.0;
        }
        if (d == 2) {
            return 2.0;
        }
        double binomial = 1.0;
        for (int i = 1; i <= k; i++) {
            binomial *= (double) (d - 2 + i) / i;
        }
        return (2.0 * k + d - 2) / (k + d - 2.0) * binomial;
    }
}
