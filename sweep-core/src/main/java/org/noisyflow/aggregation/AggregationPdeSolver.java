package org.noisyflow.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.commons.rng.UniformRandomProvider;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.Trajectory;

/**
 * Solver {@code sphere-aggregation-pde}: zonal densities of the aggregation equation with
 * localized repulsion on S^{d-1}, d rho/dt = div(rho grad(W * rho + W_eps * rho)), and of its
 * local limit d rho/dt = div(rho grad(W * rho + c rho)) at eps = 0, by the finite-volume scheme
 * of {@link ZonalFiniteVolume}. The repulsion is the particle solver's {@link GaussianRepulsion}.
 *
 * <p>Observables share the particle solver's names: {@code magnetization} |m| with
 * m = &int; x rho d&sigma;, {@code energy} E_h, {@code mass_error} the largest relative change of
 * &Sigma; V_i rho_i, {@code energy_increase} the largest increase of E_h over one step (0 when it
 * never increases), {@code density_max}, {@code support_edge} the upper edge of the last cell
 * from the north pole whose density is at least 1e-10 of the maximum, and {@code steps}. The
 * density at t_end, and every {@code record_every} from t = 0 when given, goes to the table
 * {@code profiles} with one row per cell.
 */
public final class AggregationPdeSolver implements Solver {
    public static final String ID = "sphere-aggregation-pde";
    /** Relative density below which a cell counts as outside the support. */
    static final double SUPPORT_THRESHOLD = 1e-10;
    /** Largest number of stored kernel-matrix entries, 400 MB of doubles. */
    static final long MAX_KERNEL_ENTRIES = 50_000_000L;
    /**
     * Largest d. The uniform density M/|S^{d-1}| grows like 1e17 M at d = 64, where the
     * porous-medium step limit is already far below any practical t_end.
     */
    static final int MAX_D = 64;
    /** Largest number of steps a run may need at its initial parabolic step limit. */
    static final double MAX_STEPS = 1e8;
    /** Largest number of profile rows of one run: records times cells. */
    static final long MAX_PROFILE_ROWS = 1_000_000L;
    /** Step size, relative to t_end, below which a run is reported as diverged. */
    static final double SMALLEST_STEP = 1e-13;

    private static final List<ParameterDef> PARAMETERS = declareParameters();

    private static final List<String> OBSERVABLES = List.of("magnetization", "energy", "mass_error",
            "energy_increase", "density_max", "support_edge", "steps");

    private static List<ParameterDef> declareParameters() {
        List<ParameterDef> defs = new ArrayList<>();
        defs.add(ParameterDef.integer("d", "ambient dimension; densities live on S^{d-1}").atLeast(2).atMost(MAX_D));
        defs.add(ParameterDef.integer("cells", "finite-volume cells in the polar angle").atLeast(8).atMost(20_000));
        defs.addAll(AggregationParameters.DEFS);
        defs.add(AggregationParameters.T_END);
        defs.add(AggregationParameters.INIT);
        defs.add(ParameterDef.choice("reconstruction", "face values: minmod-limited slopes (second order) "
                + "or cell averages (first order)", "minmod", "constant").withDefault("minmod"));
        defs.add(ParameterDef.real("cfl", "safety factor of the step limits; positivity needs at most 2/3")
                .greaterThan(0).atMost(0.6).withDefault(0.35));
        defs.add(ParameterDef.real("record_every", "time between recorded profiles; the final profile is "
                + "always recorded").greaterThan(0).optional());
        return List.copyOf(defs);
    }

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
    public String trajectoryTable() {
        return "profiles";
    }

    @Override
    public List<String> trajectoryColumns(Map<String, List<Object>> values) {
        return List.of("step", "time", "theta", "density");
    }

    /** Cells squared times t_end: the step shrinks with the cells and the kernel product grows with them. */
    @Override
    public double relativeCost(Parameters p) {
        double cells = p.integer("cells");
        return cells * cells * p.real("t_end");
    }

    @Override
    public OptionalDouble predictedTransition(String axis, Map<String, Object> slice) {
        return AggregationParameters.linearThreshold(axis, slice);
    }

    @Override
    public Map<String, String> inapplicable(Parameters p) {
        return AggregationParameters.inapplicable(p);
    }

