package org.noisyflow.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.noisyflow.run.ResultRow;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Solver;
import org.noisyflow.spec.SweepSpec;

/**
 * The schema of {@code DIR/summary/}: one row per (point, replicate).
 *
 * <p>Columns, in order: {@code sweep}, {@code point_id}, {@code point_index}, {@code replicate},
 * {@code seed}, one column per solver parameter (double, bigint or string; null where the
 * parameter does not apply), one double column per observable, {@code status}, {@code message},
 * {@code wall_ms}.
 */
public final class SummarySchema {
    public static final String SWEEP = "sweep";
    public static final String POINT_ID = "point_id";
    public static final String POINT_INDEX = "point_index";
    public static final String REPLICATE = "replicate";
    public static final String SEED = "seed";
    public static final String STATUS = "status";
    public static final String MESSAGE = "message";
    public static final String WALL_MS = "wall_ms";
    /** The refinement round of a run, the last column of the summary that {@code sweep refine} writes. */
    public static final String ROUND = "round";

    private SummarySchema() {
    }

    /** Builds the Spark schema of a sweep's summary table. */
    public static StructType of(SweepSpec spec) {
        return of(spec.solver(), spec.solver().observables(spec.parameterValues()));
    }

    /** Builds the Spark schema for a solver's summary table with the given observable columns. */
    public static StructType of(Solver solver, List<String> observables) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(SWEEP, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(POINT_ID, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(POINT_INDEX, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(REPLICATE, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(SEED, DataTypes.LongType, false));
        for (ParameterDef def : solver.parameters()) {
            fields.add(DataTypes.createStructField(def.name(), sparkType(def), true));
        }
        for (String observable : observables) {
            fields.add(DataTypes.createStructField(observable, DataTypes.DoubleType, true));
        }
        for (String label : solver.labelColumns()) {
            fields.add(DataTypes.createStructField(label, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(STATUS, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(MESSAGE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(WALL_MS, DataTypes.DoubleType, false));
        return DataTypes.createStructType(fields);
    }

    /** Returns {@code schema} with the {@link #ROUND} column appended. */
    public static StructType withRound(StructType schema) {
        return schema.add(DataTypes.createStructField(ROUND, DataTypes.IntegerType, false));
    }

    /** Converts one result to a row of {@link #of(Solver, List)} with the same observables. */
    public static Row toRow(String sweep, Solver solver, List<String> observables, ResultRow result) {
        List<ParameterDef> defs = solver.parameters();
        List<String> labels = solver.labelColumns();
        Object[] values = new Object[5 + defs.size() + observables.size() + labels.size() + 3];
        int c = 0;
        values[c++] = sweep;
        values[c++] = result.point().id();
        values[c++] = result.point().index();
        values[c++] = result.replicate();
        values[c++] = result.seed();
        for (ParameterDef def : defs) {
            values[c++] = result.point().parameters().get(def.name());
        }
        for (String observable : observables) {
            values[c++] = result.result().observables().get(observable);
        }
        for (String label : labels) {
            values[c++] = result.result().labels().get(label);
        }
        values[c++] = result.result().status().columnValue();
        values[c++] = result.result().message();
        values[c] = result.wallMillis();
        return RowFactory.create(values);
    }

    /** Returns the column type of a parameter. */
    static DataType sparkType(ParameterDef def) {
        return switch (def.type()) {
            case REAL -> DataTypes.DoubleType;
            case INTEGER -> DataTypes.LongType;
            case CHOICE, WEIGHTS, DATA -> DataTypes.StringType;
        };
    }
}
