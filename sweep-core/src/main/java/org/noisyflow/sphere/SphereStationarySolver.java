package org.noisyflow.sphere;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.Solver;

/**
 * Solver {@code sphere-stationary}: the mean-field (n = infinity) state of {@code sphere-particles}
 * from the stationary McKean-Vlasov equation, without time stepping or randomness.
 *
 * <p>With {@code quantity: state} it returns, at the given beta, the state of least free energy
 * among the uniform state and the axially symmetric fixed points of the Gibbs map, with the column
 * names of {@code sphere-particles} so that the two tables can be joined:
 * {@code magnetization} = |c_1|, {@code nematic_order} = c_2, plus {@code free_energy_gap}
 * (F - F_uniform), {@code stable} (1 if a local minimiser among zonal states), the first
 * instability {@code beta_linear} and its mode {@code unstable_mode}.
 */
public final class SphereStationarySolver implements Solver {
    public static final String ID = "sphere-stationary";
    /** Default truncation for kernels whose coefficients decay slowly. */
    static final int SLOW_DECAY_TRUNCATION = 64;
    static final int DEFAULT_TRUNCATION = 30;
    /** Largest truncation reached by doubling the default. */
    static final int MAX_AUTOMATIC_TRUNCATION = 256;
    /** A run fails when |c_K| at the truncation degree K is above this. */
    static final double TAIL_TOLERANCE = 1e-6;
    /** A given truncation is rejected when beta N_K |w_K| is above this. */
    static final double TRUNCATION_WEIGHT_LIMIT = 1e-2;

    private static final List<ParameterDef> PARAMETERS = List.of(
            ParameterDef.choice("kernel", "interaction kernel W(t) of t = <x,y>",
                    ZonalKernel.IDS.toArray(String[]::new)),
            ParameterDef.real("gamma", "attention parameter of the transformer kernel; transformer only")
                    .atLeast(1e-6).atMost(700).optional(),
            ParameterDef.real("radius", "confidence radius of the opinion kernel; opinion only")
                    .greaterThan(0).atMost(Math.PI).optional(),
            ParameterDef.integer("mode", "degree k of the gegenbauer kernel; gegenbauer only")
                    .atLeast(1).atMost(64).optional(),
            ParameterDef.integer("d", "ambient dimension; states live on S^{d-1}").atLeast(2).atMost(4096),
            ParameterDef.real("beta", "inverse temperature").greaterThan(0),
            ParameterDef.real("temperature", "1/beta; give either beta or temperature")
                    .greaterThan(0).reciprocalOf("beta"),
            ParameterDef.choice("quantity", "what to compute: the global minimiser at beta", "state")
                    .withDefault("state"),
            ParameterDef.integer("truncation", "largest Gegenbauer degree K (default: 64 for onsager "
                    + "and opinion, 30 otherwise, doubled up to 256 until |c_K| <= 1e-6)")
                    .atLeast(1).atMost(400).optional(),
            ParameterDef.integer("nodes", "quadrature nodes in the polar angle").atLeast(16).atMost(4000)
                    .withDefault(400L));

    private static final List<String> OBSERVABLES = List.of("magnetization", "nematic_order",
            "free_energy_gap", "stable", "beta_linear", "unstable_mode");

    private static final Map<String, String> KERNEL_PARAMETERS =
            Map.of("gamma", "transformer", "radius", "opinion", "mode", "gegenbauer");

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

    @Override
    public Map<String, String> inapplicable(Parameters p) {
        Map<String, String> out = new java.util.TreeMap<>();
        String kernel = p.choice("kernel");
        for (Map.Entry<String, String> e : KERNEL_PARAMETERS.entrySet()) {
            if (p.has(e.getKey()) && !e.getValue().equals(kernel)) {
                out.put(e.getKey(), e.getKey() + " applies only to kernel '" + e.getValue() + "', not '"
                        + kernel + "'");
            }
        }
        return out;
    }

