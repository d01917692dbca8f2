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
 * The points of a sweep, decoded on demand from their index. The unfiltered points form a
 * mixed-radix number with one digit per axis, then one per group, the last digit fastest. The
 * points that pass the {@code where} constraints keep that order and are numbered from 0 without
 * gaps (see {@link PointFilter}). Counting needs no points, and a task that owns an index range
 * builds only its own points.
 */
public final class PointSpace implements Iterable<Point> {
    private final SweepSpec spec;
    private final Solver solver;
    private final List<ParameterDef> defs;
    private final PointFilter filter;
    /** Sizes of the axes, then of the groups. */
    private final long[] radices;
    private final long rawCount;
    private final long count;

    PointSpace(SweepSpec spec) {
        this.spec = spec;
        this.solver = spec.solver();
        this.defs = solver.parameters();
        this.filter = spec.where();
        List<Axis> axes = spec.axes();
        List<SampleGroup> groups = spec.groups();
        this.radices = new long[axes.size() + groups.size()];
        long product = 1;
        for (int a = 0; a < axes.size(); a++) {
            radices[a] = axes.get(a).size();
            product = Math.multiplyExact(product, radices[a]);
        }
        for (int g = 0; g < groups.size(); g++) {
            radices[axes.size() + g] = groups.get(g).size();
            product = Math.multiplyExact(product, radices[axes.size() + g]);
        }
        this.rawCount = product;
        if (filter.isEmpty()) {
            this.count = rawCount;
        } else {
            this.count = filter.isIndexed() ? filter.passing() : -1;
        }
    }

    /** Returns the number of points, without building any. */
    public long count() {
        if (count < 0) {
            throw new IllegalStateException("the where constraints of " + spec.source()
                    + " are not indexed yet; only a spec returned by SpecParser has a point count");
        }
        return count;
    }

    /**
     * Returns the number of points before the {@code where} constraints: the product of the
     * axis and group sizes. Equal to {@link #count()} for a sweep without constraints.
     */
    public long rawCount() {
        return rawCount;
    }

    /**
     * Builds the point at {@code index}, with every parameter resolved and the parameters that
     * the solver finds inapplicable there set to null.
     */
    public Point point(long index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("point index " + index + " outside [0, " + count + ")");
        }
        return build(index, resolveRaw(rawIndexOf(index)));
    }

    /** Returns the raw index of the point with index {@code index}. */
    private long rawIndexOf(long index) {
        return filter.isEmpty() ? index : filter.rawIndex(index, raw -> filter.test(resolveRaw(raw)));
    }

    private Point build(long index, Parameters resolved) {
        Parameters applicable = withoutInapplicable(resolved);
        String canonical = PointIds.canonicalText(solver.id(), defs, applicable);
        long idHash = PointIds.digest(canonical);
        return new Point(index, PointIds.hex(idHash), idHash, applicable);
    }

    /** Returns a copy of {@code resolved} with the parameters the solver finds inapplicable set to null. */
    Parameters withoutInapplicable(Parameters resolved) {
        Map<String, String> inapplicable = solver.inapplicable(resolved);
        if (inapplicable.isEmpty()) {
            return resolved;
        }
        Map<String, Object> values = new LinkedHashMap<>(resolved.asMap());
        for (String name : inapplicable.keySet()) {
            values.put(name, null);
        }
        return new Parameters(values);
    }

    /**
     * Returns the parameter values of the unfiltered point with raw index {@code raw}, resolved:
     * reciprocal partners and defaults filled in, before the solver's inapplicable parameters
     * are set to null. The {@code where} constraints are tested on these values.
     */
    Parameters resolveRaw(long raw) {
        if (raw < 0 || raw >= rawCount) {
            throw new IndexOutOfBoundsException("raw point index " + raw + " outside [0, " + rawCount + ")");
        }
        Map<String, Object> specified = new LinkedHashMap<>(spec.fixed());
        long rest = raw;
        List<Axis> axes = spec.axes();
        List<SampleGroup> groups = spec.groups();
        for (int g = groups.size() - 1; g >= 0; g--) {
            long radix = radices[axes.size() + g];
            groups.get(g).putValues(rest % radix, specified);
            rest /= radix;
        }
        for (int a = axes.size() - 1; a >= 0; a--) {
            long radix = radices[a];
            specified.put(axes.get(a).name(), axes.get(a).value(rest % radix));
            rest /= radix;
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
        return range(0, count());
    }

    /**
     * Iterates the points with index in [from, to). With {@code where} constraints, the first
     * point is found through the filter's index and the rest by scanning forward.
     *
     * @throws IndexOutOfBoundsException unless 0 &lt;= from &lt;= to &lt;= {@link #count()}
     */
    public Iterator<Point> range(long from, long to) {
        if (from < 0 || from > to || to > count()) {
            throw new IndexOutOfBoundsException("point range [" + from + ", " + to + ") outside [0, "
                    + count + "]");
        }
        return new Iterator<>() {
            private long next = from;
            private long raw = from < to ? rawIndexOf(from) : -1;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public Point next() {
                if (next >= to) {
                    throw new NoSuchElementException();
                }
                Parameters resolved = resolveRaw(raw);
                while (!filter.test(resolved)) {
                    resolved = resolveRaw(++raw);
                }
                raw++;
                return build(next++, resolved);
            }
        };
    }
}
