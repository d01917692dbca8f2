package org.noisyflow.sphere;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.commons.rng.UniformRandomProvider;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.Solver;

/**
 * Solver {@code sphere-pde}: the McKean-Vlasov equation d rho/dt = beta^{-1} &Delta; rho +
 * div(rho grad(W * rho)) for densities symmetric about an axis, in Gegenbauer coefficients
 * (Galerkin): dc_k/dt = -k(k+d-2) c_k / beta - E_sigma[rho (1-t^2) U'(t) P_k'(t)], with
 * U = &Sigma;_j N_j w_j c_j P_j. The step is implicit in the diffusion and explicit in the
 * interaction: c_k &larr; (c_k - dt NL_k) / (1 + dt k(k+d-2)/beta).
 *
 * <p>Observables share the names of {@code sphere-particles}: {@code magnetization} = |c_1| and
 * {@code nematic_order} = c_2 at t_end, their averages over the second half of the run, and
 * {@code energy} = (1/2) &Sigma;_k N_k w_k c_k^2. With {@code init: perturbed} the run starts at
 * uniform + amplitude P_m for the first unstable mode m, and {@code linear_rate} is the decay
 * rate -d ln|c_m|/dt fitted over the first tenth of the run (negative when the mode grows).
 */
public final class SpherePdeSolver implements Solver {
    public static final String ID = "sphere-pde";


    private static final List<ParameterDef> PARAMETERS = List.of(
            KernelParameters.KERNEL, KernelParameters.GAMMA, KernelParameters.RADIUS, KernelParameters.MODE,
            ParameterDef.integer("d", "ambient dimension").atLeast(2).atMost(4096),
            ParameterDef.real("beta", "inverse temperature").greaterThan(0),
            ParameterDef.real("temperature", "1/beta; give either beta or temperature")
                    .greaterThan(0).reciprocalOf("beta"),
            ParameterDef.real("dt", "time step").greaterThan(0).atMost(1),
            ParameterDef.real("t_end", "final time").greaterThan(0).atMost(1e6),
            ParameterDef.choice("init", "initial density: uniform plus amplitude P_m along the first "
                    + "unstable mode m (perturbed), or concentrated at the north pole, c_k = 0.9^k (ordered)",
                    "perturbed", "ordered").withDefault("perturbed"),
            ParameterDef.real("amplitude", "initial coefficient of the perturbed mode").greaterThan(0).atMost(1)
                    .withDefault(0.01),
            ParameterDef.integer("truncation", "largest Gegenbauer degree K").atLeast(2).atMost(400)
                    .withDefault(30L),
            ParameterDef.integer("nodes", "quadrature nodes in the polar angle").atLeast(16).atMost(4000)
                    .withDefault(400L));

    private static final List<String> OBSERVABLES = List.of("magnetization", "magnetization_avg",
            "nematic_order", "nematic_order_avg", "energy", "linear_rate");

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

    /** Nodes times degrees times steps, the work of the Galerkin sums. */
    @Override
    public double relativeCost(Parameters p) {
        return (double) p.integer("nodes") * p.integer("truncation") * p.real("t_end") / p.real("dt");
    }

    @Override
    public OptionalDouble predictedTransition(String axis, Map<String, Object> slice) {
        return KernelParameters.linearThreshold(axis, slice);
    }

    @Override
    public Map<String, String> inapplicable(Parameters p) {
        Map<String, String> out = new java.util.TreeMap<>(KernelParameters.inapplicable(p));
        return out;
    }

    @Override
    public void validate(Parameters p) {
        KernelParameters.validate(p);
        String kernel = p.choice("kernel");
        // The gegenbauer kernel interacts only through degree mode, so with mode above the
        // truncation the run would be pure diffusion.
        if ("gegenbauer".equals(kernel) && p.integer("mode") > p.integer("truncation")) {
            throw new InvalidParameterException("mode", p.get("mode"), "mode " + p.get("mode")
                    + " is above truncation " + p.get("truncation") + ", which drops the kernel's only interacting "
                    + "degree; use mode <= " + p.get("truncation") + " or truncation >= " + p.get("mode"));
        }
        if (p.real("t_end") / p.real("dt") > 1e8) {
            throw new InvalidParameterException("dt", p.get("dt"), "t_end/dt exceeds 1e8 steps; raise dt");
        }
    }

