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
import org.apache.spark.util.LongAccumulator;
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
    private State prepared;

    /** The outputs of a run besides the record table, deleted by {@code --force}. */
    private static final List<String> OUTPUTS = List.of("summary", PartFiles.PARTS, "summary.arrow", "spec.yaml",
            "manifest.json", "analysis");
    /** The record tables a solver may write, deleted by {@code --force}. */
    private static final List<String> RECORD_TABLES = List.of("trajectories", "branches", "profiles");
    /** Rows per file of a compacted table. */
    private static final long ROWS_PER_FILE = 1_000_000L;
    private static final int MAX_COMPACTED_FILES = 200;

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

    /** The contents of an output directory before a run. */
    public enum State {
        /** No results yet: the run starts from the first point. */
        FRESH,
        /** Part files of the same spec: the run does only the missing ranges. */
        RESUME,
        /** A finished sweep of the same spec: nothing to run. */
        COMPLETE
    }

    /**
     * Checks the output directory against the spec and claims it for this spec. Returns what it
     * holds, after deleting every earlier output when {@code force} is set.
     *
     * @throws ExistingOutputException when the directory is a file, or contains results of another
     *     spec and force is not set
     */
    public State prepare(boolean force) throws IOException {
        if (fs.exists(out) && fs.getFileStatus(out).isFile()) {
            throw new ExistingOutputException("Output path " + out + " is a file. Fix: give a directory with --out.");
        }
        String existing = existingHash();
        if (force) {
            for (String name : OUTPUTS) {
                fs.delete(new Path(out, name), true);
            }
            for (String table : RECORD_TABLES) {
                fs.delete(new Path(out, table), true);
            }
            existing = null;
        } else if (existing != null && !existing.equals(spec.hash())) {
            throw new ExistingOutputException("Output directory " + out + " contains results of another sweep file "
                    + "(spec hash " + existing + "; this file has " + spec.hash() + "). Fix: choose a new --out "
                    + "directory, or give --force to delete the old results.");
        } else if (existing == null && fs.exists(new Path(out, "summary"))) {
            throw new ExistingOutputException("Output directory " + out + " contains a summary/ without manifest.json "
                    + "or part files, so the spec it belongs to is unknown. Fix: choose a new --out directory, or "
                    + "give --force to delete it.");
        }
        State state;
        if (existing != null && fs.exists(new Path(out, "manifest.json"))) {
            state = State.COMPLETE;
        } else {
            fs.mkdirs(new Path(out, PartFiles.PARTS));
            writeText(new Path(new Path(out, PartFiles.PARTS), PartFiles.SPEC_HASH), spec.hash() + "\n");
            writeText(new Path(out, "spec.yaml"), spec.toYaml());
            state = PartFiles.finished(fs, out, "summary").isEmpty() ? State.FRESH : State.RESUME;
        }
        prepared = state;
        return state;
    }

    /** Returns the spec hash of the results in the output directory, or null when there are none. */
    private String existingHash() throws IOException {
        Path manifest = new Path(out, "manifest.json");
        if (fs.exists(manifest)) {
            try (var in = fs.open(manifest)) {
                return new ObjectMapper().readTree(in).path("spec_hash").asText(null);
            }
        }
        Path hash = new Path(new Path(out, PartFiles.PARTS), PartFiles.SPEC_HASH);
        if (fs.exists(hash)) {
            try (var in = fs.open(hash)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        }
        return null;
    }

    /**
     * Runs every (point, replicate) that has no committed part file yet, then merges the part
     * files into the final tables. Calls {@link #prepare(boolean)} without force unless it was
     * called before.
     *
     * @param partitions the number of tasks for the missing points, at most their number; 0
     *     chooses four tasks per core of the cluster
     */
    public Outcome run(int partitions) throws IOException {
        Instant start = Instant.now();
        State state = prepared != null ? prepared : prepare(false);
        prepared = null;
        Solver solver = spec.solver();
        long points = spec.points().count();
        Map<String, List<Object>> values = spec.parameterValues();
        List<String> observables = solver.observables(values);
        List<String> trajectoryColumns = solver.trajectoryColumns(values);
        StructType schema = SummarySchema.of(solver, observables);
        boolean withTrajectories = !trajectoryColumns.isEmpty();
        StructType trajectorySchema = withTrajectories ? TrajectorySchema.of(solver, trajectoryColumns) : null;
        if (state == State.COMPLETE) {
            LOG.info("sweep {}: {} already holds every row of this spec", spec.name(), out);
            return finishedOutcome(schema, trajectorySchema, start);
        }

        List<SweepPlan.Range> done = PartFiles.finished(fs, out, "summary");
        if (withTrajectories) {
            dropUnfinishedRecords(solver.trajectoryTable(), done);
        }
        int requested = partitions > 0 ? partitions : Math.max(1, 4 * spark.sparkContext().defaultParallelism());
        List<SweepPlan.Range> ranges = SweepPlan.splitMissing(points, done, requested, costProfile(spec));
        long donePoints = done.stream().mapToLong(SweepPlan.Range::size).sum();
        if (donePoints > 0) {
            LOG.info("sweep {}: resuming, {} of {} points done, {} left in {} tasks", spec.name(), donePoints,
                    points, points - donePoints, ranges.size());
            if (progress != null) {
                progress.accept(String.format("  resuming: %d of %d points already done", donePoints, points));
            }
        }
        LOG.info("sweep {}: {} points x {} replicates in {} tasks, output {}", spec.name(), points - donePoints,
                spec.replicates(), ranges.size(), out);
        if (!ranges.isEmpty()) {
            runTasks(ranges, schema, trajectorySchema, trajectoryColumns);
        }

        Path summary = new Path(out, "summary");
        compact(PartFiles.directory(out, "summary"), schema, summary);
        LOG.info("sweep {}: wrote {}", spec.name(), summary);
        long trajectoryRows = 0;
        if (withTrajectories) {
            Path records = new Path(out, solver.trajectoryTable());
            trajectoryRows = compact(PartFiles.directory(out, solver.trajectoryTable()), trajectorySchema, records);
            LOG.info("sweep {}: wrote {} trajectory rows to {}", spec.name(), trajectoryRows, records);
        }

        Dataset<Row> written = spark.read().schema(schema).parquet(summary.toString());
        Map<String, Long> byStatus = countByStatus(written);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        exportArrow(written, schema);

        Instant end = Instant.now();
        Outcome outcome = new Outcome(points, total, byStatus, trajectoryRows, ranges.size(), start, end);
        // The manifest marks the sweep finished, so the part files go only after it is written.
        writeText(new Path(out, "manifest.json"), manifest(outcome));
        fs.delete(new Path(out, PartFiles.PARTS), true);
        LOG.info("sweep {}: done, rows by status {}", spec.name(), byStatus);
        return outcome;
    }

    /** Returns the outcome of a sweep that finished earlier, from its tables. */
    private Outcome finishedOutcome(StructType schema, StructType trajectorySchema, Instant start) throws IOException {
        fs.delete(new Path(out, PartFiles.PARTS), true);
        Dataset<Row> written = spark.read().schema(schema).parquet(new Path(out, "summary").toString());
        Map<String, Long> byStatus = countByStatus(written);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long trajectoryRows = 0;
        if (trajectorySchema != null) {
            trajectoryRows = spark.read().schema(trajectorySchema)
                    .parquet(new Path(out, spec.solver().trajectoryTable()).toString()).count();
        }
        return new Outcome(spec.points().count(), total, byStatus, trajectoryRows, 0, start, Instant.now());
    }

    /**
     * Deletes record part files whose range has no summary part file: a crash between the two
     * commits leaves them, and the new plan may cut that range differently.
     */
    private void dropUnfinishedRecords(String table, List<SweepPlan.Range> done) throws IOException {
        for (SweepPlan.Range range : PartFiles.finished(fs, out, table)) {
            if (!done.contains(range)) {
                fs.delete(new Path(PartFiles.directory(out, table), PartFiles.name(range)), false);
            }
        }
    }

    /** Merges the part files of one table into the final table and returns its row count. */
    private long compact(Path parts, StructType schema, Path target) {
        Dataset<Row> rows = spark.read().schema(schema).parquet(parts.toString());
        long count = rows.count();
        int files = (int) Math.max(1, Math.min(MAX_COMPACTED_FILES, (count + ROWS_PER_FILE - 1) / ROWS_PER_FILE));
        rows.coalesce(files).write().mode(SaveMode.Overwrite).parquet(target.toString());
        return count;
    }

    /** Runs the ranges as Spark tasks, each committing its own part files. */
    private void runTasks(List<SweepPlan.Range> ranges, StructType schema, StructType trajectorySchema,
            List<String> trajectoryColumns) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SweepSpec taskSpec = spec;
        String target = out.toString();
        PartFiles.Settings settings = new PartFiles.Settings(spark.sparkContext().hadoopConfiguration());
        LongAccumulator runs = spark.sparkContext().longAccumulator(ProgressListener.RUNS);
        LongAccumulator notOk = spark.sparkContext().longAccumulator(ProgressListener.NOT_OK);
        ProgressListener listener = progress == null ? null : new ProgressListener(progress);
        if (listener != null) {
            long expected = ranges.stream().mapToLong(SweepPlan.Range::size).sum() * spec.replicates();
            listener.expect(ranges.size(), expected);
            spark.sparkContext().addSparkListener(listener);
        }
        try {
            jsc.parallelize(new ArrayList<>(ranges), ranges.size())
                    .map(range -> runRange(taskSpec, range, settings, target, schema, trajectorySchema,
                            trajectoryColumns, runs, notOk))
                    .collect();
        } finally {
            if (listener != null) {
                spark.sparkContext().removeSparkListener(listener);
            }
        }
    }

    /** Runs one range in a task and commits its part files; returns its summary row count. */
    static long runRange(SweepSpec spec, SweepPlan.Range range, PartFiles.Settings settings, String target,
            StructType schema, StructType trajectorySchema, List<String> trajectoryColumns, LongAccumulator runs,
            LongAccumulator notOk) throws IOException {
        org.apache.hadoop.conf.Configuration conf = settings.configuration();
        Path out = new Path(target);
        Solver solver = spec.solver();
        List<String> observables = solver.observables(spec.parameterValues());
        try (PointRunner runner = new PointRunner(spec, Math.round(spec.timeout() * 1000));
                PartFiles.Writer summary = new PartFiles.Writer(conf, out, "summary", range, schema);
                PartFiles.Writer records = trajectorySchema == null ? null
                        : new PartFiles.Writer(conf, out, solver.trajectoryTable(), range, trajectorySchema)) {
            Iterator<ResultRow> results = resultsOf(spec, range, runner);
            while (results.hasNext()) {
                ResultRow result = results.next();
                summary.write(SummarySchema.toRow(spec.name(), solver, observables, result));
                if (runs != null) {
                    runs.add(1);
                    if (result.result().status() != RunStatus.OK) {
                        notOk.add(1);
                    }
                }
                if (records != null) {
                    for (Row row : TrajectorySchema.toRows(spec.name(), solver, trajectoryColumns, result)) {
                        records.write(row);
                    }
                }
            }
            // The summary part commits last, because its presence marks the range finished.
            if (records != null) {
                records.commit();
            }
            summary.commit();
            return summary.rows();
        }
    }

    /** Lazily runs the replicates of the points of one range, yielding a result per run. */
    static Iterator<ResultRow> resultsOf(SweepSpec spec, SweepPlan.Range range, PointRunner runner) {
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

    /** An output directory with contents this run must not overwrite. */
    public static final class ExistingOutputException extends IOException {
        public ExistingOutputException(String message) {
            super(message);
        }
    }

    /** Samples the solver's relative cost along the point indices of a spec. */
    static org.noisyflow.plan.CostProfile costProfile(SweepSpec spec) {
        Solver solver = spec.solver();
        var space = spec.points();
        return org.noisyflow.plan.CostProfile.sample(space.count(), i -> solver.relativeCost(space.point(i).parameters()));
    }
}
