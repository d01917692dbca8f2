package org.noisyflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.noisyflow.random.StreamSeeds;

class NoisyStepTest {

    /**
     * On the product model every noise type that enters through the scalar output has a gradient
     * rho (w2, w1) for a scalar rho, and then the balance obeys D' = D (1 - alpha^2 rho^2) exactly:
     * w1' = w1 - alpha rho w2 and w2' = w2 - alpha rho w1 give
     * w1'^2 - w2'^2 = (w1^2 - w2^2)(1 - alpha^2 rho^2). Rounding in both sides stays near
     * 1e-16 relative for D of order 1.
     */
    @ParameterizedTest
    @CsvSource({
        "NONE, , 0, 1", "LABEL, , 0, 1", "LABEL_SGD, , 0, 2", "MINIBATCH, , 0, 2",
        "DROPOUT, GAUSSIAN, 0, 1", "DROPOUT, BERNOULLI, 0.8, 1",
        "DROPCONNECT, GAUSSIAN, 0, 1", "DROPCONNECT, BERNOULLI, 0.7, 1"})
    void productBalanceIdentityHolds(NoiseType noise, NoisyStep.Mask mask, double keep, int batch) {
        Model model = new ProductModel(3);
        double alpha = 0.05;
        NoisyStep step = new NoisyStep(model, noise, alpha, 0.4, mask, keep, batch,
                new double[] {2.0, 0.5}, StreamSeeds.stream(17));
        for (int k = 0; k < 300; k++) {
            double w1 = step.weights()[0];
            double w2 = step.weights()[1];
            double before = w1 * w1 - w2 * w2;
            step.step();
            double[] g = step.lastGradient();
            double rho = g[0] / w2;
            assertEquals(rho * w1, g[1], 1e-14 * Math.max(1.0, Math.abs(g[1])), "gradient is rho (w2, w1)");
            double after = step.weights()[0] * step.weights()[0] - step.weights()[1] * step.weights()[1];
            double predicted = before * (1.0 - alpha * alpha * rho * rho);
            assertEquals(predicted, after, 1e-13 * Math.abs(predicted), "step " + k);
        }
    }
}
