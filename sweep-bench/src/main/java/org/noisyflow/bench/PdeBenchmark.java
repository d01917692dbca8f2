package org.noisyflow.bench;

import org.noisyflow.aggregation.AggregationPdeSolver;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.sphere.SpherePdeSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One run of each time-dependent PDE solver through the Solver interface, over a fixed number of
 * steps. Each score covers the whole run, set-up included.
 *
 * <ul>
 *   <li>{@code spherePde}: {@code sphere-pde}, transformer kernel, gamma = 1, d = 3, beta = 4,
 *       1000 steps of dt = 0.01, truncation 30 and 400 nodes (the defaults).
 *   <li>{@code aggregationPde}: {@code sphere-aggregation-pde} with the model of
 *       conf/aggregation-particles-pde.yaml (d = 3, 400 cells, dot attraction, c = 0.1,
 *       eps = 0.1) up to t_end = {@value #AGGREGATION_T_END}.
 *   <li>{@code aggregationSetUp}: the same model up to t_end = {@value #SET_UP_T_END}, a run that
 *       is almost all set-up (the repulsion's kernel matrix). The difference of the two scores is
 *       the cost of the extra steps.
 * </ul>
 *
 * <p>The aggregation step is adaptive but deterministic, so every run of a point takes the same
 * number of steps. The trial set-up prints both counts.
 */
@State(Scope.Thread)
public class PdeBenchmark extends SingleCoreSettings {
    static final double AGGREGATION_T_END = 2.0;
    static final double SET_UP_T_END = 0.01;

    private SweepPoint spherePoint;
    private SweepPoint aggregationPoint;
    private SweepPoint setUpPoint;

    @Setup(Level.Trial)
    public void resolveParameters() {
        spherePoint = SweepPoint.of(SpherePdeSolver.ID,
                "{kernel: transformer, gamma: 1.0, d: 3, beta: 4.0, dt: 0.01, t_end: 10.0}");
        aggregationPoint = aggregation(AGGREGATION_T_END);
        setUpPoint = aggregation(SET_UP_T_END);
        requireOk(spherePde(), spherePoint);
        printSteps(requireOk(aggregationPde(), aggregationPoint), AGGREGATION_T_END);
        printSteps(requireOk(aggregationSetUp(), setUpPoint), SET_UP_T_END);
    }

    private static SweepPoint aggregation(double tEnd) {
        return SweepPoint.of(AggregationPdeSolver.ID, "{d: 3, cells: 400, attraction: dot, kappa: 1.0, "
                + "repulsion_strength: 0.1, eps: 0.1, t_end: " + tEnd + ", init: tilted}");
    }

    private static RunResult requireOk(RunResult result, SweepPoint point) {
        if (result.status() != RunStatus.OK) {
            throw new IllegalStateException(point.solver().id() + " failed at " + point.parameters() + ": "
                    + result.message());
        }
        return result;
    }

    private static void printSteps(RunResult result, double tEnd) {
        System.out.println("sphere-aggregation-pde takes " + result.observables().get("steps").longValue()
                + " steps to t_end = " + tEnd);
    }

    @Benchmark
    public RunResult spherePde() {
        return spherePoint.solver().run(spherePoint.parameters(), StreamSeeds.stream(1));
    }

    @Benchmark
    public RunResult aggregationPde() {
        return aggregationPoint.solver().run(aggregationPoint.parameters(), StreamSeeds.stream(1));
    }

    @Benchmark
    public RunResult aggregationSetUp() {
        return setUpPoint.solver().run(setUpPoint.parameters(), StreamSeeds.stream(1));
    }
}
