package org.noisyflow.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.noisyflow.refine.CellPlanner;
import org.noisyflow.refine.RefineSettings;
import org.noisyflow.refine.RefineSpec;
import org.noisyflow.refine.SliceResult;
import org.noisyflow.spec.Axis;
import org.noisyflow.spec.SweepSpec;

/**
 * The table {@code analysis/boundary/} of a refinement: one row per slice with the slice's values
 * of the other axes, the located value of the refined parameter, its uncertainty, the bracket,
 * the solver's predicted value (linear stability) and its theory of the boundary where it has
 * them, the status, and the rounds and runs spent. A 2-D
 * refinement has one row per located value of {@code across} instead, with the rounds and runs of
 * its slice.
 */
final class BoundaryTable {
    static final String SLICE = "slice";
    static final String LOCATED = "located";
    static final String UNCERTAINTY = "uncertainty";
    static final String LOW = "low";
    static final String HIGH = "high";
    static final String PREDICTED = "predicted";
    static final String THEORY = "theory";
    static final String STATUS = "status";
    static final String ROUNDS = "rounds";
    static final String RUNS = "runs";

    private BoundaryTable() {
    }

    /** Returns the axes other than the refined ones, in axis order. */
    static List<Axis> sliceAxes(SweepSpec spec, RefineSettings settings) {
        List<Axis> out = new ArrayList<>();
        for (Axis axis : spec.axes()) {
            if (!axis.name().equals(settings.along()) && !axis.name().equals(settings.across())) {
                out.add(axis);
            }
        }
        return out;
    }

