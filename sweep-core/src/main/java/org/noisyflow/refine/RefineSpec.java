package org.noisyflow.refine;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.ParameterType;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.Solver;
import org.noisyflow.spec.Axis;
import org.noisyflow.spec.Point;
import org.noisyflow.spec.PointIds;
import org.noisyflow.spec.SpecException;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A sweep file with a {@code refine} section: the validated sweep and its refinement settings.
 *
 * <p>A slice is one combination of the values of the axes other than {@code along} (and other
 * than {@code across} in 2-D). Its coarse grid is the {@code along} axis.
 */
public record RefineSpec(SweepSpec spec, RefineSettings settings) implements Serializable {
    /** Solvers that draw no random numbers, so that replicates repeat the same result. */
    static final Set<String> DETERMINISTIC = Set.of("sphere-stationary", "sphere-pde", "sphere-aggregation-pde");
    private static final List<String> KEYS = List.of("along", "across", "across_tolerance", "observable",
            "criterion", "threshold", "tolerance", "budget", "replicates");
    /** Upper bound on the run budget, far above any sensible use, to catch typos such as 1e12. */
    static final long MAX_BUDGET = 100_000_000L;
    /** Upper bound on the replicates of one point. */
    static final int MAX_REPLICATES = 10_000;

    /** Reads and validates the sweep file at {@code file}, which must have a refine section. */
    public static RefineSpec parse(Path file) {
        SweepSpec spec = SpecParser.parse(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(file.toString(), "(file)", null, "the file could not be read again: "
                    + e.getMessage(), "check its permissions");
        }
        return of(spec, SpecParser.topLevelValue(text, file.toString(), "refine"));
    }

    /** Parses and validates sweep-file text with a refine section; {@code source} names it in messages. */
    public static RefineSpec parse(String text, String source) {
        SweepSpec spec = SpecParser.parse(text, source);
        return of(spec, SpecParser.topLevelValue(text, source, "refine"));
    }

    private static RefineSpec of(SweepSpec spec, Object section) {
        return new RefineSpec(spec, new SettingsParser(spec).parse(section));
    }

