package org.noisyflow.spec;

import java.util.ArrayList;
import java.util.List;
import org.noisyflow.solver.Parameters;

/** Sweep texts with groups and constraints, for the tests of designs and of {@code where}. */
final class GroupSpecs {
    /** Fixed parameters of sphere-particles without beta, n and dt, which the tests sample. */
    static final String PARAMETERS = """
            kernel: heisenberg
            d: 3
            steps: 5""";

    private GroupSpecs() {
    }

    /** Builds a spec text from a parameters block, an axes block and the items of a groups list. */
    static String text(String parameters, String axes, String groups) {
        return SpecParserTest.spec(parameters, axes) + "groups:\n" + groups.indent(2);
    }

    static SweepSpec parse(String parameters, String axes, String groups) {
        return SpecParserTest.parse(text(parameters, axes, groups));
    }

    /** Parses a spec whose only factor is one design, with the root seed replaced by {@code seed}. */
    static SweepSpec design(long seed, String design) {
        String text = text(PARAMETERS, "{}", design).replace("seed: 12345", "seed: " + seed);
        return SpecParserTest.parse(text);
    }

    /** Returns the parameters of every point, in index order. */
    static List<Parameters> parametersOf(SweepSpec spec) {
        List<Parameters> all = new ArrayList<>();
        for (Point point : spec.points()) {
            all.add(point.parameters());
        }
        return all;
    }

    /** Returns the first (and for these tests only) group of the spec as a sampled design. */
    static SampledDesign firstDesign(SweepSpec spec) {
        return (SampledDesign) spec.groups().get(0);
    }
}
