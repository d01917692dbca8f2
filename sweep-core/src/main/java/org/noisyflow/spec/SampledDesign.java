package org.noisyflow.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.ParameterDef;

/**
 * A design of {@code count} samples in the unit cube [0, 1)^k, one dimension per parameter, each
 * coordinate mapped onto its parameter's interval by {@link SampledParameter#value}. Sample i is
 * computed from i, the root seed and the group's position alone.
 */
public abstract sealed class SampledDesign implements SampleGroup
        permits RandomDesign, LatinHypercube, SobolDesign {
    private final long count;
    private final List<SampledParameter> sampled;
    private final long groupSeed;

    /**
     * @param count the number of samples, at least 1
     * @param sampled the parameters and their intervals, at least one, in the order written
     * @param sweepSeed the root seed of the sweep
     * @param position the group's position in the sweep file's {@code groups} list, from 0
     */
    SampledDesign(long count, List<SampledParameter> sampled, long sweepSeed, int position) {
        if (count < 1 || sampled.isEmpty()) {
            throw new IllegalArgumentException("a design needs at least one sample and one parameter");
        }
        this.count = count;
        this.sampled = List.copyOf(sampled);
        this.groupSeed = StreamSeeds.groupSeed(sweepSeed, position);
    }

    /** Returns the number of samples. */
    public long count() {
        return count;
    }

    /** Returns the sampled parameters with their intervals, in the order written. */
    public List<SampledParameter> sampled() {
        return sampled;
    }

    /** Returns the seed of this design's own random stream, derived from the root seed and position. */
    long groupSeed() {
        return groupSeed;
    }

    /**
     * Returns the unit coordinates of sample {@code sample}, one per parameter in the order of
     * {@link #sampled()}, each in [0, 1).
     */
    public abstract double[] unitPoint(long sample);

    @Override
    public List<ParameterDef> parameters() {
        List<ParameterDef> defs = new ArrayList<>();
        for (SampledParameter parameter : sampled) {
            defs.add(parameter.def());
        }
        return defs;
    }

    @Override
    public long size() {
        return count;
    }

    @Override
    public void putValues(long position, Map<String, Object> values) {
        if (position < 0 || position >= count) {
            throw new IndexOutOfBoundsException("sample " + position + " outside [0, " + count + ")");
        }
        double[] unit = unitPoint(position);
        for (int d = 0; d < unit.length; d++) {
            SampledParameter parameter = sampled.get(d);
            values.put(parameter.name(), parameter.value(unit[d]));
        }
    }

    @Override
    public Map<String, List<Object>> parameterValues() {
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (SampledParameter parameter : sampled) {
            values.put(parameter.name(), parameter.bounds());
        }
        return values;
    }

    @Override
    public Map<String, Object> toYaml() {
        Map<String, Object> intervals = new LinkedHashMap<>();
        for (SampledParameter parameter : sampled) {
            intervals.put(parameter.name(), parameter.toYaml());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", count);
        body.put("parameters", intervals);
        return Map.of(kind(), body);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((SampledDesign) o).count == count
                && ((SampledDesign) o).groupSeed == groupSeed && ((SampledDesign) o).sampled.equals(sampled);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass().getSimpleName(), count, sampled, groupSeed);
    }

    @Override
    public String toString() {
        return toYaml().toString();
    }
}