    @Override
    public void validate(Parameters p) {
        AggregationParameters.validate(p);
        int d = p.intValue("d");
        int cells = p.intValue("cells");
        double eps = p.real("eps");
        double c = p.real("repulsion_strength");
        ZonalGrid grid = new ZonalGrid(d, cells);
        if (!(grid.measure[0] >= Double.MIN_NORMAL)) {
            throw new InvalidParameterException("cells", p.get("cells"), "the pole cell's measure underflows at d = "
                    + d + "; use fewer cells or a smaller d");
        }
        int bandwidth = 0;
        if ("transformer".equals(p.choice("attraction"))) {
            bandwidth = ZonalKernelMatrix.bandwidth(grid, p.real("gamma"));
            checkResolved(grid, p.real("gamma"), "gamma", p.get("gamma"));
        }
        if (eps > 0 && c > 0) {
            double peak = new GaussianRepulsion(c, eps, d).peak();
            if (!Double.isFinite(peak)) {
                throw new InvalidParameterException("eps", p.get("eps"), String.format("the repulsion's peak "
                        + "c (2 pi eps^2)^{-(d-1)/2} overflows at d = %d; use a larger eps", d));
            }
            bandwidth = Math.max(bandwidth, ZonalKernelMatrix.bandwidth(grid, 1.0 / (eps * eps)));
            checkResolved(grid, 1.0 / (eps * eps), "eps", p.get("eps"));
        }
        long entries = (long) cells * Math.min(cells, 2L * bandwidth + 1);
        if (entries > MAX_KERNEL_ENTRIES) {
            throw new InvalidParameterException("cells", p.get("cells"), String.format(
                    "the kernel matrix would hold %d entries, above the limit of %d; use fewer cells "
                            + "(the matrix is dense for the transformer attraction and has about "
                            + "17 eps/dtheta entries per row for the repulsion)", entries, MAX_KERNEL_ENTRIES));
        }

        double tEnd = p.real("t_end");
        if (c > 0) {
            // The parabolic limit at the initial peak density bounds the step from above, and the
            // density only grows as the mass aggregates, so this is a lower bound on the steps.
            double peakDensity = p.real("mass") * AggregationParameters.initialShape(p.choice("init"), 1.0)
                    / SphereGeometry.sphereArea(d - 1);
            double area = Math.max(grid.stepLength * grid.width, 0.5 * Math.E * eps * eps);
            double step = p.real("cfl") * area / (c * peakDensity);
            if (tEnd / step > MAX_STEPS) {
                throw new InvalidParameterException("t_end", p.get("t_end"), String.format("the run needs at "
                        + "least %.3g steps, since the step limit cfl a/(c rho) at the initial peak density %.3g "
                        + "is %.3g; the limit is %.0g steps; use t_end <= %.3g, fewer cells, or a smaller "
                        + "repulsion_strength or mass", tEnd / step, peakDensity, step, MAX_STEPS,
                        MAX_STEPS * step));
            }
        }
        // A double, because t_end/record_every can exceed the long range. As longs, 1 + (long)
        // Infinity times an even cell count wraps to 0, which would pass the check.
        double records = 1 + (p.has("record_every") ? Math.ceil(tEnd / p.real("record_every")) : 0);
        if (records * cells > MAX_PROFILE_ROWS) {
            throw new InvalidParameterException(p.has("record_every") ? "record_every" : "cells",
                    p.has("record_every") ? p.get("record_every") : p.get("cells"), String.format(
                    "%.3g profiles of %d cells exceed the limit of %d profile rows per run; use record_every >= "
                            + "%.3g or fewer cells", records, cells, MAX_PROFILE_ROWS,
                    tEnd * cells / (MAX_PROFILE_ROWS - cells)));
        }
    }

    /** Rejects a kernel e^{b(t-1)} too narrow for the cells' largest quadrature rule. */
    private static void checkResolved(ZonalGrid grid, double b, String key, Object value) {
        if (ZonalKernelMatrix.nodes(grid.width, b) > ZonalKernelMatrix.MAX_NODES) {
            // nodes = 6 + ceil(3 dtheta sqrt(b)) <= 48 holds for dtheta <= 14/sqrt(b).
            long cells = (long) Math.ceil(Math.PI * Math.sqrt(b) / 14.0);
            throw new InvalidParameterException(key, value, String.format("the kernel's width 1/sqrt(%.3g) is too "
                    + "narrow for cells of %.3g rad, which the quadrature cannot resolve; use cells >= %d",
                    b, grid.width, cells));
        }
    }

