package org.noisyflow.bench;

import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.Solver;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;

/**
 * A solver and the parameters of one point, resolved from sweep-file text as {@code scripts/sweep}
 * resolves them: defaults filled in, inapplicable parameters set to null, and the solver's
 * cross-parameter checks passed.
 *
 * @param solver the solver that the text names
 * @param parameters the values of the first point
 */
record SweepPoint(Solver solver, Parameters parameters) {

    /**
     * Parses a one-point sweep of {@code solverId} whose {@code parameters:} mapping is
     * {@code mapping}, given in YAML flow style such as "{d: 3, beta: 2.0}".
     */
    static SweepPoint of(String solverId, String mapping) {
        String text = "name: bench\nsolver: " + solverId + "\nseed: 1\nparameters: " + mapping + "\n";
        SweepSpec spec = SpecParser.parse(text, "benchmark " + solverId);
        return new SweepPoint(spec.solver(), spec.points().point(0).parameters());
    }
}
