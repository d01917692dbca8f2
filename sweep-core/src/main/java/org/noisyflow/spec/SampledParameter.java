package org.noisyflow.spec;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.ParameterType;

/**
 * One parameter of a random, Latin-hypercube or Sobol design: the interval that the design's
 * unit coordinate u in [0, 1) is mapped onto.
 *
 * <p>A real parameter takes {@code x = low + u (high - low)}, or with {@code log} the
 * log-uniform {@code x = exp(ln low + u (ln high - ln low))}. An integer parameter takes
 * {@code floor(x)} of the same map onto [low, high + 1), so every integer k of [low, high] can
 * occur, with the share of [0, 1) that the map sends onto [k, k + 1). Results that rounding
 * pushes outside [low, high] are clamped back.
 *
 * @param def the solver's declaration; {@link ParameterType#REAL} or {@link ParameterType#INTEGER}
 * @param low the lower bound, a value in the parameter's domain
 * @param high the upper bound, above {@code low} and in the parameter's domain
 * @param log whether the values are log-uniform; then {@code low > 0}, and {@code low >= 1} for
 *     integers
 */
public record SampledParameter(ParameterDef def, double low, double high, boolean log)
        implements Serializable {

    public String name() {
        return def.name();
    }

    /** Maps the unit coordinate {@code u} in [0, 1) to the parameter's canonical value. */
    public Object value(double u) {
        if (def.type() == ParameterType.INTEGER) {
            double x = scale(u, low, high + 1.0);
            long k = (long) Math.floor(x);
            return def.coerce(Math.min(Math.max(k, (long) low), (long) high));
        }
        double x = scale(u, low, high);
        return def.coerce(Math.min(Math.max(x, low), high));
    }

    private double scale(double u, double from, double to) {
        if (log) {
            double logFrom = Math.log(from);
            return Math.exp(logFrom + u * (Math.log(to) - logFrom));
        }
        return from + u * (to - from);
    }

    /** Returns [low, high] as canonical values. */
    public List<Object> bounds() {
        return List.of(def.coerce(low), def.coerce(high));
    }

    /** Returns the form written in a sweep file: {@code {low: a, high: b}}, with {@code log: true} if set. */
    public Object toYaml() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("low", def.coerce(low));
        form.put("high", def.coerce(high));
        if (log) {
            form.put("log", true);
        }
        return form;
    }
}
