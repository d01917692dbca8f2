package org.noisyflow.spec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.ParameterType;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.SolverRegistry;

/**
 * Reads a sweep file (YAML 1.2) into a {@link SweepSpec}, checking every key and value.
 *
 * <p>Every problem is reported as a {@link SpecException} that names the file, the key, the value
 * and the fix. After the keys are checked, every point of the expansion is passed through the
 * solver's cross-parameter checks, so a spec that parses never fails validation on an executor.
 */
public final class SpecParser {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final List<String> TOP_KEYS =
            List.of("name", "solver", "seed", "replicates", "timeout", "description", "parameters", "axes",
                    "groups", "where", "refine");
    /** Upper bound on a run's time limit: 30 days. */
    private static final double MAX_TIMEOUT_SECONDS = 30 * 24 * 3600.0;
    /** Upper bound on replicates, far above any sensible use, to catch typos such as 1e9. */
    private static final int MAX_REPLICATES = 1_000_000;
    /** Largest number of values in one axis. */
    static final long MAX_AXIS_VALUES = 10_000_000L;
    /**
     * Largest number of points in a sweep. Validation visits every point on the driver, so this
     * bounds the time before the first task starts to well under a minute.
     */
    static final long MAX_POINTS = 10_000_000L;

    private final String source;
    /** The solver's parameters by name, and its id, once the solver key is read. */
    private Map<String, ParameterDef> defs;
    private String solverId;

    private SpecParser(String source) {
        this.source = source;
    }

