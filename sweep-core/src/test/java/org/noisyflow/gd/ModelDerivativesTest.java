package org.noisyflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model's Jacobian and output Hessians against central differences of its outputs and
 * Jacobian, and Dropout's unit contributions against the outputs they add up to.
 */
class ModelDerivativesTest {
    private static final double H = 1e-6;
    /** Central differences err by about H^2 |f'''| plus rounding 1e-16/H, near 1e-10 here. */
    private static final double TOLERANCE = 1e-7;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("product", new ProductModel(3)),
                Arguments.of("two-unit", new TwoUnitModel(2)),
                Arguments.of("valley", new ValleyModel(3)),
                Arguments.of("diagonal-net", new DiagonalNetModel(RegressionData.sparseLinear(4, 5, 2, 9))),
                Arguments.of("tanh-net", new TanhNetModel(RegressionData.randomTargets(3, 2, 4), 3, 4)));
    }

    private static double[] point(Model model) {
        double[] w = model.defaultInit();
        for (int i = 0; i < w.length; i++) {
            w[i] += 0.1 * Math.sin(1.0 + i);
        }
        return w;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void jacobianMatchesOutputs(String name, Model model) {
        int p = model.dimension();
        int samples = model.samples();
        double[] w = point(model);
        double[] f = new double[samples];
        double[] jacobian = new double[samples * p];
        model.evaluate(w, null, f, jacobian);
        double[] up = new double[samples];
        double[] down = new double[samples];
        double[] scratch = new double[samples * p];
        for (int i = 0; i < p; i++) {
            double[] shifted = w.clone();
            shifted[i] += H;
            model.evaluate(shifted, null, up, scratch);
            shifted[i] -= 2 * H;
            model.evaluate(shifted, null, down, scratch);
            for (int n = 0; n < samples; n++) {
                assertEquals((up[n] - down[n]) / (2 * H), jacobian[n * p + i], TOLERANCE,
                        name + ": df_" + n + "/dw_" + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void outputHessianMatchesJacobian(String name, Model model) {
        int p = model.dimension();
        int samples = model.samples();
        double[] w = point(model);
        double[] f = new double[samples];
        double[] up = new double[samples * p];
        double[] down = new double[samples * p];
        double[] hessian = new double[p * p];
        for (int i = 0; i < p; i++) {
            double[] shifted = w.clone();
            shifted[i] += H;
            model.evaluate(shifted, null, f, up);
            shifted[i] -= 2 * H;
            model.evaluate(shifted, null, f, down);
            for (int n = 0; n < samples; n++) {
                model.outputHessian(n, w, hessian);
                for (int k = 0; k < p; k++) {
                    double difference = (up[n * p + k] - down[n * p + k]) / (2 * H);
                    assertEquals(difference, hessian[i * p + k], TOLERANCE,
                            name + ": d2f_" + n + "/dw_" + i + "dw_" + k);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void unitContributionsSumToOutputs(String name, Model model) {
        int units = model.units();
        if (units == 0) {
            return;
        }
        int p = model.dimension();
        int samples = model.samples();
        double[] w = point(model);
        double[] f = new double[samples];
        double[] jacobian = new double[samples * p];
        model.evaluate(w, null, f, jacobian);
        double[] contributions = new double[samples * units];
        double[] gradients = new double[samples * units * p];
        model.unitContributions(w, contributions, gradients);
        for (int n = 0; n < samples; n++) {
            double sum = 0;
            for (int j = 0; j < units; j++) {
                sum += contributions[n * units + j];
            }
            assertEquals(f[n], sum, 1e-14, name + ": sample " + n);
            for (int i = 0; i < p; i++) {
                double gradient = 0;
                for (int j = 0; j < units; j++) {
                    gradient += gradients[(n * units + j) * p + i];
                }
                assertEquals(jacobian[n * p + i], gradient, 1e-14, name + ": gradient " + i);
            }
        }
    }
}
