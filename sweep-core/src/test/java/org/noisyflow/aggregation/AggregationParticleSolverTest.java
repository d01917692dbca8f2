package org.noisyflow.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.SolverContract;
import org.noisyflow.solver.SolverRegistry;
import org.noisyflow.spec.SpecException;
import org.noisyflow.spec.SpecParser;

class AggregationParticleSolverTest extends SolverContract {
    private static final AggregationParticleSolver SOLVER = new AggregationParticleSolver();

    static Parameters parameters(String mapping) {
        return SpecParser.parse("name: t\nsolver: sphere-aggregation\nseed: 1\nparameters: " + mapping + "\n",
                "test.yaml").points().point(0).parameters();
    }

    @Override
    protected Solver solver() {
        return SOLVER;
    }

    @Override
    protected Parameters smallParameters() {
        return parameters("{d: 3, n: 200, kappa: 1.0, repulsion_strength: 0.1, eps: 0.3, t_end: 1.0, "
                + "record_every: 0.5}");
    }

    @Test
    void registeredWithSharedObservables() {
        assertEquals(SOLVER.id(), SolverRegistry.find("sphere-aggregation").orElseThrow().id());
        assertEquals(List.of("magnetization", "energy", "mass_error", "energy_increase", "density_max",
                "support_edge", "steps"), SOLVER.observables());
        assertEquals("profiles", SOLVER.trajectoryTable());
        assertEquals(List.of("step", "time", "theta", "density"), SOLVER.trajectoryColumns(java.util.Map.of()));
    }

    @Test
    void supportEdgeLeftNull() {
        RunResult result = SOLVER.run(smallParameters(), StreamSeeds.stream(1));

        assertEquals(RunStatus.OK, result.status(), result.message());
        assertNull(result.observables().get("support_edge"));
        assertEquals(0.0, result.observables().get("mass_error"));
    }

    /**
     * With c = 0 the dot attraction alone moves X_i with kappa P_{X_i} m, and
     * d|m|/dt = kappa |m| (M/N) &Sigma; sin^2 theta_i, theta_i the angle to m. While every particle
     * has cos theta_i &ge; 0, sin^2 = (1 - cos)(1 + cos) &ge; 1 - cos gives
     * d(M - |m|)/dt &le; -kappa |m| (M - |m|), so from t_1 = 5 on, with |m| non-decreasing,
     * M - |m(t)| &le; (M - |m(t_1)|) e^{-kappa |m(t_1)| (t - t_1)}. The test steps the particles with
     * Heun at dt = 0.02 (dt kappa M = 0.02) and checks the hemisphere condition and the monotonicity
     * at every step. It then checks the gap at t = 20, and that of the solver's adaptive run, against
     * the bound. The actual rate tends to 2 kappa M, so the bound is met with a wide margin despite
     * the time-step error.
     */
    @Test
    void dotAttractionCollapsesWithoutRepulsion() {
        double kappa = 1.0;
        double mass = 1.0;
        Parameters p = parameters("{d: 3, n: 200, kappa: 1.0, repulsion_strength: 0.0, eps: 0.5, t_end: 20.0}");
        AggregationParticles particles = AggregationParticleSolver.initialState(p, StreamSeeds.stream(11));
        double dt = 0.02;
        double gapAtStart = Double.NaN;
        double magnetizationAtStart = Double.NaN;
        double previous = 0.0;
        particles.evaluateState();
        for (int step = 1; step <= 1000; step++) {
            particles.step(dt, AggregationParticles.Scheme.HEUN);
            particles.evaluateState();
            double magnetization = particles.magnetizationNorm();
            assertTrue(magnetization >= previous - 1e-15, "|m| decreased at step " + step);
            previous = magnetization;
            if (step == 250) {
                gapAtStart = mass - magnetization;
                magnetizationAtStart = magnetization;
            }
            if (step >= 250) {
                assertTrue(minCosineToMagnetization(particles) >= 0.0, "a particle left the hemisphere of m at step " + step);
            }
        }
        double bound = gapAtStart * Math.exp(-kappa * magnetizationAtStart * 15.0);

        assertTrue(gapAtStart > 0.0, "already collapsed at t = 5");
        assertTrue(mass - previous <= bound, "gap " + (mass - previous) + " above the bound " + bound);
        double solverGap = mass - SOLVER.run(p, StreamSeeds.stream(11)).observables().get("magnetization");
        assertTrue(solverGap <= bound, "solver gap " + solverGap + " above the bound " + bound);
    }

    private static double minCosineToMagnetization(AggregationParticles particles) {
        int d = particles.d();
        double[] m = new double[d];
        particles.magnetization(m);
        double norm = particles.magnetizationNorm();
        double[] x = particles.positions();
        double min = 1.0;
        for (int i = 0; i < particles.n(); i++) {
            double cosine = 0.0;
            for (int k = 0; k < d; k++) {
                cosine += x[i * d + k] * m[k] / norm;
            }
            min = Math.min(min, cosine);
        }
        return min;
    }

