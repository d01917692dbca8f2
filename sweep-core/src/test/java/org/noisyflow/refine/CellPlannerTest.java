package org.noisyflow.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The 2-D planner against a cheap function whose boundary curve is known. */
class CellPlannerTest {
    private static final double[][] GRID = {{0.0, 1.0, 2.0}, {0.0, 1.0, 2.0, 3.0}};

    /** Returns the boundary curve c(x): the observable crosses 0 at y = c(x). */
    private static double curve(double x) {
        return 1.2 + 0.4 * x + 0.2 * Math.sin(3 * x);
    }

    /** Cubic in the distance to the curve, so that linear interpolation along y is not exact. */
    private static double observable(double x, double y) {
        double t = y - curve(x);
        return t * t * t + 0.1 * t;
    }

    private static RefineSettings settings(long budget) {
        return new RefineSettings("beta", "gamma", 0.25, "m", Criterion.THRESHOLD, 0.0, 1e-3, budget, 1, 1);
    }

    private static List<CellPlanner.Plan> drive(CellPlanner planner, BiFunction<Double, Double, Double> f,
            List<CellPlanner.CellObservation> observations) {
        List<CellPlanner.Plan> plans = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            CellPlanner.Plan plan = planner.plan(round, observations);
            plans.add(plan);
            if (round > 0 && plan.finished()) {
                return plans;
            }
            for (CellPlanner.CellRequest r : plan.requests()) {
                observations.add(new CellPlanner.CellObservation(r.slice(), r.corner(), r.replicate(), round,
                        f.apply(r.corner().across(), r.corner().along())));
            }
        }
        throw new AssertionError("no end after 100 rounds");
    }

    @Test
    void curveLocatedInEveryColumn() {
        List<CellPlanner.CellObservation> observations = new ArrayList<>();
        List<CellPlanner.Plan> plans = drive(new CellPlanner(settings(100_000), List.<double[][]>of(GRID)),
                CellPlannerTest::observable, observations);
        CellPlanner.Plan last = plans.get(plans.size() - 1);
        assertEquals(List.of(SliceStatus.CONVERGED), last.slices());

        // Cells are split across until they are at most 0.25 wide: 1.0 / 4, so the columns are
        // x = 0, 0.25, ..., 2.0, and each has one crossing.
        List<Double> xs = last.columns().stream().map(CellPlanner.ColumnResult::across).toList();
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0), xs);
        for (CellPlanner.ColumnResult column : last.columns()) {
            double expected = curve(column.across());
            assertEquals(SliceStatus.CONVERGED, column.status(), "x " + column.across());
            // The bracket contains the crossing and is at most the tolerance high, and the
            // interpolated value lies in it, so it is within the bracket height of the curve.
            assertTrue(column.low() <= expected, "x " + column.across());
            assertTrue(expected <= column.high(), "x " + column.across());
            assertTrue(column.uncertainty() <= 1e-3, "x " + column.across());
            assertEquals(expected, column.located(), column.uncertainty(), "x " + column.across());
        }
        // A grid of the final cell size has 9 x 3001 points; the refinement runs a small part.
        assertTrue(observations.size() * 10 < 9 * 3001, "runs " + observations.size());
        assertEquals(observations.size(), last.columns().get(0).runs());
    }

    @Test
    void planIsPureFunctionOfObservations() {
        CellPlanner planner = new CellPlanner(settings(100_000), List.<double[][]>of(GRID));
        Random shuffle = new Random(3);
        List<CellPlanner.CellObservation> observations = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            CellPlanner.Plan plan = planner.plan(round, observations);
            List<CellPlanner.CellObservation> shuffled = new ArrayList<>(observations);
            Collections.shuffle(shuffled, shuffle);
            assertEquals(plan, planner.plan(round, shuffled));
            for (CellPlanner.CellRequest r : plan.requests()) {
                observations.add(new CellPlanner.CellObservation(r.slice(), r.corner(), r.replicate(), round,
                        observable(r.corner().across(), r.corner().along())));
            }
        }
    }

    @Test
    void budgetStopsSplitting() {
        List<CellPlanner.CellObservation> observations = new ArrayList<>();
        List<CellPlanner.Plan> plans = drive(new CellPlanner(settings(40), List.<double[][]>of(GRID)),
                CellPlannerTest::observable, observations);
        CellPlanner.Plan last = plans.get(plans.size() - 1);
        assertEquals(List.of(SliceStatus.BUDGET), last.slices());
        assertTrue(observations.size() <= 40, "runs " + observations.size());
        // The coarse columns still bracket the curve, only wider than the tolerance.
        for (CellPlanner.ColumnResult column : last.columns()) {
            double expected = curve(column.across());
            assertTrue(column.low() <= expected, "x " + column.across());
            assertTrue(expected <= column.high(), "x " + column.across());
        }
    }

    @Test
    void flatObservableHasNoCrossing() {
        List<CellPlanner.Plan> plans = drive(new CellPlanner(settings(1000), List.<double[][]>of(GRID)), (x, y) -> 1.0,
                new ArrayList<>());
        CellPlanner.Plan last = plans.get(plans.size() - 1);
        assertEquals(List.of(SliceStatus.NO_CROSSING), last.slices());
        assertTrue(last.columns().isEmpty());
    }
}
