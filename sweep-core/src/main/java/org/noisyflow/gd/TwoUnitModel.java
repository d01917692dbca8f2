package org.noisyflow.gd;

import java.util.List;

/**
 * Model W2, two linear hidden units: f_n = (a1 b1 + a2 b2) x_n with targets y_n = x_n and inputs
 * x_n = 2n/(N+1). Weights are ordered a1, b1, a2, b2. The coordinates along the zero-loss set
 * c1 + c2 = 1 are the unit products c_j = a_j b_j.
 *
 * <p>Dropout scales each unit's product. Its regularizer (1/2) (c1^2 + c2^2) pulls c1 and c2
 * together. The trace of the Hessian, which label noise and anti-PGD reduce, only balances each
 * unit (|a_j| = |b_j|): it equals 2(|c1| + |c2|) on the balanced part of the zero-loss set, so
 * nothing pulls c1 and c2 together once the units are balanced.
 */
final class TwoUnitModel implements Model {
    private final double[] x;

    TwoUnitModel(int samples) {
        x = Models.evenInputs(samples);
    }

    @Override
    public int dimension() {
        return 4;
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
        return 2;
    }

    @Override
    public void evaluate(double[] w, double[] unitMask, double[] f, double[] jacobian) {
        double m1 = unitMask == null ? 1.0 : unitMask[0];
        double m2 = unitMask == null ? 1.0 : unitMask[1];
        for (int n = 0; n < x.length; n++) {
            f[n] = x[n] * (m1 * w[0] * w[1] + m2 * w[2] * w[3]);
            int row = 4 * n;
            jacobian[row] = x[n] * m1 * w[1];
            jacobian[row + 1] = x[n] * m1 * w[0];
            jacobian[row + 2] = x[n] * m2 * w[3];
            jacobian[row + 3] = x[n] * m2 * w[2];
        }
    }

    @Override
    public void outputHessian(int n, double[] w, double[] out) {
        java.util.Arrays.fill(out, 0, 16, 0.0);
        out[1] = x[n];
        out[4] = x[n];
        out[2 * 4 + 3] = x[n];
        out[3 * 4 + 2] = x[n];
    }

    @Override
    public void unitContributions(double[] w, double[] contributions, double[] gradients) {
        java.util.Arrays.fill(gradients, 0, x.length * 2 * 4, 0.0);
        for (int n = 0; n < x.length; n++) {
            contributions[2 * n] = x[n] * w[0] * w[1];
            contributions[2 * n + 1] = x[n] * w[2] * w[3];
            int first = (2 * n) * 4;
            int second = (2 * n + 1) * 4;
            gradients[first] = x[n] * w[1];
            gradients[first + 1] = x[n] * w[0];
            gradients[second + 2] = x[n] * w[3];
            gradients[second + 3] = x[n] * w[2];
        }
    }

    @Override
    public List<String> coordinateNames() {
        return List.of("c1", "c2");
    }

    @Override
    public void coordinates(double[] w, double[] out) {
        out[0] = w[0] * w[1];
        out[1] = w[2] * w[3];
    }

    /** Returns (2, 0.4, 0.5, 0.4): on the zero-loss set with c1 = 0.8, c2 = 0.2, both units unbalanced. */
    @Override
    public double[] defaultInit() {
        return new double[] {2.0, 0.4, 0.5, 0.4};
    }
}