    /**
     * The flow is a gradient flow, so E_N must fall. With the adaptive step the Heun steps keep it
     * falling to rounding: energy_increase at most 1e-12 |E|, where each energy is a sum of about
     * N^2 = 9e4 terms accumulated per particle, with an estimated rounding near 1e-14 |E|.
     */
    @Test
    void energyDecreasesWithRepulsion() {
        Parameters p = parameters("{d: 3, n: 300, kappa: 1.0, repulsion_strength: 0.1, eps: 0.2, t_end: 5.0}");
        AggregationParticles initial = AggregationParticleSolver.initialState(p, StreamSeeds.stream(2));
        initial.evaluateState();

        RunResult result = SOLVER.run(p, StreamSeeds.stream(2));

        assertEquals(RunStatus.OK, result.status(), result.message());
        double energy = result.observables().get("energy");
        assertTrue(result.observables().get("energy_increase") <= 1e-12 * Math.abs(energy),
                "energy_increase " + result.observables().get("energy_increase"));
        assertTrue(energy < initial.energy(), "E(t_end) = " + energy + " not below E(0) = " + initial.energy());
        // The attraction dominates at c = 0.1, so the particles gather and the peak density grows.
        assertTrue(result.observables().get("density_max") > 2.0 * initial.maxDensity(),
                "density_max " + result.observables().get("density_max"));
    }

    /** The bins tile [0, pi], so their measures add up to |S^{d-1}|; 24 nodes per bin give rounding-level sums. */
    @ParameterizedTest
    @CsvSource({"2, 8", "3, 60", "4, 17", "64, 8", "64, 10000"})
    void binMeasuresSumToSphereArea(int d, int bins) {
        double sum = 0.0;
        for (double measure : AggregationParticleSolver.binMeasures(d, bins)) {
            assertTrue(measure >= 0.0);
            sum += measure;
        }
        assertEquals(SphereGeometry.sphereArea(d - 1), sum, 1e-12 * SphereGeometry.sphereArea(d - 1));
    }

    /**
     * Each record has one row per bin with density = (mass in bin)/V_b, so &Sigma; V_b density_b is
     * the total mass M up to rounding (1e-12 relative). Records fall at t = 0, every record_every and t_end.
     */
    @Test
    void profilesCarryTotalMass() {
        Parameters p = parameters("{d: 3, n: 200, kappa: 1.0, repulsion_strength: 0.1, eps: 0.3, t_end: 1.0, "
                + "mass: 2.5, record_every: 0.4, profile_bins: 30}");
        double[] measures = AggregationParticleSolver.binMeasures(3, 30);

        RunResult result = SOLVER.run(p, StreamSeeds.stream(4));

        assertEquals(RunStatus.OK, result.status(), result.message());
        List<Double[]> rows = result.trajectory().rows();
        assertEquals(4 * 30, rows.size());
        List<Double> times = new ArrayList<>();
        for (int record = 0; record < 4; record++) {
            double mass = 0.0;
            for (int b = 0; b < 30; b++) {
                Double[] row = rows.get(record * 30 + b);
                assertEquals((b + 0.5) * Math.PI / 30, row[2], 1e-15);
                mass += measures[b] * row[3];
            }
            assertEquals(2.5, mass, 1e-12 * 2.5);
            times.add(rows.get(record * 30)[1]);
        }
        assertEquals(List.of(0.0, 0.4, 0.8, 1.0), times);
        assertEquals(0.0, rows.get(0)[0]);
        assertEquals(result.observables().get("steps"), rows.get(rows.size() - 1)[0]);
    }

    /** A given dt = 0.3 with records at 0.5 steps 0 -> 0.3 -> 0.5 -> 0.8 -> 1.0: four steps, landing on each record. */
    @Test
    void fixedStepLandsOnRecords() {
        Parameters p = parameters("{d: 3, n: 50, kappa: 0.1, repulsion_strength: 0.0, eps: 0.3, t_end: 1.0, "
                + "dt: 0.3, record_every: 0.5, profile_bins: 8}");

        RunResult result = SOLVER.run(p, StreamSeeds.stream(4));

        assertEquals(4.0, result.observables().get("steps"));
        List<Double[]> rows = result.trajectory().rows();
        assertEquals(0.5, rows.get(8)[1]);
        assertEquals(2.0, rows.get(8)[0]);
        assertEquals(1.0, rows.get(16)[1]);
    }

    /** The adaptive step is at most t_end/100, so a run takes at least 100 steps. */
    @Test
    void adaptiveStepTakesAtLeastHundredSteps() {
        Parameters p = parameters("{d: 3, n: 50, kappa: 0.1, repulsion_strength: 0.0, eps: 0.3, t_end: 1.0}");

        RunResult result = SOLVER.run(p, StreamSeeds.stream(4));

        assertEquals(100.0, result.observables().get("steps"));
    }

