package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
import org.noisyflow.spec.SpecParser;

class SphereStationarySolverTest extends SolverContract {
    private static final SphereStationarySolver SOLVER = new SphereStationarySolver();

    static Parameters parameters(String solver, String mapping) {
        return SpecParser.parse("name: t\nsolver: " + solver + "\nseed: 1\nparameters: " + mapping + "\n",
                "test.yaml").points().point(0).parameters();
    }

    @Override
    protected Solver solver() {
        return SOLVER;
    }

    @Override
    protected Parameters smallParameters() {
        return parameters("sphere-stationary", "{kernel: transformer, gamma: 1.0, d: 3, beta: 4.0}");
    }

    @Override
    protected boolean usesRandomness() {
        return false;
    }

    @Test
    void transformerStateColumns() {
        RunResult result = SOLVER.run(smallParameters(), StreamSeeds.stream(1));
        assertEquals(RunStatus.OK, result.status(), result.message());
        assertEquals(0.797278729, result.observables().get("magnetization"), 1e-7);
        assertEquals(0.535477526, result.observables().get("nematic_order"), 1e-7);
        assertEquals(-0.0806537325, result.observables().get("free_energy_gap"), 1e-7);
        assertEquals(1.0, result.observables().get("stable"));
        assertEquals(Math.E, result.observables().get("beta_linear"), 1e-9);
        assertEquals(1.0, result.observables().get("unstable_mode"));
    }

    /**
     * The particle system at n = 500 agrees with the stationary state of the same kernel: d = 3,
     * gamma = 1, beta = 4, where the mean field gives |m| = 0.797279. Particles start ordered,
     * run 30 time units and average the last 15. The tolerance 0.02 covers the finite-n bias
     * O(1/n) = 0.002, the time-step bias (below 0.005 at dt = 0.01, where gamma e^gamma dt = 0.03)
     * and the spread of two replicates' time averages, measured near 0.005 each.
     */
    @Test
    void particlesAgreeWithStationaryState() {
        double stationary = SOLVER.run(smallParameters(), StreamSeeds.stream(1)).observables().get("magnetization");
        Parameters particles = parameters("sphere-particles", "{kernel: transformer, gamma: 1.0, d: 3, "
                + "beta: 4.0, n: 500, dt: 0.01, steps: 3000, init: ordered}");
        SphereParticleSolver particleSolver = new SphereParticleSolver();
        double sum = 0;
        for (int r = 0; r < 2; r++) {
            sum += particleSolver.run(particles, StreamSeeds.stream(40 + r)).observables().get("magnetization_avg");
        }
        assertEquals(stationary, sum / 2, 0.02);
    }

    @Test
    void tooSmallTruncationRejected() {
        SpecException e = assertThrows(SpecException.class, () -> parameters("sphere-stationary",
                "{kernel: onsager, d: 3, beta: 12.0, truncation: 2}"));
        assertTrue(e.getMessage().contains("raise truncation"), e.getMessage());
        assertEquals("parameters.truncation", e.key());
    }

    @Test
    void kernelWithoutParameterRejected() {
        SpecException e = assertThrows(SpecException.class, () -> parameters("sphere-stationary",
                "{kernel: opinion, d: 3, beta: 12.0}"));
        assertEquals("parameters.radius", e.key());
    }

    @Test
    void nonPositiveGammaRejected() {
        SpecException e = assertThrows(SpecException.class, () -> parameters("sphere-stationary",
                "{kernel: transformer, gamma: 0.0, d: 3, beta: 2.0}"));
        assertEquals("parameters.gamma", e.key());
    }

    @Test
    void onsagerOrdersAboveItsSpinodal() {
        // beta_2 = 32/pi = 10.19 at d = 3 and the transition is first order, so well above it the
        // global minimiser is nematic: c_2 > 0 and no polar order.
        RunResult result = SOLVER.run(parameters("sphere-stationary", "{kernel: onsager, d: 3, beta: 14.0}"),
                StreamSeeds.stream(1));
        assertEquals(RunStatus.OK, result.status(), result.message());
        assertTrue(result.observables().get("nematic_order") > 0.3, result.observables().toString());
        assertEquals(0.0, result.observables().get("magnetization"), 1e-10);
        assertTrue(result.observables().get("free_energy_gap") < 0);
        assertEquals(2.0, result.observables().get("unstable_mode"));
    }

    private static RunResult transition(String mapping) {
        RunResult result = SOLVER.run(parameters("sphere-stationary", mapping.replace("}", ", quantity: transition}")),
                StreamSeeds.stream(1));
        assertEquals(RunStatus.OK, result.status(), result.message());
        return result;
    }

