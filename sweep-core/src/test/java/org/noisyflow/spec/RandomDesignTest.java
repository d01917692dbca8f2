package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.noisyflow.spec.SpecParserTest.assertNames;
import static org.noisyflow.spec.SpecParserTest.rejected;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.Parameters;

class RandomDesignTest {
    static final double DT_LOW = 1.0e-4;
    static final double DT_HIGH = 0.1;

    static String design(int count) {
        return """
                - random:
                    count: %d
                    parameters:
                      beta: {low: 0.5, high: 4.0}
                      dt: {low: 1.0e-4, high: 0.1, log: true}
                      n: {low: 10, high: 20}""".formatted(count);
    }

    @Test
    void samplesStayWithinBounds() {
        List<Parameters> points = GroupSpecs.parametersOf(GroupSpecs.design(1, design(2000)));
        assertEquals(2000, points.size());
        Set<Long> integers = new TreeSet<>();
        for (Parameters p : points) {
            assertTrue(p.real("beta") >= 0.5, "beta " + p.real("beta"));
            assertTrue(p.real("beta") <= 4.0, "beta " + p.real("beta"));
            assertTrue(p.real("dt") >= DT_LOW, "dt " + p.real("dt"));
            assertTrue(p.real("dt") <= DT_HIGH, "dt " + p.real("dt"));
            integers.add(p.integer("n"));
        }
        // Each of the 11 integers has probability 1/11 per sample: missing one in 2000 has
        // probability below 11 (10/11)^2000, about 2e-82.
        assertEquals(new TreeSet<>(List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L)), integers);
    }

    /**
     * For log-uniform x on [a, b], ln x is uniform on [ln a, ln b]: mean (ln a + ln b) / 2 and
     * standard deviation (ln b - ln a) / sqrt(12). The sample mean of N values must lie within 4
     * standard errors of the mean, which a correct sampler misses with probability 6e-5.
     */
    @Test
    void logUniformMeanOfLogMatches() {
        int count = 4000;
        double sum = 0;
        for (Parameters p : GroupSpecs.parametersOf(GroupSpecs.design(2, design(count)))) {
            sum += Math.log(p.real("dt"));
        }
        double expected = (Math.log(DT_LOW) + Math.log(DT_HIGH)) / 2;
        double standardError = (Math.log(DT_HIGH) - Math.log(DT_LOW)) / Math.sqrt(12.0 * count);
        double mean = sum / count;
        assertEquals(expected, mean, 4 * standardError);
    }

    /** The same check on the linear scale for the uniform beta on [0.5, 4]. */
    @Test
    void uniformMeanMatches() {
        int count = 4000;
        double sum = 0;
        for (Parameters p : GroupSpecs.parametersOf(GroupSpecs.design(3, design(count)))) {
            sum += p.real("beta");
        }
        double standardError = 3.5 / Math.sqrt(12.0 * count);
        assertEquals(2.25, sum / count, 4 * standardError);
    }

    @Test
    void seedDecidesSamples() {
        List<Parameters> first = GroupSpecs.parametersOf(GroupSpecs.design(5, design(50)));
        List<Parameters> again = GroupSpecs.parametersOf(GroupSpecs.design(5, design(50)));
        List<Parameters> other = GroupSpecs.parametersOf(GroupSpecs.design(6, design(50)));
        assertEquals(first, again);
        for (int i = 0; i < 50; i++) {
            assertNotEquals(first.get(i).real("beta"), other.get(i).real("beta"), "sample " + i);
        }
    }

    /** Sample i is a function of (seed, group position, i) alone. */
    @Test
    void sampleDecodedAloneMatchesIteration() {
        List<Parameters> iterated = GroupSpecs.parametersOf(GroupSpecs.design(7, design(300)));
        for (long i : new long[] {0, 1, 151, 299}) {
            SweepSpec fresh = GroupSpecs.design(7, design(300));
            assertEquals(iterated.get((int) i), fresh.points().point(i).parameters(), "sample " + i);
        }
        List<Parameters> longer = GroupSpecs.parametersOf(GroupSpecs.design(7, design(600)));
        assertEquals(iterated, longer.subList(0, 300), "a larger count keeps the first samples");
    }

    /** Pins the derivation: the coordinates are the sample stream's first doubles. */
    @Test
    void unitPointComesFromSampleStream() {
        SampledDesign design = GroupSpecs.firstDesign(GroupSpecs.design(9, design(20)));
        UniformRandomProvider stream = StreamSeeds.stream(
                StreamSeeds.sampleSeed(StreamSeeds.groupSeed(9, 0), 13));
        double[] unit = design.unitPoint(13);
        for (double u : unit) {
            assertEquals(stream.nextDouble(), u);
        }
    }

    @Test
    void groupPositionChangesSamples() {
        SweepSpec alone = GroupSpecs.design(4, design(10));
        SweepSpec second = GroupSpecs.parse(GroupSpecs.PARAMETERS.replace("d: 3\n", ""), "{}",
                "- zip: {d: [3]}\n" + design(10));
        for (int i = 0; i < 10; i++) {
            assertNotEquals(alone.points().point(i).parameters().real("beta"),
                    second.points().point(i).parameters().real("beta"), "sample " + i);
        }
    }

    @Test
    void parameterValuesAreBounds() {
        SweepSpec spec = GroupSpecs.design(1, design(5));
        assertEquals(List.of(0.5, 4.0), spec.parameterValues().get("beta"));
        assertEquals(List.of(10L, 20L), spec.parameterValues().get("n"));
        assertEquals(List.of("beta", "dt", "n"), spec.axisNames());
    }

    @Test
    void resolvedSpecParsesToSameSamples() {
        SweepSpec spec = GroupSpecs.design(1, design(30));
        SweepSpec again = SpecParser.parse(spec.toYaml(), "resolved.yaml");
        assertEquals(spec.hash(), again.hash());
        assertEquals(GroupSpecs.parametersOf(spec), GroupSpecs.parametersOf(again));
    }

    /** Each malformed design, with the key its message must name. */
    @Test
    void invalidDesignsRejected() {
        String[][] cases = {
            {"count: 0", "groups[0].random.count"},
            {"count: 2.5", "groups[0].random.count"},
            {"", "groups[0].random.count"},
            {"count: 5\n    seed: 3", "groups[0].random.seed"},
        };
        for (String[] c : cases) {
            String body = c[0].isEmpty() ? "" : c[0] + "\n    ";
            String text = GroupSpecs.text(GroupSpecs.PARAMETERS + "\nn: 10\ndt: 0.01", "{}",
                    "- random:\n    " + body + "parameters: {beta: {low: 1.0, high: 2.0}}");
            assertNames(rejected(text), c[1], null);
        }
    }

    /** Each malformed interval, with the key its message must name. */
    @Test
    void invalidIntervalsRejected() {
        String[][] cases = {
            {"beta: {low: 2.0, high: 1.0}", "groups[0].random.parameters.beta"},
            {"beta: {low: 1.0, high: 1.0}", "groups[0].random.parameters.beta"},
            {"beta: {low: 0.0, high: 1.0}", "groups[0].random.parameters.beta.low"},
            {"beta: {low: 1.0}", "groups[0].random.parameters.beta.high"},
            {"beta: [1.0, 2.0]", "groups[0].random.parameters.beta"},
            {"beta: {low: 1.0, high: 2.0, log: yes}", "groups[0].random.parameters.beta.log"},
            {"beta: {low: 1.0, high: 2.0, step: 1}", "groups[0].random.parameters.beta.step"},
            {"n: {low: 10.5, high: 20}", "groups[0].random.parameters.n.low"},
            {"n: {low: 1, high: 20}", "groups[0].random.parameters.n.low"},
            {"n: {low: 0, high: 20, log: true}", "groups[0].random.parameters.n.low"},
            {"kernel: {low: 1, high: 2}", "groups[0].random.parameters.kernel"},
            {"kappa: {low: 1, high: 2}", "groups[0].random.parameters.kappa"},
        };
        for (String[] c : cases) {
            String sampled = c[0].substring(0, c[0].indexOf(':'));
            StringBuilder fixed = new StringBuilder();
            for (String line : List.of("kernel: heisenberg", "d: 3", "steps: 5", "dt: 0.01", "beta: 1.0", "n: 10")) {
                if (!line.startsWith(sampled + ":")) {
                    fixed.append(line).append('\n');
                }
            }
            String text = GroupSpecs.text(fixed.toString().strip(), "{}",
                    "- random:\n    count: 4\n    parameters: {" + c[0] + "}");
            assertNames(rejected(text), c[1], null);
        }
    }
}
