package org.noisyflow.sphere;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Stationary states of the McKean-Vlasov equation on S^{d-1} that are symmetric about an axis e,
 * written in Gegenbauer coefficients: rho(x) = &Sigma;_k N_k c_k P_k(&lt;x,e&gt;) with c_0 = 1 and
 * c_k = E_rho[P_k]. The potential is U(t) = &Sigma;_k N_k w_k c_k P_k(t), and a state is stationary
 * when c is a fixed point of the Gibbs map G_k(c) = E_sigma[e^{-beta U} P_k] / E_sigma[e^{-beta U}].
 *
 * <p>Expectations use the polar-angle quadrature of {@link KernelSpectrum}. The normalisation
 * subtracts the largest exponent first (log-sum-exp), so ordered states at large beta do not
 * overflow. Newton's method uses the analytic Jacobian
 * dG_k/dc_j = -beta N_j w_j Cov_rho(P_k, P_j).
 */
public final class ZonalStationaryStates {
    private static final int MAX_NEWTON = 100;
    private static final double TOLERANCE = 1e-13;
    static final int PICARD_STEPS = 20;

    private final KernelSpectrum spectrum;
    private final int d;
    private final int maxDegree;
    /** The inverse temperature; branch continuation changes it between points. */
    private double beta;
    private final double[] weights;
    private final double[] logWeights;
    private final double[][] polynomials;
    private final double[] scaled;
    private final int[] active;

    /**
     * @param spectrum coefficients w_0 .. w_K of the kernel
     * @param beta inverse temperature
     * @param nodes quadrature nodes in the polar angle
     */
    public ZonalStationaryStates(KernelSpectrum spectrum, double beta, int nodes) {
        this.spectrum = spectrum;
        this.d = spectrum.dimension();
        this.maxDegree = spectrum.maxDegree();
        this.beta = beta;

        double[][] rule = GaussLegendre.rule(nodes, 0.0, Math.PI);
        this.weights = new double[nodes];
        this.polynomials = new double[nodes][maxDegree + 1];
        // Weights in log form: sin^{d-2} underflows far from the equator in high dimension.
        this.logWeights = new double[nodes];
        double largestLog = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nodes; i++) {
            logWeights[i] = Math.log(rule[1][i]) + (d - 2) * Math.log(Math.sin(rule[0][i]));
            largestLog = Math.max(largestLog, logWeights[i]);
            Gegenbauer.values(d, maxDegree, Math.cos(rule[0][i]), polynomials[i]);
        }
        double total = 0.0;
        for (int i = 0; i < nodes; i++) {
            total += Math.exp(logWeights[i] - largestLog);
        }
        double logTotal = largestLog + Math.log(total);
        for (int i = 0; i < nodes; i++) {
            logWeights[i] -= logTotal;
            weights[i] = Math.exp(logWeights[i]);
        }

