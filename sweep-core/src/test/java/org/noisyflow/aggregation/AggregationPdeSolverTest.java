package org.noisyflow.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
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

class AggregationPdeSolverTest extends SolverContract {
    private static final AggregationPdeSolver SOLVER = new AggregationPdeSolver();

    static Parameters parameters(String solver, String mapping) {
        return SpecParser.parse("name: t\nsolver: " + solver + "\nseed: 1\nparameters: " + mapping + "\n",
                "test.yaml").points().point(0).parameters();
    }

    private static RunResult run(String mapping) {
        RunResult result = SOLVER.run(parameters(AggregationPdeSolver.ID, mapping), StreamSeeds.stream(1));
        assertEquals(RunStatus.OK, result.status(), result.message());
        return result;
    }

    @Override
    protected Solver solver() {
        return SOLVER;
    }

    @Override
    protected Parameters smallParameters() {
        return parameters(AggregationPdeSolver.ID, "{d: 3, cells: 40, kappa: 1.0, repulsion_strength: 0.1, "
                + "eps: 0.2, t_end: 1.0}");
    }

    @Override
    protected boolean usesRandomness() {
        return false;
    }

    /**
     * The minimiser of the limit energy for kappa &gt; kappa_c is the cap rho = a (cos theta - cos theta_0)_+,
     * with the radius from |S^{d-2}| J_1(theta_0) = c/kappa, J_1 = &int;_0^{theta_0} cos (cos - cos theta_0) sin^{d-2}.
     * In closed form that is theta_0 - sin(2 theta_0)/2 = c/kappa at d = 2 and
     * (pi/3)(1 - u)^2 (2 + u) = c/kappa with u = cos theta_0 at d = 3; the amplitude makes the mass M,
     * |m| = c a/kappa and E = -(kappa/2)|m|^2 + (c/2) &int; rho^2. At kappa = 1, c = 0.1 that is
     * theta_0 = 0.54185, E = -0.41600327 at d = 2 and theta_0 = 0.61661, E = -0.38288276 at d = 3.
     * The scheme's steady state on 200 cells is within O(dtheta^2) = 2.5e-4 times small constants
     * of it (measured 1e-5 to 2e-5); the bounds are 5e-5 on the energy and 1e-4 on |m|, and the
     * support ends within one cell of theta_0.
     */
    @ParameterizedTest
    @CsvSource({"2", "3"})
    void steadyStateIsTheCap(int d) {
        double kappa = 1.0;
        double c = 0.1;
        double target = c / kappa;
        double theta0;
        double amplitude;
        double squareIntegral;
        if (d == 2) {
            theta0 = new BrentSolver(1e-15).solve(100, t -> t - 0.5 * Math.sin(2 * t) - target, 1e-6, Math.PI);
            double u = Math.cos(theta0);
            double s = Math.sin(theta0);
            amplitude = 1.0 / (2.0 * (s - theta0 * u));
            // 2 &int;_0^{theta_0} (cos - u)^2 = 2 [theta_0/2 + sin(2 theta_0)/4 - 2 u s + theta_0 u^2]
            squareIntegral = 2 * amplitude * amplitude * (theta0 / 2 + Math.sin(2 * theta0) / 4 - 2 * u * s + theta0 * u * u);
        } else {
            double u0 = new BrentSolver(1e-15).solve(100,
                    u -> Math.PI / 3 * (1 - u) * (1 - u) * (2 + u) - target, -1.0, 1.0 - 1e-12);
            theta0 = Math.acos(u0);
            amplitude = 1.0 / (Math.PI * (1 - u0) * (1 - u0));
            // 2 pi &int;_{u0}^{1} a^2 (u - u0)^2 du = 2 pi a^2 (1 - u0)^3 / 3
            squareIntegral = 2 * Math.PI * amplitude * amplitude * Math.pow(1 - u0, 3) / 3;
        }
        double magnetization = c * amplitude / kappa;
        double energy = -0.5 * kappa * magnetization * magnetization + 0.5 * c * squareIntegral;

        RunResult result = run("{d: " + d + ", cells: 200, kappa: 1.0, repulsion_strength: 0.1, eps: 0, t_end: 100}");
        Map<String, Double> observed = result.observables();
        assertEquals(energy, observed.get("energy"), 5e-5);
        assertEquals(magnetization, observed.get("magnetization"), 1e-4);
        assertEquals(theta0, observed.get("support_edge"), Math.PI / 200);
    }

