package org.noisyflow.aggregation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.Trajectory;
import org.noisyflow.sphere.GaussLegendre;

/**
 * Solver {@code sphere-aggregation}: n particles of mass M/n on S^{d-1} in R^d that follow the
 * gradient flow of the attraction-repulsion energy
 * E_N = (1/2) (M/n)^2 &Sigma;_{i,j} [w(&lt;X_i,X_j&gt;) + W_eps(X_i,X_j)], self terms included, with
 * the attraction w(t) = -kappa t (dot) or -(kappa/gamma) e^{gamma t} (transformer) and the
 * Gaussian repulsion W_eps(x,y) = c (2 pi eps^2)^{-(d-1)/2} e^{-|x-y|^2/(2 eps^2)}. Each particle
 * moves with v_i = -(n/M) P_{X_i} dE_N/dX_i; {@link AggregationParticles} gives the force.
 *
 * <p>Time stepping: Heun (default) or the classical fourth-order Runge-Kutta scheme, with the
 * retraction X &rarr; X/|X| after every stage. Without {@code dt} the step is chosen afresh from
 * the state at the start of each step as the smallest of the remaining time, the time to the next
 * profile record, t_end/100, 0.1/L with the attraction's rate bound L =
 * {@link Attraction#rateBound}(M), 0.2 eps^2/(C max_i rho_i) when c &gt; 0, and
 * 0.2 eps/max_i |v_i| when some particle moves. Here rho_i is the particle's density estimate and
 * C = &int;W_eps d&sigma; = {@link GaussianRepulsion#total()}, so C rho_i is the repulsive potential
 * at the particle. C is c (1 + O(eps^2)), and c (1 - e^{-2/eps^2}) at d = 3, but far below c where
 * the Gaussian is wide against the sphere. At d = 64 and eps = 1, where |S^63| = 2e-18 and the
 * density estimate is near 7e17, c = 1 in place of C would give steps near 3e-19.
 * A step that would stop within 1e-6 of its length before a record time is stretched to land on it.
 * With {@code dt} the step is dt, shortened where needed to land on the record times and t_end.
 * A run whose adaptive step falls below t_end/1e8 stops as diverged.
 *
 * <p>Resolution rule: with c &gt; 0 the repulsion needs n &ge; 2 |S^{d-1}| / (|B^{d-1}| eps^{d-1})
 * (8/eps^2 at d = 3), so that at the uniform density each particle has on average two others
 * within chord eps. A given dt must satisfy dt &le; 0.1/L and, when c &gt; 0, dt &le; 0.2 eps^2/(C rho_0)
 * with the initial peak density rho_0 = M (1.5 tilted, 1 uniform)/|S^{d-1}|, and t_end/dt &le; 1e8.
 * Without dt, t_end divided by the same bound must be at most 1e8. The density grows as the
 * particles aggregate, so a fixed dt that passes this check can still become unstable.
 *
 * <p>Observables, in the order shared with the finite-volume solver: {@code magnetization} |m| with
 * m = (M/n) &Sigma; X_j, {@code energy} E_N at t_end, {@code mass_error} (0, because every particle
 * keeps its mass), {@code energy_increase} max(0, max_n (E_{n+1} - E_n)) over the steps,
 * {@code density_max} max_i rho_i at t_end and {@code steps}. {@code support_edge} is left null.
 * The table {@code profiles} has, at t_end and, with {@code record_every}, at t = 0 and every
 * record_every, one row per bin of the polar angle theta to m/|m| (e_1 when m = 0): the bin centre
 * and the particle mass in the bin divided by the bin's exact measure.
 */
