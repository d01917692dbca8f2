package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.noisyflow.spec.SpecParserTest.assertNames;
import static org.noisyflow.spec.SpecParserTest.parse;
import static org.noisyflow.spec.SpecParserTest.rejected;
import static org.noisyflow.spec.SpecParserTest.spec;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZipGroupTest {
    /** The base parameters without n and beta, which the tests give in groups. */
    static final String PARAMETERS = """
            kernel: heisenberg
            d: 3
            dt: 0.01
            steps: 5""";

    /** Three points: (n, beta) = (10, 1.0), (20, 2.0), (40, 3.0). */
    static final String N_AND_BETA = """
            - zip:
                n: [10, 20, 40]
                beta: {linspace: [1.0, 3.0, 3]}""";

    static SweepSpec zipped(String axes, String groups) {
        return zipped(PARAMETERS, axes, groups);
    }

    static SweepSpec zipped(String parameters, String axes, String groups) {
        return GroupSpecs.parse(parameters, axes, groups);
    }

    @Test
    void zipAdvancesListsTogether() {
        SweepSpec s = zipped("{}", N_AND_BETA);
        PointSpace points = s.points();
        assertEquals(3, points.count());
        long[] n = {10, 20, 40};
        double[] beta = {1.0, 2.0, 3.0};
        for (int i = 0; i < 3; i++) {
            assertEquals(n[i], points.point(i).parameters().integer("n"));
            assertEquals(beta[i], points.point(i).parameters().real("beta"));
        }
    }

    @Test
    void zipAcceptsEveryAxisForm() {
        SweepSpec s = zipped(PARAMETERS.replace("dt: 0.01\n", ""), "{}", """
                - zip:
                    n: {range: [10, 30, 10]}
                    beta: {logspace: [-1, 1, 3]}
                    dt: [0.1, 0.1, 0.2]""");
        assertEquals(3, s.points().count());
        assertEquals(30L, s.points().point(2).parameters().integer("n"));
        assertEquals(10.0, s.points().point(2).parameters().real("beta"), 1e-12);
        assertEquals(0.1, s.points().point(1).parameters().real("dt"), "repeated values in a zip list are kept");
    }

    /** Axes come first and vary slowest; of two groups, the second varies fastest. */
    @Test
    void productOrdersAxesThenGroups() {
        SweepSpec s = zipped(PARAMETERS.replace("d: 3\n", ""), "d: [2, 3]", """
                - zip: {n: [10, 20]}
                - zip: {beta: [1.0, 2.0, 4.0]}""");
        PointSpace points = s.points();
        assertEquals(2 * 2 * 3, points.count());
        for (int i = 0; i < 12; i++) {
            var p = points.point(i).parameters();
            assertEquals(List.of(2L, 3L).get(i / 6), p.integer("d"), "d at " + i);
            assertEquals(List.of(10L, 20L).get(i / 3 % 2), p.integer("n"), "n at " + i);
            assertEquals(List.of(1.0, 2.0, 4.0).get(i % 3), p.real("beta"), "beta at " + i);
        }
    }

    @Test
    void lengthMismatchRejected() {
        SpecException e = rejected(spec(PARAMETERS, "{}") + """
                groups:
                  - zip:
                      n: [10, 20]
                      beta: [1.0, 2.0, 3.0]
                """);
        assertNames(e, "groups[0].zip.beta", null);
        assertTrue(e.getMessage().contains("beta has 3 values but n has 2"), e.getMessage());
    }

    @Test
    void parameterInTwoPlacesRejected() {
        String zipN = "groups:\n  - zip: {n: [10, 20], beta: [1.0, 2.0]}\n";
        SpecException fixed = rejected(spec(PARAMETERS + "\nn: 10", "{}") + zipN);
        assertNames(fixed, "groups[0].zip.n", null);
        assertTrue(fixed.getMessage().contains("already given at 'parameters.n'"), fixed.getMessage());

        SpecException axis = rejected(spec(PARAMETERS, "n: [5, 6]") + zipN);
        assertNames(axis, "groups[0].zip.n", null);
        assertTrue(axis.getMessage().contains("already given at 'axes.n'"), axis.getMessage());

        SpecException group = rejected(spec(PARAMETERS, "{}") + zipN + "  - zip: {beta: [3.0]}\n");
        assertNames(group, "groups[1].zip.beta", null);
        assertTrue(group.getMessage().contains("already given at 'groups[0].zip.beta'"), group.getMessage());
    }

    @Test
    void temperatureInGroupWithBetaAxisRejected() {
        SpecException e = rejected(spec(PARAMETERS + "\nn: 10", "beta: [1.0]")
                + "groups:\n  - zip: {temperature: [0.5, 1.0]}\n");
        assertNames(e, "groups[0].zip.temperature", null);
        assertTrue(e.getMessage().contains("give only one"), e.getMessage());
    }

    @Test
    void malformedGroupsRejected() {
        String base = spec(PARAMETERS + "\nn: 10", "beta: [1.0]");
        assertNames(rejected(base + "groups: {zip: {d: [2]}}\n"), "groups", null);
        assertNames(rejected(base + "groups:\n  - grid: {d: [2]}\n"), "groups[0]", null);
        assertNames(rejected(base + "groups:\n  - zip: {}\n"), "groups[0].zip", null);
        assertNames(rejected(base + "groups:\n  - zip: {dt: []}\n"), "groups[0].zip.dt", null);
        assertNames(rejected(base + "groups:\n  - zip: {kappa: [1.0]}\n"), "groups[0].zip.kappa", null);
        assertNames(rejected(base + "groups:\n  - zip: {dt: [-1.0]}\n"), "groups[0].zip.dt", "-1.0");
    }

    @Test
    void resolvedSpecKeepsGroups() {
        SweepSpec s = zipped("{}", N_AND_BETA);
        String yaml = s.toYaml();
        assertTrue(yaml.contains("groups:"), yaml);
        SweepSpec again = SpecParser.parse(yaml, "resolved.yaml");
        assertEquals(s.hash(), again.hash());
        for (int i = 0; i < 3; i++) {
            assertEquals(s.points().point(i).id(), again.points().point(i).id());
        }
    }

    @Test
    void parameterValuesListZipValuesOnce() {
        SweepSpec s = zipped("{}", "- zip: {n: [10, 10, 20], beta: [1.0, 2.0, 3.0]}");
        assertEquals(List.of(10L, 20L), s.parameterValues().get("n"));
        assertEquals(List.of(1.0, 2.0, 3.0), s.parameterValues().get("beta"));
        assertEquals(List.of("n", "beta"), s.axisNames());
    }

    /** A point's id depends on its values only, so a zip point and the equal grid point share it. */
    @Test
    void zipPointIdEqualsGridPointId() {
        SweepSpec zip = zipped("{}", "- zip: {n: [10, 20], beta: [1.0, 2.0]}");
        SweepSpec grid = parse(spec(PARAMETERS, "n: [20]\nbeta: [2.0]"));
        assertEquals(grid.points().point(0).id(), zip.points().point(1).id());
    }
}