    /** Reads and validates the sweep file at {@code file}. */
    public static SweepSpec parse(Path file) {
        String text;
        if (Files.isDirectory(file)) {
            throw new SpecException(file.toString(), "(file)", null, "the path is a directory",
                    "give the path of a sweep file, for example conf/heisenberg-s2.yaml");
        }
        try {
            // A UTF-8 file has at least as many bytes as characters, so this rejects no file that
            // SpecYaml accepts, and it does so before reading a huge file into memory.
            long bytes = Files.size(file);
            if (bytes > SpecYaml.MAX_CHARS) {
                throw new SpecException(file.toString(), "(file)", null, "the file has " + bytes
                        + " bytes, more than the limit of " + SpecYaml.MAX_CHARS, SpecYaml.shortenFix());
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecException(file.toString(), "(file)", null, "the file does not exist",
                    "check the path, for example conf/heisenberg-s2.yaml");
        } catch (CharacterCodingException e) {
            throw new SpecException(file.toString(), "(file)", null, "the file is not valid UTF-8 text",
                    "save it as UTF-8, which is what YAML 1.2 files use");
        } catch (IOException e) {
            throw new SpecException(file.toString(), "(file)", null,
                    "the file could not be read: " + e.getMessage(), "check its permissions");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and validates sweep-file text.
     *
     * @param text the YAML document
     * @param source the file name or label used in error messages
     */
    public static SweepSpec parse(String text, String source) {
        return new SpecParser(source).parseDocument(text);
    }

    /**
     * Returns the value of a top-level key of sweep-file text, or null when the key is absent.
     * The text is loaded with the limits of {@link #parse(String, String)} but not validated, so
     * call this after {@code parse} has accepted the same text.
     */
    public static Object topLevelValue(String text, String source, String key) {
        Object doc = SpecYaml.load(text, source);
        return doc instanceof Map<?, ?> top ? top.get(key) : null;
    }

    private SweepSpec parseDocument(String text) {
        Object doc = SpecYaml.load(text, source);
        if (!(doc instanceof Map<?, ?> top)) {
            throw new SpecException(source, "(document)", null,
                    doc == null ? "the document is empty" : "the document is not a mapping of keys to values",
                    "start from conf/heisenberg-s2.yaml, which has the keys " + TOP_KEYS);
        }
        Map<String, Object> root = stringKeys(top, "");
        for (String key : root.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw new SpecException(source, key, null, "unknown top-level key",
                        "use only " + String.join(", ", TOP_KEYS)
                                + " and put solver parameters under 'parameters', 'axes' or 'groups'");
            }
        }

        String name = requireString(root, "name");
        if (!NAME.matcher(name).matches()) {
            throw new SpecException(source, "name", name,
                    "a sweep name may contain only lower-case letters, digits and '-'",
                    "rename it, for example to 'heisenberg-s2'");
        }
        String solverId = requireString(root, "solver");
        Solver solver = SolverRegistry.find(solverId).orElseThrow(() -> new SpecException(
                source, "solver", solverId, "no solver is registered under this id",
                "use one of " + String.join(", ", SolverRegistry.ids())));
        long seed = parseSeed(root.get("seed"));
        int replicates = parseReplicates(root.get("replicates"));
        double timeout = parseTimeout(root.get("timeout"));
        if (root.containsKey("description") && !(root.get("description") instanceof String)) {
            throw new SpecException(source, "description", root.get("description"),
                    "the description must be text", textFix(root.get("description")));
        }

        defs = new LinkedHashMap<>();
        for (ParameterDef def : solver.parameters()) {
            defs.put(def.name(), def);
        }
        this.solverId = solverId;
        Map<String, Object> fixed = parseFixed(root.get("parameters"), defs, solverId);
        List<Axis> axes = parseAxes(root.get("axes"), defs, fixed, solverId);
        Map<String, String> keyPaths = keyPaths(fixed, axes);
        List<SampleGroup> groups = new GroupParser(this, source, seed).parse(root.get("groups"), keyPaths);
        checkReciprocals(defs, keyPaths);
        checkRequired(defs, keyPaths);
        for (ParameterDef def : defs.values()) {
            if (!keyPaths.containsKey(def.name()) && def.defaultValue() != null) {
                fixed.put(def.name(), def.defaultValue());
            }
        }
        List<Constraint> constraints = new WhereParser(source, defs, solverId).parse(root.get("where"), keyPaths);

        long points = 1;
        List<Long> sizes = new ArrayList<>();
        axes.forEach(axis -> sizes.add(axis.size()));
        groups.forEach(group -> sizes.add(group.size()));
        for (long size : sizes) {
            points = points > MAX_POINTS ? points : points * size;
        }
        if (points > MAX_POINTS) {
            String factors = groups.isEmpty() ? "axes" : "groups";
            throw new SpecException(source, factors, null, "the axes and groups expand to more than "
                    + MAX_POINTS + " points", "split the sweep into several files or use fewer values per "
                    + (groups.isEmpty() ? "axis" : "axis and fewer samples per group"));
        }
        SweepSpec draft = new SweepSpec(source, name, solverId, seed, replicates, fixed, axes, groups,
                PointFilter.of(constraints), timeout, (String) root.get("description"));
        return validatePoints(draft, solver, keyPaths);
    }

    private Map<String, Object> parseFixed(Object node, Map<String, ParameterDef> defs,
            String solverId) {
        Map<String, Object> fixed = new LinkedHashMap<>();
        if (node == null) {
            return fixed;
        }
        if (!(node instanceof Map<?, ?> map)) {
            throw new SpecException(source, "parameters", node, "'parameters' must be a mapping",
                    "write one 'key: value' line per parameter under it");
        }
        for (Map.Entry<String, Object> e : stringKeys(map, "parameters.").entrySet()) {
            String key = "parameters." + e.getKey();
            ParameterDef def = knownParameter(defs, e.getKey(), key, solverId);
            Object raw = e.getValue();
            boolean listValue = raw instanceof List<?> && def.type() == ParameterType.WEIGHTS;
            boolean mapValue = raw instanceof Map<?, ?> && def.type() == ParameterType.DATA;
            if ((raw instanceof List<?> && !listValue) || (raw instanceof Map<?, ?> && !mapValue)) {
                throw new SpecException(source, key, raw, "a fixed parameter takes one value",
                        "to sweep it, move it under 'axes'");
            }
            fixed.put(def.name(), coerce(def, raw, key));
        }
        return fixed;
    }

    private List<Axis> parseAxes(Object node, Map<String, ParameterDef> defs,
            Map<String, Object> fixed, String solverId) {
        List<Axis> axes = new ArrayList<>();
        if (node == null) {
            return axes;
        }
        if (!(node instanceof Map<?, ?> map)) {
            throw new SpecException(source, "axes", node, "'axes' must be a mapping",
                    "write one 'name: values' line per swept parameter under it");
        }
        for (Map.Entry<String, Object> e : stringKeys(map, "axes.").entrySet()) {
            String key = "axes." + e.getKey();
            ParameterDef def = knownParameter(defs, e.getKey(), key, solverId);
            if (fixed.containsKey(def.name())) {
                throw new SpecException(source, key, e.getValue(),
                        "the parameter is both fixed under 'parameters' and swept under 'axes'",
                        "keep it in one of the two");
            }
            Axis axis = new Axis(def, parseAxisValues(key, e.getValue()));
            checkAxisValues(axis, key, false);
            axes.add(axis);
        }
        return axes;
    }

    AxisValues parseAxisValues(String key, Object node) {
        if (node instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new SpecException(source, key, node, "the axis is empty",
                        "give at least one value");
            }
            if (list.contains(null)) {
                throw new SpecException(source, key, node, "entry " + (list.indexOf(null) + 1)
                        + " of the axis is empty (null)", "give a value there or remove the entry");
            }
            return new AxisValues.ListForm(new ArrayList<>(list));
        }
        if (node instanceof Map<?, ?> map && map.size() == 1) {
            Object form = map.keySet().iterator().next();
            Object args = map.values().iterator().next();
            if ("linspace".equals(form) || "logspace".equals(form)) {
                double[] startStop = new double[2];
                long count = numericTriple(key, node, String.valueOf(form), args, startStop);
                if (count < 1) {
                    throw new SpecException(source, key, node, "the axis is empty (count " + count + ")",
                            "give a count of at least 1");
                }
                if (count > MAX_AXIS_VALUES) {
                    throw tooLong(key, node);
                }
                if (count > 1 && startStop[0] == startStop[1]) {
                    throw new SpecException(source, key, node,
                            "start equals stop, so every value is the same",
                            "use a plain list with the one value, or different bounds");
                }
                return "linspace".equals(form)
                        ? new AxisValues.Linspace(startStop[0], startStop[1], count)
                        : new AxisValues.Logspace(startStop[0], startStop[1], count);
            }
            if ("range".equals(form)) {
                long[] v = integerTriple(key, node, args);
                if (v[2] == 0) {
                    throw new SpecException(source, key, node, "the step is 0",
                            "use a non-zero integer step");
                }
                java.math.BigInteger span = java.math.BigInteger.valueOf(v[1]).subtract(java.math.BigInteger.valueOf(v[0]));
                if (span.signum() * Long.signum(v[2]) < 0) {
                    throw new SpecException(source, key, node,
                            "the axis is empty: stepping from start never reaches stop",
                            "swap start and stop or change the sign of the step");
                }
                java.math.BigInteger count = span.divide(java.math.BigInteger.valueOf(v[2])).add(java.math.BigInteger.ONE);
                if (count.compareTo(java.math.BigInteger.valueOf(MAX_AXIS_VALUES)) > 0) {
                    throw tooLong(key, node);
                }
                return new AxisValues.IntRange(v[0], v[1], v[2]);
            }
        }
        throw new SpecException(source, key, node, "not a recognised axis form",
                "write a list [a, b, c], {linspace: [start, stop, count]}, "
                        + "{logspace: [startExp, stopExp, count]} or {range: [start, stop, step]}");
    }

    private SpecException tooLong(String key, Object node) {
        return new SpecException(source, key, node, "the axis has more than " + MAX_AXIS_VALUES + " values",
                "use fewer values");
    }

    /** Reads [start, stop, count] into startStop and returns count. */
    private long numericTriple(String key, Object node, String form, Object args, double[] startStop) {
        String fix = "write {" + form + ": [start, stop, count]} with numbers, for example {"
                + form + ": [1.0, 8.0, 15]}";
        if (!(args instanceof List<?> list) || list.size() != 3) {
            throw new SpecException(source, key, node, form + " needs exactly three values", fix);
        }
        for (int i = 0; i < 2; i++) {
            Object v = list.get(i);
            if (!(v instanceof Number n) || v instanceof BigInteger || !Double.isFinite(n.doubleValue())) {
                throw new SpecException(source, key, node, "start and stop must be finite numbers"
                        + (v instanceof BigInteger ? ", and integers must lie between -2^63 and 2^63-1" : ""), fix);
            }
            startStop[i] = n.doubleValue();
        }
        Object count = list.get(2);
        if (count instanceof BigInteger big) {
            // An integer beyond 64 bits is far above the axis limit or far below 1.
            if (big.signum() > 0) {
                throw tooLong(key, node);
            }
            throw new SpecException(source, key, node, "the axis is empty (count " + big + ")",
                    "give a count of at least 1");
        }
        if (!(count instanceof Integer || count instanceof Long)) {
            throw new SpecException(source, key, node, "the count must be an integer", fix);
        }
        return ((Number) count).longValue();
    }

    private long[] integerTriple(String key, Object node, Object args) {
        String fix = "write {range: [start, stop, step]} with integers, for example {range: [2, 10, 2]}";
        if (!(args instanceof List<?> list) || list.size() != 3) {
            throw new SpecException(source, key, node, "range needs exactly three values", fix);
        }
        long[] v = new long[3];
        for (int i = 0; i < 3; i++) {
            Object x = list.get(i);
            if (x instanceof BigInteger) {
                throw new SpecException(source, key, node, "range takes integers between -2^63 and 2^63-1 only", fix);
            }
            if (!(x instanceof Integer || x instanceof Long)) {
                throw new SpecException(source, key, node, "range takes integers only", fix);
            }
            v[i] = ((Number) x).longValue();
        }
        return v;
    }

    /**
     * Coerces every value of the axis and rejects repeated values: any repeat in a list unless
     * {@code listRepeatsAllowed} (as in a zip group), and equal neighbours in the generated forms,
     * whose values are monotonic.
     */
    void checkAxisValues(Axis axis, String key, boolean listRepeatsAllowed) {
        Set<Object> seen = new HashSet<>();
        boolean list = axis.values() instanceof AxisValues.ListForm;
        Object previous = null;
        for (long i = 0; i < axis.size(); i++) {
            Object raw = axis.values().raw(i);
            Object value = coerce(axis.def(), raw, key);
            boolean repeated = list ? !seen.add(value) && !listRepeatsAllowed : value.equals(previous);
            if (repeated) {
                throw new SpecException(source, key, raw, "the value appears twice in the axis"
                        + (list ? "" : ": the values are closer than the number format resolves"),
                        "remove the repeat; use 'replicates' for repeated runs");
            }
            previous = value;
        }
    }

    private Object coerce(ParameterDef def, Object raw, String key) {
        try {
            return def.coerce(raw);
        } catch (InvalidParameterException e) {
            throw new SpecException(source, key, raw, e.getMessage(), "change the value");
        }
    }

    /** Returns the solver's declaration of {@code name}, or rejects the name at {@code key}. */
    ParameterDef knownParameter(String name, String key) {
        return knownParameter(defs, name, key, solverId);
    }

    private ParameterDef knownParameter(Map<String, ParameterDef> defs, String name, String key,
            String solverId) {
        ParameterDef def = defs.get(name);
        if (def == null) {
            throw new SpecException(source, key, null,
                    "solver '" + solverId + "' has no parameter '" + name + "'",
                    "use one of " + String.join(", ", defs.keySet()));
        }
        return def;
    }

    private static Map<String, String> keyPaths(Map<String, Object> fixed, List<Axis> axes) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String name : fixed.keySet()) {
            paths.put(name, "parameters." + name);
        }
        for (Axis axis : axes) {
            paths.put(axis.name(), "axes." + axis.name());
        }
        return paths;
    }

    private void checkReciprocals(Map<String, ParameterDef> defs, Map<String, String> keyPaths) {
        for (ParameterDef def : defs.values()) {
            if (def.isDerived() && keyPaths.containsKey(def.name())
                    && keyPaths.containsKey(def.reciprocalOf())) {
                throw new SpecException(source, keyPaths.get(def.name()), null,
                        "both '" + def.name() + "' and '" + def.reciprocalOf() + "' are given, but "
                                + def.name() + " = 1/" + def.reciprocalOf(),
                        "give only one of them");
            }
        }
    }

    private void checkRequired(Map<String, ParameterDef> defs, Map<String, String> keyPaths) {
        for (ParameterDef def : defs.values()) {
            if (!def.required() || keyPaths.containsKey(def.name())) {
                continue;
            }
            String alias = null;
            for (ParameterDef other : defs.values()) {
                if (def.name().equals(other.reciprocalOf())) {
                    alias = other.name();
                }
            }
            if (alias != null && keyPaths.containsKey(alias)) {
                continue;
            }
            String either = alias == null ? "'" + def.name() + "'"
                    : "'" + def.name() + "' (or '" + alias + "')";
            throw new SpecException(source, "parameters." + def.name(), null,
                    "the required parameter " + either + " is missing; it must be "
                            + def.domainText(),
                    "add it under 'parameters', or under 'axes' or 'groups' to sweep it");
        }
    }

    /** Returns ": a=1, b=2" with the point's values of the swept parameters, or "" without a point. */
    private static String sweptValues(SweepSpec spec, Parameters parameters) {
        if (parameters == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(":");
        for (String name : spec.axisNames()) {
            text.append(text.length() == 1 ? " " : ", ").append(name).append('=').append(parameters.get(name));
        }
        return text.toString();
    }

    /**
     * Returns the fix for a solver's rejection of a point. A value that the file does not give is
     * the parameter's default, so the fix is to add the key, not to change or remove it.
     */
    private static String pointFix(Solver solver, InvalidParameterException e, boolean keyInFile) {
        if (e.value() == null) {
            return "add the key under 'parameters', or under 'axes' or 'groups' to sweep it";
        }
        if (!keyInFile) {
            return "add '" + e.key() + "' under 'parameters' with a value that meets this rule, because its "
                    + "default " + ParameterDef.show(e.value()) + " does not";
        }
        boolean hasDefault = solver.parameters().stream()
                .anyMatch(def -> def.name().equals(e.key()) && def.defaultValue() != null);
        return hasDefault ? "change the value, or remove the key to use its default"
                : "change the value as the message says";
    }

    /**
     * Visits every point of the product in raw order: tests the {@code where} constraints, runs
     * the solver's checks at each point that passes, and rejects a given parameter that the
     * solver finds inapplicable at every such point. Returns the spec with its filter indexed.
     */
    private SweepSpec validatePoints(SweepSpec draft, Solver solver, Map<String, String> keyPaths) {
        Set<String> unused = new java.util.LinkedHashSet<>(keyPaths.keySet());
        PointSpace points = draft.points();
        List<Constraint> constraints = draft.where().constraints();
        PointFilter.Indexer indexer = new PointFilter.Indexer(draft.where(), points.rawCount());
        long[] keptByConstraint = new long[constraints.size()];
        Parameters firstPassing = null;
        for (long raw = 0; raw < points.rawCount(); raw++) {
            Parameters parameters = null;
            try {
                Parameters resolved = points.resolveRaw(raw);
                boolean passes = true;
                for (int c = 0; c < constraints.size(); c++) {
                    boolean kept = constraints.get(c).test(resolved);
                    keptByConstraint[c] += kept ? 1 : 0;
                    passes &= kept;
                }
                indexer.add(passes);
                if (!passes) {
                    continue;
                }
                firstPassing = firstPassing == null ? resolved : firstPassing;
                parameters = points.withoutInapplicable(resolved);
                Parameters current = parameters;
                unused.removeIf(name -> current.get(name) != null);
                solver.validate(parameters);
            } catch (InvalidParameterException e) {
                throw pointInvalid(draft, e, solver, keyPaths, parameters, indexer.passing());
            }
        }
        if (firstPassing == null) {
            throw allRejected(draft, keptByConstraint, points.rawCount());
        }
        for (String name : unused) {
            String reason = solver.inapplicable(firstPassing).get(name);
            if (reason != null) {
                Object value = draft.fixed().get(name);
                for (Axis axis : draft.axes()) {
                    if (axis.name().equals(name)) {
                        value = axis.values().toYaml();
                    }
                }
                throw new SpecException(source, keyPaths.get(name), value, reason,
                        "remove the key, or add a case it applies to");
            }
        }
        PointFilter indexed = constraints.isEmpty() ? draft.where() : indexer.build();
        return new SweepSpec(source, draft.name(), draft.solverId(), draft.seed(), draft.replicates(),
                draft.fixed(), draft.axes(), draft.groups(), indexed, draft.timeout(), draft.description());
    }

    /**
     * Turns the solver's rejection of a point into a spec error on the key that gives the value.
     *
     * @param index the point's index among the points that pass the constraints
     */
    private SpecException pointInvalid(SweepSpec draft, InvalidParameterException e, Solver solver,
            Map<String, String> keyPaths, Parameters parameters, long index) {
        String key = keyPaths.getOrDefault(e.key(), "parameters." + e.key());
        for (ParameterDef def : solver.parameters()) {
            // beta computed from a given temperature, or the reverse: name the key given.
            if (e.key().equals(def.reciprocalOf()) && keyPaths.containsKey(def.name())) {
                key = keyPaths.get(def.name());
            } else if (def.name().equals(e.key()) && def.isDerived()
                    && keyPaths.containsKey(def.reciprocalOf())) {
                key = keyPaths.get(def.reciprocalOf());
            }
        }
        String where = draft.axes().isEmpty() && draft.groups().isEmpty() ? ""
                : " (at point " + index + sweptValues(draft, parameters) + ")";
        return new SpecException(source, key, e.value(), e.getMessage() + where,
                pointFix(solver, e, keyPaths.containsValue(key)));
    }

    private SpecException allRejected(SweepSpec draft, long[] keptByConstraint, long rawCount) {
        List<String> texts = new ArrayList<>();
        List<String> keptCounts = new ArrayList<>();
        for (int c = 0; c < keptByConstraint.length; c++) {
            Constraint constraint = draft.where().constraints().get(c);
            texts.add(constraint.text());
            keptCounts.add("where[" + c + "] keeps " + keptByConstraint[c]);
        }
        String points = rawCount == 1 ? "the only point" : "all " + rawCount + " points";
        return new SpecException(source, "where", texts, "the constraints reject " + points
                + " of the axes and groups; on its own, " + String.join(", ", keptCounts),
                "loosen or remove the constraints that keep fewest points, or widen the axes and groups");
    }

    private String requireString(Map<String, Object> root, String key) {
        Object v = root.get(key);
        if (v == null) {
            throw new SpecException(source, key, null, "the key is missing",
                    "add '" + key + ": ...' at the top level");
        }
        if (!(v instanceof String s)) {
            throw new SpecException(source, key, v, "the value must be text", textFix(v));
        }
        return s;
    }

    /** Returns the fix for a value that should be text: quoting helps a scalar, not a list or mapping. */
    private static String textFix(Object value) {
        return value instanceof List<?> || value instanceof Map<?, ?>
                ? "give one text value, not a list or mapping" : "quote it";
    }

    private long parseSeed(Object v) {
        String fix = "give an integer between -2^63 and 2^64-1, for example 'seed: 12345'";
        if (v == null) {
            throw new SpecException(source, "seed", null, "the root seed is missing", fix);
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger big && big.signum() > 0 && big.bitLength() <= 64) {
            return big.longValue();
        }
        throw new SpecException(source, "seed", v, "the seed is not a 64-bit integer", fix);
    }

    private int parseReplicates(Object v) {
        if (v == null) {
            return 1;
        }
        if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= 1
                && ((Number) v).longValue() <= MAX_REPLICATES) {
            return ((Number) v).intValue();
        }
        throw new SpecException(source, "replicates", v,
                "replicates must be an integer from 1 to " + MAX_REPLICATES,
                "give the number of independent runs per point, for example 'replicates: 2'");
    }

    /** Returns the per-run time limit in seconds, 0 when the file gives none. */
    private double parseTimeout(Object v) {
        if (v == null) {
            return 0.0;
        }
        if ((v instanceof Integer || v instanceof Long || v instanceof Double)
                && ((Number) v).doubleValue() > 0 && ((Number) v).doubleValue() <= MAX_TIMEOUT_SECONDS) {
            return ((Number) v).doubleValue();
        }
        throw new SpecException(source, "timeout", v, "timeout must be a number of seconds in (0, "
                + (long) MAX_TIMEOUT_SECONDS + "]", "give the wall-clock limit of one run in seconds, for example "
                + "'timeout: 600', or remove the key for no limit");
    }

    Map<String, Object> stringKeys(Map<?, ?> map, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new SpecException(source, prefix + ParameterDef.show(e.getKey()), null,
                        "keys must be names, not numbers or other values", "quote the key or rename it");
            }
            out.put(k, e.getValue());
        }
        return out;
    }
}