    /**
     * With c = 0 and eps = 0.001 the displacement bound 0.2 eps/max |v_i| is about 1e-3 at the
     * tilted start, where |v_i| = kappa |P m| reaches about |m| = 1/6, while t_end/1e8 = 0.01.
     * Validation checks only the rate bound 0.1/(kappa M), so the run itself must stop.
     */
    @Test
    void collapsedAdaptiveStepStopsRun() {
        Parameters p = parameters("{d: 3, n: 50, kappa: 1.0, repulsion_strength: 0.0, eps: 0.001, t_end: 1.0e6}");

        RunResult result = SOLVER.run(p, StreamSeeds.stream(4));

        assertEquals(RunStatus.DIVERGED, result.status());
        assertTrue(result.message().contains("below t_end/1e8"), result.message());
        assertEquals(0.0, result.observables().get("steps"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{d: 3, n: 500, kappa: 1.0, repulsion_strength: 0.1, eps: 0.0, t_end: 1.0}|eps|use solver sphere-aggregation-pde or eps > 0",
        "{d: 3, n: 500, kappa: 1.0, repulsion_strength: 0.1, eps: 0.1, t_end: 1.0}|n|use n >= 800 or eps >= 0.127",
        "{d: 3, n: 500, kappa: 1.0, repulsion_strength: 0.1, eps: 0.001, t_end: 1.0}|n|use eps >= 0.127",
        "{d: 3, n: 200, kappa: 1.0, repulsion_strength: 0.1, eps: 0.3, t_end: 1.0, dt: 0.5}|dt|use dt <= 0.1",
        "{d: 3, n: 200, kappa: 0.01, repulsion_strength: 1.0, eps: 0.3, t_end: 1.0, dt: 1.0}|dt|use dt <= 0.15",
        "{d: 3, n: 200, kappa: 1.0, repulsion_strength: 0.1, eps: 0.3, t_end: 1000.0, dt: 1.0e-6}|dt|use dt >= 1.0E-5",
        "{d: 3, n: 200, kappa: 1.0, repulsion_strength: 0.1, eps: 0.3, t_end: 1000.0, record_every: 0.001}|record_every|use record_every >= 0.0601",
        "{d: 3, n: 200, kappa: 1.0, repulsion_strength: 0.1, eps: 0.3, t_end: 1.0e6, mass: 1000.0}|t_end|use t_end <= 10000.0",
        "{d: 64, n: 2, kappa: 1.0, repulsion_strength: 0.0, eps: 1.0e-9, t_end: 1.0}|eps|use eps >=",
        "{d: 3, n: 200, attraction: transformer, kappa: 1.0, repulsion_strength: 0.1, eps: 0.3, t_end: 1.0}|gamma|needs gamma"})
    void invalidParametersRejectedWithFix(String mapping, String key, String fix) {
        SpecException e = assertThrows(SpecException.class, () -> parameters(mapping));

        assertEquals("parameters." + key, e.key());
        assertTrue(e.getMessage().contains(fix), e.getMessage());
    }

    /**
     * Heun's global error is O(dt^2) and that of RK4 O(dt^4), so against RK4 at dt = 0.005 (error
     * near 1e-12 here) the Heun error must fall by a factor near 4 from dt = 0.01 to 0.005. Its size
     * at dt = 0.005 is about 4e-7 for this point, and the tolerance is 1e-6.
     */
    @Test
    void heunConvergesToRk4AtSecondOrder() {
        String common = "d: 3, n: 100, kappa: 1.0, repulsion_strength: 0.1, eps: 0.3, t_end: 1.0";
        double reference = run("{" + common + ", scheme: rk4, dt: 0.005}");
        double coarse = run("{" + common + ", scheme: heun, dt: 0.01}");
        double fine = run("{" + common + ", scheme: heun, dt: 0.005}");

        double ratio = Math.abs(coarse - reference) / Math.abs(fine - reference);
        assertTrue(ratio > 3.5, "error ratio " + ratio);
        assertTrue(ratio < 4.5, "error ratio " + ratio);
        assertEquals(reference, fine, 1e-6);
    }

    private static double run(String mapping) {
        RunResult result = SOLVER.run(parameters(mapping), StreamSeeds.stream(9));
        assertEquals(RunStatus.OK, result.status(), result.message());
        return result.observables().get("magnetization");
    }

    @Test
    void sameSeedGivesSameProfiles() {
        Parameters p = parameters("{d: 4, n: 150, attraction: transformer, gamma: 1.5, kappa: 1.0, "
                + "repulsion_strength: 0.2, eps: 0.6, t_end: 0.5, scheme: rk4, record_every: 0.25, init: uniform}");

        RunResult first = SOLVER.run(p, StreamSeeds.stream(21));
        RunResult second = SOLVER.run(p, StreamSeeds.stream(21));

        assertEquals(RunStatus.OK, first.status(), first.message());
        assertEquals(first, second);
        assertFalse(first.trajectory().rows().isEmpty());
    }
}