    /**
     * Returns the hex SHA-256 of the resolved sweep and the refine settings: equal for files that
     * refine the same points alike.
     */
    public String hash() {
        String text = spec.hash() + "\n" + settings.canonicalText();
        return HexFormat.of().formatHex(PointIds.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the resolved sweep file: the sweep's resolved YAML followed by the refine section. */
    public String toYaml() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("refine", settings.toYaml());
        String refine = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                .dumpToString(doc);
        return spec.toYaml() + refine;
    }

    /**
     * The slices of the sweep.
     *
     * @param slices in order of their first point in the sweep's expansion
     */
    public record Slices(List<Slice> slices) implements Serializable {
    }

    /**
     * One slice: the values of the other axes, and its coarse points by their value of
     * {@code along} (and of {@code across} in 2-D).
     *
     * @param index position in {@link Slices#slices()}
     * @param values the other axes' values by name, in axis order
     * @param coarse the coarse points by their coordinates: the {@code along} value for 1-D
     *     refinement, and {@code [across, along]} for 2-D refinement
     */
    public record Slice(int index, Map<String, Object> values, Map<List<Double>, Point> coarse)
            implements Serializable {

        /** Returns the sorted distinct coarse values of the coordinate at {@code position}. */
        public double[] grid(int position) {
            return coarse.keySet().stream().mapToDouble(key -> key.get(position)).distinct().sorted().toArray();
        }

        /** Returns any coarse point, whose parameters serve as the template of refined points. */
        public Point template() {
            return coarse.values().iterator().next();
        }
    }

    /** Groups the sweep's points into slices. */
    public Slices slices() {
        Map<List<Object>, Slice> byKey = new LinkedHashMap<>();
        for (Point point : spec.points()) {
            List<Object> key = new ArrayList<>();
            Map<String, Object> values = new LinkedHashMap<>();
            for (Axis axis : spec.axes()) {
                if (!axis.name().equals(settings.along()) && !axis.name().equals(settings.across())) {
                    key.add(point.parameters().get(axis.name()));
                    values.put(axis.name(), point.parameters().get(axis.name()));
                }
            }
            Slice slice = byKey.computeIfAbsent(key, k -> new Slice(byKey.size(), values, new LinkedHashMap<>()));
            slice.coarse().put(coordinates(point.parameters()), point);
        }
        return new Slices(List.copyOf(byKey.values()));
    }

    /** Returns the refined coordinates of a point: [along], or [across, along] in 2-D. */
    public List<Double> coordinates(Parameters parameters) {
        double x = parameters.real(settings.along());
        return settings.across() == null ? List.of(x) : List.of(parameters.real(settings.across()), x);
    }

    /**
     * Builds the point of a slice at the given refined coordinates: the template's parameters with
     * {@code along} (and {@code across}) replaced, their reciprocal partners recomputed, and the
     * parameters the solver finds inapplicable there set to null. The id hashes the full-precision
     * values, as every point id does.
     *
     * @param index the point index to give it
     * @param coordinates [along], or [across, along] in 2-D
     */
    public Point point(Slice slice, List<Double> coordinates, long index) {
        Point known = slice.coarse().get(coordinates);
        if (known != null) {
            return known;
        }
        Solver solver = spec.solver();
        Map<String, Object> values = new LinkedHashMap<>(slice.template().parameters().asMap());
        put(values, solver, settings.along(), coordinates.get(coordinates.size() - 1));
        if (settings.across() != null) {
            put(values, solver, settings.across(), coordinates.get(0));
        }
        Parameters parameters = new Parameters(values);
        Map<String, String> inapplicable = solver.inapplicable(parameters);
        if (!inapplicable.isEmpty()) {
            for (String name : inapplicable.keySet()) {
                values.put(name, null);
            }
            parameters = new Parameters(values);
        }
        long idHash = PointIds.digest(PointIds.canonicalText(solver.id(), solver.parameters(), parameters));
        return new Point(index, PointIds.hex(idHash), idHash, parameters);
    }

    private static void put(Map<String, Object> values, Solver solver, String name, double value) {
        values.put(name, value);
        for (ParameterDef def : solver.parameters()) {
            if (name.equals(def.reciprocalOf())) {
                values.put(def.name(), def.coerce(1.0 / value));
            }
        }
    }

    /** Reads the refine section, naming the file, key, value and fix of every problem. */
    private static final class SettingsParser {
        private final SweepSpec spec;
        private final String source;

        SettingsParser(SweepSpec spec) {
            this.spec = spec;
            this.source = spec.source();
        }

        RefineSettings parse(Object section) {
            if (section == null) {
                throw new SpecException(source, "refine", null, "the section is missing, so there is nothing to refine",
                        "add a refine section with along, observable, criterion, tolerance and budget, or run the "
                                + "file with 'sweep run'");
            }
            if (!(section instanceof Map<?, ?> raw)) {
                throw new SpecException(source, "refine", section, "the section must be a mapping of keys to values",
                        "write 'refine:' followed by indented keys such as 'along: beta'");
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : raw.entrySet()) {
                if (!(e.getKey() instanceof String key) || !KEYS.contains(key)) {
                    throw new SpecException(source, "refine." + e.getKey(), null, "unknown key",
                            "use only " + String.join(", ", KEYS));
                }
                map.put(key, e.getValue());
            }
            if (!spec.groups().isEmpty() || !spec.where().isEmpty()) {
                throw new SpecException(source, spec.groups().isEmpty() ? "where" : "groups", null,
                        "refinement slices the grid of the axes, so it does not take groups or where constraints",
                        "write the swept parameters as axes and drop the constraints");
            }

            Axis along = axis(map, "along");
            Axis across = map.containsKey("across") ? axis(map, "across") : null;
            if (across != null && across.name().equals(along.name())) {
                throw new SpecException(source, "refine.across", across.name(), "across names the same axis as along",
                        "name another swept real parameter, or remove the key for 1-D refinement");
            }
            double acrossTolerance = Double.NaN;
            if (across != null) {
                acrossTolerance = positive(map, "across_tolerance", "the cell width along " + across.name()
                        + " below which cells are not split, for example 'across_tolerance: 0.05'");
            } else if (map.containsKey("across_tolerance")) {
                throw new SpecException(source, "refine.across_tolerance", map.get("across_tolerance"),
                        "across_tolerance applies only to 2-D refinement", "add 'across' or remove the key");
            }

            Solver solver = spec.solver();
            String observable = text(map, "observable");
            List<String> observables = solver.observables(spec.parameterValues());
            if (!observables.contains(observable)) {
                throw new SpecException(source, "refine.observable", observable, "solver '" + solver.id()
                        + "' has no such observable here", "use one of " + String.join(", ", observables));
            }

            String criterionText = text(map, "criterion");
            Criterion criterion = null;
            for (Criterion c : Criterion.values()) {
                if (c.key().equals(criterionText)) {
                    criterion = c;
                }
            }
            if (criterion == null) {
                throw new SpecException(source, "refine.criterion", criterionText, "unknown criterion",
                        "use threshold (a crossing of a given value), jump (the largest jump) or variance (the "
                                + "peak of the replicate variance)");
            }
            double threshold = Double.NaN;
            if (criterion == Criterion.THRESHOLD) {
                threshold = finite(map, "threshold", "give the value of the observable that marks the boundary, "
                        + "for example 'threshold: 0.1'");
            } else if (map.containsKey("threshold")) {
                throw new SpecException(source, "refine.threshold", map.get("threshold"), "threshold applies only to "
                        + "criterion threshold", "remove the key, or use 'criterion: threshold'");
            }
            if (across != null && criterion != Criterion.THRESHOLD) {
                throw new SpecException(source, "refine.criterion", criterionText, "2-D refinement finds the cells "
                        + "that a threshold crossing passes through, so it needs criterion threshold",
                        "use 'criterion: threshold', or remove 'across'");
            }

            double tolerance = positive(map, "tolerance", "give the bracket width along " + along.name()
                    + " at which a slice is converged, for example 'tolerance: 1.0e-4'");
            double[] grid = sortedValues(along);
            if (tolerance >= grid[grid.length - 1] - grid[0]) {
                throw new SpecException(source, "refine.tolerance", map.get("tolerance"), "the tolerance is not below "
                        + "the range " + (grid[grid.length - 1] - grid[0]) + " of axis " + along.name()
                        + ", so no round would refine", "give a smaller tolerance, or a wider axis");
            }

            int initial = spec.replicates();
            int max = initial;
            if (map.containsKey("replicates")) {
                int[] pair = replicates(map.get("replicates"));
                initial = pair[0];
                max = pair[1];
            }
            if (DETERMINISTIC.contains(solver.id()) && (initial > 1 || max > 1)) {
                throw new SpecException(source, map.containsKey("replicates") ? "refine.replicates" : "replicates",
                        map.containsKey("replicates") ? map.get("replicates") : spec.replicates(), "solver '"
                        + solver.id() + "' draws no random numbers, so replicates repeat the same result",
                        "use one replicate: remove the key or set it to {initial: 1, max: 1}");
            }
            if (criterion == Criterion.VARIANCE && initial < 2) {
                throw new SpecException(source, "refine.replicates.initial", initial, "the variance criterion needs "
                        + "at least two replicates per point", "set 'replicates: {initial: 4, max: 4}' or similar");
            }

            long budget = budget(map.get("budget"));
            long coarseRuns = spec.points().count() * initial;
            if (budget < coarseRuns) {
                throw new SpecException(source, "refine.budget", budget, "the budget is below the " + coarseRuns
                        + " runs of the coarse grid of round 0 (" + spec.points().count() + " points x " + initial
                        + " replicates)", "give a budget of at least " + coarseRuns + ", or coarsen the axes");
            }
            return new RefineSettings(along.name(), across == null ? null : across.name(), acrossTolerance, observable,
                    criterion, threshold, tolerance, budget, initial, max);
        }

        private Axis axis(Map<String, Object> map, String key) {
            String name = text(map, key);
            List<String> real = new ArrayList<>();
            for (Axis axis : spec.axes()) {
                if (axis.def().type() == ParameterType.REAL && axis.size() >= 2) {
                    real.add(axis.name());
                }
            }
            for (Axis axis : spec.axes()) {
                if (axis.name().equals(name)) {
                    if (axis.def().type() != ParameterType.REAL) {
                        throw new SpecException(source, "refine." + key, name, "the axis is not of real values, so "
                                + "it cannot be split", real.isEmpty() ? "sweep a real parameter such as beta"
                                : "use one of " + String.join(", ", real));
                    }
                    if (axis.size() < 2) {
                        throw new SpecException(source, "refine." + key, name, "the axis has one value, so there is "
                                + "no range to refine", "give the axis at least two values, the ends of the range");
                    }
                    return axis;
                }
            }
            throw new SpecException(source, "refine." + key, name, "no axis of the sweep has this name",
                    real.isEmpty() ? "add an axis of real values, such as beta, and name it here"
                            : "use one of " + String.join(", ", real));
        }

        private double[] sortedValues(Axis axis) {
            double[] values = new double[(int) axis.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Number) axis.value(i)).doubleValue();
            }
            java.util.Arrays.sort(values);
            return values;
        }

