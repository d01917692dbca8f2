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
        for (int iteration = 0; iteration < MAX_NEWTON; iteration++) {
            double norm = evaluateResidual(w);
            if (norm < RESIDUAL_TOLERANCE) {
                return true;
            }
            if (!Double.isFinite(norm)) {
                return false;
            }
            CommonOps_DDRM.pinv(jacobian, pseudoInverse);
            CommonOps_DDRM.mult(pseudoInverse, residual, correction);
            for (int i = 0; i < p; i++) {
                w[i] -= correction.data[i];
            }
        }
        return evaluateResidual(w) < RESIDUAL_TOLERANCE;
    }

    /**
     * Moves {@code w} to Phi(w), the end point of the gradient flow dw/dt = -&nabla;L started at w:
     * gradient descent with a step of 0.1 over the trace of (1/N) J^T J until the residual norm
     * is below 1e-10, then a Newton retraction.
     *
     * @return whether the end point is on the zero-loss set
     */
    public boolean land(double[] w) {
        double[] gradient = new double[p];
        for (int iteration = 0; iteration < MAX_LANDING_STEPS; iteration++) {
            double norm = evaluateResidual(w);
            if (norm < 1e-10) {
                break;
            }
            if (!Double.isFinite(norm)) {
                return false;
            }
            double trace = 0.0;
            java.util.Arrays.fill(gradient, 0.0);
            for (int n = 0; n < samples; n++) {
                for (int i = 0; i < p; i++) {
                    double g = jacobian.data[n * p + i];
                    trace += g * g;
                    gradient[i] += residual.data[n] * g;
                }
            }
            double h = 0.1 * samples / trace;
            for (int i = 0; i < p; i++) {
                w[i] -= h * gradient[i] / samples;
            }
        }
        return retract(w);
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
        java.util.Arrays.fill(v, 1.0 / Math.sqrt(p));
        double largest = 0.0;
        for (int iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
            hessianVector(w, v, hv);
            double norm = 0.0;
            double rayleigh = 0.0;
            for (int i = 0; i < p; i++) {
                norm += hv[i] * hv[i];
                rayleigh += v[i] * hv[i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0.0) {
                break;
            }
            for (int i = 0; i < p; i++) {
                v[i] = hv[i] / norm;
            }
            boolean converged = Math.abs(rayleigh - largest) <= 1e-10 * Math.abs(rayleigh);
            largest = rayleigh;
            if (converged) {
                break;
            }
        }

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
