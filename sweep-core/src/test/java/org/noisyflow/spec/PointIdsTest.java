package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PointIdsTest {

    private static String firstId(String text) {
        return SpecParser.parse(text, "ids.yaml").points().point(0).id();
    }

    private static final String SPEC = """
            name: ids
            solver: sphere-particles
            seed: 1
            parameters:
              kernel: heisenberg
              d: 3
              n: 100
              dt: 0.01
              steps: 10
              beta: 2.5
            """;

    /**
     * The id of this point must never change between runs, JVMs or releases: results on disk
     * are joined on it. The value was computed once by this implementation (SHA-256 of the
     * canonical text below); a change here breaks every stored sweep.
     */
    @Test
    void idIsStableAcrossRuns() {
        assertEquals("""
                solver=sphere-particles
                beta=r:4004000000000000
                d=i:3
                dt=r:3f847ae147ae147b
                init=s:7:uniform
                kernel=s:10:heisenberg
                n=i:100
                scheme=s:8:geodesic
                steps=i:10
                """, PointIds.canonicalText("sphere-particles",
                new org.noisyflow.sphere.SphereParticleSolver().parameters(),
                SpecParser.parse(SPEC, "ids.yaml").points().point(0).parameters()));
        assertEquals("2e9eb0caa2308029", firstId(SPEC));
    }

    @Test
    void idIgnoresKeyOrderAndNumberSpelling() {
        String reordered = """
                seed: 99
                solver: sphere-particles
                name: other-name
                parameters:
                  beta: 2.50
                  steps: 10
                  n: 100.0
                  dt: 1.0e-2
                  d: 3
                  kernel: heisenberg
                  init: uniform
                """;
        assertEquals(firstId(SPEC), firstId(reordered));
    }

    @Test
    void idIgnoresBetaOrTemperatureSpelling() {
        assertEquals(firstId(SPEC), firstId(SPEC.replace("beta: 2.5", "temperature: 0.4")));
    }

    @Test
    void idSeesTheLastBit() {
        String nextUp = SPEC.replace("beta: 2.5", "beta: " + Math.nextUp(2.5));
        assertNotEquals(firstId(SPEC), firstId(nextUp));
    }

    @Test
    void idsDifferAcrossGrid() {
        SweepSpec s = SpecParser.parse(SPEC.replace("  beta: 2.5\n", "").replace("  n: 100\n", "")
                + "axes:\n  beta: {linspace: [0.5, 10.0, 200]}\n  n: [10, 20, 30]\n", "ids.yaml");
        Set<String> ids = new HashSet<>();
        for (Point p : s.points()) {
            ids.add(p.id());
        }
        assertEquals(600, ids.size());
    }
}
