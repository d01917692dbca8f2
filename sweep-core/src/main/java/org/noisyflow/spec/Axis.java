package org.noisyflow.spec;

import java.io.Serializable;
import org.noisyflow.solver.ParameterDef;

/**
 * One swept parameter: its declaration and the values it takes, in order.
 *
 * @param def the solver's declaration of the parameter
 * @param values the generator; every value already passed {@code def.coerce} during parsing
 */
public record Axis(ParameterDef def, AxisValues values) implements Serializable {

    public String name() {
        return def.name();
    }

    public long size() {
        return values.size();
    }

    /** Returns the canonical value at {@code index}. */
    public Object value(long index) {
        return def.coerce(values.raw(index));
    }
}
