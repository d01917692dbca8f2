package org.noisyflow.sphere;

/** Couplings of near-parallel pairs for the kernels that divide by sin(theta). */
final class ChordSine {

    /** Pairs with |t| above this take their sine from the chord. */
    static final double NEAR_AXIS = 0.9;

    private ChordSine() {
    }

    /**
     * Recomputes {@code couplings[j]} for j in [from, to) where |dots[j]| &gt; 0.9, from the chord
     * between row oi and row j of x. For unit vectors a = |x_i - sign(t) x_j|^2 gives
     * 1 - |t| = a/2 and 1 + |t| = (4 - a)/2, so sqrt(1 - t^2) = sqrt(a (4 - a))/2 keeps its
     * digits where 1 - t^2 would round to 0.
     *
     * @param x positions, n&times;d row-major
     * @param oi offset of row i in x
     * @param dots t_ij for j in [from, to); not modified
     * @param couplings c(t_ij) for j in [from, to); modified in place
     */
    static void refine(ZonalKernel kernel, double[] x, int d, int oi, double[] dots,
            double[] couplings, int from, int to) {
        for (int j = from; j < to; j++) {
            double t = dots[j];
            if (Math.abs(t) <= NEAR_AXIS) {
                continue;
            }
            couplings[j] = kernel.couplingFromSine(t, sine(x, d, oi, j * d, t));
        }
    }

    /** Returns |P_{x_i} x_j| = sqrt(1 - t^2) for rows oi and oj of x, from their chord. */
    static double sine(double[] x, int d, int oi, int oj, double t) {
        double sign = Math.signum(t);
        double chord2 = 0.0;
        for (int k = 0; k < d; k++) {
            double diff = x[oi + k] - sign * x[oj + k];
            chord2 += diff * diff;
        }
        return 0.5 * Math.sqrt(Math.max(0.0, chord2 * (4.0 - chord2)));
    }
}
