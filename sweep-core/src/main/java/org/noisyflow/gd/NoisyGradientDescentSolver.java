package org.noisyflow.gd;

import java.util.ArrayList;
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
 * Solver {@code noisy-gd}: gradient descent with injected noise on an overparameterized model,
 * w_{k+1} = w_k - alpha grad L^(w_k, eta_k), and the predicted limit of its slow motion along
 * the zero-loss set.
 *
 * <p>Modes: {@code simulate} runs the iteration; {@code limit} integrates the limiting flow from
 * the gradient-flow landing point Phi(init) on the noise type's clock; {@code compare} does both
 * and records the predicted coordinates as {@code limit_*} columns beside the simulated ones.
 * In {@code limit} mode the model coordinates and curvature columns describe the predicted state.
 */
public final class NoisyGradientDescentSolver implements Solver {
    public static final String ID = "noisy-gd";

    /** Records taken when {@code record_every} is not given. */
    static final int DEFAULT_RECORDS = 100;
    /** Consecutive records with alpha lambda_max &gt; 2 and a growing loss that count as divergence. */
    static final int UNSTABLE_RECORDS = 3;

    /** Clocks and state columns shared by the summary and the trajectory, after k or step. */
    private static final List<String> STATE = List.of("t", "tau1", "tau2", "loss", "zero_loss_distance",
            "reg", "hessian_trace", "hessian_max_eig", "alpha_sharpness");
    /** Model coordinates other than the diagonal network's coefficients. */
    private static final List<String> FIXED_COORDINATES =
            List.of("balance", "c1", "c2", "u_norm_sq", "weight_norm_sq", "support_size");

    private static final List<ParameterDef> PARAMETERS = List.of(
            ParameterDef.choice("model", "the overparameterized model", Models.IDS.toArray(String[]::new)),
            ParameterDef.choice("noise", "how noise enters the gradient step",
                    NoiseType.ids().toArray(String[]::new)),
            ParameterDef.choice("mode", "simulate the iteration, integrate its predicted limit, or both",
                    "simulate", "limit", "compare").withDefault("simulate"),
            ParameterDef.real("step_size", "step size alpha").greaterThan(0),
            ParameterDef.real("sigma", "noise level; its meaning depends on the noise type")
                    .atLeast(0).optional(),
            ParameterDef.real("temperature", "sgld only: sigma^2 = 2 temperature / step_size")
                    .greaterThan(0).optional(),
            ParameterDef.choice("mask", "mask distribution of dropout and dropconnect",
                    "bernoulli", "gaussian").optional(),
            ParameterDef.real("keep", "keep probability q of Bernoulli masks")
                    .greaterThan(0).atMost(1).optional(),
            ParameterDef.integer("batch_size", "batch size of minibatch and label-sgd")
                    .atLeast(1).optional(),
            ParameterDef.integer("samples", "data-set size; default 1 for product and two-unit, "
                    + "required for generated diagonal-net and tanh-net data").atLeast(1).atMost(100_000).optional(),
            ParameterDef.integer("features", "input dimension of generated diagonal-net and tanh-net data")
                    .atLeast(1).atMost(1000).optional(),
            ParameterDef.integer("width", "hidden units of tanh-net (default 4)").atLeast(1).atMost(1000).optional(),
            ParameterDef.integer("sparsity", "non-zero coefficients of generated diagonal-net data (default 1)")
                    .atLeast(0).optional(),
            ParameterDef.integer("data_seed", "seed of generated data and of tanh-net's default start "
                    + "(default 0)").optional(),
            ParameterDef.data("data", "inline data set of diagonal-net or tanh-net").optional(),
            ParameterDef.integer("dim", "dimension of u in the valley model (default 2)")
                    .atLeast(1).atMost(10_000).optional(),
            ParameterDef.integer("steps", "number of iterations").atLeast(1).atMost(1e10),
            ParameterDef.integer("record_every", "iterations between trajectory records "
                    + "(default: steps/100)").atLeast(1).optional(),
            ParameterDef.weights("init", "initial weights as a list, or 'default' for the model's "
                    + "own start", "default").withDefault("default"));

    /** Returns the coordinate columns for a sweep whose largest diagonal network has P features. */
    static List<String> coordinateColumns(int features) {
        List<String> names = new ArrayList<>(FIXED_COORDINATES);
        for (int j = 1; j <= features; j++) {
            names.add("coef_" + j);
        }
        return names;
    }