public final class AggregationParticleSolver implements Solver {
    public static final String ID = "sphere-aggregation";
    static final int MAX_D = 64;
    static final int MAX_N = 200_000;
    /**
     * Largest n&times;d: a run keeps five n&times;d arrays of doubles, 800 MB at this size. The domains
     * of n and d keep n&times;d at most 12.8 million, so this check guards wider domains only.
     */
    static final long MAX_COORDINATES = 20_000_000L;
    /** Largest t_end/dt for a given dt. */
    static final double MAX_FIXED_STEPS = 1e8;
    /** Largest number of profile rows of one run, 4 doubles each. */
    static final long MAX_PROFILE_ROWS = 1_000_000L;
    /** The step is at most this fraction of 1/L, L the attraction's rate bound. */
    static final double RATE_STEP_FRACTION = 0.1;
    /** The step is at most this fraction of eps^2/(C rho), the time the repulsion spreads a cluster by eps. */
    static final double DENSITY_STEP_FRACTION = 0.2;
    /** The step moves no particle by more than this fraction of eps. */
    static final double DISPLACEMENT_STEP_FRACTION = 0.2;
    /** The adaptive step is at most t_end divided by this. */
    static final int MIN_ADAPTIVE_STEPS = 100;
    /** Mean number of other particles within chord eps at the uniform density that the resolution rule requires. */
    static final int RESOLUTION_NEIGHBOURS = 2;
    /** A step that would stop less than this fraction of itself before a record time lands on it. */
    static final double LANDING_SLACK = 1e-6;
    /** Gauss-Legendre nodes per profile bin for the bin measure. */
    static final int PROFILE_NODES = 24;

    private static final List<ParameterDef> PARAMETERS = parameterList();
    private static final List<String> OBSERVABLES = List.of("magnetization", "energy", "mass_error",
            "energy_increase", "density_max", "support_edge", "steps");
    private static final List<String> PROFILE_COLUMNS = List.of("step", "time", "theta", "density");

    private static List<ParameterDef> parameterList() {
        List<ParameterDef> list = new ArrayList<>();
        list.add(ParameterDef.integer("d", "ambient dimension; particles live on S^{d-1}").atLeast(2).atMost(MAX_D));
        list.add(ParameterDef.integer("n", "number of particles, each of mass M/n").atLeast(2).atMost(MAX_N));
        list.addAll(AggregationParameters.DEFS);
        list.add(AggregationParameters.T_END);
        list.add(ParameterDef.real("dt", "fixed time step; leave it out for the adaptive step")
                .greaterThan(0).optional());
        list.add(ParameterDef.choice("scheme", "Runge-Kutta scheme: heun (second order) or rk4 (fourth order)",
                "heun", "rk4").withDefault("heun"));
        list.add(AggregationParameters.INIT);
        list.add(ParameterDef.integer("profile_bins", "number of polar-angle bins of the density profiles")
                .atLeast(8).atMost(10000).withDefault(60L));
        list.add(ParameterDef.real("record_every", "time between density profiles; leave it out to "
                + "record only at t_end").greaterThan(0).optional());
        return List.copyOf(list);
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
        return PROFILE_COLUMNS;
    }

    /** Pairs times dimension times t_end; the adaptive step count is not known before the run. */
    @Override
    public double relativeCost(Parameters p) {
        double n = p.integer("n");
        return 0.5 * n * n * p.integer("d") * p.real("t_end");
    }

    @Override
    public Map<String, String> inapplicable(Parameters p) {
        return AggregationParameters.inapplicable(p);
    }

    @Override
    public void validate(Parameters p) {
        AggregationParameters.validate(p);
        int d = p.intValue("d");
        long n = p.integer("n");
        double eps = p.real("eps");
        double c = p.real("repulsion_strength");
        if (eps == 0.0) {
            throw new InvalidParameterException("eps", p.get("eps"), "eps = 0 is the local limit, which "
                    + "particles cannot represent; use solver sphere-aggregation-pde or eps > 0");
        }
        if (n * d > MAX_COORDINATES) {
            throw new InvalidParameterException("n", p.get("n"), "n*d = " + n * d + " exceeds the limit of "
                    + MAX_COORDINATES + " coordinates per run; use n <= " + MAX_COORDINATES / d);
        }
        if (c > 0.0) {
            checkResolution(n, d, eps);
        }
        checkDensityScale(p.real("mass") / n, eps, d);
        if (p.has("dt")) {
            checkFixedStep(p);
        } else {
            checkAdaptiveSteps(p);
        }
        checkProfileRows(p);
    }

