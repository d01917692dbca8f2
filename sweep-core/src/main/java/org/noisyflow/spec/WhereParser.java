package org.noisyflow.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.ParameterType;

/**
 * Reads the {@code where} list of a sweep file into {@link Constraint}s. Every problem is a
 * {@link SpecException} on the key {@code where[i]}, with the text and the position in it.
 */
final class WhereParser {
    private final String source;
    private final Map<String, ParameterDef> defs;
    private final String solverId;

    WhereParser(String source, Map<String, ParameterDef> defs, String solverId) {
        this.source = source;
        this.defs = defs;
        this.solverId = solverId;
    }

    /**
     * Parses the {@code where} list. Each name in a constraint must be a numeric parameter that
     * has a value in this sweep: given, defaulted or the reciprocal of a given one.
     */
    List<Constraint> parse(Object node, Map<String, String> keyPaths) {
        List<Constraint> constraints = new ArrayList<>();
        if (node == null) {
            return constraints;
        }
        if (!(node instanceof List<?> list)) {
            throw new SpecException(source, "where", node, "'where' must be a list of constraints",
                    "write one line '- n >= 10 * d' per constraint under it");
        }
        for (int i = 0; i < list.size(); i++) {
            String key = "where[" + i + "]";
            if (!(list.get(i) instanceof String text)) {
                throw new SpecException(source, key, list.get(i), "a constraint must be text",
                        "write a comparison such as 'n >= 10 * d', in quotes if YAML reads it otherwise");
            }
            Constraint constraint;
            try {
                constraint = ConstraintParser.parse(text);
            } catch (ConstraintParser.SyntaxException e) {
                throw new SpecException(source, key, text, e.problem + " (at position " + e.position + ")",
                        e.fix);
            }
            if (constraint.names().isEmpty()) {
                throw new SpecException(source, key, text,
                        "the constraint names no parameter, so it holds at every point or at none",
                        "compare a parameter with a number, such as 'n >= 100'");
            }
            for (Map.Entry<String, Integer> name : constraint.names().entrySet()) {
                checkConstrainedName(key, text, name.getKey(), name.getValue(), keyPaths);
            }
            constraints.add(constraint);
        }
        return constraints;
    }

    private void checkConstrainedName(String key, String text, String name, int position,
            Map<String, String> keyPaths) {
        List<String> numeric = new ArrayList<>();
        for (ParameterDef def : defs.values()) {
            if (def.type() == ParameterType.REAL || def.type() == ParameterType.INTEGER) {
                numeric.add(def.name());
            }
        }
        ParameterDef def = defs.get(name);
        if (def == null) {
            throw new SpecException(source, key, text, "solver '" + solverId + "' has no parameter '"
                    + name + "' (at position " + position + ")",
                    "use one of its numeric parameters: " + String.join(", ", numeric));
        }
        if (!numeric.contains(name)) {
            throw new SpecException(source, key, text, "'" + name + "' (at position " + position + ") is a "
                    + def.type().name().toLowerCase(java.util.Locale.ROOT) + " parameter, not a number",
                    "constrain only numeric parameters (" + String.join(", ", numeric)
                            + "), and choose the values of " + name + " with 'parameters', 'axes' or a zip group");
        }
        ParameterDef partner = def.isDerived() ? defs.get(def.reciprocalOf()) : null;
        for (ParameterDef other : defs.values()) {
            if (name.equals(other.reciprocalOf())) {
                partner = other;
            }
        }
        boolean hasValue = keyPaths.containsKey(name) || def.defaultValue() != null
                || (partner != null && keyPaths.containsKey(partner.name()));
        if (!hasValue) {
            throw new SpecException(source, key, text, "'" + name + "' (at position " + position
                    + ") has no value in this sweep", "give " + name
                    + " under 'parameters', 'axes' or 'groups', or leave it out of the constraint");
        }
    }
}
