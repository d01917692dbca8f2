package org.noisyflow.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.ParameterType;

/**
 * Reads the {@code groups} list of a sweep file: zip groups and random, lhs and sobol designs.
 * Every problem is a {@link SpecException} naming a key such as {@code groups[1].lhs.count}.
 */
final class GroupParser {
    static final List<String> KINDS = List.of("zip", "random", "lhs", "sobol");
    private static final String DESIGN_FORM = "{count: N, parameters: {name: {low: a, high: b}, ...}}";
    private static final String INTERVAL_FORM = "{low: a, high: b} or {low: a, high: b, log: true}";

    private final SpecParser parser;
    private final String source;
    private final long seed;

    GroupParser(SpecParser parser, String source, long seed) {
        this.parser = parser;
        this.source = source;
        this.seed = seed;
    }

    /**
     * Parses the list and records the key path of every parameter it sets in {@code keyPaths},
     * rejecting a parameter that already has one.
     *
     * @param keyPaths parameter name to the key that gives it; contains the fixed and axis
     *     parameters on entry
     */
    List<SampleGroup> parse(Object node, Map<String, String> keyPaths) {
        List<SampleGroup> groups = new ArrayList<>();
        if (node == null) {
            return groups;
        }
        if (!(node instanceof List<?> entries)) {
            throw new SpecException(source, "groups", node, "'groups' must be a list",
                    "write one '- zip: ...', '- random: ...', '- lhs: ...' or '- sobol: ...' entry per group");
        }
        for (int g = 0; g < entries.size(); g++) {
            String key = "groups[" + g + "]";
            Object entry = entries.get(g);
            if (!(entry instanceof Map<?, ?> map) || map.size() != 1
                    || !KINDS.contains(String.valueOf(map.keySet().iterator().next()))) {
                throw new SpecException(source, key, entry,
                        "a group is a mapping with exactly one of the keys " + String.join(", ", KINDS),
                        "write, for example, '- zip: {n: [100, 200], dt: [0.02, 0.01]}'");
            }
            String kind = (String) map.keySet().iterator().next();
            Object body = map.values().iterator().next();
            String bodyKey = key + "." + kind;
            groups.add("zip".equals(kind) ? zip(bodyKey, body, keyPaths)
                    : design(kind, bodyKey, body, g, keyPaths));
        }
        return groups;
    }