    /** Rejects n below the resolution rule n &ge; 2 |S^{d-1}| / (|B^{d-1}| eps^{d-1}). */
    private static void checkResolution(long n, int d, double eps) {
        double ratio = RESOLUTION_NEIGHBOURS * SphereGeometry.sphereArea(d - 1) / SphereGeometry.ballVolume(d - 1);
        double required = ratio / Math.pow(eps, d - 1);
        // The tolerance keeps 8/eps^2 = 800 at eps = 0.1 from rounding up to 801.
        long smallestN = (long) Math.ceil(required * (1.0 - 1e-12));
        if (n >= smallestN) {
            return;
        }
        double smallestEps = Math.pow(ratio / n, 1.0 / (d - 1));
        String fix = smallestN <= MAX_N ? "use n >= " + smallestN + " or eps >= " + roundUp(smallestEps)
                : "use eps >= " + roundUp(smallestEps) + ", because n is at most " + MAX_N;
        String rule = smallestN <= MAX_N ? Long.toString(smallestN) : String.format("%.3g", required);
        throw new InvalidParameterException("n", n, String.format("n = %d is below the resolution rule "
                + "n >= 2 |S^{d-1}| / (|B^{d-1}| eps^{d-1}) = %s at d = %d, eps = %s, which puts two particles "
                + "on average within chord eps of each particle at the uniform density; %s",
                n, rule, d, eps, fix));
    }

    /** Rejects an eps so small that the density estimate's factor (M/n)/&int;G is not a finite double. */
    private static void checkDensityScale(double particleMass, double eps, int d) {
        if (isUsableDensityScale(particleMass, eps, d)) {
            return;
        }
        double smallestEps = eps;
        while (!isUsableDensityScale(particleMass, smallestEps, d)) {
            smallestEps *= 2.0;
        }
        throw new InvalidParameterException("eps", eps, String.format("eps = %s is too small for the density "
                + "estimate at d = %d, whose normalisation overflows; use eps >= %s", eps, d, roundUp(smallestEps)));
    }

    private static boolean isUsableDensityScale(double particleMass, double eps, int d) {
        double scale = AggregationParticles.densityScale(particleMass, eps, d);
        return Double.isFinite(scale) && scale > 0.0;
    }

    /**
     * The largest step that the attraction's rate bound and, when c &gt; 0, the repulsion at the
     * initial peak density allow, with the bound that sets it. It is infinite when kappa = c = 0.
     */
    private record StepBound(double value, String reason) {
    }

    private static StepBound stableStep(Parameters p) {
        double mass = p.real("mass");
        double eps = p.real("eps");
        double rateBound = AggregationParameters.attraction(p).rateBound(mass);
        double largest = Double.POSITIVE_INFINITY;
        String reason = "";
        if (rateBound > 0.0) {
            largest = RATE_STEP_FRACTION / rateBound;
            reason = String.format("0.1/L with the attraction's rate bound L = %.4g", rateBound);
        }
        if (p.real("repulsion_strength") > 0.0) {
            double peakDensity = mass * AggregationParameters.initialShape(p.choice("init"), 1.0)
                    / SphereGeometry.sphereArea(p.intValue("d") - 1);
            double repulsionTotal = AggregationParameters.repulsion(p).total();
            double repulsionStep = DENSITY_STEP_FRACTION * eps * eps / (repulsionTotal * peakDensity);
            if (repulsionStep < largest) {
                largest = repulsionStep;
                reason = String.format("0.2 eps^2/(C rho_0) with the repulsion's integral C = %.4g and the "
                        + "initial peak density rho_0 = %.4g", repulsionTotal, peakDensity);
            }
        }
        return new StepBound(largest, reason);
    }

    /** Rejects a given dt above the stable step, or below t_end/1e8. */
    private static void checkFixedStep(Parameters p) {
        double dt = p.real("dt");
        StepBound bound = stableStep(p);
        if (dt > bound.value()) {
            throw new InvalidParameterException("dt", p.get("dt"), String.format("dt = %s exceeds the largest "
                    + "stable step %.4g, which is %s; use dt <= %s or leave dt out for the adaptive step",
                    dt, bound.value(), bound.reason(), roundDown(bound.value())));
        }
        double tEnd = p.real("t_end");
        if (tEnd / dt > MAX_FIXED_STEPS) {
            throw new InvalidParameterException("dt", p.get("dt"), String.format("t_end/dt = %.3g exceeds the "
                    + "limit of 1e8 steps; use dt >= %s or leave dt out for the adaptive step",
                    tEnd / dt, roundUp(tEnd / MAX_FIXED_STEPS)));
        }
    }

