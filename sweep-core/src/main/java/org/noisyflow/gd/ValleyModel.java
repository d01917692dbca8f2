package org.noisyflow.gd;

import java.util.Arrays;
import java.util.List;

/**
 * Model V, the widening valley: L(u, v) = (1/2) v^2 |u|^2 with u in R^dim and v scalar, written
 * as dim outputs f_n = sqrt(dim) v u_n with targets 0. Weights are ordered u_1..u_dim, v. The
 * zero-loss set contains the plane v = 0, along which the valley's curvature |u|^2 grows with
 * |u|; the coordinate is |u|^2.
 */
final class ValleyModel implements Model {
    private final int dim;
    private final double scale;

    ValleyModel(int dim) {
        this.dim = dim;
        this.scale = Math.sqrt(dim);
    }

    @Override
    public int dimension() {
        return dim + 1;
    }

    @Override
    public int samples() {
        return dim;
    }

    @Override
    public double target(int n) {
        return 0.0;
    }

    @Override
    public int units() {
        return 0;
    }

    @Override
    public void evaluate(double[] w, double[] unitMask, double[] f, double[] jacobian) {
        double v = w[dim];
        int p = dim + 1;
        Arrays.fill(jacobian, 0, dim * p, 0.0);
        for (int n = 0; n < dim; n++) {
            f[n] = scale * v * w[n];
            jacobian[n * p + n] = scale * v;
            jacobian[n * p + dim] = scale * w[n];
        }
    }

    @Override
    public void outputHessian(int n, double[] w, double[] out) {
        int p = dim + 1;
        Arrays.fill(out, 0, p * p, 0.0);
        out[n * p + dim] = scale;
        out[dim * p + n] = scale;
    }

    @Override
    public void unitContributions(double[] w, double[] contributions, double[] gradients) {
        throw new UnsupportedOperationException("the valley model has no hidden units");
    }

    @Override
    public List<String> coordinateNames() {
        return List.of("u_norm_sq");
    }

    @Override
    public void coordinates(double[] w, double[] out) {
        double sum = 0.0;
        for (int i = 0; i < dim; i++) {
            sum += w[i] * w[i];
        }
        out[0] = sum;
    }

    /** Returns u = (1, ..., 1), v = 0: on the zero-loss set with |u|^2 = dim. */
    @Override
    public double[] defaultInit() {
        double[] w = new double[dim + 1];
        Arrays.fill(w, 0, dim, 1.0);
        return w;
    }
}
