package org.noisyflow.gd;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Geometry of a model's zero-loss set Gamma = {w : f_n(w) = y_n for all n}: Newton retraction,
 * tangent projection and the curvature of the loss.
 *
 * <p>The tangent space at w is ker J(w), and P_T = I - J^+ J with the Moore-Penrose inverse J^+.
 * The pseudo-inverse keeps both working where the constraints are redundant, as on the valley
 * model's plane v = 0, where every row of J points along v.
 */
public final class ZeroLossSet {
    /** Newton stops when the residual norm is below this. */
    static final double RESIDUAL_TOLERANCE = 1e-13;
    private static final int MAX_NEWTON = 100;
    private static final int MAX_LANDING_STEPS = 10_000_000;
    /** Local error per landing step, relative to max(1, |w|_inf). */
    private static final double LANDING_ERROR = 1e-11;

    private final Model model;
    private final int p;
    private final int samples;
    private final double[] f;
    private final DMatrixRMaj jacobian;
    private final DMatrixRMaj pseudoInverse;
    private final DMatrixRMaj residual;
    private final DMatrixRMaj correction;
    private final DMatrixRMaj hessian;
    private final double[] outputHessian;
    private final double[] jv;
    private final EigenDecomposition_F64<DMatrixRMaj> eigen;

    /** Largest number of weights for which the loss Hessian is built and decomposed whole. */
    static final int EXACT_HESSIAN_LIMIT = 400;
    private static final int POWER_ITERATIONS = 200;
    private static final int TRACE_PROBES = 32;
    /** Fixed seed of the trace probes, so that estimates repeat exactly. */
    private static final long PROBE_SEED = 0x5eedL;

    private final int exactLimit;

    public ZeroLossSet(Model model) {
        this(model, EXACT_HESSIAN_LIMIT);
    }

    /** Creates the geometry, estimating curvature from Hessian-vector products above exactLimit weights. */
    ZeroLossSet(Model model, int exactLimit) {
        this.exactLimit = exactLimit;
        this.model = model;
        this.p = model.dimension();
        this.samples = model.samples();
        this.f = new double[samples];
        this.jacobian = new DMatrixRMaj(samples, p);
        this.pseudoInverse = new DMatrixRMaj(p, samples);
        this.residual = new DMatrixRMaj(samples, 1);
        this.correction = new DMatrixRMaj(p, 1);
        boolean exact = p <= exactLimit;
        this.hessian = exact ? new DMatrixRMaj(p, p) : null;
        this.outputHessian = exact ? new double[p * p] : null;
        this.jv = new double[samples];
        this.eigen = exact ? DecompositionFactory_DDRM.eig(p, false, true) : null;
    }

    /** Returns L(w) = (1/2N) &Sigma; r_n^2. */
    public double loss(double[] w) {
        model.evaluate(w, null, f, jacobian.data);
        double sum = 0.0;
        for (int n = 0; n < samples; n++) {
            double r = f[n] - model.target(n);
            sum += r * r;
        }
        return sum / (2.0 * samples);
    }

