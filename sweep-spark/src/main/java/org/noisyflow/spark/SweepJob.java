package org.noisyflow.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.noisyflow.plan.SweepPlan;
import org.noisyflow.run.PointRunner;
import org.noisyflow.run.ResultRow;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Solver;
import org.noisyflow.spec.Point;
import org.noisyflow.spec.SweepSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a validated sweep on Spark and writes its outputs under one directory:
 * {@code summary/} (Parquet), {@code trajectories/} (Parquet, for solvers that record them),
 * {@code summary.arrow} (Arrow IPC), {@code spec.yaml} (the resolved spec) and
 * {@code manifest.json}.
 *
 * <p>Stages: plan the point-index ranges, run them as tasks, store the rows, export Arrow, write
 * the manifest. Each task decodes its own points from the spec, so the driver builds no points.
 */
public final class SweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

    /** Row counts and timing of a finished sweep. */
    public record Outcome(long points, long rows, Map<String, Long> rowsByStatus, long trajectoryRows,
            int tasks, Instant start, Instant end) {
    }

    private final SparkSession spark;
    private final SweepSpec spec;
    private final Path out;
    private final FileSystem fs;
    private final Consumer<String> progress;

    /**
     * @param spark the session; its master decides where tasks run
     * @param spec a spec that passed {@code SpecParser}
     * @param outDir the output directory, a local path or a Hadoop file-system URI; it must not
     *     hold a previous sweep's summary
     * @param progress receives one line per progress report, or {@code null} for none
     */
    public SweepJob(SparkSession spark, SweepSpec spec, String outDir, Consumer<String> progress)
            throws IOException {
        this.spark = spark;
        this.spec = spec;
        this.progress = progress;
        Path path = new Path(outDir);
        this.fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        this.out = fs.makeQualified(path);
        String master = spark.sparkContext().master();
        if ("file".equals(out.toUri().getScheme()) && !master.startsWith("local")) {
            LOG.warn("output {} is on the local file system but the master is {}: every executor writes "
                    + "its part files to its own disk unless the path is a shared mount; give an hdfs:// "
                    + "or other shared URI", out, master);
        }
    }

    /** Returns the fully qualified output directory. */
    public Path outputDirectory() {
        return out;
    }

    /**
     * Runs every (point, replicate) and writes the outputs.
     *
     * @param partitions the number of tasks, at most the number of points; 0 chooses four
     *     tasks per core of the cluster
     */
    public Outcome run(int partitions) throws IOException {
        Instant start = Instant.now();
        Solver solver = spec.solver();
        long points = spec.points().count();

        List<SweepPlan.Range> ranges = plan(points, partitions);
        LOG.info("sweep {}: {} points x {} replicates in {} tasks, output {}", spec.name(), points,
                spec.replicates(), ranges.size(), out);

        Map<String, List<Object>> values = spec.parameterValues();
        List<String> observables = solver.observables(values);
        List<String> trajectoryColumns = solver.trajectoryColumns(values);
        StructType schema = SummarySchema.of(solver, observables);
        boolean withTrajectories = !trajectoryColumns.isEmpty();
        JavaRDD<ResultRow> results = runTasks(ranges);
        if (withTrajectories) {
            // Both tables come from one pass over the points. A lost cached partition is recomputed
            // with identical results, because every run is a function of the spec.
            results = results.persist(StorageLevel.MEMORY_AND_DISK());
        }
        Path summary = new Path(out, "summary");
        String sweep = spec.name();
        SweepSpec taskSpec = spec;
        JavaRDD<Row> summaryRows = results.map(r -> SummarySchema.toRow(sweep, taskSpec.solver(), observables, r));
        ProgressListener listener = progress == null ? null : new ProgressListener(progress);
        if (listener != null) {
            listener.expect(ranges.size());
            spark.sparkContext().addSparkListener(listener);
        }
        try {
            spark.createDataFrame(summaryRows, schema).write().mode(SaveMode.ErrorIfExists)
                    .parquet(summary.toString());
        } finally {
            if (listener != null) {
                spark.sparkContext().removeSparkListener(listener);
            }
        }
        LOG.info("sweep {}: wrote {}", spec.name(), summary);

        long trajectoryRows = 0;
        if (withTrajectories) {
            Path trajectories = new Path(out, solver.trajectoryTable());
            StructType trajectorySchema = TrajectorySchema.of(solver, trajectoryColumns);
            JavaRDD<Row> rows = results.flatMap(
                    r -> TrajectorySchema.toRows(sweep, taskSpec.solver(), trajectoryColumns, r).iterator());
            spark.createDataFrame(rows, trajectorySchema).write().mode(SaveMode.ErrorIfExists)
                    .parquet(trajectories.toString());
            trajectoryRows = spark.read().schema(trajectorySchema).parquet(trajectories.toString()).count();
            results.unpersist(false);
            LOG.info("sweep {}: wrote {} trajectory rows to {}", spec.name(), trajectoryRows, trajectories);
        }

        Dataset<Row> written = spark.read().schema(schema).parquet(summary.toString());
        Map<String, Long> byStatus = countByStatus(written);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        exportArrow(written, schema);
        writeText(new Path(out, "spec.yaml"), spec.toYaml());

        Instant end = Instant.now();
        Outcome outcome = new Outcome(points, total, byStatus, trajectoryRows, ranges.size(), start, end);
        writeText(new Path(out, "manifest.json"), manifest(outcome));
        LOG.info("sweep {}: done, rows by status {}", spec.name(), byStatus);
        return outcome;
    }

    private List<SweepPlan.Range> plan(long points, int partitions) {
        int requested = partitions > 0 ? partitions
                : Math.max(1, 4 * spark.sparkContext().defaultParallelism());
        return SweepPlan.split(points, requested);
    }

    /** Builds the RDD of results: one partition per range, each decoding and running its points. */
    private JavaRDD<ResultRow> runTasks(List<SweepPlan.Range> ranges) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SweepSpec taskSpec = spec;
        return jsc.parallelize(new ArrayList<>(ranges), ranges.size())
                .flatMap(range -> resultsOf(taskSpec, range));
    }

    /** Lazily runs the replicates of the points of one range, yielding a result per run. */
    static Iterator<ResultRow> resultsOf(SweepSpec spec, SweepPlan.Range range) {
        PointRunner runner = new PointRunner(spec);
        Iterator<Point> points = spec.points().range(range.from(), range.to());
        int replicates = spec.replicates();
        return new Iterator<>() {
            private Point point;
            private int replicate = replicates;

            @Override
            public boolean hasNext() {
                return replicate < replicates || points.hasNext();
            }

            @Override
            public ResultRow next() {
                if (replicate >= replicates) {
                    if (!points.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    point = points.next();
                    replicate = 0;
                }
                return runner.run(point, replicate++);
            }
        };
    }

    private static Map<String, Long> countByStatus(Dataset<Row> written) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RunStatus status : RunStatus.values()) {
            counts.put(status.columnValue(), 0L);
        }
        for (Row r : written.groupBy(SummarySchema.STATUS).count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    private void exportArrow(Dataset<Row> written, StructType schema) throws IOException {
        Path arrow = new Path(out, "summary.arrow");
        Iterator<Row> ordered = written
                .orderBy(SummarySchema.POINT_INDEX, SummarySchema.REPLICATE)
                .toLocalIterator();
        long count = ArrowExport.write(schema, ordered, fs.create(arrow, false));
        LOG.info("sweep {}: wrote {} rows to {}", spec.name(), count, arrow);
    }

    private String manifest(Outcome outcome) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sweep", spec.name());
        m.put("solver", spec.solverId());
        m.put("spec_hash", spec.hash());
        m.put("source", spec.source());
        m.put("project_version", ProjectVersion.get());
        m.put("spark_version", spark.version());
        m.put("master", spark.sparkContext().master());
        m.put("start_time", outcome.start().toString());
        m.put("end_time", outcome.end().toString());
        m.put("points", outcome.points());
        m.put("replicates", spec.replicates());
        m.put("tasks", outcome.tasks());
        m.put("rows", outcome.rows());
        m.put("rows_by_status", outcome.rowsByStatus());
        m.put("trajectory_rows", outcome.trajectoryRows());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }

    private void writeText(Path path, String text) throws IOException {
        try (OutputStream stream = fs.create(path, true)) {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
