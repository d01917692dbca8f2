package org.noisyflow.gd;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A two-layer network f(x) = &Sigma;_j a_j tanh(W_j &middot; x) with {@code width} hidden units on a
 * regression data set with P features. Weights are ordered a_1..a_width, then W_1 (P entries),
 * ..., W_width. With more weights than samples the zero-loss set is a manifold of dimension
 * p - N. Dropout scales each unit's contribution a_j tanh(W_j &middot; x). The coordinate is
 * |w|^2, the squared norm of all weights.
 */
final class TanhNetModel implements Model {
    private final RegressionData data;
    private final int width;
    private final int features;
    private final long initSeed;

    /**
     * @param initSeed seed of the default start, a_j ~ N(0, 1/width) and W_jk ~ N(0, 1/P)
     */
    TanhNetModel(RegressionData data, int width, long initSeed) {
        this.data = data;
        this.width = width;
        this.features = data.features();
        this.initSeed = initSeed;
    }

    @Override
    public int dimension() {
        return width * (1 + features);
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
        return width;
    }

    /** Returns the offset of W_j in the weight vector. */
    private int inputWeights(int j) {
        return width + j * features;
    }

    private double preActivation(double[] w, int n, int j) {
        double z = 0.0;
        int offset = inputWeights(j);
        for (int k = 0; k < features; k++) {
            z += w[offset + k] * data.x()[n * features + k];
        }
        return z;
    }

    @Override
    public void evaluate(double[] w, double[] unitMask, double[] f, double[] jacobian) {
        int p = dimension();
        for (int n = 0; n < data.samples(); n++) {
            int row = n * p;
            double sum = 0.0;
            for (int j = 0; j < width; j++) {
                double m = unitMask == null ? 1.0 : unitMask[j];
                double t = Math.tanh(preActivation(w, n, j));
                sum += m * w[j] * t;
                jacobian[row + j] = m * t;
                double slope = m * w[j] * (1.0 - t * t);
                int offset = inputWeights(j);
                for (int k = 0; k < features; k++) {
                    jacobian[row + offset + k] = slope * data.x()[n * features + k];
                }
            }
            f[n] = sum;
        }
    }

    @Override
    public void outputHessian(int n, double[] w, double[] out) {
        int p = dimension();
        Arrays.fill(out, 0, p * p, 0.0);
        for (int j = 0; j < width; j++) {
            double t = Math.tanh(preActivation(w, n, j));
            double first = 1.0 - t * t;
            double second = -2.0 * t * first;
            int offset = inputWeights(j);
            for (int k = 0; k < features; k++) {
                double xk = data.x()[n * features + k];
                // d^2 f / (da_j dW_jk) = tanh'(z) x_k
                out[j * p + offset + k] = first * xk;
                out[(offset + k) * p + j] = first * xk;
                for (int l = 0; l < features; l++) {
                    // d^2 f / (dW_jk dW_jl) = a_j tanh''(z) x_k x_l
                    out[(offset + k) * p + offset + l] = w[j] * second * xk * data.x()[n * features + l];
                }
            }
        }
    }

    @Override
    public void unitContributions(double[] w, double[] contributions, double[] gradients) {
        int p = dimension();
        Arrays.fill(gradients, 0, data.samples() * width * p, 0.0);
        for (int n = 0; n < data.samples(); n++) {
            for (int j = 0; j < width; j++) {
                double t = Math.tanh(preActivation(w, n, j));
                int nj = n * width + j;
                contributions[nj] = w[j] * t;
                gradients[nj * p + j] = t;
                int offset = inputWeights(j);
                for (int k = 0; k < features; k++) {
                    gradients[nj * p + offset + k] = w[j] * (1.0 - t * t) * data.x()[n * features + k];
                }
            }
        }
    }

    @Override
    public List<String> coordinateNames() {
        return List.of("weight_norm_sq");
    }

    @Override
    public void coordinates(double[] w, double[] out) {
        double sum = 0.0;
        for (double v : w) {
            sum += v * v;
        }
        out[0] = sum;
    }

    @Override
    public double[] defaultInit() {
        ZigguratSampler.NormalizedGaussian gauss =
                ZigguratSampler.NormalizedGaussian.of(RegressionData.stream(initSeed + 1));
        double[] w = new double[dimension()];
        for (int j = 0; j < width; j++) {
            w[j] = gauss.sample() / Math.sqrt(width);
        }
        for (int i = width; i < w.length; i++) {
            w[i] = gauss.sample() / Math.sqrt(features);
        }
        return w;
    }
}