    /** Returns the columns after k or step: clocks, state, coordinates at w and z, and the limit. */
    static List<String> stateColumns(int features) {
        List<String> coordinates = coordinateColumns(features);
        List<String> columns = new ArrayList<>(STATE);
        columns.addAll(coordinates);
        for (String c : coordinates) {
            columns.add(c + "_z");
        }
        for (String c : coordinates) {
            columns.add("limit_" + c);
        }
        columns.add("limit_gap");
        return columns;
    }

    static List<String> observableColumns(int features) {
        List<String> columns = new ArrayList<>(List.of("k", "sigma_eff"));
        columns.addAll(stateColumns(features));
        return List.copyOf(columns);
    }

    static List<String> trajectoryColumns(int features) {
        List<String> columns = new ArrayList<>(List.of("step"));
        columns.addAll(stateColumns(features));
        return List.copyOf(columns);
    }

    /** Returns the largest coefficient count of a diagonal network among the sweep's values. */
    static int maxFeatures(Map<String, List<Object>> values) {
        List<Object> models = values.getOrDefault("model", List.of());
        if (!models.contains("diagonal-net")) {
            return 0;
        }
        int max = 0;
        for (Object f : values.getOrDefault("features", List.of())) {
            max = Math.max(max, ((Number) f).intValue());
        }
        for (Object d : values.getOrDefault("data", List.of())) {
            max = Math.max(max, RegressionData.parse((String) d).features());
        }
        return max;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ParameterDef> parameters() {
        return PARAMETERS;
    }

    /** Returns the observables of sweeps without a diagonal network. */
    @Override
    public List<String> observables() {
        return observableColumns(0);
    }

    @Override
    public List<String> observables(Map<String, List<Object>> values) {
        return observableColumns(maxFeatures(values));
    }

    @Override
    public List<String> trajectoryColumns(Map<String, List<Object>> values) {
        return trajectoryColumns(maxFeatures(values));
    }

    /** Steps: the models are small, so the step count sets the work. */
    @Override
    public double relativeCost(Parameters p) {
        return p.integer("steps");
    }

    @Override
    public Map<String, String> inapplicable(Parameters p) {
        NoiseType noise = NoiseType.fromId(p.choice("noise"));
        boolean bernoulli = noise.usesMask() && p.has("mask") && "bernoulli".equals(p.choice("mask"));
        boolean valley = "valley".equals(p.choice("model"));
        String type = "noise '" + noise.id() + "'";
        Map<String, String> out = new LinkedHashMap<>();
        noiseParameters(p, noise, bernoulli, type, out);
        modelParameters(p, valley, out);
        return out;
    }

    /** Adds the noise-level parameters that the point's noise type does not use. */
    private static void noiseParameters(Parameters p, NoiseType noise, boolean bernoulli, String type,
            Map<String, String> out) {
        if (p.has("mask") && !noise.usesMask()) {
            out.put("mask", "mask applies only to noise dropout or dropconnect, not " + type);
        }
        if (p.has("keep") && !bernoulli) {
            out.put("keep", "keep applies only to noise dropout or dropconnect with mask bernoulli, not "
                    + type + (noise.usesMask() ? " with mask " + p.get("mask") : ""));
        }
        if (p.has("sigma") && (noise == NoiseType.NONE || noise == NoiseType.MINIBATCH || bernoulli)) {
            out.put("sigma", "sigma does not apply to " + type + (bernoulli ? " with mask bernoulli, "
                    + "whose level is sigma^2 = (1 - keep)/keep" : "")
                    + (noise == NoiseType.MINIBATCH ? ", whose level is sigma^2 = samples/batch_size - 1" : ""));
        }
        if (p.has("temperature") && noise != NoiseType.SGLD) {
            out.put("temperature", "temperature applies only to noise sgld, not " + type);
        }
        if (p.has("batch_size") && !noise.usesBatch()) {
            out.put("batch_size", "batch_size applies only to noise minibatch or label-sgd, not " + type);
        }
    }

    /** Adds the model and data parameters that the point's model does not use. */
    private static void modelParameters(Parameters p, boolean valley, Map<String, String> out) {
        String model = p.choice("model");
        boolean dataModel = Models.DATA_MODELS.contains(model);
        boolean inline = dataModel && p.has("data");
        if (p.has("samples") && (valley || inline)) {
            out.put("samples", valley ? "samples does not apply to model 'valley', whose data size is dim"
                    : "samples does not apply when data is given inline");
        }
        if (p.has("dim") && !valley) {
            out.put("dim", "dim applies only to model 'valley'");
        }
        if (p.has("data") && !dataModel) {
            out.put("data", "data applies only to models diagonal-net and tanh-net, not '" + model + "'");
        }
        for (String generated : List.of("features", "data_seed")) {
            if (p.has(generated) && (!dataModel || inline) && !(generated.equals("data_seed")
                    && "tanh-net".equals(model))) {
                out.put(generated, generated + " applies only to generated diagonal-net and tanh-net data"
                        + (generated.equals("data_seed") ? ", and to tanh-net's default start" : ""));
            }
        }
        if (p.has("sparsity") && (!"diagonal-net".equals(model) || inline)) {
            out.put("sparsity", "sparsity applies only to generated diagonal-net data");
        }
        if (p.has("width") && !"tanh-net".equals(model)) {
            out.put("width", "width applies only to model 'tanh-net'");
        }
    }

    @Override
    public void validate(Parameters p) {
        NoiseType noise = NoiseType.fromId(p.choice("noise"));
        String model = p.choice("model");
        String mode = p.choice("mode");
        String mask = p.has("mask") ? p.choice("mask") : null;

        if (noise.usesMask()) {
            require(p, "mask", "noise '" + noise.id() + "' needs mask: bernoulli or gaussian");
            if ("bernoulli".equals(mask)) {
                require(p, "keep", "mask 'bernoulli' needs keep, the keep probability in (0, 1]");
            } else {
                require(p, "sigma", "mask 'gaussian' needs sigma, the std of the mask m = 1 + sigma Z");
            }
        }

        switch (noise) {
            case LABEL, LABEL_SGD, PGD, ANTI_PGD -> require(p, "sigma",
                    "noise '" + noise.id() + "' needs sigma, a number >= 0");
            case SGLD -> {
                if (p.has("sigma") == p.has("temperature")) {
                    throw new InvalidParameterException(p.has("sigma") ? "temperature" : "sigma",
                            p.get("temperature"), "noise 'sgld' needs exactly one of sigma and "
                                    + "temperature (sigma^2 = 2 temperature / step_size)");
                }
            }
            default -> {
            }
        }

        int samples = sampleCount(p, model);
        if (noise.usesBatch()) {
            require(p, "batch_size", "noise '" + noise.id() + "' needs batch_size");
            if (samples > 0 && p.integer("batch_size") > samples) {
                throw new InvalidParameterException("batch_size", p.get("batch_size"),
                        "batch_size " + p.integer("batch_size") + " is larger than the data set of "
                                + samples + " samples; use at most " + samples);
            }
        }

        if (noise == NoiseType.DROPOUT && "valley".equals(model)) {
            throw new InvalidParameterException("noise", "dropout",
                    "model 'valley' has no hidden units to drop; use dropconnect");
        }

        if (!"simulate".equals(mode)) {
            if (noise == NoiseType.SGLD || noise == NoiseType.PGD) {
                throw new InvalidParameterException("mode", mode, "noise '" + noise.id()
                        + "' has a stochastic limit, which mode '" + mode + "' does not integrate; "
                        + "use mode simulate");
            }
            if ("bernoulli".equals(mask)) {
                throw new InvalidParameterException("mode", mode, "the limiting flow assumes small "
                        + "Gaussian masks; use mask gaussian or mode simulate");
            }
        }

        if (Models.DATA_MODELS.contains(model) && !p.has("data")
                && (!p.has("samples") || !p.has("features"))) {
            throw new InvalidParameterException(p.has("samples") ? "features" : "samples", null,
                    "model '" + model + "' needs data inline, or samples and features to generate it");
        }
        if (p.has("sparsity") && p.has("features") && p.integer("sparsity") > p.integer("features")) {
            throw new InvalidParameterException("sparsity", p.get("sparsity"),
                    "sparsity exceeds features = " + p.get("features"));
        }
        if (noise == NoiseType.DROPOUT && "diagonal-net".equals(model)) {
            throw new InvalidParameterException("noise", "dropout",
                    "model 'diagonal-net' has no hidden units to drop; use dropconnect");
        }

        String init = (String) p.get("init");
        if (ParameterDef.isWeightList(init)) {
            int expected = Models.create(p).dimension();
            int listed = ParameterDef.parseWeights(init).length;
            if (listed != expected) {
                throw new InvalidParameterException("init", init, "model '" + model + "' has "
                        + expected + " weights but init lists " + listed);
            }
        }
    }

    @Override
    public RunResult run(Parameters p, UniformRandomProvider random) {
        Setup s = new Setup(p);
        return new NoisyGradientDescentRun(s, random).run();
    }

    /**
     * Creates the iteration that a {@code simulate} run of these parameters performs, at its
     * initial weights, without the records and the divergence checks of {@link #run}. Benchmarks
     * time its {@link NoisyStep#step()}.
     *
     * @param p values that passed {@link #validate}
     * @param random the stream the steps draw their noise from
     */
    public static NoisyStep newStep(Parameters p, UniformRandomProvider random) {
        return new Setup(p).newStep(random);
    }

    /** Returns the data-set size of the model the parameters name, or 0 if not yet known. */
    private static int sampleCount(Parameters p, String model) {
        if ("valley".equals(model)) {
            return p.has("dim") ? p.intValue("dim") : Models.DEFAULT_VALLEY_DIM;
        }
        if (Models.DATA_MODELS.contains(model)) {
            if (p.has("data")) {
                return RegressionData.parse((String) p.get("data")).samples();
            }
            return p.has("samples") ? p.intValue("samples") : 0;
        }
        return p.has("samples") ? p.intValue("samples") : Models.DEFAULT_SAMPLES;
    }

    private static void require(Parameters p, String key, String message) {
        if (!p.has(key)) {
            throw new InvalidParameterException(key, null, message);
        }
    }

    /** The typed parameters of one run. */
    static final class Setup {
        final Model model;
        final NoiseType noise;
        final String mode;
        final double alpha;
        /** The user's sigma knob (see {@link NoisyStep}); for sgld from temperature if given. */
        final double sigmaKnob;
        /** The sigma of the clocks tau1 = alpha sigma^2 k and tau2 = alpha^2 sigma^2 k. */
        final double sigmaEffective;
        final NoisyStep.Mask mask;
        final double keep;
        final int batchSize;
        final long steps;
        final long recordEvery;
        final double[] init;

        Setup(Parameters p) {
            model = Models.create(p);
            noise = NoiseType.fromId(p.choice("noise"));
            mode = p.choice("mode");
            alpha = p.real("step_size");
            mask = !p.has("mask") ? null
                    : "gaussian".equals(p.choice("mask")) ? NoisyStep.Mask.GAUSSIAN : NoisyStep.Mask.BERNOULLI;
            keep = p.has("keep") ? p.real("keep") : 1.0;
            batchSize = p.has("batch_size") ? p.intValue("batch_size") : model.samples();
            steps = p.integer("steps");
            recordEvery = p.has("record_every") ? p.integer("record_every")
                    : Math.max(1, steps / DEFAULT_RECORDS);
            String initText = (String) p.get("init");
            init = ParameterDef.isWeightList(initText) ? ParameterDef.parseWeights(initText) : model.defaultInit();

            double knob = p.has("sigma") ? p.real("sigma") : 0.0;
            if (noise == NoiseType.SGLD && p.has("temperature")) {
                knob = Math.sqrt(2.0 * p.real("temperature") / alpha);
            }
            sigmaKnob = knob;
            sigmaEffective = switch (noise) {
                case NONE -> 0.0;
                case MINIBATCH -> Math.sqrt((double) model.samples() / batchSize - 1.0);
                case DROPOUT, DROPCONNECT -> mask == NoisyStep.Mask.BERNOULLI
                        ? Math.sqrt((1.0 - keep) / keep) : knob;
                case PGD -> knob / alpha;
                default -> knob;
            };
        }

        /** Creates the iteration from init, drawing its noise from {@code random}. */
        NoisyStep newStep(UniformRandomProvider random) {
            return new NoisyStep(model, noise, alpha, sigmaKnob, mask, keep, batchSize, init, random);
        }

        /** Returns the clock on which the limit moves, at iteration k. */
        double limitClock(long k) {
            return switch (noise.timeScale()) {
                case TAU1 -> alpha * sigmaEffective * sigmaEffective * k;
                case TAU2 -> alpha * alpha * sigmaEffective * sigmaEffective * k;
                case TRIVIAL -> 0.0;
            };
        }

    }

    /** Returns a summary map with every observable of the given list present and null. */
    static Map<String, Double> emptyObservables(List<String> names) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String name : names) {
            m.put(name, null);
        }
        return m;
    }
}