        private String text(Map<String, Object> map, String key) {
            Object value = map.get(key);
            if (value == null) {
                throw new SpecException(source, "refine." + key, null, "the key is missing",
                        "add '" + key + ": ...' under refine");
            }
            if (!(value instanceof String s)) {
                throw new SpecException(source, "refine." + key, value, "the value must be text", "give a name");
            }
            return s;
        }

        private double finite(Map<String, Object> map, String key, String fix) {
            Object value = map.get(key);
            if (value == null) {
                throw new SpecException(source, "refine." + key, null, "the key is missing", fix);
            }
            if (!(value instanceof Integer || value instanceof Long || value instanceof Double)
                    || !Double.isFinite(((Number) value).doubleValue())) {
                throw new SpecException(source, "refine." + key, value, "the value must be a finite number", fix);
            }
            return ((Number) value).doubleValue();
        }

        private double positive(Map<String, Object> map, String key, String fix) {
            double value = finite(map, key, fix);
            if (value <= 0) {
                throw new SpecException(source, "refine." + key, map.get(key), "the value must be positive", fix);
            }
            return value;
        }

        private long budget(Object value) {
            String fix = "give the largest number of runs of all rounds together, an integer from 1 to "
                    + MAX_BUDGET + ", for example 'budget: 400'";
            if (value == null) {
                throw new SpecException(source, "refine.budget", null, "the key is missing", fix);
            }
            if (value instanceof BigInteger || !(value instanceof Integer || value instanceof Long)
                    || ((Number) value).longValue() < 1 || ((Number) value).longValue() > MAX_BUDGET) {
                throw new SpecException(source, "refine.budget", value, "the budget must be an integer from 1 to "
                        + MAX_BUDGET, fix);
            }
            return ((Number) value).longValue();
        }