    private ZipGroup zip(String key, Object body, Map<String, String> keyPaths) {
        if (!(body instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new SpecException(source, key, body, "a zip group must be a non-empty mapping of parameters to lists",
                    "write one 'name: values' line per parameter, each values in an axis form");
        }
        List<Axis> members = new ArrayList<>();
        for (Map.Entry<String, Object> e : parser.stringKeys(map, key + ".").entrySet()) {
            String memberKey = key + "." + e.getKey();
            ParameterDef def = parser.knownParameter(e.getKey(), memberKey);
            claim(keyPaths, def, memberKey, e.getValue());
            Axis member = new Axis(def, parser.parseAxisValues(memberKey, e.getValue()));
            parser.checkAxisValues(member, memberKey, true);
            if (!members.isEmpty() && member.size() != members.get(0).size()) {
                Axis first = members.get(0);
                throw new SpecException(source, memberKey, e.getValue(),
                        "the zip lists differ in length: " + def.name() + " has " + member.size()
                                + " values but " + first.name() + " has " + first.size(),
                        "give every list of the group the same number of values");
            }
            members.add(member);
        }
        return new ZipGroup(members);
    }

    private SampledDesign design(String kind, String key, Object body, int position,
            Map<String, String> keyPaths) {
        if (!(body instanceof Map<?, ?> raw)) {
            throw new SpecException(source, key, body, "a " + kind + " design must be a mapping",
                    "write " + kind + ": " + DESIGN_FORM);
        }
        Map<String, Object> map = parser.stringKeys(raw, key + ".");
        for (String k : map.keySet()) {
            if (!Set.of("count", "parameters").contains(k)) {
                throw new SpecException(source, key + "." + k, null, "unknown key in a " + kind + " design",
                        "use only 'count' and 'parameters'");
            }
        }
        long count = count(key + ".count", map.get("count"));
        Object parameters = map.get("parameters");
        if (!(parameters instanceof Map<?, ?> intervals) || intervals.isEmpty()) {
            throw new SpecException(source, key + ".parameters", parameters,
                    "a " + kind + " design needs a non-empty mapping 'parameters'",
                    "write parameters: {name: " + INTERVAL_FORM + ", ...}");
        }
        List<SampledParameter> sampled = new ArrayList<>();
        for (Map.Entry<String, Object> e : parser.stringKeys(intervals, key + ".parameters.").entrySet()) {
            String parameterKey = key + ".parameters." + e.getKey();
            ParameterDef def = parser.knownParameter(e.getKey(), parameterKey);
            claim(keyPaths, def, parameterKey, e.getValue());
            sampled.add(interval(parameterKey, def, e.getValue()));
        }
        return switch (kind) {
            case "random" -> new RandomDesign(count, sampled, seed, position);
            case "lhs" -> new LatinHypercube(count, sampled, seed, position);
            default -> {
                if (sampled.size() > SobolDesign.MAX_DIMENSION) {
                    throw new SpecException(source, key + ".parameters", null, "a sobol design has "
                            + sampled.size() + " parameters, but Commons Math's Sobol sequence has at most "
                            + SobolDesign.MAX_DIMENSION + " dimensions",
                            "split the parameters over several designs");
                }
                yield new SobolDesign(count, sampled, seed, position);
            }
        };
    }

    private long count(String key, Object value) {
        String fix = "give the number of samples, an integer from 1 to " + SpecParser.MAX_POINTS;
        if (value == null) {
            throw new SpecException(source, key, null, "the count is missing", fix);
        }
        if (!(value instanceof Integer || value instanceof Long)
                || ((Number) value).longValue() < 1 || ((Number) value).longValue() > SpecParser.MAX_POINTS) {
            throw new SpecException(source, key, value, "the count must be an integer from 1 to "
                    + SpecParser.MAX_POINTS, fix);
        }
        return ((Number) value).longValue();
    }

    private SampledParameter interval(String key, ParameterDef def, Object node) {
        if (def.type() != ParameterType.REAL && def.type() != ParameterType.INTEGER) {
            throw new SpecException(source, key, node, "only numeric parameters can be sampled, and "
                    + def.name() + " is of type " + def.type().name().toLowerCase(java.util.Locale.ROOT),
                    "list its values under 'axes' or in a zip group");
        }

        String fix = "write " + def.name() + ": " + INTERVAL_FORM;
        if (!(node instanceof Map<?, ?> raw)) {
            throw new SpecException(source, key, node, "a sampled parameter needs an interval", fix);
        }
        Map<String, Object> map = parser.stringKeys(raw, key + ".");
        for (String k : map.keySet()) {
            if (!Set.of("low", "high", "log").contains(k)) {
                throw new SpecException(source, key + "." + k, null, "unknown key in an interval",
                        "use only 'low', 'high' and 'log'");
            }
        }

        double low = bound(key + ".low", def, map.get("low"), fix);
        double high = bound(key + ".high", def, map.get("high"), fix);
        if (!(low < high)) {
            throw new SpecException(source, key, node, "low must be below high",
                    "swap the bounds, or give a parameter with one value under 'parameters'");
        }

        Object log = map.getOrDefault("log", false);
        if (!(log instanceof Boolean)) {
            throw new SpecException(source, key + ".log", log, "log must be true or false",
                    "write 'log: true' for log-uniform values, or leave the key out");
        }
        boolean logUniform = (Boolean) log;
        double minimum = def.type() == ParameterType.INTEGER ? 1 : Double.MIN_VALUE;
        if (logUniform && low < minimum) {
            throw new SpecException(source, key + ".low", map.get("low"), "log-uniform values need low "
                    + (def.type() == ParameterType.INTEGER ? ">= 1 for an integer parameter" : "> 0"),
                    "raise low, or drop 'log: true'");
        }
        return new SampledParameter(def, low, high, logUniform);
    }

    /** Reads one bound, a number in the parameter's domain; whole and below 2^53 for integers. */
    private double bound(String key, ParameterDef def, Object value, String fix) {
        if (value == null) {
            throw new SpecException(source, key, null, "the bound is missing", fix);
        }
        if (!(value instanceof Number) || value instanceof BigInteger) {
            throw new SpecException(source, key, value, "the bound must be a number", fix);
        }
        double bound = ((Number) value).doubleValue();
        if (def.type() == ParameterType.INTEGER && Math.abs(bound) >= 0x1p53) {
            throw new SpecException(source, key, value, "integer bounds must lie within +-2^53",
                    "use a smaller bound");
        }
        try {
            Object canonical = def.coerce(value);
            return ((Number) canonical).doubleValue();
        } catch (InvalidParameterException e) {
            throw new SpecException(source, key, value, e.getMessage(), "change the bound");
        }
    }

    /** Records that {@code key} gives the parameter, or rejects a parameter given twice. */
    private void claim(Map<String, String> keyPaths, ParameterDef def, String key, Object value) {
        String earlier = keyPaths.get(def.name());
        if (earlier != null) {
            throw new SpecException(source, key, value,
                    "the parameter " + def.name() + " is already given at '" + earlier + "'",
                    "give each parameter in one place: under 'parameters', under 'axes' or in one group");
        }
        keyPaths.put(def.name(), key);
    }
}
