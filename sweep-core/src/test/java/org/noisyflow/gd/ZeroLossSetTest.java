package org.noisyflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZeroLossSetTest {

    /** Returns a point near the zero-loss set of a tanh network with 3 (1 + 4) = 15 weights and 5 samples. */
    private static double[] nearZeroLoss(Model model) {
        double[] w = model.defaultInit();
        ZeroLossSet set = new ZeroLossSet(model);
        assertTrue(set.land(w), "gradient flow reached the zero-loss set");
        for (int i = 0; i < w.length; i++) {
            w[i] += 1e-3 * Math.cos(i);
        }
        return w;
    }

    /**
     * The Hessian-vector estimates against the exact decomposition on the same model: power
     * iteration converges to the top eigenvalue to 1e-10 relative unless the top two are close,
     * and the trace estimate only samples the residual part, O(|r|) = O(1e-3) here.
     */
    @Test
    void estimatesMatchExactCurvature() {
        Model model = new TanhNetModel(RegressionData.randomTargets(5, 4, 7), 3, 7);
        double[] w = nearZeroLoss(model);
        double[] exact = new ZeroLossSet(model).curvature(w);
        double[] estimated = new ZeroLossSet(model, 0).curvature(w);
        assertEquals(exact[1], estimated[1], 1e-6 * exact[1], "largest eigenvalue");
        assertEquals(exact[0], estimated[0], 1e-3 * exact[0], "trace");
    }

    @Test
    void retractReachesZeroLoss() {
        Model model = new DiagonalNetModel(RegressionData.sparseLinear(3, 6, 2, 1));
        double[] w = model.defaultInit();
        ZeroLossSet set = new ZeroLossSet(model);
        assertTrue(set.retract(w));
        assertTrue(set.loss(w) < 1e-26, "loss " + set.loss(w));
        assertEquals(0.0, set.distance(w), 1e-12);
    }

    @Test
    void tangentProjectionKillsNormalDirections() {
        Model model = new ProductModel(1);
        double[] w = {2.0, 0.5};
        ZeroLossSet set = new ZeroLossSet(model);
        double[] normal = {0.5, 2.0};
        set.projectTangent(w, normal);
        assertEquals(0.0, normal[0], 1e-15);
        assertEquals(0.0, normal[1], 1e-15);
        double[] tangent = {2.0, -0.5};
        set.projectTangent(w, tangent);
        assertEquals(2.0, tangent[0], 1e-15);
        assertEquals(-0.5, tangent[1], 1e-15);
    }

    /** Gradient flow on the product model keeps D = w1^2 - w2^2, so landing must keep it too. */
    @Test
    void landingFollowsGradientFlow() {
        ZeroLossSet set = new ZeroLossSet(new ProductModel(1));
        for (double[] start : new double[][] {{1.0, 0.1}, {0.3, 0.1}, {2.0, 0.3}}) {
            double[] w = start.clone();
            assertTrue(set.land(w));
            assertEquals(start[0] * start[0] - start[1] * start[1], w[0] * w[0] - w[1] * w[1], 1e-6,
                    "from " + start[0] + ", " + start[1]);
            assertEquals(1.0, w[0] * w[1], 1e-12);
        }
    }

    /**
     * Off the zero-loss set the product model's Hessian at (0.1, 0.1) is [[0.01, -0.98],
     * [-0.98, 0.01]], with eigenvalues 0.99 and -0.97: the estimate must return the largest, not
     * the one of largest modulus. At the diagonal network's default start (u = v) a symmetric
     * start vector would see no curvature at all.
     */
    @Test
    void estimatesFindLargestEigenvalue() {
        ZeroLossSet product = new ZeroLossSet(new ProductModel(1), 0);
        assertEquals(0.99, product.curvature(new double[] {0.1, 0.1})[1], 1e-7);
        Model diagonal = new DiagonalNetModel(RegressionData.sparseLinear(4, 6, 2, 3));
        double[] w = diagonal.defaultInit();
        double exact = new ZeroLossSet(diagonal).curvature(w)[1];
        assertEquals(exact, new ZeroLossSet(diagonal, 0).curvature(w)[1], 1e-6 * exact);
    }
}