    /**
     * Rejects a t_end that needs more than 1e8 adaptive steps already at the initial state. Later
     * states can need smaller steps still; the run stops when its step falls below t_end/1e8.
     */
    private static void checkAdaptiveSteps(Parameters p) {
        double tEnd = p.real("t_end");
        StepBound bound = stableStep(p);
        if (tEnd / bound.value() > MAX_FIXED_STEPS) {
            throw new InvalidParameterException("t_end", p.get("t_end"), String.format("t_end = %s needs more "
                    + "than 1e8 adaptive steps, which are at most %.4g, the value of %s; use t_end <= %s",
                    tEnd, bound.value(), bound.reason(), roundDown(bound.value() * MAX_FIXED_STEPS)));
        }
    }

    /** Rejects record_every and profile_bins that would record more than MAX_PROFILE_ROWS rows. */
    private static void checkProfileRows(Parameters p) {
        long bins = p.integer("profile_bins");
        double rows = recordCount(p) * bins;
        if (rows <= MAX_PROFILE_ROWS) {
            return;
        }
        // recordCount is at most R when t_end/record_every is at most R - 1.
        long records = MAX_PROFILE_ROWS / bins;
        throw new InvalidParameterException("record_every", p.get("record_every"), String.format("record_every = "
                + "%s with %d profile_bins records %.3g rows, more than the limit of %d; use record_every >= %s "
                + "or fewer profile_bins", p.get("record_every"), bins, rows, MAX_PROFILE_ROWS,
                roundUp(p.real("t_end") / (records - 1))));
    }

    /**
     * Rounds up to three significant digits, for a lower bound in a message. Rounding starts from the
     * shortest decimal of the double, so 1e-5 stays 1.0E-5, and the result is never below the value.
     */
    private static String roundUp(double value) {
        return round(value, RoundingMode.CEILING);
    }

    /** Rounds down to three significant digits, for an upper bound in a message. */
    private static String roundDown(double value) {
        return round(value, RoundingMode.FLOOR);
    }

    private static String round(double value, RoundingMode mode) {
        BigDecimal decimal = new BigDecimal(Double.toString(value)).round(new MathContext(3, mode));
        return Double.toString(decimal.doubleValue());
    }

    /**
     * Returns the number of profile records, as a double because a tiny record_every can push it
     * beyond the long range before validation rejects it.
     */
    private static double recordCount(Parameters p) {
        if (!p.has("record_every")) {
            return 1.0;
        }
        return Math.ceil(p.real("t_end") / p.real("record_every") - LANDING_SLACK) + 1.0;
    }

    /**
     * Returns the times of the profile records: t_end, preceded by 0 and the multiples of record_every
     * below t_end when record_every is given. A multiple within 1e-6 record_every of t_end is left out.
     */
    static double[] recordTimes(Parameters p) {
        double[] times = new double[(int) recordCount(p)];
        for (int k = 0; k < times.length - 1; k++) {
            times[k] = k * p.real("record_every");
        }
        times[times.length - 1] = p.real("t_end");
        return times;
    }

    /** Creates the particles the parameters name and draws their initial positions from {@code random}. */
    static AggregationParticles initialState(Parameters p, UniformRandomProvider random) {
        Attraction attraction = AggregationParameters.attraction(p);
        GaussianRepulsion repulsion = AggregationParameters.repulsion(p);
        AggregationParticles particles = new AggregationParticles(p.intValue("n"), p.intValue("d"), p.real("mass"),
                attraction, repulsion, AggregationParticles.cellListsApply(attraction, repulsion));
        if ("uniform".equals(p.choice("init"))) {
            particles.initUniform(random);
        } else {
            particles.initTilted(random);
        }
        return particles;
    }

