package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.noisyflow.spec.SpecParserTest.assertNames;
import static org.noisyflow.spec.SpecParserTest.parse;
import static org.noisyflow.spec.SpecParserTest.rejected;
import static org.noisyflow.spec.SpecParserTest.spec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.noisyflow.solver.Parameters;

class WhereTest {
    /** Fixed parameters without n and d, which the grids below sweep. */
    static final String PARAMETERS = """
            kernel: heisenberg
            beta: 2.0
            dt: 0.01
            steps: 5""";

    static String grid(String axes, String... constraints) {
        StringBuilder text = new StringBuilder(spec(PARAMETERS, axes)).append("where:\n");
        for (String constraint : constraints) {
            text.append("  - \"").append(constraint).append("\"\n");
        }
        return text.toString();
    }

    static List<Point> pointsOf(SweepSpec spec) {
        List<Point> points = new ArrayList<>();
        spec.points().forEach(points::add);
        return points;
    }

    /**
     * d in [2, 11] and n in [2, 21]: n >= 2d keeps 22 - 2d values of n for d <= 10 and none for
     * d = 11, so sum over d = 2..10 of (22 - 2d) = 198 - 108 = 90 of the 200 points.
     */
    @Test
    void filteredGridCountsAnalytically() {
        SweepSpec s = parse(grid("d: {range: [2, 11, 1]}\nn: {range: [2, 21, 1]}", "n >= 2 * d"));
        assertEquals(200, s.points().rawCount());
        assertEquals(90, s.points().count());
        List<Point> points = pointsOf(s);
        assertEquals(90, points.size());
        long previousD = 0;
        long previousN = 0;
        for (int i = 0; i < points.size(); i++) {
            Parameters p = points.get(i).parameters();
            assertEquals(i, points.get(i).index(), "indices are dense");
            assertTrue(p.integer("n") >= 2 * p.integer("d"), "point " + i + " " + p);
            boolean rawOrder = p.integer("d") > previousD || p.integer("n") > previousN;
            assertTrue(rawOrder, "point " + i + " follows the unfiltered order");
            previousD = p.integer("d");
            previousN = p.integer("n");
        }
    }

    /**
     * d in [2, 101], n in [2, 401], 40000 points in 40 index blocks: n <= 4d keeps 4d - 1 values
     * for d <= 100 and all 400 for d = 101, so sum over d = 2..100 of (4d - 1) + 400 = 20497.
     * Random access must agree with iteration across block boundaries.
     */
    @Test
    void pointAndRangeAgreeWithIteration() {
        SweepSpec s = parse(grid("d: {range: [2, 101, 1]}\nn: {range: [2, 401, 1]}", "n <= 4 * d"));
        assertEquals(20497, s.points().count());
        List<Point> points = pointsOf(s);
        for (long i : new long[] {0, 1, 1023, 1024, 1025, 5000, 12345, 20496}) {
            assertEquals(points.get((int) i), s.points().point(i), "point " + i);
        }
        Iterator<Point> range = s.points().range(1020, 1030);
        for (int i = 1020; i < 1030; i++) {
            assertEquals(points.get(i), range.next(), "range point " + i);
        }
        assertTrue(!range.hasNext());
    }