        private int[] replicates(Object value) {
            String fix = "write 'replicates: {initial: 1, max: 8}' with integers 1 <= initial <= max <= "
                    + MAX_REPLICATES;
            if (!(value instanceof Map<?, ?> map)) {
                throw new SpecException(source, "refine.replicates", value, "the value must be a mapping with "
                        + "initial and max", fix);
            }
            for (Object key : map.keySet()) {
                if (!"initial".equals(key) && !"max".equals(key)) {
                    throw new SpecException(source, "refine.replicates." + key, null, "unknown key", fix);
                }
            }
            int initial = replicateCount(map.get("initial"), "initial", fix);
            int max = map.containsKey("max") ? replicateCount(map.get("max"), "max", fix) : initial;
            if (max < initial) {
                throw new SpecException(source, "refine.replicates.max", max, "max is below initial " + initial, fix);
            }
            return new int[] {initial, max};
        }

        private int replicateCount(Object value, String key, String fix) {
            if (value == null) {
                throw new SpecException(source, "refine.replicates." + key, null, "the key is missing", fix);
            }
            if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
                    || ((Number) value).longValue() > MAX_REPLICATES) {
                throw new SpecException(source, "refine.replicates." + key, value, "the value must be an integer "
                        + "from 1 to " + MAX_REPLICATES, fix);
            }
            return ((Number) value).intValue();
        }
    }

    /** Formats a value of the refined coordinate for tables: enough digits to tell 1e-6 apart. */
    public static String format(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.7g", value);
    }
}
