package org.noisyflow.sphere;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Traces the branch of axially symmetric stationary states that bifurcates from the uniform state
 * at beta_k of the first unstable mode k, by amplitude continuation: the mode's coefficient c_k = s
 * is fixed and Newton's method solves for beta and the other coefficients. Stepping s from near 0
 * towards 1 passes through folds, where continuation in beta would fail.
 */
final class BranchTracer {
    private static final int MAX_NEWTON = 60;
    private static final double TOLERANCE = 1e-12;

    /** One state on the branch. */
    record BranchPoint(double amplitude, double beta, double[] c, double freeEnergyGap, boolean stable) {
    }

    /** The traced branch, or the amplitude at which Newton first failed. */
    record Branch(List<BranchPoint> points, Double failedAt) {
    }

    private final ZonalStationaryStates states;
    private final int mode;
    private final int[] active;

    BranchTracer(ZonalStationaryStates states, int mode) {
        this.states = states;
        this.mode = mode;
        this.active = states.activeDegrees();
    }

    /**
     * Traces amplitudes start, start + step, ... while |s| &le; |end|, starting from beta0 near the
     * bifurcation.
     */
    Branch trace(double start, double end, double step, double beta0) {
        List<BranchPoint> points = new ArrayList<>();
        double[] c = new double[states.maxDegree() + 1];
        c[0] = 1.0;
        double beta = beta0;
        for (double s = start; Math.abs(s) <= Math.abs(end) + 1e-12; s += step) {
            c[mode] = s;
            BranchPoint point = solve(s, c, beta);
            if (point == null) {
                return new Branch(points, s);
            }
            points.add(point);
            c = point.c().clone();
            beta = point.beta();
        }
        return new Branch(points, null);
    }

    /** Solves for (beta, c_j, j &ne; mode) at c_mode = s from the guess (c, beta). */
    BranchPoint solve(double s, double[] guess, double betaGuess) {
        double[] c = guess.clone();
        c[mode] = s;
        double beta = betaGuess;
        int m = active.length;
        int modeIndex = -1;
        for (int a = 0; a < m; a++) {
            if (active[a] == mode) {
                modeIndex = a;
            }
        }

        double[] g = new double[c.length];
        DMatrixRMaj jacobian = new DMatrixRMaj(m, m);
        DMatrixRMaj residual = new DMatrixRMaj(m, 1);
        DMatrixRMaj step = new DMatrixRMaj(m, 1);
        for (int iteration = 0; iteration < MAX_NEWTON; iteration++) {
            states.setBeta(beta);
            states.gibbsMap(c, g);
            double norm = 0.0;
            for (int a = 0; a < m; a++) {
                residual.data[a] = g[active[a]] - c[active[a]];
                norm = Math.max(norm, Math.abs(residual.data[a]));
            }
            if (!Double.isFinite(norm) || beta <= 0.0) {
                return null;
            }
            if (norm < TOLERANCE) {
                ZonalStationaryStates.State state = states.state(c);
                return new BranchPoint(s, beta, c, state.freeEnergyGap(), state.stable());
            }

            double[][] covariance = states.covariance(c, active);
            double[] betaColumn = states.covarianceWithPotential(c, active);
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    double value;
                    if (b == modeIndex) {
                        // The unknown in the mode's slot is beta: dG_a/dbeta = -Cov(P_a, U).
                        value = -betaColumn[a];
                    } else {
                        value = -beta * states.scaled(active[b]) * covariance[a][b] - (a == b ? 1.0 : 0.0);
                    }
                    jacobian.set(a, b, value);
                }
            }
            if (!CommonOps_DDRM.solve(jacobian, residual, step)) {
                return null;
            }
            for (int b = 0; b < m; b++) {
                if (b == modeIndex) {
                    beta -= step.data[b];
                } else {
                    c[active[b]] -= step.data[b];
                }
            }
        }
        return null;
    }
}
