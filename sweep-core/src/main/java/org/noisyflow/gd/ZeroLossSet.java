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

    public ZeroLossSet(Model model) {
        this.model = model;
        this.p = model.dimension();
        this.samples = model.samples();
        this.f = new double[samples];
        this.jacobian = new DMatrixRMaj(samples, p);
        this.pseudoInverse = new DMatrixRMaj(p, samples);
        this.residual = new DMatrixRMaj(samples, 1);
        this.correction = new DMatrixRMaj(p, 1);
        this.hessian = new DMatrixRMaj(p, p);
        this.outputHessian = new double[p * p];
        this.jv = new double[samples];
        this.eigen = DecompositionFactory_DDRM.eig(p, false, true);
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
     * Returns {trace, largest eigenvalue} of the loss Hessian at w.
     */
    public double[] curvature(double[] w) {
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