    @Override
    public RunResult run(Parameters p, UniformRandomProvider random) {
        ZonalFiniteVolume scheme = scheme(p);
        ZonalGrid grid = scheme.grid();
        scheme.setDensity(initialDensity(grid, p.choice("init"), p.real("mass")));

        double tEnd = p.real("t_end");
        double recordEvery = p.has("record_every") ? p.real("record_every") : Double.NaN;
        Trajectory profiles = new Trajectory(List.of("step", "time", "theta", "density"));
        double nextRecord = tEnd;
        if (!Double.isNaN(recordEvery)) {
            record(scheme, profiles);
            nextRecord = Math.min(tEnd, recordEvery);
        }

        double mass0 = scheme.mass();
        double energy = scheme.energy();
        double energyIncrease = 0.0;
        double massError = 0.0;
        long recorded = 0;
        while (scheme.time() < tEnd) {
            org.noisyflow.solver.Interruption.check();
            double dt = scheme.step(nextRecord - scheme.time());
            double next = scheme.energy();
            energyIncrease = Math.max(energyIncrease, next - energy);
            energy = next;
            massError = Math.max(massError, Math.abs(scheme.mass() - mass0) / mass0);
            if (!Double.isFinite(energy) || !(dt > SMALLEST_STEP * tEnd)) {
                String problem = Double.isNaN(dt) || !Double.isFinite(energy)
                        ? "density became non-finite or no step met the step limits"
                        : "step fell to " + dt + ", below " + SMALLEST_STEP + " t_end, as the density concentrated";
                return new RunResult(RunStatus.DIVERGED, String.format("at t = %.6g after %d steps the %s; use a "
                        + "smaller t_end, or more repulsion_strength so that the density stays bounded",
                        scheme.time(), scheme.steps(), problem), observables(scheme, energyIncrease, massError),
                        profiles);
            }
            if (scheme.time() >= nextRecord * (1 - 1e-14)) {
                if (nextRecord == tEnd) {
                    break;
                }
                record(scheme, profiles);
                recorded++;
                nextRecord = Math.min(tEnd, (recorded + 1) * recordEvery);
            }
        }
        record(scheme, profiles);
        return new RunResult(RunStatus.OK, "", observables(scheme, energyIncrease, massError), profiles);
    }

    /** Builds the scheme for the parameters' grid, kernels and limits. */
    static ZonalFiniteVolume scheme(Parameters p) {
        int d = p.intValue("d");
        ZonalGrid grid = new ZonalGrid(d, p.intValue("cells"));
        Attraction attraction = AggregationParameters.attraction(p);
        double c = p.real("repulsion_strength");
        double eps = p.real("eps");
        List<Double> amplitudes = new ArrayList<>();
        List<Double> exponents = new ArrayList<>();
        if (attraction.transformer()) {
            double gamma = attraction.gamma();
            amplitudes.add(-attraction.kappa() / gamma * Math.exp(gamma));
            exponents.add(gamma);
        }
        if (eps > 0 && c > 0) {
            amplitudes.add(new GaussianRepulsion(c, eps, d).peak());
            exponents.add(1.0 / (eps * eps));
        }
        ZonalKernelMatrix kernel = amplitudes.isEmpty() ? null : ZonalKernelMatrix.of(grid,
                amplitudes.stream().mapToDouble(Double::doubleValue).toArray(),
                exponents.stream().mapToDouble(Double::doubleValue).toArray());
        return new ZonalFiniteVolume(grid, kernel, attraction.transformer() ? 0.0 : attraction.kappa(),
                eps == 0 ? c : 0.0, c, eps, "minmod".equals(p.choice("reconstruction")), p.real("cfl"));
    }

    /** Returns the cell averages of the initial density: M/|S^{d-1}| times 1 or 1 + cos(theta)/2. */
    static double[] initialDensity(ZonalGrid grid, String init, double mass) {
        double uniform = mass / SphereGeometry.sphereArea(grid.d - 1);
        double[] rho = new double[grid.cells];
        for (int i = 0; i < grid.cells; i++) {
            // The shape is affine in cos(theta), so its cell average is its value at C_i / V_i.
            rho[i] = uniform * AggregationParameters.initialShape(init, grid.moment[i] / grid.measure[i]);
        }
        return rho;
    }

    private static void record(ZonalFiniteVolume scheme, Trajectory profiles) {
        double[] rho = scheme.density();
        ZonalGrid grid = scheme.grid();
        for (int i = 0; i < rho.length; i++) {
            profiles.add(new Double[] {(double) scheme.steps(), scheme.time(), grid.centre[i], rho[i]});
        }
    }

    private static Map<String, Double> observables(ZonalFiniteVolume scheme, double energyIncrease,
            double massError) {
        double[] rho = scheme.density();
        ZonalGrid grid = scheme.grid();
        double densityMax = 0.0;
        for (double value : rho) {
            densityMax = Math.max(densityMax, value);
        }
        int last = 0;
        for (int i = 0; i < rho.length; i++) {
            if (rho[i] >= SUPPORT_THRESHOLD * densityMax) {
                last = i;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("magnetization", Math.abs(grid.firstMoment(rho)));
        out.put("energy", scheme.energy());
        out.put("mass_error", massError);
        out.put("energy_increase", energyIncrease);
        out.put("density_max", densityMax);
        out.put("support_edge", (last + 1) * grid.width);
        out.put("steps", (double) scheme.steps());
        return out;
    }
}
