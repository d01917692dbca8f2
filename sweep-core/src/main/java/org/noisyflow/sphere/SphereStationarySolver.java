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
            KernelParameters.KERNEL, KernelParameters.GAMMA, KernelParameters.RADIUS, KernelParameters.MODE,
            ParameterDef.integer("d", "ambient dimension; states live on S^{d-1}").atLeast(2).atMost(4096),
            ParameterDef.real("beta", "inverse temperature; quantity state only").greaterThan(0).optional(),
            ParameterDef.real("temperature", "1/beta; give either beta or temperature")
                    .greaterThan(0).reciprocalOf("beta"),
            ParameterDef.choice("quantity", "what to compute: the global minimiser at beta (state), or "
                    + "the bifurcation branch and the transition it implies (transition)", "state", "transition")
                    .withDefault("state"),
            ParameterDef.integer("truncation", "largest Gegenbauer degree K (default: 64 for onsager "
                    + "and opinion, 30 otherwise, doubled up to 256 until |c_K| <= 1e-6)")
                    .atLeast(1).atMost(400).optional(),
            ParameterDef.integer("nodes", "quadrature nodes in the polar angle").atLeast(16).atMost(4000)
                    .withDefault(400L));

    private static final List<String> OBSERVABLES = List.of("magnetization", "nematic_order",
            "free_energy_gap", "stable", "beta_linear", "unstable_mode", "beta_transition", "order_jump",
            "beta_saddle_node", "landau_coefficient");
    /** Amplitude step of the branch continuation. */
    static final double BRANCH_STEP = 0.01;
    /** A transition counts as discontinuous when it lies this far below beta_linear, relatively. */
    static final double DISCONTINUITY_MARGIN = 1e-8;


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
    public List<String> labelColumns() {
        return List.of("transition_type");
    }

    @Override
    public String trajectoryTable() {
        return "branches";
    }

    @Override
    public List<String> trajectoryColumns(Map<String, List<Object>> values) {
        if (!values.getOrDefault("quantity", List.of()).contains("transition")) {
            return List.of();
        }
        int degrees = 0;
        for (Object truncation : values.getOrDefault("truncation", List.of())) {
            degrees = Math.max(degrees, ((Number) truncation).intValue());
        }
        for (Object kernel : values.getOrDefault("kernel", List.of())) {
            boolean slow = "onsager".equals(kernel) || "opinion".equals(kernel);
            degrees = Math.max(degrees, slow ? SLOW_DECAY_TRUNCATION : DEFAULT_TRUNCATION);
        }
        return branchColumns(degrees);
    }

    /** Returns the branch columns with coefficients c_1 .. c_K. */
    private static List<String> branchColumns(int degrees) {
        List<String> columns = new java.util.ArrayList<>(List.of("step", "arclength", "beta", "free_energy_gap",
                "stable"));
        for (int k = 1; k <= degrees; k++) {
            columns.add("c_" + k);
        }
        return columns;
    }

    @Override
    public OptionalDouble predictedTransition(String axis, Map<String, Object> slice) {
        return KernelParameters.linearThreshold(axis, slice);
    }

    /**
     * Returns {@code beta_transition} of {@code quantity: transition} for the slice's kernel when
     * {@code axis} is beta: where the state of least free energy turns ordered, which lies below
     * the linear-stability threshold at a discontinuous transition. Falls back to
     * {@link #predictedTransition} for other axes and where the branch continuation fails.
     */
    @Override
    public OptionalDouble theoryBoundary(String axis, Map<String, Object> slice) {
        if (!"beta".equals(axis)) {
            return predictedTransition(axis, slice);
        }
        Map<String, Object> values = new LinkedHashMap<>(slice);
        values.remove("beta");
        values.remove("temperature");
        values.put("quantity", "transition");
        RunResult result = run(new Parameters(values), null);
        Double transition = result.observables() == null ? null : result.observables().get("beta_transition");
        return transition == null ? predictedTransition(axis, slice) : OptionalDouble.of(transition);
    }

    @Override
    public Map<String, String> inapplicable(Parameters p) {
        Map<String, String> out = new java.util.TreeMap<>(KernelParameters.inapplicable(p));
        if ("transition".equals(p.choice("quantity"))) {
            for (String name : List.of("beta", "temperature")) {
                if (p.has(name)) {
                    out.put(name, name + " does not apply to quantity 'transition', which scans beta itself");
                }
            }
        }
        return out;
    }

    @Override
    public void validate(Parameters p) {
        KernelParameters.validate(p);
        String kernel = p.choice("kernel");
        if ("state".equals(p.choice("quantity")) && !p.has("beta")) {
            throw new InvalidParameterException("beta", null, "quantity 'state' needs beta (or temperature)");
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
        if (p.integer("nodes") < 2L * truncation + 2) {
            throw new InvalidParameterException("nodes", p.get("nodes"), "nodes must be at least 2 truncation + 2 = "
                    + (2 * truncation + 2) + " to resolve degree " + truncation);
        }

        // The coefficients beyond K that the truncation drops must weigh little in U.
        KernelSpectrum spectrum = spectrum(p, 2 * truncation);
        double beta = p.has("beta") ? p.real("beta") : spectrum.criticalBeta(Math.max(1, spectrum.firstUnstableMode()));
        double weight = 0.0;
        for (int k = truncation + 1; k <= 2 * truncation; k++) {
            weight = Math.max(weight, beta * Gegenbauer.harmonicDimension(p.intValue("d"), k)
                    * Math.abs(spectrum.coefficient(k)));
        }
        if (weight > TRUNCATION_WEIGHT_LIMIT) {
            throw new InvalidParameterException("truncation", p.get("truncation"), String.format(
                    "truncation %d is too small for this kernel's spectrum to converge: beta N_k |w_k| reaches "
                            + "%.3g beyond it, above %.0e; raise truncation", truncation, weight,
                    TRUNCATION_WEIGHT_LIMIT));
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
        return spectrum(p, truncation, p.intValue("nodes"));
    }

    private static KernelSpectrum spectrum(Parameters p, int truncation, int nodes) {
        int d = p.intValue("d");
        return new KernelSpectrum(KernelParameters.kernel(p, d), d, truncation, nodes);
    }

    @Override
    public RunResult run(Parameters p, UniformRandomProvider random) {
        if ("transition".equals(p.choice("quantity"))) {
            return transition(p);
        }

        int truncation = truncation(p);
        KernelSpectrum spectrum;
        ZonalStationaryStates.State state;
        while (true) {
            // A doubled truncation also needs enough nodes to resolve its top degree.
            int nodes = Math.max(p.intValue("nodes"), 2 * truncation + 2);
            spectrum = spectrum(p, truncation, nodes);
            state = new ZonalStationaryStates(spectrum, p.real("beta"), nodes).globalMinimiser();
            // Only an interacting top degree makes the truncation matter.
            double tail = spectrum.interacts(truncation) ? Math.abs(state.c()[truncation]) : 0.0;
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

    /**
     * Traces the branch from the first unstable mode and reads off the transition. It reports the
     * saddle node (the least beta on the branch, if below beta_linear), the transition beta where
     * the branch's free energy first reaches the uniform one, and the amplitude there. For an even
     * mode the branches of both signs are traced, and the earlier transition is reported.
     */
    private RunResult transition(Parameters p) {
        int truncation = truncation(p);
        KernelSpectrum spectrum = spectrum(p, truncation);
        int mode = spectrum.firstUnstableMode();
        if (mode == 0) {
            return RunResult.failed("no coefficient of the kernel is negative, so the uniform state never "
                    + "loses stability");
        }
        double betaLinear = spectrum.criticalBeta(mode);
        ZonalStationaryStates states = new ZonalStationaryStates(spectrum, betaLinear, p.intValue("nodes"));
        BranchTracer tracer = new BranchTracer(states, mode);

        List<BranchTracer.Branch> branches = new java.util.ArrayList<>();
        branches.add(tracer.trace(BRANCH_STEP / 5, 0.95, BRANCH_STEP, betaLinear));
        if (mode % 2 == 0) {
            branches.add(tracer.trace(-BRANCH_STEP / 5, -0.4, -BRANCH_STEP, betaLinear));
        }

        Analysis best = null;
        for (BranchTracer.Branch branch : branches) {
            if (branch.points().size() < 3) {
                return RunResult.failed(String.format("the branch continuation failed at amplitude %.4g "
                        + "after %d points (arclength %.4g); raise nodes or truncation", branch.failedAt(),
                        branch.points().size(), arclength(branch.points())));
            }
            Analysis analysis = analyse(branch, betaLinear, tracer);
            if (best == null || analysis.betaTransition < best.betaTransition) {
                best = analysis;
            }
        }

        Map<String, Double> observables = new LinkedHashMap<>();
        observables.put("beta_linear", betaLinear);
        observables.put("unstable_mode", (double) mode);
        observables.put("beta_transition", best.betaTransition);
        observables.put("order_jump", best.jump);
        observables.put("beta_saddle_node", best.saddleNode);
        double landau = spectrum.landauCoefficient();
        observables.put("landau_coefficient", Double.isNaN(landau) ? null : landau);
        // Close to the threshold the fold lies below the first continuation step; for mode 1 the
        // sign of the Landau coefficient decides there.
        boolean discontinuous = betaLinear - best.betaTransition > DISCONTINUITY_MARGIN * betaLinear
                || landau < 0;
        String type = discontinuous ? "discontinuous" : "continuous";
        int degrees = spectrum.maxDegree();
        org.noisyflow.solver.Trajectory records = new org.noisyflow.solver.Trajectory(branchColumns(degrees));
        double arclength = 0.0;
        BranchTracer.BranchPoint previous = null;
        int index = 0;
        for (BranchTracer.BranchPoint point : best.branch.points()) {
            if (previous != null) {
                double sum = (point.beta() - previous.beta()) * (point.beta() - previous.beta());
                for (int k = 1; k < point.c().length; k++) {
                    sum += (point.c()[k] - previous.c()[k]) * (point.c()[k] - previous.c()[k]);
                }
                arclength += Math.sqrt(sum);
            }
            Double[] row = new Double[5 + degrees];
            row[0] = (double) index++;
            row[1] = arclength;
            row[2] = point.beta();
            row[3] = point.freeEnergyGap();
            row[4] = point.stable() ? 1.0 : 0.0;
            for (int k = 1; k <= degrees; k++) {
                row[4 + k] = point.c()[k];
            }
            records.add(row);
            previous = point;
        }
        String message = best.branch.failedAt() == null ? "" : String.format(
                "continuation stopped at amplitude %.4g (arclength %.4g)", best.branch.failedAt(), arclength);
        return new RunResult(org.noisyflow.solver.RunStatus.OK, message, observables, records,
                Map.of("transition_type", type));
    }

    /** Returns the length of the branch polyline in the (beta, c_1, ..., c_K) space. */
    private static double arclength(List<BranchTracer.BranchPoint> points) {
        double length = 0.0;
        for (int i = 1; i < points.size(); i++) {
            BranchTracer.BranchPoint a = points.get(i - 1);
            BranchTracer.BranchPoint b = points.get(i);
            double sum = (b.beta() - a.beta()) * (b.beta() - a.beta());
            for (int k = 1; k < b.c().length; k++) {
                sum += (b.c()[k] - a.c()[k]) * (b.c()[k] - a.c()[k]);
            }
            length += Math.sqrt(sum);
        }
        return length;
    }

    /** The transition read off one branch. */
    private record Analysis(BranchTracer.Branch branch, double betaTransition, double jump, Double saddleNode) {
    }

    private static Analysis analyse(BranchTracer.Branch branch, double betaLinear, BranchTracer tracer) {
        List<BranchTracer.BranchPoint> points = branch.points();
        double least = Double.POSITIVE_INFINITY;
        for (BranchTracer.BranchPoint point : points) {
            least = Math.min(least, point.beta());
        }
        Double saddleNode = least < betaLinear * (1 - DISCONTINUITY_MARGIN) ? least : null;

        // The free energy gap starts positive on a subcritical branch and crosses 0 beyond the fold.
        boolean seenPositive = false;
        for (int i = 0; i < points.size(); i++) {
            BranchTracer.BranchPoint point = points.get(i);
            if (point.freeEnergyGap() > 0) {
                seenPositive = true;
            } else if (seenPositive && i > 0) {
                BranchTracer.BranchPoint before = points.get(i - 1);
                BranchTracer.BranchPoint root = bisect(tracer, before, point);
                if (root.beta() < betaLinear) {
                    return new Analysis(branch, root.beta(), Math.abs(root.amplitude()), saddleNode);
                }
                break;
            }
        }
        return new Analysis(branch, betaLinear, 0.0, saddleNode);
    }

    /** Refines the zero of the free energy gap between two branch points by bisection in amplitude. */
    private static BranchTracer.BranchPoint bisect(BranchTracer tracer, BranchTracer.BranchPoint positive,
            BranchTracer.BranchPoint negative) {
        BranchTracer.BranchPoint low = positive;
        BranchTracer.BranchPoint high = negative;
        for (int iteration = 0; iteration < 60 && Math.abs(high.amplitude() - low.amplitude()) > 1e-13; iteration++) {
            double s = 0.5 * (low.amplitude() + high.amplitude());
            BranchTracer.BranchPoint middle = tracer.solve(s, low.c(), low.beta());
            if (middle == null) {
                break;
            }
            if (middle.freeEnergyGap() > 0) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return high;
    }
}
