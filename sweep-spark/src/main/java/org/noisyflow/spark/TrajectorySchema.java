package org.noisyflow.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.noisyflow.run.ResultRow;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Solver;

/**
 * The schema of {@code DIR/trajectories/}: one row per recorded step of a run, keyed by
 * {@code point_id}, {@code replicate} and {@code step}. The point's parameter columns, as in the
 * summary, come before {@code step}, so that the table can be grouped without a join. The
 * solver's trajectory columns follow as doubles (null where a column does not apply).
 */
public final class TrajectorySchema {
    public static final String STEP = "step";

    private TrajectorySchema() {
    }

    /** Builds the Spark schema for a solver's trajectory table with the given columns. */
    public static StructType of(Solver solver, List<String> columns) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(SummarySchema.SWEEP, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(SummarySchema.POINT_ID, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(SummarySchema.POINT_INDEX, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(SummarySchema.REPLICATE, DataTypes.IntegerType, false));
        for (ParameterDef def : parameterColumns(solver, columns)) {
            fields.add(DataTypes.createStructField(def.name(), SummarySchema.sparkType(def), true));
        }
        fields.add(DataTypes.createStructField(STEP, DataTypes.LongType, false));
        for (String column : columns.subList(1, columns.size())) {
            fields.add(DataTypes.createStructField(column, DataTypes.DoubleType, true));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * Converts the trajectory of one run to rows of {@link #of(Solver, List)} with the same
     * columns, matching the run's own columns by name.
     */
    public static List<Row> toRows(String sweep, Solver solver, List<String> columns, ResultRow result) {
        List<ParameterDef> defs = parameterColumns(solver, columns);
        List<String> own = result.result().trajectory().columns();
        int[] source = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            source[c] = own.indexOf(columns.get(c));
        }
        List<Row> rows = new ArrayList<>();
        for (Double[] record : result.result().trajectory().rows()) {
            Object[] values = new Object[4 + defs.size() + columns.size()];
            int c = 0;
            values[c++] = sweep;
            values[c++] = result.point().id();
            values[c++] = result.point().index();
            values[c++] = result.replicate();
            for (ParameterDef def : defs) {
                values[c++] = result.point().parameters().get(def.name());
            }
            values[c++] = record[source[0]].longValue();
            for (int k = 1; k < columns.size(); k++) {
                values[c++] = source[k] < 0 ? null : record[source[k]];
            }
            rows.add(RowFactory.create(values));
        }
        return rows;
    }

    /**
     * Returns the parameters written beside the records: all but those named like a record column,
     * such as beta on a continuation branch, where the record's value is the one that varies.
     */
    private static List<ParameterDef> parameterColumns(Solver solver, List<String> columns) {
        List<ParameterDef> defs = new ArrayList<>();
        for (ParameterDef def : solver.parameters()) {
            if (!columns.contains(def.name())) {
                defs.add(def);
            }
        }
        return defs;
    }
}
