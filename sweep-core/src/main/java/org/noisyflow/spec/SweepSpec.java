package org.noisyflow.spec;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.SolverRegistry;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A validated sweep definition: which solver, the root seed, how many replicates, the fixed
 * parameter values and the axes of the Cartesian product, in the order written.
 *
 * @param source file name or label used in messages
 * @param name the sweep name, {@code [a-z0-9-]+}
 * @param solverId a registered solver id
 * @param seed the root seed
 * @param replicates independent runs per point, at least 1
 * @param fixed canonical values of the parameters given under {@code parameters}, including
 *     defaults of parameters the file left out
 * @param axes swept parameters; the first axis varies slowest
 */
public record SweepSpec(
        String source,
        String name,
        String solverId,
        long seed,
        int replicates,
        Map<String, Object> fixed,
        List<Axis> axes) implements Serializable {

    public SweepSpec {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        axes = List.copyOf(axes);
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
     * Returns the resolved spec as YAML: defaults filled in, parameters sorted by name, axes in
     * their written order and form.
     */
    public String toYaml() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("solver", solverId);
        doc.put("seed", seed);
        doc.put("replicates", replicates);
        Map<String, Object> parameters = new TreeMap<>(fixed);
        for (org.noisyflow.solver.ParameterDef def : solver().parameters()) {
            if (def.type() == org.noisyflow.solver.ParameterType.WEIGHTS
                    && parameters.get(def.name()) instanceof String text
                    && org.noisyflow.solver.ParameterDef.isWeightList(text)) {
                List<Double> numbers = new ArrayList<>();
                for (double v : org.noisyflow.solver.ParameterDef.parseWeights(text)) {
                    numbers.add(v);
                }
                parameters.put(def.name(), numbers);
            }
        }
        doc.put("parameters", parameters);
        Map<String, Object> axisDoc = new LinkedHashMap<>();
        for (Axis axis : axes) {
            axisDoc.put(axis.name(), axis.values().toYaml());
        }
        doc.put("axes", axisDoc);
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.AUTO)
                .build();
        return new Dump(settings).dumpToString(doc).replace("!!float ", "");
    }

    /** Returns the hex SHA-256 of {@link #toYaml()}: equal for specs that expand to equal points. */
    public String hash() {
        return java.util.HexFormat.of().formatHex(
                PointIds.sha256(toYaml().getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the names of the swept parameters, in axis order. */
    public List<String> axisNames() {
        List<String> names = new ArrayList<>();
        for (Axis axis : axes) {
            names.add(axis.name());
        }
        return names;
    }
}