    /**
     * Over 4e5 steps to the cap, the mass changes by round-off only (flux differences added to
     * cell masses), and E_h never increases by more than the round-off of its 200-term sums,
     * about 200 x 2^-53 |E| = 1e-14 |E|; the bounds are 1e-12 and 1e-13 |E|.
     */
    @Test
    void massAndEnergyOverLongRun() {
        Map<String, Double> observed = run("{d: 3, cells: 200, kappa: 1.0, repulsion_strength: 0.1, eps: 0, "
                + "t_end: 100}").observables();
        assertTrue(observed.get("steps") > 1e5, "steps " + observed.get("steps"));
        assertTrue(observed.get("mass_error") <= 1e-12, "mass error " + observed.get("mass_error"));
        assertTrue(observed.get("energy_increase") <= 1e-13 * Math.abs(observed.get("energy")),
                "energy increase " + observed.get("energy_increase"));
    }

    /** The nonlocal model with the transformer attraction also keeps its mass and its energy descent. */
    @Test
    void nonlocalTransformerRunKeepsMassAndDescent() {
        Map<String, Double> observed = run("{d: 4, cells: 100, attraction: transformer, gamma: 2.0, kappa: 0.5, "
                + "repulsion_strength: 0.2, eps: 0.15, t_end: 20}").observables();
        assertTrue(observed.get("mass_error") <= 1e-12, "mass error " + observed.get("mass_error"));
        assertTrue(observed.get("energy_increase") <= 1e-13 * Math.abs(observed.get("energy")),
                "energy increase " + observed.get("energy_increase"));
    }

    /** Below kappa_c = c d/|S^{d-1}| = 0.2387 c at d = 3 the tilt decays: |m| falls from M/(2d) = 1/6 towards 0. */
    @Test
    void subcriticalTiltDecays() {
        Map<String, Double> observed = run("{d: 3, cells: 100, kappa: 0.1, repulsion_strength: 1.0, eps: 0, "
                + "t_end: 40}").observables();
        // The tilt is mode 1, decaying at -lambda_1 = (1/(4 pi)) 2 (1 - 0.1 (4 pi/3)) = 0.0925 as long as it
        // is linear: |m(40)| is about (1/6) e^{-3.7} = 4.1e-3 and certainly below 1e-2.
        assertTrue(observed.get("magnetization") < 1e-2, "magnetization " + observed.get("magnetization"));
        assertEquals(Math.PI, observed.get("support_edge"), 1e-12);
    }

    /** Profiles at t = 0, 0.25, ..., 1 have one row per cell, each holding the mass M = 2. */
    @Test
    void profilesAreRecordedOnTime() {
        RunResult result = run("{d: 3, cells: 20, kappa: 1.0, repulsion_strength: 0.5, eps: 0, mass: 2.0, "
                + "t_end: 1.0, record_every: 0.25}");
        List<Double[]> rows = result.trajectory().rows();
        assertEquals(5 * 20, rows.size());
        ZonalGrid grid = new ZonalGrid(3, 20);
        for (int record = 0; record < 5; record++) {
            double mass = 0.0;
            for (int i = 0; i < 20; i++) {
                Double[] row = rows.get(record * 20 + i);
                assertEquals(0.25 * record, row[1], 1e-12, "time of record " + record);
                assertEquals(grid.centre[i], row[2], 0.0);
                mass += grid.measure[i] * row[3];
            }
            assertEquals(2.0, mass, 1e-12, "mass of record " + record);
        }
        assertEquals(result.observables().get("steps"), rows.get(rows.size() - 1)[0]);
    }