        this.scaled = new double[maxDegree + 1];
        this.active = selectActive(spectrum);
        scaled[0] = spectrum.coefficient(0);
        for (int k : active) {
            scaled[k] = Gegenbauer.harmonicDimension(d, k) * spectrum.coefficient(k);
        }
    }

    /**
     * Returns the degrees that {@link KernelSpectrum#interacts}. The others get N_k w_k = 0 exactly,
     * because N_k grows fast with d and k and would amplify the noise of a vanishing coefficient.
     */
    private static int[] selectActive(KernelSpectrum spectrum) {
        return java.util.stream.IntStream.rangeClosed(1, spectrum.maxDegree()).filter(spectrum::interacts).toArray();
    }

    /** A stationary state: coefficients c_0..c_K, its free energy above the uniform state, stability. */
    public record State(double[] c, double freeEnergyGap, boolean stable) {
    }

    /**
     * Returns the Gibbs probability of each quadrature node, q_i = w_i e^{-beta U_i} / Z, and writes
     * log Z = log E_sigma[e^{-beta U}] into logPartition[0]. The largest of log w_i - beta U_i is
     * subtracted before exponentiating, so that neither concentrated states nor the tiny weights
     * sin^{d-2} of high dimensions overflow or underflow to 0/0.
     */
    private double[] density(double[] c, double[] logPartition) {
        int nodes = weights.length;
        double[] exponent = new double[nodes];
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nodes; i++) {
            double u = 0.0;
            for (int k = 0; k <= maxDegree; k++) {
                u += scaled[k] * c[k] * polynomials[i][k];
            }
            exponent[i] = logWeights[i] - beta * u;
            largest = Math.max(largest, exponent[i]);
        }
        double z = 0.0;
        for (int i = 0; i < nodes; i++) {
            exponent[i] = Math.exp(exponent[i] - largest);
            z += exponent[i];
        }
        for (int i = 0; i < nodes; i++) {
            exponent[i] /= z;
        }
        logPartition[0] = largest + Math.log(z);
        return exponent;
    }

    /** Writes G(c) into out (out[0] = 1). */
    public void gibbsMap(double[] c, double[] out) {
        double[] rho = density(c, new double[1]);
        for (int k = 0; k <= maxDegree; k++) {
            double sum = 0.0;
            for (int i = 0; i < weights.length; i++) {
                sum += rho[i] * polynomials[i][k];
            }
            out[k] = sum;
        }
    }

    /**
     * Solves c = G(c) by Newton's method from {@code start}, over the degrees with w_k &ne; 0.
     *
     * @return the state, or null if Newton did not converge to 1e-13
     */
    public State solve(double[] start) {
        double[] c = start.clone();
        c[0] = 1.0;
        int m = active.length;
        double[] g = new double[maxDegree + 1];
        DMatrixRMaj jacobian = new DMatrixRMaj(m, m);
        DMatrixRMaj residual = new DMatrixRMaj(m, 1);
        DMatrixRMaj step = new DMatrixRMaj(m, 1);
        for (int iteration = 0; iteration < MAX_NEWTON; iteration++) {
            gibbsMap(c, g);
            double norm = 0.0;
            for (int a = 0; a < m; a++) {
                residual.data[a] = g[active[a]] - c[active[a]];
                norm = Math.max(norm, Math.abs(residual.data[a]));
            }
            if (!Double.isFinite(norm)) {
                return null;
            }
            if (norm < TOLERANCE) {
                // Degrees without interaction do not enter U, so their fixed-point value is G_k(c).
                System.arraycopy(g, 1, c, 1, maxDegree);
                return state(c);
            }
            double[][] covariance = covariance(c, active);
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    double dg = -beta * scaled[active[b]] * covariance[a][b];
                    jacobian.set(a, b, dg - (a == b ? 1.0 : 0.0));
                }
            }
            if (!CommonOps_DDRM.solve(jacobian, residual, step)) {
                return null;
            }
            // Newton for R(c) = G(c) - c: c <- c - J^{-1} R; halve the step while it leaves [-1, 1].
            double damping = 1.0;
            for (int a = 0; a < m; a++) {
                while (Math.abs(c[active[a]] - damping * step.data[a]) > 1.0 && damping > 1e-6) {
                    damping *= 0.5;
                }
            }
            for (int a = 0; a < m; a++) {
                c[active[a]] -= damping * step.data[a];
            }
        }
        return null;
    }

    /** Returns the free energy gap and zonal stability of a fixed point c. */
    State state(double[] c) {
        double[] logPartition = new double[1];
        density(c, logPartition);
        double quadratic = 0.0;
        for (int k = 0; k <= maxDegree; k++) {
            quadratic += scaled[k] * c[k] * c[k];
        }
        double gap = -0.5 * quadratic - logPartition[0] / beta - 0.5 * spectrum.coefficient(0);

        int m = active.length;
        double[][] covariance = covariance(c, active);
        DMatrixRMaj operator = new DMatrixRMaj(m, m);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                operator.set(a, b, -beta * covariance[a][b] * scaled[active[b]]);
            }
        }
        boolean stable = true;
        if (m > 0) {
            EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(m, false, false);
            stable = false;
            if (eigen.decompose(operator)) {
                stable = true;
                for (int k = 0; k < eigen.getNumberOfEigenvalues(); k++) {
                    if (eigen.getEigenvalue(k).real >= 1.0 - 1e-12) {
                        stable = false;
                    }
                }
            }
        }
        return new State(c.clone(), gap, stable);
    }

    void setBeta(double beta) {
        this.beta = beta;
    }

    double beta() {
        return beta;
    }

    int maxDegree() {
        return maxDegree;
    }

    /** Returns N_k w_k. */
    double scaled(int k) {
        return scaled[k];
    }

    /**
     * Returns Cov_rho(P_k, U) for the given degrees, the derivative of -G_k with respect to beta.
     */
    double[] covarianceWithPotential(double[] c, int[] active) {
        double[] rho = density(c, new double[1]);
        int m = active.length;
        double[] meanP = new double[m];
        double[] meanPU = new double[m];
        double meanU = 0.0;
        for (int i = 0; i < weights.length; i++) {
            double u = 0.0;
            for (int k = 0; k <= maxDegree; k++) {
                u += scaled[k] * c[k] * polynomials[i][k];
            }
            double w = rho[i];
            meanU += w * u;
            for (int a = 0; a < m; a++) {
                double pa = polynomials[i][active[a]];
                meanP[a] += w * pa;
                meanPU[a] += w * pa * u;
            }
        }
        double[] out = new double[m];
        for (int a = 0; a < m; a++) {
            out[a] = meanPU[a] - meanP[a] * meanU;
        }
        return out;
    }

    /** Returns Cov_rho(P_j, P_k) over the given degrees. */
    double[][] covariance(double[] c, int[] active) {
        double[] rho = density(c, new double[1]);
        int m = active.length;
        double[] mean = new double[m];
        double[][] out = new double[m][m];
        for (int i = 0; i < weights.length; i++) {
            double w = rho[i];
            for (int a = 0; a < m; a++) {
                double pa = polynomials[i][active[a]];
                mean[a] += w * pa;
                for (int b = 0; b < m; b++) {
                    out[a][b] += w * pa * polynomials[i][active[b]];
                }
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                out[a][b] -= mean[a] * mean[b];
            }
        }
        return out;
    }

    /** Returns the degrees k &ge; 1 that interact (see {@link #selectActive}). */
    int[] activeDegrees() {
        return active.clone();
    }

    /**
     * Returns the state of least free energy among the uniform state and the fixed points reached
     * from starts shaped like a concentrated state along the first unstable mode m: c_k = s^{k/m}
     * for the multiples k of m and 0 otherwise, for s = &plusmn;0.05 .. &plusmn;0.95. Each start gets
     * {@link #PICARD_STEPS} damped Picard steps, which pull it towards a stable branch, before Newton.
     */
    public State globalMinimiser() {
        double[] uniform = new double[maxDegree + 1];
        uniform[0] = 1.0;
        State best = state(uniform);
        int mode = spectrum.firstUnstableMode();
        if (mode == 0) {
            return best;
        }
        double[] g = new double[maxDegree + 1];
        // Positive amplitudes first, so that of two states with equal free energy (the two signs of
        // an odd mode, or both nematic states on the circle) the one elongated along e wins.
        for (int sign = 1; sign >= -1; sign -= 2) {
            for (double s = 0.05; s < 0.96; s += 0.1) {
                double[] start = new double[maxDegree + 1];
                start[0] = 1.0;
                for (int k = mode; k <= maxDegree; k += mode) {
                    start[k] = Math.pow(sign * s, k / mode);
                }
                for (int step = 0; step < PICARD_STEPS; step++) {
                    gibbsMap(start, g);
                    for (int k = 1; k <= maxDegree; k++) {
                        start[k] = 0.5 * (start[k] + g[k]);
                    }
                }
                State candidate = solve(start);
                if (candidate != null && candidate.freeEnergyGap() < best.freeEnergyGap() - 1e-12) {
                    best = candidate;
                }
            }
        }
        return best;
    }
}