    @Override
    public RunResult run(Parameters p, UniformRandomProvider random) {
        AggregationParticles particles = initialState(p, random);
        AggregationParticles.Scheme scheme = "rk4".equals(p.choice("scheme"))
                ? AggregationParticles.Scheme.RK4 : AggregationParticles.Scheme.HEUN;
        double mass = p.real("mass");
        double tEnd = p.real("t_end");
        StepRule rule = new StepRule(p);
        double[] recordTimes = recordTimes(p);
        double[] measures = binMeasures(p.intValue("d"), p.intValue("profile_bins"));
        Trajectory profiles = new Trajectory(PROFILE_COLUMNS);

        long steps = 0;
        double energyIncrease = 0.0;
        int next = 0;
        particles.evaluateState();
        if (recordTimes[0] == 0.0) {
            recordProfile(profiles, particles, mass, 0, 0.0, measures);
            next++;
        }

        while (next < recordTimes.length) {
            org.noisyflow.solver.Interruption.check();
            double time = rule.time();
            double adaptive = rule.adaptiveStep(particles);
            if (adaptive < tEnd / MAX_FIXED_STEPS) {
                return diverged(profiles, steps, energyIncrease, String.format("the adaptive step fell to %.3g at "
                        + "step %d (t = %.6g), below t_end/1e8, so the run cannot finish; there max rho_i = %.4g "
                        + "and max |v_i| = %.4g, so use a larger eps or a shorter t_end", adaptive, steps, time,
                        particles.maxDensity(), particles.maxSpeed()));
            }
            double end = rule.nextEnd(recordTimes[next], adaptive);
            double h = end - time;

            double previousEnergy = particles.energy();
            particles.step(h, scheme);
            steps++;
            particles.evaluateState();
            if (!isFinite(particles)) {
                String fix = p.has("dt") ? "give a smaller dt, or leave dt out for the adaptive step"
                        : String.format("the adaptive step was %.3g, so give a smaller fixed dt", h);
                return diverged(profiles, steps, energyIncrease, String.format("the state became non-finite at "
                        + "step %d (t = %.6g); %s", steps, end, fix));
            }
            energyIncrease = Math.max(energyIncrease, particles.energy() - previousEnergy);
            if (end == recordTimes[next]) {
                recordProfile(profiles, particles, mass, steps, end, measures);
                next++;
            }
        }

        Map<String, Double> observables = new LinkedHashMap<>();
        observables.put("magnetization", particles.magnetizationNorm());
        observables.put("energy", particles.energy());
        observables.put("mass_error", 0.0);
        observables.put("energy_increase", energyIncrease);
        observables.put("density_max", particles.maxDensity());
        observables.put("steps", (double) steps);
        return new RunResult(RunStatus.OK, "", observables, profiles);
    }

    /** The step sizes of a run, fixed or adaptive, and the time they have reached. */
    private static final class StepRule {
        private final double fixedStep;
        private final double tEnd;
        private final double rateBound;
        private final double repulsionTotal;
        private final double eps;
        private double time;
        private double segmentStart;
        private long segmentSteps;

        StepRule(Parameters p) {
            this.fixedStep = p.has("dt") ? p.real("dt") : Double.NaN;
            this.tEnd = p.real("t_end");
            this.rateBound = AggregationParameters.attraction(p).rateBound(p.real("mass"));
            this.repulsionTotal = AggregationParameters.repulsion(p).total();
            this.eps = p.real("eps");
        }

        double time() {
            return time;
        }

        /**
         * Returns the end time of the next step and advances the time to it: the target itself when
         * the step reaches it or stops within 1e-6 of its length before it.
         *
         * @param adaptive the step of {@link #adaptiveStep}, ignored for a fixed dt
         */
        double nextEnd(double target, double adaptive) {
            double end;
            boolean lands;
            if (Double.isNaN(fixedStep)) {
                lands = target - time - adaptive <= LANDING_SLACK * adaptive;
                end = time + adaptive;
            } else {
                // Times count steps from the last record, so rounding does not build up over many steps.
                end = segmentStart + (segmentSteps + 1) * fixedStep;
                lands = target - end <= LANDING_SLACK * fixedStep;
            }
            segmentSteps++;
            if (lands) {
                end = target;
                segmentStart = target;
                segmentSteps = 0;
            }
            time = end;
            return end;
        }

