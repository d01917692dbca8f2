package org.noisyflow.solver;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Records of a run's state at chosen steps: named columns, the first of which is {@code step},
 * and one row per record. A null entry means that the column does not apply to the run. A run's
 * columns are a subset of the solver's trajectory columns for its sweep; the output table maps
 * them by name.
 */
public final class Trajectory implements Serializable {
    private final List<String> columns;
    private final List<Double[]> rows = new ArrayList<>();

    public Trajectory(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Returns the column names, in row order. */
    public List<String> columns() {
        return columns;
    }

    /** Appends a copy of {@code row}, which must have one entry per column. */
    public void add(Double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row has " + row.length + " entries for "
                    + columns.size() + " columns");
        }
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
        if (!(o instanceof Trajectory other) || !other.columns.equals(columns)
                || other.rows.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!Arrays.equals(rows.get(i), other.rows.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = columns.hashCode();
        for (Double[] row : rows) {
            h = 31 * h + Arrays.hashCode(row);
        }
        return h;
    }
}
