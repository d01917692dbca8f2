package org.noisyflow.gd;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.noisyflow.simd.ArrayMath;

/**
 * A two-layer network f(x) = &Sigma;_j a_j tanh(W_j &middot; x) with {@code width} hidden units on a
 * regression data set with P features. Weights are ordered a_1..a_width, then W_1 (P entries),
 * ..., W_width. With more weights than samples the zero-loss set is a manifold of dimension
 * p - N. Dropout scales each unit's contribution a_j tanh(W_j &middot; x). The coordinate is
 * |w|^2, the squared norm of all weights.
 */
final class TanhNetModel implements Model, Backpropagation {
    private final RegressionData data;
    private final int width;
    private final int features;
    private final long initSeed;
    private final double[] inputWeightsT;
    private final double[] activations;
    private final double[] residuals;
    private final double[] unitWeights;
    private final double[] batchInputs;
    private final double[] inputGradientT;

    /**
     * @param initSeed seed of the default start, a_j ~ N(0, 1/width) and W_jk ~ N(0, 1/P)
     */
    TanhNetModel(RegressionData data, int width, long initSeed) {
        this.data = data;
        this.width = width;
        this.features = data.features();
        this.initSeed = initSeed;
        this.inputWeightsT = new double[features * width];
        this.activations = new double[data.samples() * width];
        this.residuals = new double[data.samples()];
        this.unitWeights = new double[width];
        this.batchInputs = new double[data.samples() * features];
        this.inputGradientT = new double[features * width];
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

    /**
     * {@inheritDoc}
     *
     * <p>Forward: T = tanh(X_B W^T) for the batch rows X_B of the inputs, f_n = &Sigma;_j m_j a_j T_nj.
     * Backward: &part;/&part;a_j = m_j &Sigma;_b r_b T_bj, and with S_bj = r_b m_j a_j (1 - T_bj^2)
     * the input weights' gradient is S^T X_B, formed transposed as X_B^T S. Both products run
     * through {@link ArrayMath#multiplyAdd}.
     */
    @Override
    public void residualGradient(double[] w, double[] unitMask, int[] batch, int count, Residual residual,
            double[] f, double[] gradient) {
        double[] x = data.x();
        for (int j = 0; j < width; j++) {
            int offset = inputWeights(j);
            for (int k = 0; k < features; k++) {
                inputWeightsT[k * width + j] = w[offset + k];
            }
            unitWeights[j] = (unitMask == null ? 1.0 : unitMask[j]) * w[j];
        }
        for (int b = 0; b < count; b++) {
            int n = batch == null ? b : batch[b];
            System.arraycopy(x, n * features, batchInputs, b * features, features);
        }

        // Forward pass.
        Arrays.fill(activations, 0, count * width, 0.0);
        ArrayMath.multiplyAdd(count, width, features, batchInputs, features, 1, inputWeightsT, activations);
        ArrayMath.tanh(activations, 0, count * width);
        for (int b = 0; b < count; b++) {
            int n = batch == null ? b : batch[b];
            int row = b * width;
            double sum = ArrayMath.dot(unitWeights, 0, activations, row, width);
            f[n] = sum;
            residuals[b] = residual.weight(b, n, sum);
        }

        // Backward pass: the output weights' gradient and the slopes S (in place of T) come from
        // one pass over T while each row is in the cache. Then the input weights' gradient follows.
        Arrays.fill(gradient, 0, dimension(), 0.0);
        for (int b = 0; b < count; b++) {
            slopes(b * width, residuals[b], gradient);
        }
        if (unitMask != null) {
            for (int j = 0; j < width; j++) {
                gradient[j] *= unitMask[j];
            }
        }
        Arrays.fill(inputGradientT, 0.0);
        ArrayMath.multiplyAdd(features, width, count, batchInputs, 1, features, activations, inputGradientT);
        for (int j = 0; j < width; j++) {
            int offset = inputWeights(j);
            for (int k = 0; k < features; k++) {
                gradient[offset + k] = inputGradientT[k * width + j];
            }
        }
    }

    /**
     * Adds r T_bj to gradient[j] and replaces T_bj by r a_j m_j (1 - T_bj^2) in the activation
     * row at {@code row}.
     */
    private void slopes(int row, double r, double[] gradient) {
        for (int j = 0; j < width; j++) {
            double t = activations[row + j];
            gradient[j] += r * t;
            activations[row + j] = r * unitWeights[j] * (1.0 - t * t);
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