        /**
         * Returns the adaptive step from the state at the step's start, before it is cut at the next
         * record, or NaN for a fixed dt.
         */
        double adaptiveStep(AggregationParticles particles) {
            if (!Double.isNaN(fixedStep)) {
                return Double.NaN;
            }
            double step = tEnd / MIN_ADAPTIVE_STEPS;
            if (rateBound > 0.0) {
                step = Math.min(step, RATE_STEP_FRACTION / rateBound);
            }
            if (repulsionTotal > 0.0) {
                step = Math.min(step, DENSITY_STEP_FRACTION * eps * eps / (repulsionTotal * particles.maxDensity()));
            }
            if (particles.maxSpeed() > 0.0) {
                step = Math.min(step, DISPLACEMENT_STEP_FRACTION * eps / particles.maxSpeed());
            }
            return step;
        }
    }

    private static boolean isFinite(AggregationParticles particles) {
        return Double.isFinite(particles.energy()) && Double.isFinite(particles.maxSpeed())
                && Double.isFinite(particles.maxDensity());
    }

    private static RunResult diverged(Trajectory profiles, long steps, double energyIncrease, String message) {
        Map<String, Double> partial = new LinkedHashMap<>();
        partial.put("mass_error", 0.0);
        partial.put("energy_increase", energyIncrease);
        partial.put("steps", (double) steps);
        return new RunResult(RunStatus.DIVERGED, message, partial, profiles);
    }

    /**
     * Returns the measures V_b = |S^{d-2}| &int; sin^{d-2}(theta) dtheta of the polar-angle bins
     * [b pi/bins, (b+1) pi/bins], by Gauss-Legendre quadrature in each bin; |S^0| = 2 at d = 2.
     */
    static double[] binMeasures(int d, int bins) {
        double area = SphereGeometry.sphereArea(d - 2);
        double[][] rule = GaussLegendre.rule(PROFILE_NODES);
        double halfWidth = 0.5 * Math.PI / bins;
        double[] measures = new double[bins];
        for (int b = 0; b < bins; b++) {
            double centre = (2 * b + 1) * halfWidth;
            double sum = 0.0;
            for (int k = 0; k < PROFILE_NODES; k++) {
                sum += rule[1][k] * Math.pow(Math.sin(centre + halfWidth * rule[0][k]), d - 2);
            }
            measures[b] = area * halfWidth * sum;
        }
        return measures;
    }

    /**
     * Appends one row per bin: the bin centre and the particle mass in the bin over its measure. The
     * angle to the axis m/|m| (e_1 when m = 0) is atan2(|X - t axis|, t) with t = &lt;X, axis&gt;, which
     * keeps its accuracy near the poles.
     */
    private static void recordProfile(Trajectory profiles, AggregationParticles particles, double mass, long step,
            double time, double[] measures) {
        int n = particles.n();
        int d = particles.d();
        int bins = measures.length;
        double[] axis = new double[d];
        particles.magnetization(axis);
        double norm = Math.sqrt(dot(axis, axis));
        if (norm == 0.0) {
            axis[0] = 1.0;
        } else {
            for (int k = 0; k < d; k++) {
                axis[k] /= norm;
            }
        }

        double[] x = particles.positions();
        double[] binMass = new double[bins];
        double particleMass = mass / n;
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            double t = 0.0;
            for (int k = 0; k < d; k++) {
                t += x[oi + k] * axis[k];
            }
            double perpendicular2 = 0.0;
            for (int k = 0; k < d; k++) {
                double component = x[oi + k] - t * axis[k];
                perpendicular2 += component * component;
            }
            double theta = Math.atan2(Math.sqrt(perpendicular2), t);
            int bin = Math.min(bins - 1, (int) (theta / Math.PI * bins));
            binMass[bin] += particleMass;
        }

        for (int b = 0; b < bins; b++) {
            profiles.add(new Double[] {(double) step, time, (b + 0.5) * Math.PI / bins, binMass[b] / measures[b]});
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}
