package org.noisyflow.spec;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.Solver;

/**
 * The points of a sweep, decoded on demand from their index: the grid is a mixed-radix number
 * whose last axis is the fastest digit. Counting needs no points, and a task that owns an index
 * range builds only its own points.
 */
public final class PointSpace implements Iterable<Point> {
    private final SweepSpec spec;
    private final Solver solver;
    private final List<ParameterDef> defs;
    private final long count;

    PointSpace(SweepSpec spec) {
        this.spec = spec;
        this.solver = spec.solver();
        this.defs = solver.parameters();
        long product = 1;
        for (Axis axis : spec.axes()) {
            product = Math.multiplyExact(product, axis.size());
        }
        this.count = product;
    }

    /** Returns the number of points, without building any. */
    public long count() {
        return count;
    }

    /**
     * Builds the point at {@code index}, with every parameter resolved and the parameters that
     * the solver finds inapplicable there set to null.
     */
    public Point point(long index) {
        Parameters resolved = resolveAt(index);
        Map<String, String> inapplicable = solver.inapplicable(resolved);
        if (!inapplicable.isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>(resolved.asMap());
            for (String name : inapplicable.keySet()) {
                values.put(name, null);
            }
            resolved = new Parameters(values);
        }
        String canonical = PointIds.canonicalText(solver.id(), defs, resolved);
        long idHash = PointIds.digest(canonical);
        return new Point(index, PointIds.hex(idHash), idHash, resolved);
    }

    /** Returns the solver's inapplicable parameters at {@code index}, with their reasons. */
    Map<String, String> inapplicableAt(long index) {
        return solver.inapplicable(resolveAt(index));
    }

    private Parameters resolveAt(long index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("point index " + index + " outside [0, " + count + ")");
        }
        Map<String, Object> specified = new LinkedHashMap<>(spec.fixed());
        long rest = index;
        List<Axis> axes = spec.axes();
        for (int a = axes.size() - 1; a >= 0; a--) {
            Axis axis = axes.get(a);
            long digit = rest % axis.size();
            rest /= axis.size();
            specified.put(axis.name(), axis.value(digit));
        }
        return resolve(specified);
    }

    /** Fills in reciprocal partners and defaults; a parameter with neither stays null. */
    private Parameters resolve(Map<String, Object> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterDef def : defs) {
            values.put(def.name(), given.get(def.name()));
        }
        for (ParameterDef def : defs) {
            if (!def.isDerived()) {
                continue;
            }
            Object derived = values.get(def.name());
            Object base = values.get(def.reciprocalOf());
            // The reciprocal must pass its own domain check: 1/4.9e-324 is infinite.
            if (derived != null && base == null) {
                values.put(def.reciprocalOf(), defNamed(def.reciprocalOf()).coerce(1.0 / (Double) derived));
            } else if (base != null && derived == null) {
                values.put(def.name(), def.coerce(1.0 / (Double) base));
            }
        }
        for (ParameterDef def : defs) {
            if (values.get(def.name()) == null && def.defaultValue() != null) {
                values.put(def.name(), def.defaultValue());
            }
        }
        return new Parameters(values);
    }

    private ParameterDef defNamed(String name) {
        for (ParameterDef def : defs) {
            if (def.name().equals(name)) {
                return def;
            }
        }
        throw new IllegalStateException("no parameter " + name);
    }

    /** Iterates the points in index order, building each one as it is reached. */
    @Override
    public Iterator<Point> iterator() {
        return range(0, count);
    }

    /** Iterates the points with index in [from, to). */
    public Iterator<Point> range(long from, long to) {
        return new Iterator<>() {
            private long next = from;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public Point next() {
                if (next >= to) {
                    throw new NoSuchElementException();
                }
                return point(next++);
            }
        };
    }
}