    static StructType schema(SweepSpec spec, RefineSettings settings) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(SLICE, DataTypes.IntegerType, false));
        for (Axis axis : sliceAxes(spec, settings)) {
            fields.add(DataTypes.createStructField(axis.name(), SummarySchema.sparkType(axis.def()), true));
        }
        for (String name : List.of(LOCATED, UNCERTAINTY, LOW, HIGH, PREDICTED, THEORY)) {
            fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField(STATUS, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(ROUNDS, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(RUNS, DataTypes.LongType, false));
        return DataTypes.createStructType(fields);
    }

    static List<Row> rows(SweepSpec spec, RefineSettings settings, RefineSpec.Slices slices,
            List<SliceResult> results) {
        List<Row> rows = new ArrayList<>();
        List<Axis> axes = sliceAxes(spec, settings);
        for (SliceResult result : results) {
            RefineSpec.Slice slice = slices.slices().get(result.slice());
            List<Object> values = sliceValues(result.slice(), slice, axes);
            Map<String, Object> parameters = slice.template().parameters().asMap();
            addResult(values, result.located(), result.uncertainty(), result.low(), result.high(),
                    spec.solver().predictedTransition(settings.along(), parameters),
                    spec.solver().theoryBoundary(settings.along(), parameters));
            values.add(result.status().columnValue());
            values.add(result.rounds());
            values.add(result.runs());
            rows.add(RowFactory.create(values.toArray()));
        }
        return rows;
    }

    private static List<Object> sliceValues(int index, RefineSpec.Slice slice, List<Axis> axes) {
        List<Object> values = new ArrayList<>();
        values.add(index);
        for (Axis axis : axes) {
            values.add(slice.values().get(axis.name()));
        }
        return values;
    }

    private static void addResult(List<Object> values, double located, double uncertainty, double low, double high,
            OptionalDouble predicted, OptionalDouble theory) {
        values.add(nullIfNaN(located));
        values.add(nullIfNaN(uncertainty));
        values.add(nullIfNaN(low));
        values.add(nullIfNaN(high));
        values.add(predicted.isPresent() ? predicted.getAsDouble() : null);
        values.add(theory.isPresent() ? theory.getAsDouble() : null);
    }

    /**
     * Returns the schema of a 2-D refinement's table: as {@link #schema}, with the {@code across}
     * axis after the slice axes, one row per value of {@code across} where a crossing was located.
     */
    static StructType cellSchema(SweepSpec spec, RefineSettings settings) {
        StructType line = schema(spec, settings);
        List<StructField> fields = new ArrayList<>(List.of(line.fields()));
        fields.add(fields.indexOf(line.apply(LOCATED)),
                DataTypes.createStructField(settings.across(), DataTypes.DoubleType, false));
        return DataTypes.createStructType(fields);
    }

    static List<Row> cellRows(SweepSpec spec, RefineSettings settings, RefineSpec.Slices slices,
            List<CellPlanner.ColumnResult> columns) {
        List<Row> rows = new ArrayList<>();
        List<Axis> axes = sliceAxes(spec, settings);
        for (CellPlanner.ColumnResult column : columns) {
            RefineSpec.Slice slice = slices.slices().get(column.slice());
            List<Object> values = sliceValues(column.slice(), slice, axes);
            values.add(column.across());
            Map<String, Object> parameters = new LinkedHashMap<>(slice.template().parameters().asMap());
            parameters.put(settings.across(), column.across());
            addResult(values, column.located(), column.uncertainty(), column.low(), column.high(),
                    spec.solver().predictedTransition(settings.along(), parameters),
                    spec.solver().theoryBoundary(settings.along(), parameters));
            values.add(column.status().columnValue());
            values.add(column.rounds());
            values.add(column.runs());
            rows.add(RowFactory.create(values.toArray()));
        }
        return rows;
    }

    /**
     * Formats the located columns of a 2-D refinement as a text table for the console, with the
     * theory column of {@code table}, the rows {@link #cellRows} made of the same columns.
     */
    static String formatColumns(SweepSpec spec, RefineSettings settings, RefineSpec.Slices slices,
            List<CellPlanner.ColumnResult> columns, List<Row> table) {
        int theoryIndex = cellSchema(spec, settings).fieldIndex(THEORY);
        List<Axis> axes = sliceAxes(spec, settings);
        StringBuilder text = new StringBuilder();
        for (Axis axis : axes) {
            text.append(String.format(Locale.ROOT, "%-12s", axis.name()));
        }
        text.append(String.format(Locale.ROOT, "%-12s %-16s %-12s %-12s %-14s%n", settings.across(), settings.along(),
                "+-", "theory", "status"));
        for (int r = 0; r < columns.size(); r++) {
            CellPlanner.ColumnResult column = columns.get(r);
            Map<String, Object> values = slices.slices().get(column.slice()).values();
            for (Axis axis : axes) {
                Object value = values.get(axis.name());
                text.append(value instanceof Double d ? String.format(Locale.ROOT, "%-12.6g", d)
                        : String.format(Locale.ROOT, "%-12s", value));
            }
            text.append(String.format(Locale.ROOT, "%-12.6g %-16s %-12s %-12s %-14s%n", column.across(),
                    RefineSpec.format(column.located()), String.format(Locale.ROOT, "%.2e", column.uncertainty()),
                    theory(table.get(r), theoryIndex), column.status().columnValue()));
        }
        return text.toString();
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /**
     * Returns field {@code index} of a boundary row, the theory column, as console text, "-"
     * where the solver has none. The rows carry no schema, so the caller finds the index.
     */
    private static String theory(Row row, int index) {
        Object value = row.get(index);
        return value == null ? "-" : RefineSpec.format((Double) value);
    }

    /**
     * Formats the slices as a text table for the console, with the theory column of
     * {@code table}, the rows {@link #rows} made of the same results.
     */
    static String format(SweepSpec spec, RefineSettings settings, RefineSpec.Slices slices, List<SliceResult> results,
            List<Row> table) {
        int theoryIndex = schema(spec, settings).fieldIndex(THEORY);
        List<Axis> axes = sliceAxes(spec, settings);
        StringBuilder text = new StringBuilder();
        for (Axis axis : axes) {
            text.append(String.format(Locale.ROOT, "%-12s", axis.name()));
        }
        text.append(String.format(Locale.ROOT, "%-16s %-12s %-16s %-14s %6s %6s%n", settings.along(), "+-", "theory",
                "status", "rounds", "runs"));
        for (int r = 0; r < results.size(); r++) {
            SliceResult result = results.get(r);
            Map<String, Object> values = slices.slices().get(result.slice()).values();
            for (Axis axis : axes) {
                Object value = values.get(axis.name());
                text.append(value instanceof Double d ? String.format(Locale.ROOT, "%-12.6g", d)
                        : String.format(Locale.ROOT, "%-12s", value));
            }
            text.append(String.format(Locale.ROOT, "%-16s %-12s %-16s %-14s %6d %6d%n", RefineSpec.format(result.located()),
                    Double.isNaN(result.uncertainty()) ? "-" : String.format(Locale.ROOT, "%.2e", result.uncertainty()),
                    theory(table.get(r), theoryIndex), result.status().columnValue(), result.rounds(), result.runs()));
        }
        return text.toString();
    }
}
