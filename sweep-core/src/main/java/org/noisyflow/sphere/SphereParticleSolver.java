package org.noisyflow.sphere;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.Solver;

/**
 * Solver {@code sphere-particles}: n particles on S^{d-1} interacting through a zonal kernel at
 * inverse temperature beta, the particle approximation of the McKean-Vlasov equation
 * d rho/dt = beta^{-1} &Delta; rho + div(rho grad(W * rho)).
 *
 * <p>Observables: {@code magnetization} |m| and {@code nematic_order} S at the last step, their
 * averages over the second half of the steps (steps floor(steps/2)+1 to steps), and
 * {@code energy}, (1/(2n(n-1))) &Sigma;_{i&ne;j} W(&lt;x_i,x_j&gt;) at the last step.
 */
public final class SphereParticleSolver implements Solver {
    public static final String ID = "sphere-particles";
    /** Largest n and d accepted. */
    static final int MAX_N = 1_000_000;
    static final int MAX_D = 4096;
    /**
     * Largest n&times;d: a run keeps four n&times;d arrays of doubles, 640 MB at this size, which
     * must fit beside other runs in an executor's heap.
     */
    static final long MAX_COORDINATES = 20_000_000L;
    /**
     * Largest dt times the Lipschitz constant gamma e^gamma of the transformer drift: beyond it a
     * step moves a particle by radians and the run is meaningless without being non-finite.
     */
    static final double MAX_TRANSFORMER_STEP = 1.0;

    private static final List<ParameterDef> PARAMETERS = List.of(
            KernelParameters.KERNEL, KernelParameters.GAMMA, KernelParameters.RADIUS, KernelParameters.MODE,
            ParameterDef.integer("d", "ambient dimension; particles live on S^{d-1}")
                    .atLeast(2).atMost(MAX_D),
            ParameterDef.integer("n", "number of particles").atLeast(2).atMost(MAX_N),
            ParameterDef.real("beta", "inverse temperature; noise is sqrt(2/beta) dB")
                    .greaterThan(0),
            ParameterDef.real("temperature", "1/beta; give either beta or temperature")
                    .greaterThan(0).reciprocalOf("beta"),
            ParameterDef.real("dt", "time step").greaterThan(0).atMost(1),
            ParameterDef.integer("steps", "number of time steps").atLeast(1).atMost(1e9),
            ParameterDef.choice("init", "initial state: i.i.d. uniform, or all particles at "
                    + "the north pole", "uniform", "ordered").withDefault("uniform"),
            ParameterDef.choice("scheme", "retraction onto the sphere after each step: "
                    + "geodesic (exact great-circle move) or euler (add, then normalise)",
                    "geodesic", "euler").withDefault("geodesic"));

    private static final List<String> OBSERVABLES = List.of(
            "magnetization", "magnetization_avg", "nematic_order", "nematic_order_avg", "energy");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ParameterDef> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<String> observables() {
        return OBSERVABLES;
    }

    /** Pairs times dimension times steps: the pair loop dominates a step. */
    @Override
    public double relativeCost(Parameters p) {
        double n = p.integer("n");
        return 0.5 * n * n * p.integer("d") * p.integer("steps");
    }

    /**
     * Returns the linear-stability threshold of the uniform state. When the slice gives dt and
     * the first unstable mode has degree 1, it is the threshold of the time-stepping scheme
     * itself ({@link SchemeThreshold}), which lies above or below the continuum one by O(dt):
     * 3.0067 against 3 for the Heisenberg kernel at d = 3, dt = 0.01 and the geodesic scheme.
     * Higher modes keep the continuum value. It is empty where the step's threshold lies beyond
     * a factor 4 of the continuum one. For the Heisenberg kernel at d = 3 no allowed dt (at most
     * 1) goes that far.
     */
    @Override
    public OptionalDouble predictedTransition(String axis, Map<String, Object> slice) {
        Object dt = slice.get("dt");
        if (!(dt instanceof Number) || slice.get("d") == null) {
            return KernelParameters.linearThreshold(axis, slice);
        }
        Parameters p = new Parameters(new LinkedHashMap<>(slice));
        ParticleSystem.Scheme scheme = "euler".equals(slice.get("scheme"))
                ? ParticleSystem.Scheme.EULER : ParticleSystem.Scheme.GEODESIC;
        int d = p.intValue("d");
        double step = ((Number) dt).doubleValue();
        return KernelParameters.linearThreshold(axis, slice,
                beta -> SchemeThreshold.criticalBeta(d, step, scheme, beta));
    }

    @Override
    public Map<String, String> inapplicable(Parameters p) {
        return KernelParameters.inapplicable(p);
    }

    @Override
    public void validate(Parameters p) {
        KernelParameters.validate(p);
        if (p.integer("n") * p.integer("d") > MAX_COORDINATES) {
            throw new InvalidParameterException("n", p.get("n"), "n*d = " + p.integer("n") * p.integer("d")
                    + " exceeds the limit of " + MAX_COORDINATES + " coordinates per run; use a smaller n or d");
        }
        if (p.has("gamma")) {
            double gamma = p.real("gamma");
            double lipschitz = gamma * Math.exp(gamma);
            if (p.real("dt") * lipschitz > MAX_TRANSFORMER_STEP) {
                throw new InvalidParameterException("dt", p.get("dt"), String.format(
                        "dt * gamma * exp(gamma) = %.3g exceeds %.1f at gamma = %s, so one step can move a "
                                + "particle by more than a radian; use dt <= %.3g",
                        p.real("dt") * lipschitz, MAX_TRANSFORMER_STEP, p.get("gamma"),
                        0.5 * MAX_TRANSFORMER_STEP / lipschitz));
            }
        }
    }

    @Override
    public RunResult run(Parameters p, UniformRandomProvider random) {
        int d = p.intValue("d");
        int n = p.intValue("n");
        double beta = p.real("beta");
        double dt = p.real("dt");
        long steps = p.integer("steps");
        ParticleSystem.Scheme scheme = "euler".equals(p.choice("scheme"))
                ? ParticleSystem.Scheme.EULER : ParticleSystem.Scheme.GEODESIC;

        ParticleSystem system = new ParticleSystem(n, d, KernelParameters.kernel(p, d));
        if ("ordered".equals(p.choice("init"))) {
            system.initOrdered();
        } else {
            system.initUniform(random);
        }

        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        double noiseScale = Math.sqrt(2.0 * dt / beta);
        long firstAveraged = steps / 2 + 1;
        OrderParameters order = new OrderParameters(d);
        double magnetizationSum = 0.0;
        double nematicSum = 0.0;
        double magnetization = Double.NaN;
        double nematic = Double.NaN;

        for (long step = 1; step <= steps; step++) {
            org.noisyflow.solver.Interruption.check();
            system.step(dt, noiseScale, gauss, scheme);

            magnetization = order.magnetization(system);
            if (!Double.isFinite(magnetization)) {
                return RunResult.diverged("state became non-finite at step " + step + " of "
                        + steps + "; reduce dt", Map.of());
            }
            if (step >= firstAveraged) {
                nematic = order.nematicOrder(system);
                magnetizationSum += magnetization;
                nematicSum += nematic;
            }
        }

        long averaged = steps - firstAveraged + 1;
        Map<String, Double> observables = new LinkedHashMap<>();
        observables.put("magnetization", magnetization);
        observables.put("magnetization_avg", magnetizationSum / averaged);
        observables.put("nematic_order", nematic);
        observables.put("nematic_order_avg", nematicSum / averaged);
        observables.put("energy", system.energy());
        return RunResult.ok(observables);
    }
}
