package org.noisyflow.solver;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved, typed parameter values of one sweep point: every parameter the solver declares,
 * in declaration order, with defaults filled in and {@code null} where a parameter does not apply.
 */
public final class Parameters implements Serializable {
    private final LinkedHashMap<String, Object> values;

    public Parameters(Map<String, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** Returns all values in declaration order; the map is read-only. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Object get(String name) {
        return values.get(name);
    }

    public double real(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public long integer(String name) {
        return ((Number) require(name)).longValue();
    }

    /** Returns an integer parameter that must fit in an {@code int}, such as a size or a count. */
    public int intValue(String name) {
        return Math.toIntExact(integer(name));
    }

    public String choice(String name) {
        return (String) require(name);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("parameter '" + name + "' has no value at this point");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
