package org.noisyflow.gd;

import java.util.List;
import java.util.Locale;

/**
 * Noise injection type of the gradient step w_{k+1} = w_k - alpha grad L^(w_k, eta_k), with the
 * time scale on which it then moves the iterates along the zero-loss set.
 *
 * <p>Non-degenerate types have a regularizer Reg whose projected gradient drives a deterministic
 * flow on tau1 = alpha sigma^2 k. Degenerate types move only on tau2 = alpha^2 sigma^2 k. Trivial
 * types do not move once the loss is zero, because their noise vanishes there.
 */
public enum NoiseType {
    /** Plain gradient descent. */
    NONE(TimeScale.TRIVIAL),
    /** Full-batch label noise: each target gets N(0, sigma^2) added at each step. */
    LABEL(TimeScale.TAU2),
    /** Label noise on a minibatch of batch_size samples drawn without replacement. */
    LABEL_SGD(TimeScale.TAU2),
    /** Minibatch SGD: the mean gradient of batch_size samples; sigma^2 = N/B - 1. */
    MINIBATCH(TimeScale.TRIVIAL),
    /** Dropout: each hidden unit's contribution scaled by a mask shared by all samples. */
    DROPOUT(TimeScale.TAU1),
    /** DropConnect: each weight scaled by its own mask, L(w * m). */
    DROPCONNECT(TimeScale.TAU1),
    /** Langevin dynamics: w - alpha grad L + alpha sigma xi. */
    SGLD(TimeScale.TAU2),
    /** Perturbed GD: w - alpha grad L + sigma_p xi; sigma is sigma_p/alpha for the clocks. */
    PGD(TimeScale.TAU2),
    /** Anti-correlated perturbed GD: z - alpha grad L(z + xi), reported at w = z + xi. */
    ANTI_PGD(TimeScale.TAU1);

    /** The clock on which the iterates move along the zero-loss set. */
    public enum TimeScale {
        /** tau1 = alpha sigma^2 k: a deterministic regularizer flow. */
        TAU1,
        /** tau2 = alpha^2 sigma^2 k. */
        TAU2,
        /** No motion once the loss is zero. */
        TRIVIAL
    }

    private final TimeScale timeScale;

    NoiseType(TimeScale timeScale) {
        this.timeScale = timeScale;
    }

    /** Returns the generic time scale; a model can make a type degenerate (see the docs). */
    public TimeScale timeScale() {
        return timeScale;
    }

    /** Returns the id used in sweep files, such as {@code label-sgd}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns whether the type scales weights or units by random masks. */
    public boolean usesMask() {
        return this == DROPOUT || this == DROPCONNECT;
    }

    /** Returns whether the type draws a minibatch. */
    public boolean usesBatch() {
        return this == MINIBATCH || this == LABEL_SGD;
    }

    /** Returns the type with the given sweep-file id. */
    public static NoiseType fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Returns all ids in declaration order. */
    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(NoiseType::id).toList();
    }
}