    /**
     * Moves {@code w} onto Gamma by Newton steps w &larr; w - J^+ r.
     *
     * @return whether the residual norm fell below {@link #RESIDUAL_TOLERANCE}; w is modified
     *     either way
     */
    public boolean retract(double[] w) {
        double tolerance = residualTolerance();
        double previous = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < MAX_NEWTON; iteration++) {
            double norm = evaluateResidual(w);
            if (norm < tolerance) {
                return true;
            }
            if (!Double.isFinite(norm)) {
                return false;
            }
            // Rounding floor reached: the residual stalls well below any meaningful size.
            if (norm > 0.5 * previous && norm < 1e3 * tolerance) {
                return true;
            }
            previous = norm;
            CommonOps_DDRM.pinv(jacobian, pseudoInverse);
            CommonOps_DDRM.mult(pseudoInverse, residual, correction);
            for (int i = 0; i < p; i++) {
                w[i] -= correction.data[i];
            }
        }
        return evaluateResidual(w) < 1e3 * tolerance;
    }

    /**
     * Returns the residual norm that counts as zero: {@link #RESIDUAL_TOLERANCE} times
     * sqrt(N) max(1, |y|_inf), since rounding alone leaves residuals of that order in large data sets.
     */
    private double residualTolerance() {
        double scale = 1.0;
        for (int n = 0; n < samples; n++) {
            scale = Math.max(scale, Math.abs(model.target(n)));
        }
        return RESIDUAL_TOLERANCE * Math.sqrt(samples) * scale;
    }

    /**
     * Moves {@code w} to Phi(w), the end point of the gradient flow dw/dt = -&nabla;L started at w:
     * the classical Runge-Kutta method with step doubling, which keeps the local error below 1e-11,
     * until the residual is at the rounding level, then a Newton retraction.
     *
     * @return whether the end point is on the zero-loss set
     */
    public boolean land(double[] w) {
        double[] full = new double[p];
        double[] half = new double[p];
        double tolerance = residualTolerance();
        double h = Double.NaN;
        for (int iteration = 0; iteration < MAX_LANDING_STEPS; iteration++) {
            double norm = evaluateResidual(w);
            if (norm < 1e3 * tolerance) {
                break;
            }
            if (!Double.isFinite(norm)) {
                return false;
            }
            if (Double.isNaN(h)) {
                double trace = 0.0;
                for (double g : jacobian.data) {
                    trace += g * g;
                }
                h = 0.05 * samples / Math.max(trace, 1e-300);
            }
            // Step doubling: one step of h against two of h/2; their difference estimates the error.
            System.arraycopy(w, 0, full, 0, p);
            rungeKuttaStep(full, h);
            System.arraycopy(w, 0, half, 0, p);
            rungeKuttaStep(half, 0.5 * h);
            rungeKuttaStep(half, 0.5 * h);
            double error = 0.0;
            double size = 1.0;
            for (int i = 0; i < p; i++) {
                error = Math.max(error, Math.abs(full[i] - half[i]));
                size = Math.max(size, Math.abs(w[i]));
            }
            if (error > LANDING_ERROR * size) {
                h *= 0.5;
                continue;
            }
            System.arraycopy(half, 0, w, 0, p);
            if (error < 0.1 * LANDING_ERROR * size) {
                h *= 1.5;
            }
        }
        return retract(w);
    }

    /** Advances w by one classical Runge-Kutta step of the gradient flow dw/dt = -&nabla;L. */
    private void rungeKuttaStep(double[] w, double h) {
        double[][] k = new double[4][p];
        double[] trial = new double[p];
        lossGradient(w, k[0]);
        for (int i = 0; i < p; i++) {
            trial[i] = w[i] - 0.5 * h * k[0][i];
        }
        lossGradient(trial, k[1]);
        for (int i = 0; i < p; i++) {
            trial[i] = w[i] - 0.5 * h * k[1][i];
        }
        lossGradient(trial, k[2]);
        for (int i = 0; i < p; i++) {
            trial[i] = w[i] - h * k[2][i];
        }
        lossGradient(trial, k[3]);
        for (int i = 0; i < p; i++) {
            w[i] -= h / 6.0 * (k[0][i] + 2.0 * k[1][i] + 2.0 * k[2][i] + k[3][i]);
        }
    }

    /** Returns |w - Proj(w)| for the Newton retraction Proj, or NaN if Newton fails. */
    public double distance(double[] w) {
        double[] projected = w.clone();
        if (!retract(projected)) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < p; i++) {
            double diff = w[i] - projected[i];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    /** Replaces {@code v} by P_T(w) v, its component tangent to Gamma at w. */
    public void projectTangent(double[] w, double[] v) {
        model.evaluate(w, null, f, jacobian.data);
        CommonOps_DDRM.pinv(jacobian, pseudoInverse);
        for (int n = 0; n < samples; n++) {
            double s = 0.0;
            for (int i = 0; i < p; i++) {
                s += jacobian.data[n * p + i] * v[i];
            }
            jv[n] = s;
        }
        for (int i = 0; i < p; i++) {
            double s = 0.0;
            for (int n = 0; n < samples; n++) {
                s += pseudoInverse.data[i * samples + n] * jv[n];
            }
            v[i] -= s;
        }
    }

    /**
     * Writes the Hessian of the loss, (1/N) &Sigma;_n (&nabla;f_n &nabla;f_n^T + r_n &nabla;^2 f_n),
     * into {@code out} (p&times;p).
     */
    public void lossHessian(double[] w, double[] out) {
        model.evaluate(w, null, f, jacobian.data);
        java.util.Arrays.fill(out, 0, p * p, 0.0);
        for (int n = 0; n < samples; n++) {
            double r = f[n] - model.target(n);
            model.outputHessian(n, w, outputHessian);
            int row = n * p;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    out[a * p + b] += jacobian.data[row + a] * jacobian.data[row + b]
                            + r * outputHessian[a * p + b];
                }
            }
        }
        for (int i = 0; i < p * p; i++) {
            out[i] /= samples;
        }
    }

    /**
     * Returns {trace, largest eigenvalue} of the loss Hessian at w: exact up to
     * {@link #EXACT_HESSIAN_LIMIT} weights, otherwise estimated from Hessian-vector products (see
     * {@link #estimatedCurvature}).
     */
    public double[] curvature(double[] w) {
        if (hessian == null) {
            return estimatedCurvature(w);
        }
        lossHessian(w, hessian.data);
        double trace = 0.0;
        for (int i = 0; i < p; i++) {
            trace += hessian.data[i * p + i];
        }
        double largest = Double.NaN;
        if (eigen.decompose(hessian)) {
            largest = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < eigen.getNumberOfEigenvalues(); k++) {
                largest = Math.max(largest, eigen.getEigenvalue(k).real);
            }
        }
        return new double[] {trace, largest};
    }

    /**
     * Estimates {trace, largest eigenvalue} of the loss Hessian H from products H v, each a central
     * difference of the loss gradient with a step of 1e-5 (relative error near 1e-10). The largest
     * eigenvalue comes from power iteration, stopped at a relative change below 1e-10. The trace is
     * the exact Gauss-Newton part (1/N) &Sigma; |&nabla;f_n|^2 plus a Hutchinson estimate, over 32
     * Rademacher probes with a fixed seed, of the residual part (1/N) &Sigma; r_n tr &nabla;^2 f_n,
     * which vanishes on the zero-loss set.
     */
    double[] estimatedCurvature(double[] w) {
        double[] v = new double[p];
        double[] hv = new double[p];
        // Power iteration converges to the eigenvalue of largest modulus L. On H + L I every
        // eigenvalue is non-negative, so a second pass there converges to the largest one.
        double modulus = Math.abs(powerIteration(w, 0.0, v, hv));
        double largest = powerIteration(w, -modulus, v, hv) - modulus;

        model.evaluate(w, null, f, jacobian.data);
        double gaussNewton = 0.0;
        for (double g : jacobian.data) {
            gaussNewton += g * g;
        }
        gaussNewton /= samples;
        org.apache.commons.rng.UniformRandomProvider probes =
                org.noisyflow.random.StreamSeeds.stream(PROBE_SEED);
        double residualPart = 0.0;
        for (int probe = 0; probe < TRACE_PROBES; probe++) {
            for (int i = 0; i < p; i++) {
                v[i] = probes.nextBoolean() ? 1.0 : -1.0;
            }
            hessianVector(w, v, hv);
            double full = 0.0;
            for (int i = 0; i < p; i++) {
                full += v[i] * hv[i];
            }
            model.evaluate(w, null, f, jacobian.data);
            double jz2 = 0.0;
            for (int n = 0; n < samples; n++) {
                double jz = 0.0;
                for (int i = 0; i < p; i++) {
                    jz += jacobian.data[n * p + i] * v[i];
                }
                jz2 += jz * jz;
            }
            residualPart += full - jz2 / samples;
        }
        return new double[] {gaussNewton + residualPart / TRACE_PROBES, largest};
    }

    /**
     * Returns the eigenvalue of largest modulus of H - shift I by power iteration from a start
     * vector drawn with a fixed seed, stopped at a relative change below 1e-10.
     */
    private double powerIteration(double[] w, double shift, double[] v, double[] hv) {
        org.apache.commons.rng.UniformRandomProvider start =
                org.noisyflow.random.StreamSeeds.stream(PROBE_SEED + 1);
        for (int i = 0; i < p; i++) {
            v[i] = start.nextDouble() - 0.5;
        }
        double estimate = Double.NaN;
        for (int iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
            double norm = 0.0;
            for (int i = 0; i < p; i++) {
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < p; i++) {
                v[i] /= norm;
            }
            hessianVector(w, v, hv);
            double rayleigh = 0.0;
            for (int i = 0; i < p; i++) {
                hv[i] -= shift * v[i];
                rayleigh += v[i] * hv[i];
            }
            System.arraycopy(hv, 0, v, 0, p);
            boolean converged = Math.abs(rayleigh - estimate) <= 1e-10 * Math.abs(rayleigh);
            estimate = rayleigh;
            if (converged || rayleigh == 0.0) {
                break;
            }
        }
        return estimate;
    }

    /** Writes H v, a central difference of the loss gradient along v, into out. */
    private void hessianVector(double[] w, double[] v, double[] out) {
        double wNorm = 0.0;
        double vNorm = 0.0;
        for (int i = 0; i < p; i++) {
            wNorm += w[i] * w[i];
            vNorm += v[i] * v[i];
        }
        double h = 1e-5 * Math.max(1.0, Math.sqrt(wNorm)) / Math.sqrt(vNorm);
        double[] shifted = new double[p];
        double[] up = new double[p];
        for (int i = 0; i < p; i++) {
            shifted[i] = w[i] + h * v[i];
        }
        lossGradient(shifted, up);
        for (int i = 0; i < p; i++) {
            shifted[i] = w[i] - h * v[i];
        }
        lossGradient(shifted, out);
        for (int i = 0; i < p; i++) {
            out[i] = (up[i] - out[i]) / (2.0 * h);
        }
    }

    /** Writes &nabla;L(w) = (1/N) J^T r into out. */
    private void lossGradient(double[] w, double[] out) {
        model.evaluate(w, null, f, jacobian.data);
        java.util.Arrays.fill(out, 0.0);
        for (int n = 0; n < samples; n++) {
            double r = f[n] - model.target(n);
            for (int i = 0; i < p; i++) {
                out[i] += r * jacobian.data[n * p + i];
            }
        }
        for (int i = 0; i < p; i++) {
            out[i] /= samples;
        }
    }

    private double evaluateResidual(double[] w) {
        model.evaluate(w, null, f, jacobian.data);
        double sum = 0.0;
        for (int n = 0; n < samples; n++) {
            double r = f[n] - model.target(n);
            residual.data[n] = r;
            sum += r * r;
        }
        return Math.sqrt(sum);
    }
}
