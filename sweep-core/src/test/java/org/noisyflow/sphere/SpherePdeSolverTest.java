package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.SolverContract;
import org.noisyflow.spec.SpecException;

class SpherePdeSolverTest extends SolverContract {
    private static final SpherePdeSolver SOLVER = new SpherePdeSolver();

    private static Parameters parameters(String mapping) {
        return SphereStationarySolverTest.parameters("sphere-pde", mapping);
    }

    @Override
    protected Solver solver() {
        return SOLVER;
    }

    @Override
    protected Parameters smallParameters() {
        return parameters("{kernel: transformer, gamma: 1.0, d: 3, beta: 4.0, dt: 0.01, t_end: 1.0}");
    }

    @Override
    protected boolean usesRandomness() {
        return false;
    }

    private static double rate(String mapping) {
        RunResult result = SOLVER.run(parameters(mapping), StreamSeeds.stream(1));
        assertEquals(RunStatus.OK, result.status(), result.message());
        return result.observables().get("linear_rate");
    }

    /**
     * Near the uniform state mode k decays at r_k = k(k+d-2)(1/beta + w_k): 2(1 - 1/e) = 1.26424112
     * for the transformer kernel and 4/3 for Heisenberg at d = 3, beta = 1. The fitted rate of the
     * IMEX step errs by O(dt); Richardson extrapolation 2 r(dt/2) - r(dt) leaves O(dt^2), about
     * 3e-7 here, and an amplitude of 1e-6 keeps the nonlinear terms near 1e-12.
     */
    @ParameterizedTest
    @CsvSource({"'kernel: transformer, gamma: 1.0', 1.26424112", "'kernel: heisenberg', 1.3333333333"})
    void linearRateMatchesSpectrum(String kernel, double expected) {
        String base = "{" + kernel + ", d: 3, beta: 1.0, t_end: 0.5, amplitude: 1.0e-6, dt: ";
        double coarse = rate(base + "5.0e-4}");
        double fine = rate(base + "2.5e-4}");
        assertEquals(expected, 2 * fine - coarse, 1e-6);
    }

    /** W = -P_40 has no coefficient within the default truncation 30, which would leave pure diffusion. */
    @Test
    void gegenbauerModeAboveTruncationRejected() {
        SpecException e = assertThrows(SpecException.class,
                () -> parameters("{kernel: gegenbauer, mode: 40, d: 3, beta: 2.0, dt: 0.01, t_end: 1.0}"));

        assertTrue(e.getMessage().contains("'parameters.mode'"), e.getMessage());
        assertTrue(e.getMessage().contains("use mode <= 30 or truncation >= 40"), e.getMessage());
    }

    /** The long-time state from an ordered start equals the stationary solver's state at d = 3, gamma = 1, beta = 4. */
    @Test
    void longTimeStateMatchesStationary() {
        RunResult result = SOLVER.run(parameters("{kernel: transformer, gamma: 1.0, d: 3, beta: 4.0, dt: 0.01, "
                + "t_end: 100.0, init: ordered}"), StreamSeeds.stream(1));
        assertEquals(0.797278729, result.observables().get("magnetization"), 1e-7);
        assertEquals(0.535477526, result.observables().get("nematic_order"), 1e-7);
    }
}
