package org.noisyflow.bench;

import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.sphere.SphereStationarySolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One run of {@code sphere-stationary} through the Solver interface, for the transformer kernel at
 * d = 3 and gamma = 2. {@code state} is the point beta = 3 of conf/transformer-stationary.yaml,
 * above the linear threshold beta_1 = 2.05, so the solver finds an ordered state.
 * {@code transition} traces the bifurcating branch as conf/transformer-transition.yaml does.
 */
@State(Scope.Thread)
public class StationaryBenchmark extends SingleCoreSettings {

    @Param({"state", "transition"})
    public String quantity;

    private SweepPoint point;

    @Setup(Level.Trial)
    public void resolveParameters() {
        String mapping = "state".equals(quantity)
                ? "{kernel: transformer, d: 3, gamma: 2.0, beta: 3.0}"
                : "{kernel: transformer, d: 3, gamma: 2.0, quantity: transition}";
        point = SweepPoint.of(SphereStationarySolver.ID, mapping);
        RunResult first = solve();
        if (first.status() != RunStatus.OK) {
            throw new IllegalStateException("sphere-stationary failed at " + point.parameters() + ": "
                    + first.message());
        }
    }

    @Benchmark
    public RunResult solve() {
        return point.solver().run(point.parameters(), StreamSeeds.stream(1));
    }
}