    @Test
    void heisenbergTransitionIsContinuous() {
        RunResult result = transition("{kernel: heisenberg, d: 3}");
        assertEquals("continuous", result.labels().get("transition_type"));
        assertEquals(3.0, result.observables().get("beta_transition"), 1e-10);
        assertEquals(0.0, result.observables().get("order_jump"));
        assertEquals(null, result.observables().get("beta_saddle_node"));
        // Amplitudes 0.002, 0.012, ..., 0.942: one record each.
        assertEquals(95, result.trajectory().size(), "branch records");
    }

    /**
     * Maier-Saupe in d = 3 (W = -P_2) has the classic first-order transition: the isotropic state
     * stays locally stable up to beta = 5, but the nematic state wins from beta = 4.5415 with order
     * S = 0.4289 (Maier and Saupe, 1959: T_c = 0.2202 J). Tolerances 1e-3 cover the quoted digits.
     */
    @Test
    void maierSaupeTransitionIsFirstOrder() {
        RunResult result = transition("{kernel: maier-saupe, d: 3}");
        assertEquals("discontinuous", result.labels().get("transition_type"));
        assertEquals(5.0, result.observables().get("beta_linear"), 1e-9);
        assertEquals(4.5415, result.observables().get("beta_transition"), 1e-3);
        assertEquals(0.4289, result.observables().get("order_jump"), 1e-3);
        assertTrue(result.observables().get("beta_saddle_node") < result.observables().get("beta_transition"));
    }

    /**
     * A refinement's slice of state points: the theory of the boundary in beta is the first-order
     * transition 4.5415 of Maier-Saupe, below the linear-stability value 5 of predictedTransition.
     * Other axes fall back to predictedTransition.
     */
    @Test
    void theoryBoundaryIsTransitionBeta() {
        Map<String, Object> slice = parameters("sphere-stationary", "{kernel: maier-saupe, d: 3, beta: 4.0}").asMap();
        assertEquals(4.5415, SOLVER.theoryBoundary("beta", slice).getAsDouble(), 1e-3);
        assertEquals(5.0, SOLVER.predictedTransition("beta", slice).getAsDouble(), 1e-9);
        assertEquals(SOLVER.predictedTransition("temperature", slice), SOLVER.theoryBoundary("temperature", slice));
    }

    /** The transformer transition turns discontinuous above gamma_* = 1.81615 in d = 3. */
    @Test
    void transformerTypeSwitchesAtThreshold() {
        assertEquals("continuous", transition("{kernel: transformer, gamma: 1.75, d: 3}").labels()
                .get("transition_type"));
        RunResult above = transition("{kernel: transformer, gamma: 1.9, d: 3}");
        assertEquals("discontinuous", above.labels().get("transition_type"));
        assertTrue(above.observables().get("order_jump") > 0.1, above.observables().toString());
    }

    @Test
    void transitionRejectsBeta() {
        SpecException e = assertThrows(SpecException.class, () -> parameters("sphere-stationary",
                "{kernel: heisenberg, d: 3, beta: 2.0, quantity: transition}"));
        assertEquals("parameters.beta", e.key());
    }

    /**
     * Checks that the type switches exactly at gamma_*(d), the root of I_{d/2+1}/I_{d/2} = 1/d:
     * 2.44691831 at d = 2, 1.81615453 at d = 3 and 1.12897158 at d = 16, to 1e-8, computed with
     * SciPy's iv and brentq. Points 1e-6 on either side get opposite types.
     */
    @ParameterizedTest
    @CsvSource({"2, 2.44691831", "3, 1.81615453", "16, 1.12897158"})
    void transformerTypeSwitchesWithinOneMillionth(int d, double threshold) {
        String below = "{kernel: transformer, gamma: " + (threshold - 1e-6) + ", d: " + d + "}";
        String above = "{kernel: transformer, gamma: " + (threshold + 1e-6) + ", d: " + d + "}";
        assertEquals("continuous", transition(below).labels().get("transition_type"));
        assertEquals("discontinuous", transition(above).labels().get("transition_type"));
    }

    @Test
    void landauCoefficientOfKnownBranches() {
        // Heisenberg d = 3: beta = 3 + 1.8 m^2; transformer d = 3, gamma = 1: 0.8432 (four digits).
        assertEquals(1.8, transition("{kernel: heisenberg, d: 3}").observables().get("landau_coefficient"), 1e-9);
        assertEquals(0.8432, transition("{kernel: transformer, gamma: 1.0, d: 3}").observables()
                .get("landau_coefficient"), 1e-4);
    }
}
