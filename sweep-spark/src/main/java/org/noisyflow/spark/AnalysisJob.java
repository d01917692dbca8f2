package org.noisyflow.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.mean;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.noisyflow.analysis.Transition;
import org.noisyflow.analysis.TransitionDetector;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.SolverRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Reads the summary of a finished sweep with Spark and writes {@code DIR/analysis/}: replicate
 * statistics per point ({@code points/}) and the transition of the order parameter along one
 * parameter in every slice of the others ({@code transitions/}), both Parquet.
 *
 * <p>A slice is one combination of the values of all parameters other than x (and other than
 * x's reciprocal, such as temperature for beta). Each slice is detected by
 * {@link TransitionDetector} in its own Spark task, so the driver holds only the transition rows.
 */
public final class AnalysisJob {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisJob.class);

    /** Parameters preferred as x, in order, when the command line names none. */
    static final List<String> DEFAULT_X = List.of("beta", "temperature", "kappa");
    /** Observables preferred as the order parameter, in order, when the command line names none. */
    static final List<String> DEFAULT_OBSERVABLE = List.of("magnetization_avg", "magnetization");

    /** Observables that count steps, never chosen as the default order parameter. */
    static final List<String> COUNTERS = List.of("k", "step", "steps");

    /** Choices from the command line; null or empty means the default. */
    public record Options(String x, String y, String observable, List<String> by) implements Serializable {
    }

    /** The choices an analysis made and the tables it wrote, for the report. */
    public record Outcome(Solver solver, String x, String y, String observable, List<String> swept,
            List<String> by, Dataset<Row> points, List<Row> transitions, StructType transitionSchema,
            Map<String, Boolean> logAxes) {
    }

    private final SparkSession spark;
    private final Path dir;
    private final FileSystem fs;

    public AnalysisJob(SparkSession spark, String directory) throws IOException {
        this.spark = spark;
        Path path = new Path(directory);
        this.fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        this.dir = fs.makeQualified(path);
    }

    public Path directory() {
        return dir;
    }

    /**
     * Checks the directory and the options, computes the tables and writes them.
     *
     * @throws AnalysisException with a one-line message naming the problem and the valid choices
     */
    public Outcome run(Options options) throws IOException {
        Path summaryPath = new Path(dir, "summary");
        if (!fs.exists(dir)) {
            throw new AnalysisException("Sweep directory " + dir + " not found. Fix: give the --out directory "
                    + "of a finished sweep.");
        }
        if (!fs.exists(summaryPath)) {
            throw new AnalysisException("No summary/ in " + dir + ". Fix: give the --out directory of a "
                    + "finished sweep, which holds summary/ and manifest.json.");
        }
        Solver solver = solverOf();
        Dataset<Row> summary = spark.read().parquet(summaryPath.toString()).cache();
        long rows = summary.count();
        if (rows == 0) {
            throw new AnalysisException("The summary in " + summaryPath + " has no rows. Fix: run the sweep "
                    + "again; it wrote no results.");
        }

        List<String> parameters = new ArrayList<>();
        Map<String, ParameterDef> defs = new LinkedHashMap<>();
        for (ParameterDef def : solver.parameters()) {
            if (hasColumn(summary.schema(), def.name())) {
                parameters.add(def.name());
                defs.put(def.name(), def);
            }
        }
        List<String> numericParameters = parameters.stream()
                .filter(name -> isNumeric(summary.schema().apply(name).dataType())).toList();
        List<String> swept = sweptParameters(summary, parameters);
        List<String> observables = observableColumns(summary.schema(), parameters);

        String x = chooseX(options.x(), numericParameters, swept);
        String partner = reciprocalPartner(defs, x);
        String observable = chooseObservable(options.observable(), observables, summary.schema());
        List<String> others = swept.stream().filter(p -> !p.equals(x) && !p.equals(partner)).toList();
        String y = chooseY(options.y(), numericParameters, others, x);
        List<String> by = chooseBy(options.by(), parameters, others, y);
        LOG.info("analysis of {}: {} rows, x = {}, observable = {}, swept {}", dir, rows, x, observable, swept);

        Dataset<Row> points = pointStatistics(summary, parameters, observables);
        Path analysis = new Path(dir, "analysis");
        points.write().mode(SaveMode.Overwrite).parquet(new Path(analysis, "points").toString());
        Dataset<Row> written = spark.read().parquet(new Path(analysis, "points").toString()).cache();

        Map<String, Boolean> logAxes = logAxes();
        boolean logX = Boolean.TRUE.equals(logAxes.get(x));
        List<String> sliceColumns = parameters.stream().filter(p -> !p.equals(x) && !p.equals(partner)).toList();
        StructType transitionSchema = transitionSchema(summary.schema(), sliceColumns);
        Dataset<Row> transitions = transitions(written, solver, x, logX, observable, sliceColumns, transitionSchema);
        transitions.write().mode(SaveMode.Overwrite).parquet(new Path(analysis, "transitions").toString());
        List<Row> transitionRows = spark.read().schema(transitionSchema)
                .parquet(new Path(analysis, "transitions").toString()).collectAsList();
        LOG.info("analysis of {}: {} slices, wrote {}", dir, transitionRows.size(), analysis);

        return new Outcome(solver, x, y, observable, swept, by, written, transitionRows, transitionSchema, logAxes);
    }

    /** Returns the solver named in manifest.json. */
    private Solver solverOf() throws IOException {
        Path manifest = new Path(dir, "manifest.json");
        if (!fs.exists(manifest)) {
            throw new AnalysisException("No manifest.json in " + dir + ". Fix: give the --out directory of a "
                    + "finished sweep; the manifest is written last, so its absence means the sweep did not finish.");
        }
        JsonNode node;
        try (InputStream in = fs.open(manifest)) {
            node = new ObjectMapper().readTree(in);
        }
        String id = node.path("solver").asText("");
        return SolverRegistry.find(id).orElseThrow(() -> new AnalysisException("manifest.json in " + dir
                + " names solver '" + id + "', which this version does not know. Fix: analyse it with the "
                + "version that wrote it (project_version in the manifest). Known solvers: "
                + String.join(", ", SolverRegistry.ids())));
    }

    /** Returns, by parameter name, whether its axis in spec.yaml is a logspace axis. */
    private Map<String, Boolean> logAxes() throws IOException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Path specFile = new Path(dir, "spec.yaml");
        if (!fs.exists(specFile)) {
            return out;
        }
        Object doc;
        try (InputStream in = fs.open(specFile)) {
            doc = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromInputStream(in);
        }
        if (doc instanceof Map<?, ?> map && map.get("axes") instanceof Map<?, ?> axes) {
            for (Map.Entry<?, ?> e : axes.entrySet()) {
                out.put(String.valueOf(e.getKey()), e.getValue() instanceof Map<?, ?> axis && axis.containsKey("logspace"));
            }
        }
        return out;
    }

    private static boolean hasColumn(StructType schema, String name) {
        return List.of(schema.fieldNames()).contains(name);
    }

    private static boolean isNumeric(DataType type) {
        return type.equals(DataTypes.DoubleType) || type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType);
    }

    /** Returns the parameters that take more than one value, in declaration order. */
    private static List<String> sweptParameters(Dataset<Row> summary, List<String> parameters) {
        if (parameters.isEmpty()) {
            return List.of();
        }
        Column[] distinct = parameters.stream().map(p -> countDistinct(col(p)).alias(p)).toArray(Column[]::new);
        Row counts = summary.agg(distinct[0], java.util.Arrays.copyOfRange(distinct, 1, distinct.length)).first();
        List<String> swept = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (counts.getLong(i) > 1) {
                swept.add(parameters.get(i));
            }
        }
        return swept;
    }

    /** Returns the double columns that are not parameters: the observables. */
    static List<String> observableColumns(StructType schema, List<String> parameters) {
        List<String> out = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (field.dataType().equals(DataTypes.DoubleType) && !parameters.contains(field.name())
                    && !SummarySchema.WALL_MS.equals(field.name())) {
                out.add(field.name());
            }
        }
        return out;
    }

    private static String chooseX(String requested, List<String> numeric, List<String> swept) {
        List<String> choices = numeric.stream().filter(swept::contains).toList();
        if (requested != null && !requested.isEmpty()) {
            if (!choices.contains(requested)) {
                throw new AnalysisException("--x " + requested + " is not a swept numeric parameter of this "
                        + "sweep. Valid choices: " + listOrNone(choices) + ".");
            }
            return requested;
        }
        for (String candidate : DEFAULT_X) {
            if (choices.contains(candidate)) {
                return candidate;
            }
        }
        if (choices.isEmpty()) {
            throw new AnalysisException("This sweep varies no numeric parameter, so there is no axis to analyse "
                    + "along. Fix: sweep at least one numeric parameter with an axis.");
        }
        return choices.get(0);
    }

    private static String chooseObservable(String requested, List<String> observables, StructType schema) {
        if (requested != null && !requested.isEmpty()) {
            if (!observables.contains(requested)) {
                String kind = hasColumn(schema, requested) ? "is not a numeric observable" : "is not a column";
                throw new AnalysisException("--observable " + requested + " " + kind + " of this sweep. Valid "
                        + "choices: " + listOrNone(observables) + ".");
            }
            return requested;
        }
        for (String candidate : DEFAULT_OBSERVABLE) {
            if (observables.contains(candidate)) {
                return candidate;
            }
        }
        for (String candidate : observables) {
            if (!COUNTERS.contains(candidate)) {
                return candidate;
            }
        }
        throw new AnalysisException("The summary has no numeric observable to analyse besides step counts. Fix: "
                + "give --observable; valid choices: " + listOrNone(observables) + ".");
    }

    private static String chooseY(String requested, List<String> numeric, List<String> others, String x) {
        List<String> choices = numeric.stream().filter(others::contains).toList();
        if (requested != null && !requested.isEmpty()) {
            if (!choices.contains(requested)) {
                throw new AnalysisException("--y " + requested + " is not a swept numeric parameter other than "
                        + x + ". Valid choices: " + listOrNone(choices) + ".");
            }
            return requested;
        }
        return choices.isEmpty() ? null : choices.get(0);
    }

    private static List<String> chooseBy(List<String> requested, List<String> parameters, List<String> others,
            String y) {
        if (requested != null && !requested.isEmpty()) {
            for (String name : requested) {
                if (!parameters.contains(name)) {
                    throw new AnalysisException("--by " + name + " is not a parameter column of this sweep. Valid "
                            + "choices: " + listOrNone(parameters) + ".");
                }
            }
            return List.copyOf(requested);
        }
        if (y != null) {
            return List.of(y);
        }
        return others.isEmpty() ? List.of() : List.of(others.get(0));
    }

    private static String listOrNone(List<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    /** Returns the parameter that is the reciprocal of x, or null. */
    private static String reciprocalPartner(Map<String, ParameterDef> defs, String x) {
        ParameterDef def = defs.get(x);
        if (def != null && def.reciprocalOf() != null) {
            return def.reciprocalOf();
        }
        for (ParameterDef other : defs.values()) {
            if (x.equals(other.reciprocalOf())) {
                return other.name();
            }
        }
        return null;
    }

    /**
     * Groups the summary by point: for every observable the mean, sample standard deviation,
     * standard error, min and max over the ok replicates, and the count of replicates by status.
     */
    static Dataset<Row> pointStatistics(Dataset<Row> summary, List<String> parameters, List<String> observables) {
        List<Column> keys = new ArrayList<>();
        keys.add(col(SummarySchema.POINT_ID));
        keys.add(col(SummarySchema.POINT_INDEX));
        for (String p : parameters) {
            keys.add(col(p));
        }
        Column ok = col(SummarySchema.STATUS).equalTo(RunStatus.OK.columnValue());
        List<Column> aggregates = new ArrayList<>();
        for (RunStatus status : RunStatus.values()) {
            aggregates.add(sum(when(col(SummarySchema.STATUS).equalTo(status.columnValue()), 1).otherwise(0))
                    .cast(DataTypes.LongType).alias(status.columnValue() + "_count"));
        }
        for (String o : observables) {
            Column value = when(ok, col(o));
            aggregates.add(mean(value).alias(o + "_mean"));
            aggregates.add(stddev_samp(value).alias(o + "_sd"));
            aggregates.add(stddev_samp(value).divide(sqrt(count(value))).alias(o + "_se"));
            aggregates.add(min(value).alias(o + "_min"));
            aggregates.add(max(value).alias(o + "_max"));
        }
        return summary.groupBy(keys.toArray(Column[]::new))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .orderBy(SummarySchema.POINT_INDEX);
    }

    /** Builds the schema of transitions/: the slice's parameters, then the transition's columns. */
    static StructType transitionSchema(StructType summary, List<String> sliceColumns) {
        List<StructField> fields = new ArrayList<>();
        for (String name : sliceColumns) {
            fields.add(DataTypes.createStructField(name, summary.apply(name).dataType(), true));
        }
        fields.add(DataTypes.createStructField("x_parameter", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("observable", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("transition_location", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("transition_uncertainty", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("transition_type", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("order_below", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("order_above", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("theory_location", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("bracket_low", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("bracket_high", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("jump_ratio", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("points", DataTypes.IntegerType, false));
        return DataTypes.createStructType(fields);
    }

    /** Detects the transition of every slice, one Spark group per slice. */
    private Dataset<Row> transitions(Dataset<Row> points, Solver solver, String x, boolean logX, String observable,
            List<String> sliceColumns, StructType schema) {
        List<Column> selected = new ArrayList<>();
        for (String name : sliceColumns) {
            selected.add(col(name));
        }
        selected.add(col(x).cast(DataTypes.DoubleType).alias("__x"));
        selected.add(col(observable + "_mean").alias("__mean"));
        selected.add(col(observable + "_se").alias("__se"));
        Column n = hasColumn(points.schema(), "n") ? col("n").cast(DataTypes.DoubleType) : lit(1.0);
        selected.add(col(observable + "_sd").multiply(col(observable + "_sd")).multiply(n).alias("__chi"));
        int width = sliceColumns.size();
        String solverId = solver.id();
        JavaRDD<Row> rows = points.select(selected.toArray(Column[]::new)).toJavaRDD()
                .filter(r -> !r.isNullAt(width))
                .mapToPair(r -> new Tuple2<>(sliceKey(r, width), r))
                .groupByKey()
                .map(group -> transitionRow(SolverRegistry.find(solverId).orElseThrow(), x, logX, observable,
                        sliceColumns, group._1(), group._2()));
        return spark.createDataFrame(rows, schema);
    }

    private static List<Object> sliceKey(Row row, int width) {
        List<Object> key = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            key.add(row.get(i));
        }
        return key;
    }

    private static Row transitionRow(Solver solver, String x, boolean logX, String observable,
            List<String> sliceColumns, List<Object> key, Iterable<Row> members) {
        List<Row> sorted = new ArrayList<>();
        members.forEach(sorted::add);
        int width = sliceColumns.size();
        sorted.sort(Comparator.comparingDouble(r -> r.getDouble(width)));
        // Points whose parameters resolve to the same values, such as two values of a parameter
        // that does not apply, share an x: their means are averaged, as further replicates.
        List<double[]> merged = new ArrayList<>();
        for (Row r : sorted) {
            double x0 = r.getDouble(width);
            double[] values = {x0, valueOrNaN(r, width + 1), valueOrNaN(r, width + 2), valueOrNaN(r, width + 3), 1};
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last[0] == x0) {
                double k = last[4];
                last[1] = (k * last[1] + values[1]) / (k + 1);
                last[2] = Math.sqrt(k * k * last[2] * last[2] + values[2] * values[2]) / (k + 1);
                last[3] = (k * last[3] + values[3]) / (k + 1);
                last[4] = k + 1;
            } else {
                merged.add(values);
            }
        }
        int count = merged.size();
        double[] xs = new double[count];
        double[] mean = new double[count];
        double[] se = new double[count];
        double[] chi = new double[count];
        for (int i = 0; i < count; i++) {
            xs[i] = merged.get(i)[0];
            mean[i] = merged.get(i)[1];
            se[i] = merged.get(i)[2];
            chi[i] = merged.get(i)[3];
        }
        boolean logScale = logX && xs.length > 0 && xs[0] > 0;
        Transition t;
        if (logScale) {
            // On a logspace axis the transition is located in log10(x), where the grid is even.
            double[] exponents = java.util.Arrays.stream(xs).map(Math::log10).toArray();
            t = fromLogScale(TransitionDetector.detect(exponents, mean, se, chi));
        } else {
            t = TransitionDetector.detect(xs, mean, se, chi);
        }
        Map<String, Object> slice = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            slice.put(sliceColumns.get(i), key.get(i));
        }
        OptionalDouble theory;
        try {
            theory = solver.predictedTransition(x, slice);
        } catch (RuntimeException e) {
            LOG.warn("no theory value for slice {}: {}", slice, e.toString());
            theory = OptionalDouble.empty();
        }
        Object[] values = new Object[width + 12];
        for (int i = 0; i < width; i++) {
            values[i] = key.get(i);
        }
        int c = width;
        values[c++] = x;
        values[c++] = observable;
        values[c++] = nullIfNaN(t.location());
        values[c++] = nullIfNaN(t.uncertainty());
        values[c++] = t.type();
        values[c++] = nullIfNaN(t.orderBelow());
        values[c++] = nullIfNaN(t.orderAbove());
        values[c++] = theory.isPresent() ? theory.getAsDouble() : null;
        values[c++] = nullIfNaN(t.bracketLow());
        values[c++] = nullIfNaN(t.bracketHigh());
        values[c++] = Double.isFinite(t.jumpRatio()) ? t.jumpRatio() : null;
        values[c] = t.points();
        return RowFactory.create(values);
    }

    /** Converts a transition located in log10(x) back to x; the uncertainty covers the interval's far end. */
    private static Transition fromLogScale(Transition t) {
        if (Transition.NONE.equals(t.type())) {
            return t;
        }
        double location = Math.pow(10, t.location());
        double uncertainty = Math.max(Math.pow(10, t.location() + t.uncertainty()) - location,
                location - Math.pow(10, t.location() - t.uncertainty()));
        return new Transition(t.type(), location, uncertainty, Math.pow(10, t.bracketLow()),
                Math.pow(10, t.bracketHigh()), t.orderBelow(), t.orderAbove(), t.jumpRatio(), t.points());
    }

    private static double valueOrNaN(Row row, int index) {
        return row.isNullAt(index) ? Double.NaN : row.getDouble(index);
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** A problem with the analysis input, reported as one line. */
    public static final class AnalysisException extends RuntimeException {
        public AnalysisException(String message) {
            super(message);
        }
    }
}
