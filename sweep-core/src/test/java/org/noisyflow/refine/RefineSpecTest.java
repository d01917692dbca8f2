package org.noisyflow.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.noisyflow.spec.Point;
import org.noisyflow.spec.SpecException;
import org.noisyflow.spec.SpecParser;

/** The refine section: defaults, slices, refined point ids and every rejected value. */
class RefineSpecTest {
    private static final String BASE = """
            name: refine-test
            solver: sphere-stationary
            seed: 1
            parameters:
              kernel: transformer
              d: 3
            axes:
              gamma: [0.5, 1.0]
              beta: {linspace: [0.5, 4.0, 8]}
            """;
    private static final String REFINE = """
            refine:
              along: beta
              observable: magnetization
              criterion: threshold
              threshold: 1.0e-3
              tolerance: 1.0e-4
              budget: 400
            """;

    @Test
    void validSectionParses() {
        RefineSpec spec = RefineSpec.parse(BASE + REFINE, "t.yaml");
        RefineSettings s = spec.settings();
        assertEquals("beta", s.along());
        assertEquals(Criterion.THRESHOLD, s.criterion());
        assertEquals(1, s.initialReplicates());
        assertEquals(1, s.maxReplicates());
        RefineSpec.Slices slices = spec.slices();
        assertEquals(2, slices.slices().size());
        assertEquals(0.5, slices.slices().get(0).values().get("gamma"));
        assertEquals(8, slices.slices().get(0).grid(0).length);
        // The resolved file parses back to the same refinement.
        assertEquals(spec.hash(), RefineSpec.parse(spec.toYaml(), "resolved.yaml").hash());
    }

    @Test
    void refinedPointIdMatchesGridPointId() {
        // A point built by refinement at a value that a grid sweep also has gets the grid's id.
        RefineSpec spec = RefineSpec.parse(BASE + REFINE, "t.yaml");
        RefineSpec.Slice slice = spec.slices().slices().get(1);
        Point refined = spec.point(slice, List.of(1.2345), 99);
        Point grid = SpecParser.parse(BASE.replace("{linspace: [0.5, 4.0, 8]}", "[1.2345]")
                .replace("gamma: [0.5, 1.0]", "gamma: [1.0]"), "g.yaml").points().point(0);
        assertEquals(grid.id(), refined.id());
        assertEquals(grid.parameters(), refined.parameters());
        assertEquals(99, refined.index());
        Point coarse = spec.point(slice, List.of(0.5), 99);
        assertEquals(slice.coarse().get(List.of(0.5)).id(), coarse.id());
    }

    @Test
    void hashDependsOnRefineSection() {
        String a = RefineSpec.parse(BASE + REFINE, "t.yaml").hash();
        String b = RefineSpec.parse(BASE + REFINE.replace("budget: 400", "budget: 500"), "t.yaml").hash();
        assertNotEquals(a, b);
    }

    /** Each case: the replacement of REFINE's text, the key named, and a fragment of the message. */
    @Test
    void invalidSectionsRejected() {
        List<String[]> cases = List.of(
                new String[] {"along: beta", "along: temperature", "refine.along", "no axis"},
                new String[] {"along: beta", "along: [beta]", "refine.along", "must be text"},
                new String[] {"budget: 400", "budget: 10", "refine.budget", "below the 16 runs"},
                new String[] {"budget: 400", "budget: 1.5", "refine.budget", "integer"},
                new String[] {"tolerance: 1.0e-4", "tolerance: -1", "refine.tolerance", "positive"},
                new String[] {"tolerance: 1.0e-4", "tolerance: 5", "refine.tolerance", "not below the range"},
                new String[] {"threshold: 1.0e-3", "limit: 1", "refine.limit", "unknown key"},
                new String[] {"threshold: 1.0e-3", "threshold: .nan", "refine.threshold", "finite"},
                new String[] {"criterion: threshold", "criterion: slope", "refine.criterion", "unknown criterion"},
                new String[] {"criterion: threshold", "criterion: jump", "refine.threshold", "only to criterion"},
                new String[] {"observable: magnetization", "observable: m", "refine.observable", "no such observable"},
                new String[] {"budget: 400", "budget: 400\n  replicates: {initial: 2, max: 4}", "refine.replicates",
                        "draws no random numbers"},
                new String[] {"budget: 400", "budget: 400\n  across: gamma", "refine.across_tolerance",
                        "missing"},
                new String[] {"budget: 400", "budget: 400\n  across_tolerance: 0.1", "refine.across_tolerance",
                        "only to 2-D"},
                new String[] {"budget: 400", "budget: 400\n  across: beta\n  across_tolerance: 0.1", "refine.across",
                        "same axis"});
        for (String[] c : cases) {
            String text = BASE + REFINE.replace(c[0], c[1]);
            SpecException e = assertThrows(SpecException.class, () -> RefineSpec.parse(text, "bad.yaml"), c[1]);
            assertEquals(c[2], e.key(), e.getMessage());
            assertTrue(e.getMessage().contains(c[3]), e.getMessage());
            assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
        }
    }

    @Test
    void acrossGivesTwoDimensionalSlices() {
        RefineSpec refine = RefineSpec.parse(BASE + REFINE.replace("budget: 400",
                "budget: 400\n  across: gamma\n  across_tolerance: 0.1"), "t.yaml");
        assertEquals("gamma", refine.settings().across());
        assertEquals(0.1, refine.settings().acrossTolerance());
        // gamma and beta are both refined, so the sweep is one slice holding every coarse point.
        assertEquals(1, refine.slices().slices().size());
        assertEquals(refine.spec().points().count(), refine.slices().slices().get(0).coarse().size());
    }

    @Test
    void missingSectionRejected() {
        SpecException e = assertThrows(SpecException.class, () -> RefineSpec.parse(BASE, "plain.yaml"));
        assertEquals("refine", e.key());
    }

    @Test
    void integerAxisRejected() {
        String text = BASE.replace("  d: 3\n", "").replace("gamma: [0.5, 1.0]", "gamma: [0.5, 1.0]\n  d: [3, 4]")
                + REFINE.replace("along: beta", "along: d");
        SpecException e = assertThrows(SpecException.class, () -> RefineSpec.parse(text, "bad.yaml"));
        assertEquals("refine.along", e.key());
        assertTrue(e.getMessage().contains("not of real values"), e.getMessage());
    }
}
