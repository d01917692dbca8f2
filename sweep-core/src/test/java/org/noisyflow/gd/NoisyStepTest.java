package org.noisyflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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

    /**
     * The tanh network's backward pass against the Jacobian route, step by step from the same
     * seed. The two gradients add the same terms in a different order, about 1e-15 relative
     * apart, and the vector tanh differs from Math.tanh by a few ulps. With alpha = 0.05 and
     * a loss Hessian of norm below 2 here, one step amplifies a difference in w by at most
     * 1 + 0.05 * 2 = 1.1, so 60 steps give at most 60 * 1e-15 * 1.1^60 &lt; 2e-11: hence 1e-10.
     */
    @ParameterizedTest
    @CsvSource({"LABEL, , 0, 12", "MINIBATCH, , 0, 5", "LABEL_SGD, , 0, 4", "DROPOUT, BERNOULLI, 0.7, 12",
        "DROPCONNECT, GAUSSIAN, 0, 12", "SGLD, , 0, 12"})
    void tanhNetBackwardPassMatchesJacobian(NoiseType noise, NoisyStep.Mask mask, double keep, int batch) {
        TanhNetModel model = new TanhNetModel(RegressionData.randomTargets(12, 5, 3), 7, 3);
        double[] init = model.defaultInit();
        NoisyStep backward = new NoisyStep(model, noise, 0.05, 0.3, mask, keep, batch, init,
                StreamSeeds.stream(29));
        NoisyStep jacobian = new NoisyStep(new JacobianOnly(model), noise, 0.05, 0.3, mask, keep, batch, init,
                StreamSeeds.stream(29));
        for (int k = 0; k < 60; k++) {
            backward.step();
            jacobian.step();
        }
        double moved = 0.0;
        for (int i = 0; i < init.length; i++) {
            assertEquals(jacobian.weights()[i], backward.weights()[i], 1e-10, "weight " + i);
            moved = Math.max(moved, Math.abs(backward.weights()[i] - init[i]));
        }
        assertTrue(moved > 1e-3, "the steps must move the weights, moved " + moved);
    }

    /** The model without its backward pass, so that NoisyStep takes the Jacobian route. */
    private record JacobianOnly(Model model) implements Model {
        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public int samples() {
            return model.samples();
        }

        @Override
        public double target(int n) {
            return model.target(n);
        }

        @Override
        public int units() {
            return model.units();
        }

        @Override
        public void evaluate(double[] w, double[] unitMask, double[] f, double[] jacobian) {
            model.evaluate(w, unitMask, f, jacobian);
        }

        @Override
        public void outputHessian(int n, double[] w, double[] out) {
            model.outputHessian(n, w, out);
        }

        @Override
        public void unitContributions(double[] w, double[] contributions, double[] gradients) {
            model.unitContributions(w, contributions, gradients);
        }

        @Override
        public List<String> coordinateNames() {
            return model.coordinateNames();
        }

        @Override
        public void coordinates(double[] w, double[] out) {
            model.coordinates(w, out);
        }

        @Override
        public double[] defaultInit() {
            return model.defaultInit();
        }
    }
}
