package org.noisyflow.spec;

import java.io.Serializable;
import java.util.List;

/**
 * How a sweep axis generates its values, before they are checked against the parameter's domain.
 * Every form is index-addressable, so an axis is never materialised.
 */
public sealed interface AxisValues extends Serializable {

    /** Number of values. */
    long size();

    /** The value at {@code index}, as a {@code Double}, {@code Long} or {@code String}. */
    Object raw(long index);

    /** The form as written in a sweep file, for the resolved spec. */
    Object toYaml();

    /** A plain list of values. */
    record ListForm(List<Object> values) implements AxisValues {
        public ListForm {
            values = List.copyOf(values);
        }

        @Override
        public long size() {
            return values.size();
        }

        @Override
        public Object raw(long index) {
            return values.get(Math.toIntExact(index));
        }

        @Override
        public Object toYaml() {
            return values;
        }
    }

    /** {@code count} evenly spaced values from {@code start} to {@code stop}, both included. */
    record Linspace(double start, double stop, long count) implements AxisValues {
        @Override
        public long size() {
            return count;
        }

        @Override
        public Object raw(long index) {
            return linspace(start, stop, count, index);
        }

        @Override
        public Object toYaml() {
            return java.util.Map.of("linspace", List.of(start, stop, count));
        }
    }

    /** {@code 10^e} for {@code count} evenly spaced exponents e from startExp to stopExp. */
    record Logspace(double startExp, double stopExp, long count) implements AxisValues {
        @Override
        public long size() {
            return count;
        }

        @Override
        public Object raw(long index) {
            return Math.pow(10.0, linspace(startExp, stopExp, count, index));
        }

        @Override
        public Object toYaml() {
            return java.util.Map.of("logspace", List.of(startExp, stopExp, count));
        }
    }

    /** Integers from {@code start} in steps of {@code step} up to {@code stop}, included if hit. */
    record IntRange(long start, long stop, long step) implements AxisValues {
        @Override
        public long size() {
            // stop - start can overflow a long, although the count fits.
            return java.math.BigInteger.valueOf(stop).subtract(java.math.BigInteger.valueOf(start))
                    .divide(java.math.BigInteger.valueOf(step)).longValueExact() + 1;
        }

        @Override
        public Object raw(long index) {
            return start + index * step;
        }

        @Override
        public Object toYaml() {
            return java.util.Map.of("range", List.of(start, stop, step));
        }
    }

    /**
     * Returns the index-th of count evenly spaced values. The endpoints are returned exactly, so
     * that {@code stop} never comes out as {@code stop - ulp}.
     */
    private static double linspace(double start, double stop, long count, long index) {
        if (count == 1 || index == 0) {
            return start;
        }
        if (index == count - 1) {
            return stop;
        }
        return start + (stop - start) * ((double) index / (double) (count - 1));
    }
}