    /** Twelve points spread over 40 blocks, most of which hold none: d = 90..101 with n = 7. */
    @Test
    void sparseFilterSkipsEmptyBlocks() {
        SweepSpec s = parse(grid("d: {range: [2, 101, 1]}\nn: {range: [2, 401, 1]}", "d >= 90", "n == 7"));
        assertEquals(12, s.points().count());
        for (int i = 0; i < 12; i++) {
            Parameters p = s.points().point(i).parameters();
            assertEquals(90 + i, p.integer("d"), "d of point " + i);
            assertEquals(7, p.integer("n"), "n of point " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> s.points().point(12));
        assertEquals(12, pointsOf(s).size());
    }

    @Test
    void constraintRejectingEveryPointIsError() {
        SpecException e = rejected(grid("d: [2, 3]\nn: [10, 20]", "n > 2 * d", "n > 100"));
        assertNames(e, "where", null);
        assertTrue(e.getMessage().contains("reject all 4 points"), e.getMessage());
        assertTrue(e.getMessage().contains("where[0] keeps 4, where[1] keeps 0"), e.getMessage());
    }

    /** A point that the constraints skip never reaches the solver's checks. */
    @Test
    void skippedPointsAreNotValidated() {
        String axes = "d: [3, 100]\nn: [1000, 1000000]";
        SpecException e = rejected(spec(PARAMETERS, axes));
        assertNames(e, "axes.n", null);
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
        SweepSpec s = parse(grid(axes, "n * d <= 20000000"));
        assertEquals(3, s.points().count());
    }

    /** temperature = 1/beta is 2, 1, 0.5 and 0.25, so three points have temperature < 1.5. */
    @Test
    void derivedTemperatureCanBeConstrained() {
        String parameters = PARAMETERS.replace("beta: 2.0\n", "d: 3\nn: 10\n");
        String text = spec(parameters, "beta: [0.5, 1.0, 2.0, 4.0]") + "where: [\"temperature < 1.5\"]\n";
        SweepSpec s = parse(text);
        assertEquals(3, s.points().count());
        assertEquals(1.0, s.points().point(0).parameters().real("beta"));
    }

    @Test
    void constraintsApplyToDesigns() {
        String text = GroupSpecs.text(GroupSpecs.PARAMETERS, "{}", """
                - lhs:
                    count: 200
                    parameters:
                      beta: {low: 1.0, high: 4.0}
                      dt: {low: 0.001, high: 0.1, log: true}
                      n: {low: 10, high: 100}""") + "where: [\"beta * dt < 0.05\"]\n";
        SweepSpec s = SpecParserTest.parse(text);
        assertTrue(s.points().count() > 0, "count " + s.points().count());
        assertTrue(s.points().count() < 200, "count " + s.points().count());
        for (Point point : s.points()) {
            assertTrue(point.parameters().real("beta") * point.parameters().real("dt") < 0.05, point.toString());
        }
    }

    @Test
    void resolvedSpecKeepsCanonicalConstraints() {
        SweepSpec s = parse(grid("d: [2, 3, 4]\nn: [5, 10, 20]", "n>=2*(d+1)"));
        assertTrue(s.toYaml().contains("n >= 2 * (d + 1)"), s.toYaml());
        SweepSpec again = SpecParser.parse(s.toYaml(), "resolved.yaml");
        assertEquals(s.hash(), again.hash());
        assertEquals(pointsOf(s), pointsOf(again));
        assertEquals(s.hash(), parse(grid("d: [2, 3, 4]\nn: [5, 10, 20]", "n >= 2 * ((d + 1))")).hash(),
                "spacing and redundant parentheses do not change the hash");
        assertNotEquals(s.hash(), parse(grid("d: [2, 3, 4]\nn: [5, 10, 20]", "n > 2 * (d + 1)")).hash());
    }

    @Test
    void gridWithoutConstraintsKeepsHashAndYaml() {
        SweepSpec s = parse(spec(PARAMETERS.replace("beta: 2.0\n", "d: 3\nn: 10\n"), "beta: [1.0]"));
        assertTrue(!s.toYaml().contains("where"), s.toYaml());
        assertTrue(!s.toYaml().contains("groups"), s.toYaml());
    }

    /** Each invalid where list, the key its message names, and a phrase of its problem. */
    @Test
    void invalidConstraintsRejected() {
        String axes = "d: [2, 3]\nn: [10, 20]";
        String[][] cases = {
            {"n >= 10 * x", "where[0]", "has no parameter 'x' (at position 11)"},
            {"n >= 10 *", "where[0]", "(at position 10)"},
            {"n => 10", "where[0]", "(at position 3)"},
            {"kernel == 1", "where[0]", "'kernel' (at position 1) is a choice parameter"},
            {"gamma < 2", "where[0]", "'gamma' (at position 1) has no value"},
            {"1 < 2", "where[0]", "names no parameter"},
        };
        for (String[] c : cases) {
            SpecException e = rejected(grid(axes, c[0]));
            assertNames(e, c[1], c[0]);
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
        SpecException second = rejected(grid(axes, "n > 1", "n >"));
        assertNames(second, "where[1]", "'n >'");
        SpecException number = rejected(spec(PARAMETERS, axes) + "where: [5]\n");
        assertNames(number, "where[0]", "5");
        SpecException notList = rejected(spec(PARAMETERS, axes) + "where: n > 1\n");
        assertNames(notList, "where", "'n > 1'");
    }
}
