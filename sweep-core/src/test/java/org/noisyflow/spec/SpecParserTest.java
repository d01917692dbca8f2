package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecParserTest {
    private static final String SOURCE = "conf/test.yaml";

    /** Builds a valid spec text from a parameters block and an axes block. */
    static String spec(String parameters, String axes) {
        return """
                name: test-sweep
                solver: sphere-particles
                seed: 12345
                replicates: 2
                parameters:
                %s
                axes:
                %s
                """.formatted(parameters.indent(2).stripTrailing(), axes.indent(2).stripTrailing());
    }

    static final String BASE_PARAMETERS = """
            kernel: heisenberg
            d: 3
            n: 10
            dt: 0.01
            steps: 5""";

    static SweepSpec parse(String text) {
        return SpecParser.parse(text, SOURCE);
    }

    static List<Object> axisValues(SweepSpec spec, String name) {
        for (Axis axis : spec.axes()) {
            if (axis.name().equals(name)) {
                List<Object> values = new ArrayList<>();
                for (long i = 0; i < axis.size(); i++) {
                    values.add(axis.value(i));
                }
                return values;
            }
        }
        throw new AssertionError("no axis " + name);
    }

    static SpecException rejected(String text) {
        return assertThrows(SpecException.class, () -> parse(text));
    }

    /** Checks that the message names the file, the key and, if given, the value. */
    static void assertNames(SpecException e, String key, String value) {
        String message = e.getMessage();
        assertTrue(message.contains(SOURCE), () -> "file missing from: " + message);
        assertTrue(message.contains("'" + key + "'"), () -> "key " + key + " missing from: " + message);
        assertEquals(key, e.key());
        if (value != null) {
            assertTrue(message.contains(value), () -> "value " + value + " missing from: " + message);
        }
        assertTrue(message.contains("Fix: "), () -> "fix missing from: " + message);
    }

    @Test
    void listAxisKeepsOrderAndTypes() {
        SweepSpec s = parse(spec(BASE_PARAMETERS, "beta: [2, 0.5, 7.25]"));
        assertEquals(List.of(2.0, 0.5, 7.25), axisValues(s, "beta"));
    }

    @Test
    void linspaceIncludesBothEnds() {
        SweepSpec s = parse(spec(BASE_PARAMETERS, "beta: {linspace: [1.0, 8.0, 15]}"));
        List<Object> values = axisValues(s, "beta");
        assertEquals(15, values.size());
        assertEquals(1.0, values.get(0));
        assertEquals(1.5, (Double) values.get(1), 1e-15);
        assertEquals(8.0, values.get(14));
    }

    @Test
    void linspaceOfOneValueIsStart() {
        SweepSpec s = parse(spec(BASE_PARAMETERS, "beta: {linspace: [2.5, 9.0, 1]}"));
        assertEquals(List.of(2.5), axisValues(s, "beta"));
    }

    @Test
    void logspaceIsBaseTen() {
        SweepSpec s = parse(spec(BASE_PARAMETERS, "beta: {logspace: [-1, 2, 4]}"));
        List<Object> values = axisValues(s, "beta");
        double[] expected = {0.1, 1.0, 10.0, 100.0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], (Double) values.get(i), 1e-13 * expected[i]);
        }
    }

    @Test
    void rangeIncludesStopAndSupportsNegativeStep() {
        String params = BASE_PARAMETERS.replace("d: 3\n", "beta: 2.0\n");
        SweepSpec up = parse(spec(params, "d: {range: [2, 8, 3]}"));
        assertEquals(List.of(2L, 5L, 8L), axisValues(up, "d"));
        SweepSpec down = parse(spec(params, "d: {range: [6, 2, -2]}"));
        assertEquals(List.of(6L, 4L, 2L), axisValues(down, "d"));
        SweepSpec skipsStop = parse(spec(params, "d: {range: [2, 7, 2]}"));
        assertEquals(List.of(2L, 4L, 6L), axisValues(skipsStop, "d"));
    }

    @Test
    void integerParameterTakesWholeLinspaceValues() {
        String params = BASE_PARAMETERS.replace("n: 10\n", "beta: 2.0\n");
        SweepSpec s = parse(spec(params, "n: {linspace: [100, 400, 4]}"));
        assertEquals(List.of(100L, 200L, 300L, 400L), axisValues(s, "n"));
    }

    @Test
    void gridIsCartesianWithLastAxisFastest() {
        SweepSpec s = parse(spec(BASE_PARAMETERS.replace("n: 10\n", ""),
                "beta: [1.0, 2.0]\nn: [10, 20, 30]"));
        PointSpace points = s.points();
        assertEquals(6, points.count());
        assertEquals(1.0, points.point(0).parameters().real("beta"));
        assertEquals(10L, points.point(0).parameters().integer("n"));
        assertEquals(20L, points.point(1).parameters().integer("n"));
        assertEquals(2.0, points.point(3).parameters().real("beta"));
        assertEquals(10L, points.point(3).parameters().integer("n"));
    }

    @Test
    void temperatureSetsBetaAndBack() {
        SweepSpec s = parse(spec(BASE_PARAMETERS, "temperature: [0.5, 4.0]"));
        Point p = s.points().point(0);
        assertEquals(2.0, p.parameters().real("beta"));
        assertEquals(0.5, p.parameters().real("temperature"));
        SweepSpec b = parse(spec(BASE_PARAMETERS, "beta: [4.0]"));
        assertEquals(0.25, b.points().point(0).parameters().real("temperature"));
    }

    @Test
    void defaultsAreFilledIn() {
        SweepSpec s = parse(spec(BASE_PARAMETERS, "beta: [1.0]"));
        assertEquals("uniform", s.fixed().get("init"));
        assertEquals("uniform", s.points().point(0).parameters().choice("init"));
        assertEquals(null, s.points().point(0).parameters().get("gamma"));
    }

    @Test
    void noAxesGivesOnePoint() {
        SweepSpec s = parse(spec(BASE_PARAMETERS + "\nbeta: 2.0", "{}"));
        assertEquals(1, s.points().count());
    }

    @Test
    void resolvedSpecParsesToSamePoints() {
        SweepSpec s = parse(spec(BASE_PARAMETERS, "beta: {linspace: [1.0, 8.0, 15]}"));
        SweepSpec again = SpecParser.parse(s.toYaml(), "resolved.yaml");
        assertEquals(s.hash(), again.hash());
        assertEquals(s.points().point(7).id(), again.points().point(7).id());
    }

    @Test
    void descriptionKeptButNotHashed() {
        String text = spec(BASE_PARAMETERS, "beta: [1.0]");
        SweepSpec described = parse(text.replace("seed: 12345", "seed: 12345\ndescription: first try"));
        assertTrue(described.toYaml().contains("description: first try"), described.toYaml());
        assertEquals(parse(text).hash(), described.hash());
    }

    @Test
    void unknownTopLevelKeyRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "beta: [1.0]") + "seeds: 3\n");
        assertNames(e, "seeds", null);
    }

    @Test
    void unknownParameterRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS + "\nkappa: 2.0", "beta: [1.0]"));
        assertNames(e, "parameters.kappa", null);
        assertTrue(e.getMessage().contains("beta"), "lists the known parameters");
    }

    @Test
    void wrongTypeRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS.replace("n: 10", "n: many"), "beta: [1.0]"));
        assertNames(e, "parameters.n", "'many'");
        assertTrue(e.getMessage().contains("wrong type string"));
    }

    @Test
    void fractionalIntegerRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS.replace("n: 10", "n: 10.5"), "beta: [1.0]"));
        assertNames(e, "parameters.n", "10.5");
    }

    @Test
    void wrongSeedTypeRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "beta: [1.0]").replace("seed: 12345", "seed: 1.5"));
        assertNames(e, "seed", "1.5");
    }

    @Test
    void missingSeedRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "beta: [1.0]").replace("seed: 12345\n", ""));
        assertNames(e, "seed", null);
    }

    @Test
    void emptyListAxisRejected() {
        assertNames(rejected(spec(BASE_PARAMETERS, "beta: []")), "axes.beta", null);
    }

    @Test
    void emptyLinspaceRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "beta: {linspace: [1.0, 2.0, 0]}"));
        assertNames(e, "axes.beta", null);
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void emptyRangeRejected() {
        String params = BASE_PARAMETERS.replace("d: 3\n", "beta: 2.0\n");
        SpecException e = rejected(spec(params, "d: {range: [8, 2, 1]}"));
        assertNames(e, "axes.d", null);
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void malformedAxisFormRejected() {
        assertNames(rejected(spec(BASE_PARAMETERS, "beta: {linspace: [1.0, 2.0]}")), "axes.beta", null);
        assertNames(rejected(spec(BASE_PARAMETERS, "beta: {geomspace: [1.0, 2.0, 3]}")), "axes.beta", null);
        assertNames(rejected(spec(BASE_PARAMETERS, "beta: {linspace: [1.0, 2.0, 2.5]}")), "axes.beta", null);
        assertNames(rejected(spec(BASE_PARAMETERS, "beta: 2.0")), "axes.beta", "2.0");
    }

    @Test
    void repeatedAxisValueRejected() {
        assertNames(rejected(spec(BASE_PARAMETERS, "beta: [1.0, 2.0, 1.0]")), "axes.beta", "1.0");
    }

    @Test
    void betaAndTemperatureTogetherRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS + "\ntemperature: 0.5", "beta: [1.0]"));
        assertNames(e, "parameters.temperature", null);
        assertTrue(e.getMessage().contains("give only one"));
    }

    @Test
    void fixedAndSweptRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS + "\nbeta: 3.0", "beta: [1.0, 2.0]"));
        assertNames(e, "axes.beta", null);
        assertTrue(e.getMessage().contains("both fixed"));
    }

    @Test
    void outOfDomainValueRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "beta: {linspace: [0.0, 8.0, 5]}"));
        assertNames(e, "axes.beta", "0.0");
        assertTrue(e.getMessage().contains("> 0"), e.getMessage());
        SpecException d = rejected(spec(BASE_PARAMETERS.replace("d: 3", "d: 1"), "beta: [1.0]"));
        assertNames(d, "parameters.d", "1");
        assertTrue(d.getMessage().contains("[2, 4096]"), d.getMessage());
    }

    @Test
    void unknownChoiceRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS.replace("heisenberg", "xy"), "beta: [1.0]"));
        assertNames(e, "parameters.kernel", "'xy'");
        assertTrue(e.getMessage().contains("transformer"), "lists the kernels");
    }

    @Test
    void gammaForOtherKernelRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS + "\ngamma: 1.0", "beta: [1.0]"));
        assertNames(e, "parameters.gamma", "1.0");
    }

    @Test
    void gammaIsNullWhereKernelIgnoresIt() {
        SweepSpec s = parse(spec(BASE_PARAMETERS.replace("kernel: heisenberg\n", "") + "\ngamma: 2.0",
                "kernel: [heisenberg, transformer]\nbeta: [1.0]"));
        assertEquals(null, s.points().point(0).parameters().get("gamma"));
        assertEquals(2.0, s.points().point(1).parameters().get("gamma"));
    }

    @Test
    void opinionNeedsRadiusInRange() {
        String opinion = BASE_PARAMETERS.replace("heisenberg", "opinion");
        assertNames(rejected(spec(opinion, "beta: [1.0]")), "parameters.radius", null);
        assertNames(rejected(spec(opinion + "\nradius: 4.0", "beta: [1.0]")), "parameters.radius", "4.0");
        SweepSpec ok = parse(spec(opinion + "\nradius: 1.0", "beta: [1.0]"));
        assertEquals(1.0, ok.points().point(0).parameters().get("radius"));
    }

    @Test
    void modeOnlyForGegenbauer() {
        assertNames(rejected(spec(BASE_PARAMETERS + "\nmode: 3", "beta: [1.0]")), "parameters.mode", "3");
    }

    @Test
    void transformerWithoutGammaRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS.replace("heisenberg", "transformer"), "beta: [1.0]"));
        assertNames(e, "parameters.gamma", null);
    }

    @Test
    void missingRequiredParameterRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "{}"));
        assertNames(e, "parameters.beta", null);
        assertTrue(e.getMessage().contains("temperature"), "mentions the alternative");
    }

    @Test
    void badNameRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "beta: [1.0]").replace("test-sweep", "Test_Sweep"));
        assertNames(e, "name", "'Test_Sweep'");
    }

    @Test
    void unknownSolverRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "beta: [1.0]").replace("sphere-particles", "ising"));
        assertNames(e, "solver", "'ising'");
    }

    @Test
    void malformedYamlRejected() {
        SpecException e = rejected("name: [unclosed\nsolver: x\n");
        assertNames(e, "(document)", null);
    }

    @Test
    void duplicateKeyRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS + "\nn: 20", "beta: [1.0]"));
        assertNames(e, "(document)", null);
    }

    @Test
    void hugeAxesRejectedQuickly() {
        assertNames(rejected(spec(BASE_PARAMETERS, "beta: {linspace: [1.0, 2.0, 9000000000000000000]}")),
                "axes.beta", null);
        String params = BASE_PARAMETERS.replace("d: 3\n", "beta: 2.0\n");
        assertNames(rejected(spec(params, "d: {range: [2, 9223372036854775807, 1]}")), "axes.d", null);
        assertNames(rejected(spec(params, "d: {range: [-9223372036854775807, 9223372036854775807, 1]}")),
                "axes.d", null);
    }

    @Test
    void tooManyPointsRejected() {
        String params = BASE_PARAMETERS.replace("n: 10\n", "").replace("steps: 5", "beta: 1.0");
        SpecException e = rejected(spec(params, "n: {range: [2, 10001, 1]}\nsteps: {range: [1, 10000, 1]}"));
        assertNames(e, "axes", null);
    }

    @Test
    void indistinguishableLinspaceValuesRejected() {
        assertNames(rejected(spec(BASE_PARAMETERS, "beta: {linspace: [1.0, 1.0000000000000002, 5]}")),
                "axes.beta", null);
    }

    @Test
    void infiniteReciprocalRejected() {
        SpecException e = rejected(spec(BASE_PARAMETERS, "temperature: [4.9e-324]"));
        assertNames(e, "axes.temperature", null);
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void hugeIntegerNamedInMessage() {
        SpecException e = rejected(spec(BASE_PARAMETERS.replace("n: 10", "n: 99999999999999999999"), "beta: [1.0]"));
        assertTrue(e.getMessage().contains("outside the 64-bit range"), e.getMessage());
    }

    @Test
    void missingFileRejected() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecParser.parse(java.nio.file.Path.of("no/such/file.yaml")));
        assertTrue(e.getMessage().contains("no/such/file.yaml"));
    }
}
