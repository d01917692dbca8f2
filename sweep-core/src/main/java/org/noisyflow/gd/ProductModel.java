package org.noisyflow.gd;

import java.util.List;

/**
 * Model P, the scalar two-layer linear net: f_n = w1 w2 x_n with targets y_n = x_n, so the
 * zero-loss set is the hyperbola w1 w2 = 1 for any data. The inputs are x_n = 2n/(N+1),
 * n = 1..N: x = 1 for one sample, (0.5, 1, 1.5) for three.
 *
 * <p>The one hidden unit is the product itself, so Dropout scales f. The coordinate along the
 * zero-loss set is the balance D = w1^2 - w2^2.
 */
final class ProductModel implements Model {
    private final double[] x;

    ProductModel(int samples) {
        x = Models.evenInputs(samples);
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public int samples() {
        return x.length;
    }

    @Override
    public double target(int n) {
        return x[n];
    }

    @Override
    public int units() {
        return 1;
    }

    @Override
    public void evaluate(double[] w, double[] unitMask, double[] f, double[] jacobian) {
        double m = unitMask == null ? 1.0 : unitMask[0];
        for (int n = 0; n < x.length; n++) {
            double scale = m * x[n];
            f[n] = scale * w[0] * w[1];
            jacobian[2 * n] = scale * w[1];
            jacobian[2 * n + 1] = scale * w[0];
        }
    }

    @Override
    public void outputHessian(int n, double[] w, double[] out) {
        out[0] = 0.0;
        out[1] = x[n];
        out[2] = x[n];
        out[3] = 0.0;
    }

    @Override
    public void unitContributions(double[] w, double[] contributions, double[] gradients) {
        for (int n = 0; n < x.length; n++) {
            contributions[n] = x[n] * w[0] * w[1];
            gradients[2 * n] = x[n] * w[1];
            gradients[2 * n + 1] = x[n] * w[0];
        }
    }

    @Override
    public List<String> coordinateNames() {
        return List.of("balance");
    }

    @Override
    public void coordinates(double[] w, double[] out) {
        out[0] = w[0] * w[0] - w[1] * w[1];
    }

    /** Returns (2, 0.5): on the zero-loss set, with balance 3.75. */
    @Override
    public double[] defaultInit() {
        return new double[] {2.0, 0.5};
    }
}
