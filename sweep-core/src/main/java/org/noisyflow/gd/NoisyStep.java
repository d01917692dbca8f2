package org.noisyflow.gd;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The state and the update of noisy gradient descent on one model.
 *
 * <p>For every type but anti-PGD the state is w. Anti-PGD keeps z and the perturbation xi that the
 * next step will use, and its reported iterate is w = z + xi. Buffers are allocated once, so a step
 * allocates nothing.
 */
public final class NoisyStep {

    /** Mask distribution of Dropout and DropConnect. */
    public enum Mask {
        /** m = b/q with b ~ Bernoulli(q): mean 1, variance (1 - q)/q. */
        BERNOULLI,
        /** m = 1 + sigma Z with Z standard normal. */
        GAUSSIAN
    }

    private final Model model;
    private final NoiseType noise;
    private final double alpha;
    private final double sigma;
    private final Mask mask;
    private final double keep;
    private final int batchSize;
    private final UniformRandomProvider random;
    private final ZigguratSampler.NormalizedGaussian gauss;

    private final int p;
    private final int samples;
    private final double[] state;
    private final double[] xi;
    private final double[] reported;
    private final double[] gradient;
    private final double[] f;
    private final double[] jacobian;
    private final double[] masks;
    private final double[] masked;
    private final int[] order;

    /**
     * @param model the model
     * @param noise the noise type
     * @param alpha the step size
     * @param sigma the noise level as the type defines it. It is the label std for label and
     *     label-sgd, and the mask std for Gaussian masks. For sgld the kick's std is alpha sigma,
     *     for pgd it is sigma itself, and for anti-pgd sigma is the perturbation std. Other types
     *     ignore it.
     * @param mask mask distribution for Dropout and DropConnect, else ignored
     * @param keep keep probability q of Bernoulli masks, else ignored
     * @param batchSize batch size of minibatch and label-sgd, else ignored
     * @param init the initial weights (for anti-PGD, the initial z); copied
     * @param random the stream of this run
     */
    public NoisyStep(Model model, NoiseType noise, double alpha, double sigma, Mask mask, double keep,
            int batchSize, double[] init, UniformRandomProvider random) {
        this.model = model;
        this.noise = noise;
        this.alpha = alpha;
        this.sigma = sigma;
        this.mask = mask;
        this.keep = keep;
        this.batchSize = batchSize;
        this.random = random;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(random);
        this.p = model.dimension();
        this.samples = model.samples();
        this.state = init.clone();
        this.xi = new double[p];
        this.reported = new double[p];
        this.gradient = new double[p];
        this.f = new double[samples];
        // A model with a backward pass never needs the N x p Jacobian.
        this.jacobian = model instanceof Backpropagation ? null : new double[samples * p];
        this.masks = new double[Math.max(p, model.units())];
        this.masked = new double[p];
        this.order = new int[samples];
        for (int n = 0; n < samples; n++) {
            order[n] = n;
        }
        if (noise == NoiseType.ANTI_PGD) {
            drawPerturbation();
        }
    }

    /** Returns the reported iterate w (for anti-PGD, z + xi); the array is reused. */
    public double[] weights() {
        if (noise != NoiseType.ANTI_PGD) {
            return state;
        }
        for (int i = 0; i < p; i++) {
            reported[i] = state[i] + xi[i];
        }
        return reported;
    }

    /** Returns anti-PGD's z iterate, or w for the other types; the array is live. */
    public double[] anchor() {
        return state;
    }

    /** Returns the gradient used by the last step; the array is live. */
    public double[] lastGradient() {
        return gradient;
    }

    /** Performs one step. */
    public void step() {
        switch (noise) {
            case NONE -> residualGradient(state, null, null, samples, false);
            case LABEL -> residualGradient(state, null, null, samples, true);
            case LABEL_SGD -> residualGradient(state, null, drawBatch(), batchSize, true);
            case MINIBATCH -> residualGradient(state, null, drawBatch(), batchSize, false);
            case DROPOUT -> {
                drawMasks(model.units());
                residualGradient(state, masks, null, samples, false);
            }
            case DROPCONNECT -> {
                drawMasks(p);
                for (int i = 0; i < p; i++) {
                    masked[i] = masks[i] * state[i];
                }
                residualGradient(masked, null, null, samples, false);
                for (int i = 0; i < p; i++) {
                    gradient[i] *= masks[i];
                }
            }
            case SGLD -> {
                residualGradient(state, null, null, samples, false);
                for (int i = 0; i < p; i++) {
                    gradient[i] -= sigma * gauss.sample();
                }
            }
            case PGD -> {
                residualGradient(state, null, null, samples, false);
                for (int i = 0; i < p; i++) {
                    gradient[i] -= sigma / alpha * gauss.sample();
                }
            }
            case ANTI_PGD -> {
                for (int i = 0; i < p; i++) {
                    masked[i] = state[i] + xi[i];
                }
                residualGradient(masked, null, null, samples, false);
            }
            default -> throw new IllegalStateException("unhandled noise type " + noise);
        }

        for (int i = 0; i < p; i++) {
            state[i] -= alpha * gradient[i];
        }
        if (noise == NoiseType.ANTI_PGD) {
            drawPerturbation();
        }
    }

    /**
     * Writes (1/|S|) &Sigma;_{n in S} (f_n - y_n - eta_n) &nabla;f_n at w into {@code gradient}, where
     * S is the batch (all samples when {@code batch} is null) and eta_n ~ N(0, sigma^2) when
     * {@code labelNoise} is set.
     */
    private void residualGradient(double[] w, double[] unitMask, int[] batch, int count,
            boolean labelNoise) {
        if (model instanceof Backpropagation backward) {
            backward.residualGradient(w, unitMask, batch, count,
                    (b, n, output) -> residual(n, output, labelNoise), f, gradient);
        } else {
            model.evaluate(w, unitMask, f, jacobian);
            Arrays.fill(gradient, 0.0);
            for (int b = 0; b < count; b++) {
                int n = batch == null ? b : batch[b];
                double residual = residual(n, f[n], labelNoise);
                int row = n * p;
                for (int i = 0; i < p; i++) {
                    gradient[i] += residual * jacobian[row + i];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            gradient[i] /= count;
        }
    }

    /** Returns f_n - y_n - eta_n, with eta_n ~ N(0, sigma^2) drawn when {@code labelNoise} is set. */
    private double residual(int n, double output, boolean labelNoise) {
        double residual = output - model.target(n);
        if (labelNoise) {
            residual -= sigma * gauss.sample();
        }
        return residual;
    }

    /** Draws batchSize distinct sample indices by a partial Fisher-Yates shuffle. */
    private int[] drawBatch() {
        for (int b = 0; b < batchSize; b++) {
            int j = b + random.nextInt(samples - b);
            int swap = order[b];
            order[b] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private void drawMasks(int count) {
        for (int i = 0; i < count; i++) {
            masks[i] = mask == Mask.GAUSSIAN
                    ? 1.0 + sigma * gauss.sample()
                    : (random.nextDouble() < keep ? 1.0 / keep : 0.0);
        }
    }

    private void drawPerturbation() {
        for (int i = 0; i < p; i++) {
            xi[i] = sigma * gauss.sample();
        }
    }
}