    @Override
    public void validate(Parameters p) {
        String kernel = p.choice("kernel");
        for (Map.Entry<String, String> e : KERNEL_PARAMETERS.entrySet()) {
            if (e.getValue().equals(kernel) && !p.has(e.getKey())) {
                throw new InvalidParameterException(e.getKey(), null, "kernel '" + kernel + "' needs " + e.getKey());
            }
        }
        if (!p.has("truncation")) {
            return;
        }
        int truncation = p.intValue("truncation");
        int minimum = "gegenbauer".equals(kernel) ? p.intValue("mode") : "maier-saupe".equals(kernel) ? 2 : 1;
        if (truncation < minimum) {
            throw new InvalidParameterException("truncation", p.get("truncation"), "truncation "
                    + truncation + " drops the kernel's interacting mode " + minimum + "; use at least " + minimum);
        }
        KernelSpectrum spectrum = spectrum(p, truncation);
        double weight = p.real("beta") * Gegenbauer.harmonicDimension(p.intValue("d"), truncation)
                * Math.abs(spectrum.coefficient(truncation));
        if (weight > TRUNCATION_WEIGHT_LIMIT) {
            throw new InvalidParameterException("truncation", p.get("truncation"), String.format(
                    "truncation %d is too small for this kernel's spectrum to converge: beta N_K |w_K| = %.3g "
                            + "exceeds %.0e; raise truncation", truncation, weight, TRUNCATION_WEIGHT_LIMIT));
        }
    }

    private static int truncation(Parameters p) {
        if (p.has("truncation")) {
            return p.intValue("truncation");
        }
        String kernel = p.choice("kernel");
        int base = "onsager".equals(kernel) || "opinion".equals(kernel) ? SLOW_DECAY_TRUNCATION : DEFAULT_TRUNCATION;
        return Math.max(base, p.has("mode") ? p.intValue("mode") + 2 : 0);
    }

    private static KernelSpectrum spectrum(Parameters p, int truncation) {
        int d = p.intValue("d");
        ZonalKernel kernel = ZonalKernel.of(p.choice("kernel"), p.has("gamma") ? p.real("gamma") : Double.NaN,
                p.has("radius") ? p.real("radius") : Double.NaN, p.has("mode") ? p.intValue("mode") : 0, d);
        return new KernelSpectrum(kernel, d, truncation, p.intValue("nodes"));
    }

    @Override
    public RunResult run(Parameters p, UniformRandomProvider random) {
        int truncation = truncation(p);
        KernelSpectrum spectrum;
        ZonalStationaryStates.State state;
        while (true) {
            spectrum = spectrum(p, truncation);
            state = new ZonalStationaryStates(spectrum, p.real("beta"), p.intValue("nodes")).globalMinimiser();
            double tail = Math.abs(state.c()[truncation]);
            if (tail <= TAIL_TOLERANCE) {
                break;
            }
            // A concentrated state needs more degrees: double a default truncation, keep a given one.
            if (p.has("truncation") || 2 * truncation > MAX_AUTOMATIC_TRUNCATION) {
                return RunResult.failed(String.format("the state has |c_K| = %.3g at the truncation K = %d; "
                        + "raise truncation", tail, truncation));
            }
            truncation *= 2;
        }
        int mode = spectrum.firstUnstableMode();
        Map<String, Double> observables = new LinkedHashMap<>();
        observables.put("magnetization", Math.abs(state.c()[1]));
        observables.put("nematic_order", truncation >= 2 ? state.c()[2] : null);
        observables.put("free_energy_gap", state.freeEnergyGap());
        observables.put("stable", state.stable() ? 1.0 : 0.0);
        observables.put("beta_linear", mode == 0 ? null : spectrum.criticalBeta(mode));
        observables.put("unstable_mode", (double) mode);
        return RunResult.ok(observables);
    }
}
