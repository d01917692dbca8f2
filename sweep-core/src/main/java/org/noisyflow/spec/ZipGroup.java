package org.noisyflow.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.noisyflow.solver.ParameterDef;

/**
 * Parameters advanced together: the tuple at position i contains the i-th value of every list.
 *
 * @param members one axis-like list per parameter, all of the same length, in the order written
 */
public record ZipGroup(List<Axis> members) implements SampleGroup {

    public ZipGroup {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a zip group needs at least one parameter");
        }
        long size = members.get(0).size();
        for (Axis member : members) {
            if (member.size() != size) {
                throw new IllegalArgumentException("zip lists differ in length: " + member.name()
                        + " has " + member.size() + " values, " + members.get(0).name() + " has " + size);
            }
        }
    }

    @Override
    public String kind() {
        return "zip";
    }

    @Override
    public List<ParameterDef> parameters() {
        List<ParameterDef> defs = new ArrayList<>();
        for (Axis member : members) {
            defs.add(member.def());
        }
        return defs;
    }

    @Override
    public long size() {
        return members.get(0).size();
    }

    @Override
    public void putValues(long position, Map<String, Object> values) {
        for (Axis member : members) {
            values.put(member.name(), member.value(position));
        }
    }

    @Override
    public Map<String, List<Object>> parameterValues() {
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (Axis member : members) {
            Set<Object> distinct = new LinkedHashSet<>();
            for (long i = 0; i < member.size(); i++) {
                distinct.add(member.value(i));
            }
            values.put(member.name(), List.copyOf(distinct));
        }
        return values;
    }

    @Override
    public Map<String, Object> toYaml() {
        Map<String, Object> lists = new LinkedHashMap<>();
        for (Axis member : members) {
            lists.put(member.name(), member.values().toYaml());
        }
        return Map.of("zip", lists);
    }
}
