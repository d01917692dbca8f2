package org.noisyflow.solver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.noisyflow.aggregation.AggregationParticleSolver;
import org.noisyflow.aggregation.AggregationPdeSolver;
import org.noisyflow.gd.NoisyGradientDescentSolver;
import org.noisyflow.sphere.SphereParticleSolver;
import org.noisyflow.sphere.SpherePdeSolver;
import org.noisyflow.sphere.SphereStationarySolver;

/** The solvers a sweep file can name, by id. */
public final class SolverRegistry {
    private static final Map<String, Solver> SOLVERS = new LinkedHashMap<>();

    static {
        register(new SphereParticleSolver());
        register(new NoisyGradientDescentSolver());
        register(new SphereStationarySolver());
        register(new SpherePdeSolver());
        register(new AggregationParticleSolver());
        register(new AggregationPdeSolver());
    }

    private SolverRegistry() {
    }

    private static void register(Solver solver) {
        SOLVERS.put(solver.id(), solver);
    }

    public static Optional<Solver> find(String id) {
        return Optional.ofNullable(SOLVERS.get(id));
    }

    /** Returns the registered ids in registration order. */
    public static List<String> ids() {
        return List.copyOf(SOLVERS.keySet());
    }
}