    @Override
    public RunResult run(Parameters p, UniformRandomProvider random) {
        int d = p.intValue("d");
        int maxDegree = p.intValue("truncation");
        int nodes = p.intValue("nodes");
        double beta = p.real("beta");
        double dt = p.real("dt");
        ZonalKernel kernel = KernelParameters.kernel(p, d);
        KernelSpectrum spectrum = new KernelSpectrum(kernel, d, maxDegree, nodes);
        int mode = Math.max(1, spectrum.firstUnstableMode());

        double[][] rule = GaussLegendre.rule(nodes, 0.0, Math.PI);
        double[] weight = new double[nodes];
        double[][] poly = new double[nodes][maxDegree + 1];
        double[][] slope = new double[nodes][maxDegree + 1];
        double[] sineSquared = new double[nodes];
        double total = 0.0;
        for (int i = 0; i < nodes; i++) {
            double t = Math.cos(rule[0][i]);
            weight[i] = rule[1][i] * Math.pow(Math.sin(rule[0][i]), d - 2);
            total += weight[i];
            Gegenbauer.values(d, maxDegree, t, poly[i]);
            for (int k = 0; k <= maxDegree; k++) {
                slope[i][k] = Gegenbauer.derivative(d, k, t);
            }
            sineSquared[i] = (1.0 - t) * (1.0 + t);
        }
        double[] scaled = new double[maxDegree + 1];
        double[] harmonic = new double[maxDegree + 1];
        for (int k = 0; k <= maxDegree; k++) {
            harmonic[k] = Gegenbauer.harmonicDimension(d, k);
            scaled[k] = harmonic[k] * spectrum.coefficient(k);
        }

        double[] c = new double[maxDegree + 1];
        c[0] = 1.0;
        if ("ordered".equals(p.choice("init"))) {
            for (int k = 1; k <= maxDegree; k++) {
                c[k] = Math.pow(0.9, k);
            }
        } else {
            c[mode] = p.real("amplitude");
        }

        long steps = Math.max(1, Math.round(p.real("t_end") / dt));
        long fitSteps = Math.max(2, steps / 10);
        double logStart = Math.log(Math.abs(c[mode]));
        double linearRate = Double.NaN;
        long firstAveraged = steps / 2 + 1;
        double magnetizationSum = 0.0;
        double nematicSum = 0.0;
        double[] nonlinear = new double[maxDegree + 1];
        for (long step = 1; step <= steps; step++) {
            org.noisyflow.solver.Interruption.check();
            java.util.Arrays.fill(nonlinear, 0.0);
            for (int i = 0; i < nodes; i++) {
                double rho = 0.0;
                double potentialSlope = 0.0;
                for (int k = 0; k <= maxDegree; k++) {
                    rho += harmonic[k] * c[k] * poly[i][k];
                    potentialSlope += scaled[k] * c[k] * slope[i][k];
                }
                double flux = weight[i] / total * rho * sineSquared[i] * potentialSlope;
                for (int k = 1; k <= maxDegree; k++) {
                    nonlinear[k] += flux * slope[i][k];
                }
            }
            for (int k = 1; k <= maxDegree; k++) {
                double eigen = k * (k + d - 2.0) / beta;
                c[k] = (c[k] - dt * nonlinear[k]) / (1.0 + dt * eigen);
            }
            if (!Double.isFinite(c[1]) || !Double.isFinite(c[Math.min(2, maxDegree)])) {
                return RunResult.diverged("the coefficients became non-finite at step " + step + " of " + steps
                        + "; reduce dt", Map.of());
            }
            if (step == fitSteps) {
                linearRate = -(Math.log(Math.abs(c[mode])) - logStart) / (step * dt);
            }
            if (step >= firstAveraged) {
                magnetizationSum += Math.abs(c[1]);
                nematicSum += c[2];
            }
        }

        double energy = 0.0;
        for (int k = 0; k <= maxDegree; k++) {
            energy += 0.5 * scaled[k] * c[k] * c[k];
        }
        long averaged = steps - firstAveraged + 1;
        Map<String, Double> observables = new LinkedHashMap<>();
        observables.put("magnetization", Math.abs(c[1]));
        observables.put("magnetization_avg", magnetizationSum / averaged);
        observables.put("nematic_order", c[2]);
        observables.put("nematic_order_avg", nematicSum / averaged);
        observables.put("energy", energy);
        observables.put("linear_rate", "perturbed".equals(p.choice("init")) ? linearRate : null);
        return RunResult.ok(observables);
    }
}
