package org.noisyflow.solver;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records of a run's state at chosen steps: one row per record, aligned with the solver's
 * {@link Solver#trajectoryColumns()}. The first column is the step number, and a null entry means
 * that the column does not apply to the run.
 */
public final class Trajectory implements Serializable {
    private final List<Double[]> rows = new ArrayList<>();

    /** Appends a copy of {@code row}. */
    public void add(Double[] row) {
        rows.add(row.clone());
    }

    /** Returns the rows in recording order; the list is read-only and the rows must not be modified. */
    public List<Double[]> rows() {
        return Collections.unmodifiableList(rows);
    }

    public int size() {
        return rows.size();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Trajectory other) || other.rows.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!java.util.Arrays.equals(rows.get(i), other.rows.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Double[] row : rows) {
            h = 31 * h + java.util.Arrays.hashCode(row);
        }
        return h;
    }
}
