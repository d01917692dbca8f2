package org.noisyflow.gd;

/**
 * The implicit regularizer of each noise type and the flow it drives along the zero-loss set.
 *
 * <p>With L^ the noise-injected loss and eta of variance sigma^2 per component,
 * Reg(w) = (1/2) &Sigma;_i &part;^2 L^/&part;eta_i^2 at eta = 0. On Gamma:
 * <ul>
 *   <li>label noise: Reg = 1/2 is constant (degenerate). Its limit on tau2 is
 *       dW/dtau2 = -(c/4) P_T &nabla; tr &nabla;^2 L with c = 1/N (full batch) or 1/B (label-sgd);</li>
 *   <li>anti-PGD: Reg = (1/2) tr &nabla;^2 L, with the flow dW/dtau1 = -P_T &nabla;Reg;</li>
 *   <li>DropConnect: Reg = (1/2N) &Sigma;_n &Sigma;_i w_i^2 (&part;_i f_n)^2, flow on tau1;</li>
 *   <li>Dropout: Reg = (1/2N) &Sigma;_n &Sigma;_j u_nj^2 with u_nj unit j's share of f_n, flow on tau1;</li>
 *   <li>minibatch SGD and plain GD: Reg = 0 and no motion.</li>
 * </ul>
 * On Gamma, tr &nabla;^2 L = G(w) = (1/N) &Sigma;_n |&nabla;f_n|^2, and the terms of &nabla; tr &nabla;^2 L
 * that G leaves out are multiples of r_n or lie in span{&nabla;f_n}, the normal space, so that
 * P_T &nabla; tr &nabla;^2 L = P_T &nabla;G there. The field below uses G.
 */
final class Regularizer {
    private final Model model;
    private final NoiseType noise;
    private final int batchSize;
    private final int p;
    private final int samples;
    private final double[] f;
    private final double[] jacobian;
    private final double[] outputHessian;
    private final double[] contributions;
    private final double[] contributionGradients;

    Regularizer(Model model, NoiseType noise, int batchSize) {
        this.model = model;
        this.noise = noise;
        this.batchSize = batchSize;
        this.p = model.dimension();
        this.samples = model.samples();
        this.f = new double[samples];
        this.jacobian = new double[samples * p];
        this.outputHessian = new double[p * p];
        int units = Math.max(model.units(), 1);
        this.contributions = new double[samples * units];
        this.contributionGradients = new double[samples * units * p];
    }

    /** Returns Reg(w) for the noise type (0 for types without a regularizer). */
    double value(double[] w) {
        return switch (noise) {
            case LABEL, LABEL_SGD -> 0.5;
            case ANTI_PGD -> 0.5 * traceOnGamma(w);
            case DROPCONNECT -> dropConnect(w, null);
            case DROPOUT -> dropout(w, null);
            default -> 0.0;
        };
    }

    /**
     * Writes the unprojected field F with dW/dtau = -P_T F into {@code out}: &nabla;Reg on tau1 for
     * non-degenerate types, (c/4) &nabla;G on tau2 for label noise, zero for trivial types.
     */
    void field(double[] w, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        switch (noise) {
            case LABEL -> traceGradient(w, out, 0.25 / samples);
            case LABEL_SGD -> traceGradient(w, out, 0.25 / batchSize);
            case ANTI_PGD -> traceGradient(w, out, 0.5);
            case DROPCONNECT -> dropConnect(w, out);
            case DROPOUT -> dropout(w, out);
            case NONE, MINIBATCH -> {
            }
            default -> throw new IllegalStateException("no deterministic limit for noise " + noise.id());
        }
    }

    /** Returns G(w) = (1/N) &Sigma;_n |&nabla;f_n|^2. */
    double traceOnGamma(double[] w) {
        model.evaluate(w, null, f, jacobian);
        double sum = 0.0;
        for (double v : jacobian) {
            sum += v * v;
        }
        return sum / samples;
    }

    /** Adds scale &middot; &nabla;G = scale &middot; (2/N) &Sigma;_n &nabla;^2 f_n &nabla;f_n to out. */
    private void traceGradient(double[] w, double[] out, double scale) {
        model.evaluate(w, null, f, jacobian);
        for (int n = 0; n < samples; n++) {
            model.outputHessian(n, w, outputHessian);
            int row = n * p;
            for (int a = 0; a < p; a++) {
                double s = 0.0;
                for (int b = 0; b < p; b++) {
                    s += outputHessian[a * p + b] * jacobian[row + b];
                }
                out[a] += scale * 2.0 * s / samples;
            }
        }
    }

    /**
     * Returns DropConnect's Reg and, if out is not null, writes its gradient
     * &part;_k = (1/N) &Sigma;_n [w_k (&part;_k f_n)^2 + &Sigma;_i w_i^2 &part;_i f_n &part;_k&part;_i f_n].
     */
    private double dropConnect(double[] w, double[] out) {
        model.evaluate(w, null, f, jacobian);
        double value = 0.0;
        for (int n = 0; n < samples; n++) {
            int row = n * p;
            for (int i = 0; i < p; i++) {
                double g = jacobian[row + i];
                value += w[i] * w[i] * g * g;
            }
            if (out != null) {
                model.outputHessian(n, w, outputHessian);
                for (int k = 0; k < p; k++) {
                    double gk = jacobian[row + k];
                    double s = w[k] * gk * gk;
                    for (int i = 0; i < p; i++) {
                        s += w[i] * w[i] * jacobian[row + i] * outputHessian[k * p + i];
                    }
                    out[k] += s / samples;
                }
            }
        }
        return value / (2.0 * samples);
    }

    /** Returns Dropout's Reg and, if out is not null, writes (1/N) &Sigma;_n &Sigma;_j u_nj &nabla;u_nj. */
    private double dropout(double[] w, double[] out) {
        int units = model.units();
        model.unitContributions(w, contributions, contributionGradients);
        double value = 0.0;
        for (int nj = 0; nj < samples * units; nj++) {
            double u = contributions[nj];
            value += u * u;
            if (out != null) {
                for (int k = 0; k < p; k++) {
                    out[k] += u * contributionGradients[nj * p + k] / samples;
                }
            }
        }
        return value / (2.0 * samples);
    }
}
