package org.noisyflow.gd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Model S, the diagonal linear network: f(x) = &Sigma;_j (u_j^2 - v_j^2) x_j on a regression data set
 * with P features, weights ordered u_1..u_P, v_1..v_P. The recovered coefficients are
 * coef_j = u_j^2 - v_j^2; with fewer samples than features the zero-loss set is a family of
 * interpolants, and label noise drifts towards sparse ones.
 */
final class DiagonalNetModel implements Model {
    /** |coef_j| above this counts towards {@code support_size}. */
    static final double SUPPORT_THRESHOLD = 1e-3;
    /** u_j = v_j = this in the default start: coefficients 0, small and balanced weights. */
    static final double DEFAULT_SCALE = 0.1;

    private final RegressionData data;
    private final int features;
    private final List<String> coordinateNames;

    DiagonalNetModel(RegressionData data) {
        this.data = data;
        this.features = data.features();
        List<String> names = new ArrayList<>(List.of("support_size"));
        for (int j = 1; j <= features; j++) {
            names.add("coef_" + j);
        }
        this.coordinateNames = List.copyOf(names);
    }

    @Override
    public int dimension() {
        return 2 * features;
    }

    @Override
    public int samples() {
        return data.samples();
    }

    @Override
    public double target(int n) {
        return data.y()[n];
    }

    @Override
    public int units() {
        return 0;
    }

    @Override
    public void evaluate(double[] w, double[] unitMask, double[] f, double[] jacobian) {
        int p = 2 * features;
        for (int n = 0; n < data.samples(); n++) {
            double sum = 0.0;
            int row = n * p;
            for (int j = 0; j < features; j++) {
                double x = data.x()[n * features + j];
                double u = w[j];
                double v = w[features + j];
                sum += (u * u - v * v) * x;
                jacobian[row + j] = 2.0 * u * x;
                jacobian[row + features + j] = -2.0 * v * x;
            }
            f[n] = sum;
        }
    }

    @Override
    public void outputHessian(int n, double[] w, double[] out) {
        int p = 2 * features;
        Arrays.fill(out, 0, p * p, 0.0);
        for (int j = 0; j < features; j++) {
            double x = data.x()[n * features + j];
            out[j * p + j] = 2.0 * x;
            out[(features + j) * p + features + j] = -2.0 * x;
        }
    }

    @Override
    public void unitContributions(double[] w, double[] contributions, double[] gradients) {
        throw new UnsupportedOperationException("the diagonal network has no hidden units");
    }

    @Override
    public List<String> coordinateNames() {
        return coordinateNames;
    }

    @Override
    public void coordinates(double[] w, double[] out) {
        int support = 0;
        for (int j = 0; j < features; j++) {
            double coef = w[j] * w[j] - w[features + j] * w[features + j];
            out[1 + j] = coef;
            if (Math.abs(coef) > SUPPORT_THRESHOLD) {
                support++;
            }
        }
        out[0] = support;
    }

    @Override
    public double[] defaultInit() {
        double[] w = new double[2 * features];
        Arrays.fill(w, DEFAULT_SCALE);
        return w;
    }
}
