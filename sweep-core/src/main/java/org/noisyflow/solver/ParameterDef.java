package org.noisyflow.solver;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Declaration of one solver parameter: its name, type, domain and default.
 *
 * <p>The domain is separate from how a sweep generates values: the spec layer produces candidate
 * values from lists, linspace and so on, and {@link #coerce} turns each into the canonical Java
 * type ({@code Double}, {@code Long} or {@code String}) or rejects it.
 *
 * @param name the key in the sweep file and the column name in the output
 * @param type the value type
 * @param description one line for help texts and docs
 * @param min lower bound for numbers, or {@code null}
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper bound for numbers, or {@code null}
 * @param choices allowed values of a {@link ParameterType#CHOICE}, otherwise empty
 * @param defaultValue value used when the spec leaves the parameter out, or {@code null}
 * @param required whether the spec must give a value (directly or through {@code reciprocalOf})
 * @param reciprocalOf name of the parameter this one is the reciprocal of (temperature is
 *     1/beta), or {@code null}. Exactly one of a reciprocal pair may be given.
 */
public record ParameterDef(
        String name,
        ParameterType type,
        String description,
        Double min,
        boolean minInclusive,
        Double max,
        List<String> choices,
        Object defaultValue,
        boolean required,
        String reciprocalOf) implements Serializable {

    /** Maximum length of a value rendering in a message, in characters. */
    public static final int MAX_SHOWN_CHARS = 200;
    /** Mapping keys that {@link #show} writes without quotes, as a sweep file would. */
    private static final java.util.regex.Pattern SIMPLE_KEY = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    public ParameterDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
    }

    /** Declares a required real parameter with no bounds. */
    public static ParameterDef real(String name, String description) {
        return new ParameterDef(name, ParameterType.REAL, description, null, true, null,
                List.of(), null, true, null);
    }

    /** Declares a required integer parameter with no bounds. */
    public static ParameterDef integer(String name, String description) {
        return new ParameterDef(name, ParameterType.INTEGER, description, null, true, null,
                List.of(), null, true, null);
    }

    /** Declares a required choice parameter. */
    public static ParameterDef choice(String name, String description, String... choices) {
        return new ParameterDef(name, ParameterType.CHOICE, description, null, true, null,
                List.of(choices), null, true, null);
    }

    /** Declares a required weights parameter: a list of numbers or one of the named values. */
    public static ParameterDef weights(String name, String description, String... names) {
        return new ParameterDef(name, ParameterType.WEIGHTS, description, null, true, null,
                List.of(names), null, true, null);
    }

    /** Declares a required data-set parameter. */
    public static ParameterDef data(String name, String description) {
        return new ParameterDef(name, ParameterType.DATA, description, null, true, null,
                List.of(), null, true, null);
    }

    /** Returns a copy whose values must be strictly greater than {@code bound}. */
    public ParameterDef greaterThan(double bound) {
        return new ParameterDef(name, type, description, bound, false, max, choices,
                defaultValue, required, reciprocalOf);
    }

    /** Returns a copy whose values must be at least {@code bound}. */
    public ParameterDef atLeast(double bound) {
        return new ParameterDef(name, type, description, bound, true, max, choices,
                defaultValue, required, reciprocalOf);
    }

    /** Returns a copy whose values must be at most {@code bound}. */
    public ParameterDef atMost(double bound) {
        return new ParameterDef(name, type, description, min, minInclusive, bound, choices,
                defaultValue, required, reciprocalOf);
    }

    /** Returns a copy that is optional and takes {@code value} when left out. */
    public ParameterDef withDefault(Object value) {
        return new ParameterDef(name, type, description, min, minInclusive, max, choices,
                value, false, reciprocalOf);
    }

    /** Returns a copy that is optional with no default: the solver decides when it applies. */
    public ParameterDef optional() {
        return new ParameterDef(name, type, description, min, minInclusive, max, choices,
                null, false, reciprocalOf);
    }

    /** Returns a copy that is the reciprocal of {@code other}: giving one determines both. */
    public ParameterDef reciprocalOf(String other) {
        return new ParameterDef(name, type, description, min, minInclusive, max, choices,
                null, false, other);
    }

    /** Returns whether this parameter is computed from its reciprocal partner and so left out of point ids. */
    public boolean isDerived() {
        return reciprocalOf != null;
    }

    /**
     * Converts a value from the sweep file to the canonical type and checks the domain.
     *
     * @throws InvalidParameterException naming the key, the value and the allowed values
     */
    public Object coerce(Object raw) {
        return switch (type) {
            case REAL -> checkRange(toReal(raw), raw);
            case INTEGER -> {
                long v = toInteger(raw);
                checkRange((double) v, raw);
                yield v;
            }
            case CHOICE -> toChoice(raw);
            case WEIGHTS -> raw instanceof java.util.List<?> list ? toWeights(list, raw) : toChoice(raw);
            case DATA -> toData(raw);
        };
    }

    /**
     * Parses the canonical text of a {@link ParameterType#DATA} value into {x rows..., y}: the
     * returned array has the N rows of x followed by y as its last element.
     */
    public static double[][] parseData(String canonical) {
        Object doc = new org.snakeyaml.engine.v2.api.Load(
                org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(canonical);
        java.util.Map<?, ?> map = (java.util.Map<?, ?>) doc;
        java.util.List<?> x = (java.util.List<?>) map.get("x");
        java.util.List<?> y = (java.util.List<?>) map.get("y");
        double[][] out = new double[x.size() + 1][];
        for (int n = 0; n < x.size(); n++) {
            out[n] = numbers((java.util.List<?>) x.get(n));
        }
        out[x.size()] = numbers(y);
        return out;
    }

    private static double[] numbers(java.util.List<?> list) {
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) list.get(i)).doubleValue();
        }
        return v;
    }

    /** Parses the canonical text of a {@link ParameterType#WEIGHTS} list back to numbers. */
    public static double[] parseWeights(String canonical) {
        String inner = canonical.substring(1, canonical.length() - 1).trim();
        if (inner.isEmpty()) {
            return new double[0];
        }
        String[] parts = inner.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i].trim());
        }
        return values;
    }

    /** Returns whether a canonical {@link ParameterType#WEIGHTS} value is a list, not a name. */
    public static boolean isWeightList(String canonical) {
        return canonical.startsWith("[");
    }

    /** Describes the allowed values, for error messages and help texts. */
    public String domainText() {
        if (type == ParameterType.CHOICE) {
            return "one of " + String.join(", ", choices);
        }
        if (type == ParameterType.WEIGHTS) {
            return "a list of numbers or one of " + String.join(", ", choices);
        }
        if (type == ParameterType.DATA) {
            return "a mapping {x: [[...], ...], y: [...]} with one row of x per entry of y";
        }
        String kind = type == ParameterType.REAL ? "a finite number" : "an integer";
        if (min != null && max != null) {
            return kind + " in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + "]";
        }
        if (min != null) {
            return kind + (minInclusive ? " >= " : " > ") + fmt(min);
        }
        if (max != null) {
            return kind + " <= " + fmt(max);
        }
        return kind;
    }

    private double toReal(Object raw) {
        if (raw instanceof Double || raw instanceof Float || raw instanceof Integer
                || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            double v = ((Number) raw).doubleValue();
            if (!Double.isFinite(v)) {
                throw invalid(raw, "must be finite");
            }
            return v;
        }
        throw invalid(raw, "has the wrong type " + typeName(raw));
    }

    private long toInteger(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short
                || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Double || raw instanceof Float) {
            double v = ((Number) raw).doubleValue();
            if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 0x1p53) {
                return (long) v;
            }
            throw invalid(raw, "is not a whole number");
        }
        throw invalid(raw, "has the wrong type " + typeName(raw));
    }

    private String toWeights(java.util.List<?> list, Object raw) {
        StringBuilder text = new StringBuilder("[");
        for (Object element : list) {
            if (!(element instanceof Double || element instanceof Integer || element instanceof Long)
                    || !Double.isFinite(((Number) element).doubleValue())) {
                throw invalid(raw, "contains " + show(element) + ", which is not a finite number");
            }
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(((Number) element).doubleValue());
        }
        return text.append(']').toString();
    }

    private String toData(Object raw) {
        if (!(raw instanceof java.util.Map<?, ?> map) || !map.containsKey("x") || !map.containsKey("y")
                || map.size() != 2) {
            throw invalid(raw, "is not a mapping with exactly the keys x and y");
        }
        if (!(map.get("x") instanceof java.util.List<?> rows) || rows.isEmpty()
                || !(map.get("y") instanceof java.util.List<?> targets)) {
            throw invalid(raw, "needs x as a non-empty list of rows and y as a list");
        }
        if (targets.size() != rows.size()) {
            throw invalid(raw, "has " + rows.size() + " rows of x but " + targets.size() + " values of y");
        }
        StringBuilder text = new StringBuilder("{x: [");
        int width = -1;
        for (int n = 0; n < rows.size(); n++) {
            if (!(rows.get(n) instanceof java.util.List<?> row) || row.isEmpty()) {
                throw invalid(raw, "has row " + n + " of x that is not a non-empty list");
            }
            if (width >= 0 && row.size() != width) {
                throw invalid(raw, "has rows of x of different lengths " + width + " and " + row.size());
            }
            width = row.size();
            text.append(n == 0 ? "" : ", ").append(toWeights(row, raw));
        }
        return text.append("], y: ").append(toWeights(targets, raw)).append('}').toString();
    }

    private String toChoice(Object raw) {
        if (raw instanceof String s) {
            if (choices.contains(s)) {
                return s;
            }
            throw invalid(raw, "is not a known value");
        }
        throw invalid(raw, "has the wrong type " + typeName(raw));
    }

    private double checkRange(double v, Object raw) {
        boolean belowMin = min != null && (minInclusive ? v < min : v <= min);
        boolean aboveMax = max != null && v > max;
        if (belowMin || aboveMax) {
            throw invalid(raw, "is out of range");
        }
        return v;
    }

    private InvalidParameterException invalid(Object raw, String problem) {
        return new InvalidParameterException(name, raw,
                "value " + show(raw) + " " + problem + "; " + name + " must be " + domainText());
    }

    /**
     * Formats a spec value for messages on one line: strings quoted with their line breaks and
     * other control characters escaped, lists, sets and mappings in YAML flow style. Output longer than
     * {@link #MAX_SHOWN_CHARS} is cut and ends in "...", and the rendering stops there, so a value
     * that contains itself or millions of elements costs no more than a short one.
     */
    public static String show(Object raw) {
        StringBuilder text = new StringBuilder();
        appendShown(text, raw);
        return text.length() <= MAX_SHOWN_CHARS ? text.toString() : text.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    /** Appends the rendering of raw to text, stopping soon after text exceeds MAX_SHOWN_CHARS. */
    private static void appendShown(StringBuilder text, Object raw) {
        if (text.length() > MAX_SHOWN_CHARS) {
            return;
        }
        if (raw instanceof String s) {
            text.append('\'');
            for (int i = 0; i < s.length() && text.length() <= MAX_SHOWN_CHARS; i++) {
                char c = s.charAt(i);
                if (c == '\n') {
                    text.append("\\n");
                } else if (c == '\t') {
                    text.append("\\t");
                } else if (Character.isISOControl(c)) {
                    text.append(String.format("\\u%04x", (int) c));
                } else {
                    text.append(c);
                }
            }
            text.append('\'');
        } else if (raw instanceof byte[] bytes) {
            text.append("(binary, ").append(bytes.length).append(" bytes)");
        } else if (raw instanceof java.util.Collection<?> collection) {
            // A !!set renders as a flow mapping of keys, as YAML writes it.
            boolean set = raw instanceof java.util.Set<?>;
            text.append(set ? "!!set {" : "[");
            boolean first = true;
            for (Object element : collection) {
                if (text.length() > MAX_SHOWN_CHARS) {
                    break;
                }
                text.append(first ? "" : ", ");
                first = false;
                appendShown(text, element);
            }
            text.append(set ? '}' : ']');
        } else if (raw instanceof java.util.Map<?, ?> map) {
            text.append('{');
            boolean first = true;
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                if (text.length() > MAX_SHOWN_CHARS) {
                    break;
                }
                text.append(first ? "" : ", ");
                first = false;
                if (e.getKey() instanceof String name && SIMPLE_KEY.matcher(name).matches()) {
                    text.append(name);
                } else {
                    appendShown(text, e.getKey());
                }
                text.append(": ");
                appendShown(text, e.getValue());
            }
            text.append('}');
        } else {
            text.append(raw);
        }
    }

    private static String typeName(Object raw) {
        if (raw == null) {
            return "null";
        }
        if (raw instanceof String) {
            return "string";
        }
        if (raw instanceof java.util.Map) {
            return "mapping";
        }
        if (raw instanceof java.util.List) {
            return "list";
        }
        if (raw instanceof Boolean) {
            return "boolean";
        }
        if (raw instanceof byte[]) {
            return "binary";
        }
        if (raw instanceof java.math.BigInteger) {
            return "integer outside the 64-bit range";
        }
        return raw.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
