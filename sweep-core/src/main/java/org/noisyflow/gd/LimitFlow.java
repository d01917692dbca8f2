package org.noisyflow.gd;

/**
 * The predicted slow motion along the zero-loss set: dW/dtau = -P_T(W) F(W), with the field F of
 * {@link Regularizer}, integrated by the classical Runge-Kutta method in steps of at most
 * {@link #MAX_STEP} in tau, each followed by a Newton retraction onto the zero-loss set.
 */
final class LimitFlow {
    /** Largest step in tau; the flows of the toy models change on scales of order 1. */
    static final double MAX_STEP = 1e-3;

    private final ZeroLossSet zeroLoss;
    private final Regularizer regularizer;
    private final int p;
    private final double[][] k;
    private final double[] trial;

    LimitFlow(Model model, ZeroLossSet zeroLoss, Regularizer regularizer) {
        this.zeroLoss = zeroLoss;
        this.regularizer = regularizer;
        this.p = model.dimension();
        this.k = new double[4][p];
        this.trial = new double[p];
    }

    /**
     * Advances W (on the zero-loss set) by {@code duration} in tau.
     *
     * @return false if a retraction failed to converge; W then contains the last iterate
     */
    boolean advance(double[] w, double duration) {
        if (duration <= 0.0) {
            return true;
        }
        int steps = (int) Math.ceil(duration / MAX_STEP);
        double h = duration / steps;
        for (int s = 0; s < steps; s++) {
            org.noisyflow.solver.Interruption.check();
            velocity(w, k[0]);
            offset(w, k[0], 0.5 * h);
            velocity(trial, k[1]);
            offset(w, k[1], 0.5 * h);
            velocity(trial, k[2]);
            offset(w, k[2], h);
            velocity(trial, k[3]);
            for (int i = 0; i < p; i++) {
                w[i] += h / 6.0 * (k[0][i] + 2.0 * k[1][i] + 2.0 * k[2][i] + k[3][i]);
            }
            if (!zeroLoss.retract(w)) {
                return false;
            }
        }
        return true;
    }

    /** Writes -P_T F(w) into out. */
    private void velocity(double[] w, double[] out) {
        regularizer.field(w, out);
        zeroLoss.projectTangent(w, out);
        for (int i = 0; i < p; i++) {
            out[i] = -out[i];
        }
    }

    private void offset(double[] w, double[] direction, double h) {
        for (int i = 0; i < p; i++) {
            trial[i] = w[i] + h * direction[i];
        }
    }
}
