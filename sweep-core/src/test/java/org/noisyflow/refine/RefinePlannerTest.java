package org.noisyflow.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.noisyflow.random.StreamSeeds;

/**
 * The planner against cheap functions with known boundaries: a square-root onset, a step and a
 * noisy sigmoid, with a variance peak and a tight budget.
 */
class RefinePlannerTest {
    private static final double[] GRID = {0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0};

    /** Runs the planner to the end, evaluating each request with {@code f(x, replicate)}. */
    private static List<RefinePlanner.Plan> drive(RefinePlanner planner, int slices,
            BiFunction<Double, Integer, Double> f, List<Observation> observations) {
        List<RefinePlanner.Plan> plans = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            RefinePlanner.Plan plan = planner.plan(round, observations);
            plans.add(plan);
            if (round > 0 && plan.finished()) {
                return plans;
            }
            for (Request request : plan.requests()) {
                observations.add(new Observation(request.slice(), request.x(), request.replicate(), round,
                        f.apply(request.x() + 0.1 * request.slice(), request.replicate())));
            }
        }
        throw new AssertionError("no end after 200 rounds");
    }

    private static RefineSettings threshold(double threshold, double tolerance, long budget, int initial, int max) {
        return new RefineSettings("beta", null, Double.NaN, "m", Criterion.THRESHOLD, threshold, tolerance, budget,
                initial, max);
    }

    @Test
    void squareRootOnsetLocatedToTolerance() {
        // m(x) = sqrt(x - c) above c, 0 below, like a continuous transition. The threshold 1e-3
        // is crossed at c + 1e-6, well inside the tolerance 1e-4.
        double c = 1.2345678;
        RefinePlanner planner = new RefinePlanner(threshold(1e-3, 1e-4, 10_000, 1, 1), List.of(GRID, GRID));
        List<Observation> observations = new ArrayList<>();
        List<RefinePlanner.Plan> plans = drive(planner, 2, (x, r) -> x > c ? Math.sqrt(x - c) : 0.0, observations);
        List<SliceResult> last = plans.get(plans.size() - 1).slices();
        for (SliceResult slice : last) {
            double expected = c - 0.1 * slice.slice() + 1e-6;
            assertEquals(SliceStatus.CONVERGED, slice.status());
            assertEquals(expected, slice.located(), 1e-4);
            assertTrue(slice.uncertainty() <= 1e-4, "uncertainty " + slice.uncertainty());
            assertTrue(slice.low() <= expected, "bracket starts above the crossing");
            assertTrue(expected <= slice.high(), "bracket ends below the crossing");
        }
        // Bisection needs ceil(log2(0.5 / 1e-4)) = 13 points after the 7 coarse ones, and a model
        // split that does not halve the bracket is followed by a bisection, so at most 2 x 13.
        assertTrue(last.get(0).runs() <= 7 + 2 * 13, "runs " + last.get(0).runs());
        assertEquals(observations.size(), last.get(0).runs() + last.get(1).runs());
    }

    @Test
    void stepLocatedByJumpCriterion() {
        double c = 2.2222;
        RefineSettings settings = new RefineSettings("beta", null, Double.NaN, "m", Criterion.JUMP, Double.NaN, 1e-3,
                1000, 1, 1);
        List<RefinePlanner.Plan> plans = drive(new RefinePlanner(settings, List.of(GRID)), 1,
                (x, r) -> x < c ? 0.1 * x : 5.0 + 0.1 * x, new ArrayList<>());
        SliceResult slice = plans.get(plans.size() - 1).slices().get(0);
        assertEquals(SliceStatus.CONVERGED, slice.status());
        assertEquals(c, slice.located(), 0.5e-3);
        // Bisection from width 0.5 to 1e-3: 9 halvings.
        assertEquals(7 + 9, slice.runs());
    }

    @Test
    void noisySigmoidWithinReportedUncertainty() {
        // mean tanh((x - c) / 0.3), Gaussian noise of sd 0.3 per run; crossing of 0 at c.
        double c = 1.7;
        double sd = 0.3;
        long seed = 99;
        BiFunction<Double, Integer, Double> f = (x, r) -> {
            UniformRandomProvider rng = StreamSeeds.stream(StreamSeeds.streamSeed(seed, Double.doubleToLongBits(x), r));
            return Math.tanh((x - c) / 0.3) + sd * ZigguratSampler.NormalizedGaussian.of(rng).sample();
        };
        RefinePlanner planner = new RefinePlanner(threshold(0.0, 1e-3, 400, 2, 16), List.of(GRID));
        List<RefinePlanner.Plan> plans = drive(planner, 1, f, new ArrayList<>());
        SliceResult slice = plans.get(plans.size() - 1).slices().get(0);
        assertTrue(slice.status() == SliceStatus.NOISE_LIMITED || slice.status() == SliceStatus.BUDGET
                || slice.status() == SliceStatus.CONVERGED, "status " + slice.status());
        assertTrue(slice.runs() <= 400, "runs " + slice.runs());
        assertTrue(slice.uncertainty() > 0, "uncertainty " + slice.uncertainty());
        assertTrue(slice.uncertainty() < 0.2, "uncertainty " + slice.uncertainty());
        // Three standard errors: fails for a biased estimate or an understated uncertainty.
        assertEquals(c, slice.located(), 3 * slice.uncertainty(), "seed " + seed + ", " + slice);
        // Quarter splits and new points with the replicates of their uncertain neighbours keep the
        // rounds few: 8 with this seed, against 34 when each round added one point or doubling.
        assertTrue(plans.size() <= 12, "rounds " + plans.size());
        // Replicates were added where the sign was uncertain: some point has more than 2 runs.
        assertTrue(slice.runs() > 2 * (GRID.length + plans.size() - 2), "runs " + slice.runs());
    }

    @Test
    void curvatureErrorOfQuadraticMeans() {
        // Means x^2 at x = 0, 0.5, 1 with one run each; threshold 0.25 is crossed at x = 0.5. The
        // line through them has slope 1 and passes (0.5, 5/12), so it crosses 0.25 at 1/3. The
        // quadratic fit is exact and crosses at 0.5, so the model error is 1/2 - 1/3 = 1/6.
        List<PointStatistics> points = List.of(new PointStatistics(0.0, 1, 1, 0.0, Double.NaN, 0),
                new PointStatistics(0.5, 1, 1, 0.25, Double.NaN, 0),
                new PointStatistics(1.0, 1, 1, 1.0, Double.NaN, 0));
        assertEquals(1.0 / 6.0, RefinePlanner.curvatureError(points, 1.0 / 3.0, 0.25), 1e-12);
        // Means on a line: the quadratic term vanishes and the line's crossing has no model error.
        List<PointStatistics> line = List.of(new PointStatistics(0.0, 2, 2, 0.0, 0.01, 0),
                new PointStatistics(0.5, 2, 2, 0.5, 0.01, 0), new PointStatistics(1.0, 2, 2, 1.0, 0.01, 0));
        assertEquals(0.0, RefinePlanner.curvatureError(line, 0.25, 0.25), 1e-12);
    }

    @Test
    void stochasticBracketSplitIntoQuarters() {
        // Two certain bracket ends, 0 and 1 far from the threshold 0.5 with small spread: the next
        // round runs the three quarter points of [1.0, 1.5] with the initial replicates.
        RefinePlanner planner = new RefinePlanner(threshold(0.5, 1e-3, 400, 2, 8), List.of(new double[] {1.0, 1.5}));
        List<Observation> observations = List.of(new Observation(0, 1.0, 0, 0, 0.0),
                new Observation(0, 1.0, 1, 0, 0.01), new Observation(0, 1.5, 0, 0, 1.0),
                new Observation(0, 1.5, 1, 0, 1.01));
        List<Double> xs = planner.plan(1, observations).requests().stream().map(Request::x).distinct().toList();
        assertEquals(List.of(1.125, 1.25, 1.375), xs);
    }

    @Test
    void planIsPureFunctionOfObservations() {
        RefinePlanner planner = new RefinePlanner(threshold(0.5, 1e-3, 400, 2, 8), List.of(GRID));
        Random shuffle = new Random(7);
        List<Observation> observations = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            RefinePlanner.Plan plan = planner.plan(round, observations);
            List<Observation> shuffled = new ArrayList<>(observations);
            Collections.shuffle(shuffled, shuffle);
            assertEquals(plan, planner.plan(round, shuffled));
            for (Request request : plan.requests()) {
                double value = request.x() / 3.0 + 0.05 * ((request.replicate() * 7919 + 13) % 11 - 5);
                observations.add(new Observation(request.slice(), request.x(), request.replicate(), round, value));
            }
        }
    }

    @Test
    void budgetClosesSlices() {
        RefinePlanner planner = new RefinePlanner(threshold(1.0, 1e-6, 20, 1, 1), List.of(GRID, GRID));
        List<RefinePlanner.Plan> plans = drive(planner, 2, (x, r) -> x, new ArrayList<>());
        List<SliceResult> last = plans.get(plans.size() - 1).slices();
        assertEquals(SliceStatus.BUDGET, last.get(0).status());
        assertEquals(SliceStatus.BUDGET, last.get(1).status());
        assertEquals(20, last.get(0).runs() + last.get(1).runs());
        assertTrue(last.get(0).low() <= 1.0, "bracket low " + last.get(0).low());
        assertTrue(1.0 <= last.get(0).high(), "bracket high " + last.get(0).high());
    }

    @Test
    void flatObservableHasNoCrossing() {
        RefinePlanner planner = new RefinePlanner(threshold(1.0, 1e-3, 100, 1, 1), List.of(GRID));
        List<RefinePlanner.Plan> plans = drive(planner, 1, (x, r) -> 0.2, new ArrayList<>());
        SliceResult slice = plans.get(plans.size() - 1).slices().get(0);
        assertEquals(SliceStatus.NO_CROSSING, slice.status());
        assertTrue(Double.isNaN(slice.located()));
        assertEquals(GRID.length, slice.runs());
    }

    @Test
    void failedSplitPointClosesSlice() {
        RefinePlanner planner = new RefinePlanner(threshold(1.0, 1e-3, 100, 1, 1), List.of(GRID));
        List<RefinePlanner.Plan> plans = drive(planner, 1, (x, r) -> x % 0.5 == 0 ? x : Double.NaN,
                new ArrayList<>());
        SliceResult slice = plans.get(plans.size() - 1).slices().get(0);
        assertEquals(SliceStatus.FAILED, slice.status());
        assertEquals(GRID.length + 1, slice.runs());
    }

    @Test
    void variancePeakLocated() {
        // Replicate values +-s(x) with s peaked at c: the sample variance of replicates 0..3 is
        // 4 s^2 / 3, largest at the grid point nearest c.
        double c = 1.3;
        RefineSettings settings = new RefineSettings("beta", null, Double.NaN, "m", Criterion.VARIANCE, Double.NaN,
                1e-2, 1000, 4, 4);
        List<RefinePlanner.Plan> plans = drive(new RefinePlanner(settings, List.of(GRID)), 1,
                (x, r) -> (r % 2 == 0 ? 1 : -1) / (1 + (x - c) * (x - c)), new ArrayList<>());
        SliceResult slice = plans.get(plans.size() - 1).slices().get(0);
        assertEquals(SliceStatus.CONVERGED, slice.status());
        assertEquals(c, slice.located(), 1e-2);
    }
}
