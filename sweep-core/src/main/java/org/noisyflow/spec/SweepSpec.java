package org.noisyflow.spec;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.SolverRegistry;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A validated sweep definition: which solver, the root seed, how many replicates, the fixed
 * parameter values, the axes and groups of the Cartesian product in the order written, and the
 * {@code where} constraints that skip points of the product.
 *
 * @param source file name or label used in messages
 * @param name the sweep name, {@code [a-z0-9-]+}
 * @param solverId a registered solver id
 * @param seed the root seed
 * @param replicates independent runs per point, at least 1
 * @param fixed canonical values of the parameters given under {@code parameters}, including
 *     defaults of parameters the file left out
 * @param axes swept parameters; the first axis varies slowest
 * @param groups zip groups and sampling designs, each one factor of the product after the axes;
 *     the last group varies fastest
 * @param where the constraints a point must meet to be run
 * @param timeout the wall-clock limit of one run in seconds, 0 for none; not hashed, because it
 *     changes no result of a run that finishes
 * @param description free text from the file, or null; kept in the resolved spec, not hashed
 */
public record SweepSpec(
        String source,
        String name,
        String solverId,
        long seed,
        int replicates,
        Map<String, Object> fixed,
        List<Axis> axes,
        List<SampleGroup> groups,
        PointFilter where,
        double timeout,
        String description) implements Serializable {

    public SweepSpec {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        axes = List.copyOf(axes);
        groups = List.copyOf(groups);
        where = where == null ? PointFilter.none() : where;
    }

    /** Creates a grid spec: fixed parameters and axes only, without groups or constraints. */
    public SweepSpec(String source, String name, String solverId, long seed, int replicates,
            Map<String, Object> fixed, List<Axis> axes, String description) {
        this(source, name, solverId, seed, replicates, fixed, axes, List.of(), PointFilter.none(), 0.0,
                description);
    }

    public Solver solver() {
        return SolverRegistry.find(solverId).orElseThrow(() -> new IllegalStateException(
                "solver '" + solverId + "' is not registered"));
    }

    /** Returns the lazy expansion of this spec into points. */
    public PointSpace points() {
        return new PointSpace(this);
    }

    /**
     * Returns the resolved spec as YAML: defaults filled in, parameters sorted by name, axes and
     * groups in their written order and form, and each constraint in its canonical spelling. The
     * keys {@code groups} and {@code where} appear only when the spec has them, so grid specs
     * keep the text and hash they had before these keys existed.
     */
    public String toYaml() {
        return toYaml(true);
    }

    private String toYaml(boolean withDescription) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        if (withDescription && description != null) {
            doc.put("description", description);
        }
        doc.put("solver", solverId);
        doc.put("seed", seed);
        doc.put("replicates", replicates);
        if (withDescription && timeout > 0) {
            doc.put("timeout", timeout);
        }
        Map<String, Object> parameters = new TreeMap<>(fixed);
        for (org.noisyflow.solver.ParameterDef def : solver().parameters()) {
            boolean structured = def.type() == org.noisyflow.solver.ParameterType.WEIGHTS
                    || def.type() == org.noisyflow.solver.ParameterType.DATA;
            if (structured && parameters.get(def.name()) instanceof String text) {
                // The canonical text of lists and data sets is YAML flow, so it loads back as is.
                parameters.put(def.name(), new org.snakeyaml.engine.v2.api.Load(
                        org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(text));
            }
        }
        doc.put("parameters", parameters);
        Map<String, Object> axisDoc = new LinkedHashMap<>();
        for (Axis axis : axes) {
            axisDoc.put(axis.name(), axis.values().toYaml());
        }
        doc.put("axes", axisDoc);
        if (!groups.isEmpty()) {
            List<Object> groupDoc = new ArrayList<>();
            for (SampleGroup group : groups) {
                groupDoc.add(group.toYaml());
            }
            doc.put("groups", groupDoc);
        }
        if (!where.isEmpty()) {
            List<String> whereDoc = new ArrayList<>();
            for (Constraint constraint : where.constraints()) {
                whereDoc.add(constraint.canonicalText());
            }
            doc.put("where", whereDoc);
        }
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.AUTO)
                .build();
        return new Dump(settings).dumpToString(doc).replace("!!float ", "");
    }

    /**
     * Returns the hex SHA-256 of the resolved spec without its description: equal for specs that
     * expand to equal points.
     */
    public String hash() {
        return java.util.HexFormat.of().formatHex(
                PointIds.sha256(toYaml(false).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Returns every value each given parameter takes: fixed values once, axis values in order,
     * zip values once each in order, and the bounds [low, high] of a parameter of a random, lhs
     * or sobol design. Parameters left null at some points still list their given values, and
     * the lists ignore the {@code where} constraints, so they cover every point that runs.
     */
    public Map<String, List<Object>> parameterValues() {
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fixed.entrySet()) {
            values.put(e.getKey(), List.of(e.getValue()));
        }
        for (Axis axis : axes) {
            List<Object> list = new ArrayList<>();
            for (long i = 0; i < axis.size(); i++) {
                list.add(axis.value(i));
            }
            values.put(axis.name(), list);
        }
        for (SampleGroup group : groups) {
            values.putAll(group.parameterValues());
        }
        return values;
    }

    /** Returns the names of the swept parameters: the axes in order, then each group's parameters. */
    public List<String> axisNames() {
        List<String> names = new ArrayList<>();
        for (Axis axis : axes) {
            names.add(axis.name());
        }
        for (SampleGroup group : groups) {
            for (ParameterDef def : group.parameters()) {
                names.add(def.name());
            }
        }
        return names;
    }

    /**
     * Returns the warnings about a valid spec, one sentence each naming the file and key. The only
     * warning so far is for a sobol design whose count is not a power of two.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g) instanceof SobolDesign sobol && !sobol.balanced()) {
                long below = Long.highestOneBit(sobol.count());
                warnings.add("Sweep file " + source + ": key 'groups[" + g + "].sobol.count' with value "
                        + sobol.count() + " is not a power of two, so the Sobol points are balanced only "
                        + "as far as their first " + below + ". Use " + below + " or " + 2 * below
                        + " for the full balance.");
            }
        }
        return warnings;
    }
}
