package org.noisyflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noisyflow.spec.Point;
import org.noisyflow.spec.SpecException;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;

/** Sweep files for noisy-gd: which combinations are accepted and which are rejected. */
class NoisyGradientDescentSpecTest {

    private static SweepSpec parse(String parameters, String axes) {
        return SpecParser.parse("name: gd\nsolver: noisy-gd\nseed: 3\nparameters: " + parameters
                + "\naxes: " + axes + "\n", "gd.yaml");
    }

    private static void assertRejected(String parameters, String axes, String key, String value) {
        SpecException e = assertThrows(SpecException.class, () -> parse(parameters, axes));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains("gd.yaml"), e.getMessage());
        if (value != null) {
            assertTrue(e.getMessage().contains(value), e.getMessage());
        }
    }

    @Test
    void keepWithoutMaskNoiseRejected() {
        assertRejected("{model: product, noise: label, sigma: 0.5, keep: 0.8, step_size: 0.01, steps: 10}",
                "{}", "parameters.keep", "0.8");
    }

    @Test
    void batchLargerThanDataRejected() {
        assertRejected("{model: product, samples: 3, noise: minibatch, batch_size: 4, step_size: 0.01, "
                + "steps: 10}", "{}", "parameters.batch_size", "4");
    }

    @Test
    void negativeStepSizeRejected() {
        assertRejected("{model: product, noise: label, sigma: 0.5, step_size: -0.01, steps: 10}", "{}",
                "parameters.step_size", "-0.01");
    }

    @Test
    void missingSigmaRejected() {
        assertRejected("{model: product, noise: anti-pgd, step_size: 0.01, steps: 10}", "{}",
                "parameters.sigma", null);
    }

    @Test
    void dropoutOnValleyRejected() {
        assertRejected("{model: valley, noise: dropout, mask: gaussian, sigma: 0.1, step_size: 0.01, "
                + "steps: 10}", "{}", "parameters.noise", "dropout");
    }

    @Test
    void stochasticLimitRejected() {
        assertRejected("{model: product, noise: pgd, sigma: 0.01, step_size: 0.01, steps: 10, mode: limit}",
                "{}", "parameters.mode", "limit");
    }

    @Test
    void initOfWrongLengthRejected() {
        assertRejected("{model: two-unit, noise: none, step_size: 0.01, steps: 10, init: [1.0, 1.0]}",
                "{}", "parameters.init", "[1.0, 1.0]");
    }

    @Test
    void sgldNeedsExactlyOneLevel() {
        assertRejected("{model: product, noise: sgld, sigma: 0.1, temperature: 0.01, step_size: 0.01, "
                + "steps: 10}", "{}", "parameters.temperature", null);
    }

    @Test
    void mixedNoiseSweepNullsInapplicableParameters() {
        SweepSpec spec = parse("{model: product, samples: 3, batch_size: 1, step_size: 0.01, steps: 10}",
                "{noise: [label, minibatch], sigma: [0.1, 0.2]}");
        Point label = spec.points().point(0);
        Point minibatch = spec.points().point(2);
        assertNull(label.parameters().get("batch_size"));
        assertEquals(0.1, label.parameters().get("sigma"));
        assertEquals(1L, minibatch.parameters().get("batch_size"));
        assertNull(minibatch.parameters().get("sigma"));
        // Both minibatch points lose sigma, so they are the same point.
        assertEquals(minibatch.id(), spec.points().point(3).id());
    }

    @Test
    void sgldTemperatureSetsSigma() {
        SweepSpec spec = parse("{model: product, noise: sgld, temperature: 0.02, step_size: 0.01, steps: 4}",
                "{}");
        var result = spec.solver().run(spec.points().point(0).parameters(),
                org.noisyflow.random.StreamSeeds.stream(1));
        // sigma^2 = 2 temperature / step_size = 4.
        assertEquals(2.0, result.observables().get("sigma_eff"), 1e-15);
    }

    @Test
    void initListRoundTripsThroughResolvedSpec() {
        SweepSpec spec = parse("{model: product, noise: none, step_size: 0.01, steps: 10, init: [2, 0.25]}",
                "{}");
        assertEquals("[2.0, 0.25]", spec.points().point(0).parameters().get("init"));
        SweepSpec again = SpecParser.parse(spec.toYaml(), "resolved.yaml");
        assertEquals(spec.hash(), again.hash());
    }

    @Test
    void diagonalNetInterpolatesInlineData() {
        SweepSpec spec = parse("{model: diagonal-net, noise: none, step_size: 0.05, steps: 20000, "
                + "data: {x: [[1.0, 2.0, 0.5], [0.0, 1.0, -1.0]], y: [2.0, 1.0]}}", "{}");
        var result = spec.solver().run(spec.points().point(0).parameters(),
                org.noisyflow.random.StreamSeeds.stream(1));
        assertEquals(org.noisyflow.solver.RunStatus.OK, result.status(), result.message());
        double c1 = result.observables().get("coef_1");
        double c2 = result.observables().get("coef_2");
        double c3 = result.observables().get("coef_3");
        // Gradient descent reaches zero loss, so the coefficients interpolate both samples.
        assertEquals(2.0, c1 + 2.0 * c2 + 0.5 * c3, 1e-6);
        assertEquals(1.0, c2 - c3, 1e-6);
        assertTrue(result.observables().get("loss") < 1e-12);
    }

    @Test
    void coefficientColumnsCoverLargestNetwork() {
        SweepSpec spec = parse("{model: diagonal-net, noise: label, sigma: 0.1, samples: 3, step_size: 0.01, "
                + "steps: 10}", "{features: [4, 6]}");
        java.util.List<String> columns = spec.solver().observables(spec.parameterValues());
        assertTrue(columns.contains("coef_6"), columns.toString());
        assertTrue(columns.contains("limit_coef_6"), columns.toString());
        assertTrue(!columns.contains("coef_7"), columns.toString());
    }

    @Test
    void generatedDataNeedsSamplesAndFeatures() {
        assertRejected("{model: tanh-net, noise: none, step_size: 0.01, steps: 10, samples: 3}", "{}",
                "parameters.features", null);
        assertRejected("{model: diagonal-net, noise: none, step_size: 0.01, steps: 10, samples: 3, features: 2, "
                + "data: {x: [[1.0]], y: [1.0]}}", "{}", "parameters.samples", null);
    }

    @Test
    void raggedDataRejected() {
        assertRejected("{model: diagonal-net, noise: none, step_size: 0.01, steps: 10, "
                + "data: {x: [[1.0, 2.0], [1.0]], y: [1.0, 2.0]}}", "{}", "parameters.data", null);
    }

    @Test
    void tanhNetDropoutLimitOnZeroLoss() {
        SweepSpec spec = parse("{model: tanh-net, samples: 3, features: 2, width: 4, noise: dropout, "
                + "mask: gaussian, sigma: 0.3, step_size: 0.01, steps: 2000, mode: compare}", "{}");
        var result = spec.solver().run(spec.points().point(0).parameters(),
                org.noisyflow.random.StreamSeeds.stream(5));
        assertEquals(org.noisyflow.solver.RunStatus.OK, result.status(), result.message());
        assertTrue(result.observables().get("limit_gap") != null);
        assertTrue(result.observables().get("weight_norm_sq") > 0);
        SweepSpec limit = parse("{model: tanh-net, samples: 3, features: 2, width: 4, noise: dropout, "
                + "mask: gaussian, sigma: 0.3, step_size: 0.01, steps: 2000, mode: limit}", "{}");
        var predicted = limit.solver().run(limit.points().point(0).parameters(),
                org.noisyflow.random.StreamSeeds.stream(5));
        // The predicted state stays on the zero-loss set, and Dropout's regularizer shrinks the weights.
        assertTrue(predicted.observables().get("loss") < 1e-24, predicted.observables().toString());
        assertTrue(predicted.observables().get("reg") > 0);
    }

    @Test
    void dataRoundTripsThroughResolvedSpec() {
        SweepSpec spec = parse("{model: diagonal-net, noise: none, step_size: 0.01, steps: 10, "
                + "data: {x: [[1, 2.5]], y: [3]}}", "{}");
        assertEquals("{x: [[1.0, 2.5]], y: [3.0]}", spec.points().point(0).parameters().get("data"));
        assertEquals(spec.hash(), SpecParser.parse(spec.toYaml(), "resolved.yaml").hash());
    }
}
