package org.noisyflow.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.noisyflow.random.StreamSeeds;

class TransitionDetectorTest {
    private static final double[] GRID = grid(0.0, 10.0, 21);

    private static double[] grid(double from, double to, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = from + (to - from) * i / (count - 1);
        }
        return x;
    }

    /** Returns f on the grid plus Gaussian noise of the given standard error, seeded. */
    private static double[] sample(DoubleUnaryOperator f, double noise, long seed) {
        UniformRandomProvider random = StreamSeeds.stream(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        return Arrays.stream(GRID).map(x -> f.applyAsDouble(x) + noise * gauss.sample()).toArray();
    }

    private static double[] constant(double value) {
        double[] out = new double[GRID.length];
        Arrays.fill(out, value);
        return out;
    }

    /** A step from 0.05 to 0.6 + 0.02 (x - 6.2) at x = 6.2 lies in the bracket [6.0, 6.5]. */
    @Test
    void jumpIsDiscontinuous() {
        double[] mean = sample(x -> x < 6.2 ? 0.05 : 0.6 + 0.02 * (x - 6.2), 0.005, 1);
        Transition t = TransitionDetector.detect(GRID, mean, constant(0.005), null);
        assertEquals(Transition.DISCONTINUOUS, t.type());
        assertEquals(6.25, t.location(), 1e-12);
        assertEquals(0.25, t.uncertainty(), 1e-12);
        assertTrue(t.location() - t.uncertainty() <= 6.2, "interval starts above the jump");
        assertTrue(6.2 <= t.location() + t.uncertainty(), "interval ends below the jump");
        assertEquals(6.0, t.bracketLow(), 0.0);
        assertEquals(6.5, t.bracketHigh(), 0.0);
    }

    /**
     * A smooth crossover 0.5 (1 + tanh((x - 4.3)/0.7)) has its steepest slope at 4.3. The
     * parabola through three slopes 0.5 apart finds it to within a tenth of the grid step,
     * and the largest step is only 1.4 times its neighbour, so the crossover is continuous. The
     * uncertainty reaches both ends of the bracket [4.0, 4.5].
     */
    @Test
    void smoothCrossoverIsContinuous() {
        double[] mean = sample(x -> 0.5 * (1 + Math.tanh((x - 4.3) / 0.7)), 0.002, 2);
        Transition t = TransitionDetector.detect(GRID, mean, constant(0.002), null);
        assertEquals(Transition.CONTINUOUS, t.type());
        assertEquals(4.3, t.location(), 0.05);
        assertEquals(Math.max(t.location() - 4.0, 4.5 - t.location()), t.uncertainty(), 1e-12);
    }

    /** A slow linear drift and pure noise around 0.1 have no transition. */
    @Test
    void driftAndNoiseAreNone() {
        Transition drift = TransitionDetector.detect(GRID, sample(x -> 0.1 + 0.03 * x, 0.002, 3), constant(0.002), null);
        assertEquals(Transition.NONE, drift.type());
        Transition noise = TransitionDetector.detect(GRID, sample(x -> 0.1, 0.01, 4), constant(0.01), null);
        assertEquals(Transition.NONE, noise.type());
        assertTrue(Double.isNaN(noise.location()));
    }

    /**
     * The mean-field magnetization of the Heisenberg model at d = 3 (m = coth(beta m) - 1/(beta m),
     * onset beta_c = 3) on the grid 1, 1.5, ..., 8 has its largest step 3.5 times the next one, so
     * it classifies as continuous, and the location lies within one grid step of 3.
     */
    @Test
    void meanFieldOnsetIsContinuous() {
        double[] beta = grid(1.0, 8.0, 15);
        double[] m = Arrays.stream(beta).map(TransitionDetectorTest::langevinRoot).toArray();
        Transition t = TransitionDetector.detect(beta, m, new double[beta.length], null);
        assertEquals(Transition.CONTINUOUS, t.type());
        assertEquals(3.0, t.location(), 0.5);
        assertTrue(t.jumpRatio() < TransitionDetector.JUMP_RATIO, "ratio " + t.jumpRatio());
    }

    /** Returns the positive root of m = coth(beta m) - 1/(beta m), or 0 for beta &le; 3, by bisection. */
    private static double langevinRoot(double beta) {
        if (beta <= 3.0) {
            return 0.0;
        }
        double low = 1e-9;
        double high = 1.0;
        for (int i = 0; i < 200; i++) {
            double m = 0.5 * (low + high);
            double excess = 1 / Math.tanh(beta * m) - 1 / (beta * m) - m;
            if (excess > 0) {
                low = m;
            } else {
                high = m;
            }
        }
        return 0.5 * (low + high);
    }

    /** The susceptibility peak widens the uncertainty to its distance from the slope estimate. */
    @Test
    void susceptibilityPeakWidensUncertainty() {
        double[] mean = sample(x -> 0.5 * (1 + Math.tanh((x - 4.3) / 0.7)), 0.0, 5);
        double[] chi = Arrays.stream(GRID).map(x -> Math.exp(-(x - 5.5) * (x - 5.5))).toArray();
        Transition t = TransitionDetector.detect(GRID, mean, null, chi);
        assertEquals(Transition.CONTINUOUS, t.type());
        assertEquals(Math.abs(5.5 - t.location()), t.uncertainty(), 0.02);
    }

    @Test
    void fewPointsAreNone() {
        Transition t = TransitionDetector.detect(new double[] {1, 2}, new double[] {0, 1}, null, null);
        assertEquals(Transition.NONE, t.type());
        assertEquals(2, t.points());
    }

    @Test
    void unsortedGridIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransitionDetector.detect(new double[] {1, 3, 2}, new double[] {0, 1, 1}, null, null));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
    }

    /**
     * The eps -> 0 sweep of the aggregation model: m - m_0 = 0.46 eps^2 on the uneven grid
     * 0, 0.025, 0.05, 0.1, 0.2. Its steepest slope is 1.5 times the mean slope, a smooth drift.
     */
    @Test
    void unevenGridDriftIsNone() {
        double[] eps = {0.0, 0.025, 0.05, 0.1, 0.2};
        double[] m = Arrays.stream(eps).map(e -> 0.9386 + 0.46 * e * e).toArray();
        assertEquals(Transition.NONE, TransitionDetector.detect(eps, m, null, null).type());
    }

    /** With three points the steepest slope is at most twice the mean slope, below the threshold 2.5. */
    @Test
    void threePointsAreNone() {
        Transition t = TransitionDetector.detect(new double[] {1, 2, 3}, new double[] {0, 0, 1}, null, null);
        assertEquals(Transition.NONE, t.type());
    }
}