    @Test
    void negativeEpsIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> parameters(AggregationPdeSolver.ID,
                "{d: 3, cells: 50, kappa: 1.0, repulsion_strength: 0.1, eps: -0.1, t_end: 1}"));
        assertTrue(e.getMessage().contains("eps"), e.getMessage());
        assertTrue(e.getMessage().contains("[0, 10]"), e.getMessage());
    }

    @Test
    void tooFewCellsAreRejected() {
        SpecException e = assertThrows(SpecException.class, () -> parameters(AggregationPdeSolver.ID,
                "{d: 3, cells: 4, kappa: 1.0, repulsion_strength: 0.1, eps: 0, t_end: 1}"));
        assertTrue(e.getMessage().contains("cells"), e.getMessage());
        assertTrue(e.getMessage().contains("[8, 20000]"), e.getMessage());
    }

    @Test
    void transformerWithoutGammaIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> parameters(AggregationPdeSolver.ID,
                "{d: 3, cells: 50, attraction: transformer, kappa: 1.0, repulsion_strength: 0.1, eps: 0, t_end: 1}"));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    }

    @Test
    void denseMatrixAboveLimitIsRejected() {
        SpecException e = assertThrows(SpecException.class, () -> parameters(AggregationPdeSolver.ID,
                "{d: 3, cells: 20000, attraction: transformer, gamma: 1.0, kappa: 1.0, repulsion_strength: 0.1, "
                        + "eps: 0, t_end: 1}"));
        assertTrue(e.getMessage().contains("fewer cells"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{d: 3, cells: 16, kappa: 1.0, repulsion_strength: 0.1, eps: 0.003, t_end: 1} | eps | use cells >= 75",
        "{d: 3, cells: 2000, kappa: 1.0, repulsion_strength: 1000, eps: 0, t_end: 1000} | t_end | use t_end <=",
        "{d: 3, cells: 2000, kappa: 1.0, repulsion_strength: 0.1, eps: 0, t_end: 10, record_every: 0.01} "
                + "| record_every | use record_every >=",
        "{d: 3, cells: 400, kappa: 1.0, repulsion_strength: 0.1, eps: 0, t_end: 10, record_every: 4.9e-324} "
                + "| record_every | use record_every >=",
        "{d: 64, cells: 100, kappa: 1.0, repulsion_strength: 1.0, eps: 1.0e-6, t_end: 1} | eps | use a larger eps"})
    void budgetsAreRejected(String mapping, String key, String fix) {
        SpecException e = assertThrows(SpecException.class, () -> parameters(AggregationPdeSolver.ID, mapping));
        assertTrue(e.getMessage().contains("'parameters." + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(fix), e.getMessage());
    }

    /**
     * kappa_c of the uniform state: c d/|S^{d-1}| = 3/(4 pi) for the dot attraction at d = 3;
     * gamma^{3/2}/((2 pi)^{3/2} I_{3/2}(gamma)) = 0.06215243889 for the transformer's at gamma = 4;
     * at gamma = 5, eps = 0.4 the minimum of R_l/|w_l| over l is at l = 1, 0.0281481392273
     * (scipy, from the Bessel forms of both coefficients); at gamma = 10, eps = 0.5, where
     * eps^2 gamma &gt; 1, it is 0.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dot | 0 | 0 | 0.238732414637843",
        "transformer | 4.0 | 0 | 0.06215243889",
        "transformer | 5.0 | 0.4 | 0.0281481392273",
        "transformer | 10.0 | 0.5 | 0.0"})
    void thresholdMatchesBesselForms(String attraction, double gamma, double eps, double expected) {
        java.util.Map<String, Object> slice = new java.util.HashMap<>();
        slice.put("attraction", attraction);
        slice.put("gamma", "dot".equals(attraction) ? null : gamma);
        slice.put("d", 3L);
        slice.put("eps", eps);
        slice.put("repulsion_strength", 1.0);
        double kappa = SOLVER.predictedTransition("kappa", slice).orElseThrow();
        assertEquals(expected, kappa, 1e-10 * Math.max(1, expected));
        assertTrue(SOLVER.predictedTransition("beta", slice).isEmpty());
    }

    /** At d = 3 the Gaussian's coefficients are c (1 - eps^2) and c (1 - 3 eps^2 + 3 eps^4) up to e^{-2/eps^2}. */
    @ParameterizedTest
    @CsvSource({"0.1", "0.2"})
    void repulsionCoefficientsAtDimensionThree(double eps) {
        GaussianRepulsion repulsion = new GaussianRepulsion(0.7, eps, 3);
        assertEquals(0.7 * (1 - eps * eps), repulsion.coefficient(1), 1e-13);
        assertEquals(0.7 * (1 - 3 * eps * eps + 3 * Math.pow(eps, 4)), repulsion.coefficient(2), 1e-13);
        assertEquals(repulsion.total(), repulsion.coefficient(0), 1e-15);
    }
}
