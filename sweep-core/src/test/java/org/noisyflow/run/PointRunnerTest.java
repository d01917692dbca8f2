package org.noisyflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Solver;
import org.noisyflow.sphere.SphereParticleSolver;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;

class PointRunnerTest {
    private static final SweepSpec SPEC = SpecParser.parse("""
            name: runner
            solver: sphere-particles
            seed: 31
            replicates: 3
            parameters: {kernel: heisenberg, d: 3, n: 20, dt: 0.01, steps: 5}
            axes:
              beta: [1.0, 2.0, 3.0]
            """, "runner.yaml");

    /** The sphere solver, except that it throws at beta = 2. */
    private static final class ThrowsAtBetaTwo implements Solver {
        private final Solver inner = new SphereParticleSolver();

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public List<ParameterDef> parameters() {
            return inner.parameters();
        }

        @Override
        public List<String> observables() {
            return inner.observables();
        }

        @Override
        public RunResult run(Parameters p, UniformRandomProvider random) {
            if (p.real("beta") == 2.0) {
                throw new IllegalStateException("matrix not positive definite");
            }
            return inner.run(p, random);
        }
    }

    @Test
    void throwingRunBecomesFailedRow() {
        List<ResultRow> rows = new PointRunner(SPEC, new ThrowsAtBetaTwo()).runRange(0, 3);
        assertEquals(9, rows.size());
        for (ResultRow row : rows) {
            boolean failing = row.point().parameters().real("beta") == 2.0;
            assertEquals(failing ? RunStatus.FAILED : RunStatus.OK, row.result().status());
            if (failing) {
                assertTrue(row.result().message().contains("IllegalStateException"), row.result().message());
                assertTrue(row.result().message().contains("not positive definite"), row.result().message());
                assertTrue(row.result().observables().isEmpty());
            }
        }
    }

    @Test
    void rowsComeInIndexAndReplicateOrder() {
        List<ResultRow> rows = new PointRunner(SPEC).runRange(1, 3);
        assertEquals(6, rows.size());
        assertEquals(1, rows.get(0).point().index());
        assertEquals(0, rows.get(0).replicate());
        assertEquals(2, rows.get(2).replicate());
        assertEquals(2, rows.get(3).point().index());
    }

    @Test
    void rowSeedDependsOnPointAndReplicateOnly() {
        ResultRow alone = new PointRunner(SPEC).run(SPEC.points().point(2), 1);
        ResultRow inRange = new PointRunner(SPEC).runRange(0, 3).get(2 * 3 + 1);
        assertEquals(StreamSeeds.streamSeed(31, SPEC.points().point(2).idHash(), 1), alone.seed());
        assertEquals(alone.seed(), inRange.seed());
        assertEquals(alone.result(), inRange.result());
    }

    /**
     * A sweep file with timeout: 0.3 s on a run of 10^7 steps of 200 particles, which takes far
     * longer: the run stops at its next interruption check and becomes a timeout row, and the
     * runner goes on with the next run in the same task.
     */
    @Test
    void slowRunBecomesTimeoutRow() {
        SweepSpec slow = SpecParser.parse("""
                name: slow
                solver: sphere-particles
                seed: 5
                timeout: 0.3
                parameters: {kernel: heisenberg, d: 3, dt: 0.01, beta: 2.0}
                axes:
                  n: [200, 4]
                  steps: [10000000, 3]
                """, "slow.yaml");
        assertEquals(0.3, slow.timeout(), 0.0);
        try (PointRunner runner = new PointRunner(slow, Math.round(slow.timeout() * 1000))) {
            long start = System.nanoTime();
            ResultRow stopped = runner.run(slow.points().point(0), 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(RunStatus.TIMEOUT, stopped.result().status(), stopped.result().message());
            assertTrue(stopped.result().message().contains("timeout of 0.300 s"), stopped.result().message());
            assertTrue(seconds < 0.3 + PointRunner.GRACE_MILLIS / 1000.0, "took " + seconds + " s");
            ResultRow quick = runner.run(slow.points().point(3), 0);
            assertEquals(RunStatus.OK, quick.result().status(), quick.result().message());
        }
    }

    @Test
    void timeoutIsNotHashed() {
        String text = "name: t\nsolver: sphere-particles\nseed: 5\n%s"
                + "parameters: {kernel: heisenberg, d: 3, n: 4, dt: 0.01, steps: 3, beta: 2.0}\n";
        SweepSpec limited = SpecParser.parse(String.format(text, "timeout: 60\n"), "a.yaml");
        SweepSpec open = SpecParser.parse(String.format(text, ""), "b.yaml");
        assertEquals(open.hash(), limited.hash());
        assertTrue(limited.toYaml().contains("timeout: 60"), limited.toYaml());
    }
}
