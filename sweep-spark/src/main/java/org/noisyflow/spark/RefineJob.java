package org.noisyflow.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.noisyflow.plan.SweepPlan;
import org.noisyflow.refine.CellPlanner;
import org.noisyflow.refine.Observation;
import org.noisyflow.refine.RefinePlanner;
import org.noisyflow.refine.RefineSpec;
import org.noisyflow.refine.Request;
import org.noisyflow.refine.SliceResult;
import org.noisyflow.run.PointRunner;
import org.noisyflow.run.ResultRow;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Solver;
import org.noisyflow.spec.Point;
import org.noisyflow.spec.SweepSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an adaptive refinement on Spark: round 0 is the coarse grid, and every later round is one
 * Spark job over the runs that {@link RefinePlanner} plans from the rows of the earlier rounds.
 *
 * <p>Every run has a run index, counted over all rounds in plan order. A task writes the rows of a
 * run-index range to {@code _parts/summary/part-FROM-TO.parquet}, as {@code sweep run} does for
 * point ranges, and a finished round gets {@code _refine/round-K.json}. The planner reads the rows
 * back from the part files, so a rerun after an interruption plans the same rounds, skips the
 * committed ranges and ends with the same tables. At the end the part files are merged into
 * {@code summary/} with a {@code round} column, and the located boundary of every slice goes to
 * {@code analysis/boundary/}. A refine section with {@code across} is planned by
 * {@link CellPlanner}, and one without by {@link RefinePlanner}.
 */
public final class RefineJob {
    private static final Logger LOG = LoggerFactory.getLogger(RefineJob.class);
    static final String ROUNDS = "_refine";
    /** Rounds after which a refinement stops even with open slices and budget left. */
    static final int MAX_ROUNDS = 200;
    private static final long ROWS_PER_FILE = 1_000_000L;

    /**
     * The state of a refinement when it stopped.
     *
     * @param rounds the rounds run or read back
     * @param runs the runs of all rounds
     * @param finished whether every slice is closed; false after {@code --max-rounds}
     * @param slices the state of every slice
     */
    public record Outcome(int rounds, long runs, boolean finished, List<SliceResult> slices,
            List<CellPlanner.ColumnResult> columns, List<Row> table, Instant start, Instant end) {
    }

    /** One run of a round: the slice, the refined coordinates ([along], or [across, along]) and the replicate. */
    private record Planned(int slice, List<Double> coordinates, int replicate) {
    }

    /**
     * The planner of a 1-D or 2-D refinement with the observations read back so far. A plan of
     * round k must see exactly the observations of rounds 0 to k-1.
     */
    private interface Rounds {
        List<Planned> plan(int round);

        void add(int slice, List<Double> coordinates, int replicate, int round, double value);

        /** Returns the slices still open after the observations added so far, for progress lines. */
        long open(int nextRound);
    }

    /** The rounds of a 1-D refinement: one boundary value per slice. */
    private static final class LineRounds implements Rounds {
        final RefinePlanner planner;
        final List<Observation> observations = new ArrayList<>();
        RefinePlanner.Plan last;

        LineRounds(RefinePlanner planner) {
            this.planner = planner;
        }

        @Override
        public List<Planned> plan(int round) {
            last = planner.plan(round, observations);
            List<Planned> out = new ArrayList<>();
            for (Request r : last.requests()) {
                out.add(new Planned(r.slice(), List.of(r.x()), r.replicate()));
            }
            return out;
        }

        @Override
        public void add(int slice, List<Double> coordinates, int replicate, int round, double value) {
            observations.add(new Observation(slice, coordinates.get(0), replicate, round, value));
        }

        @Override
        public long open(int nextRound) {
            return RefineJob.open(planner.plan(nextRound, observations).slices());
        }
    }

    /** The rounds of a 2-D refinement: crossed cells of the (across, along) plane. */
    private static final class CellRounds implements Rounds {
        final CellPlanner planner;
        final List<CellPlanner.CellObservation> observations = new ArrayList<>();
        CellPlanner.Plan last;

        CellRounds(CellPlanner planner) {
            this.planner = planner;
        }

        @Override
        public List<Planned> plan(int round) {
            last = planner.plan(round, observations);
            List<Planned> out = new ArrayList<>();
            for (CellPlanner.CellRequest r : last.requests()) {
                out.add(new Planned(r.slice(), List.of(r.corner().across(), r.corner().along()), r.replicate()));
            }
            return out;
        }

        @Override
        public void add(int slice, List<Double> coordinates, int replicate, int round, double value) {
            observations.add(new CellPlanner.CellObservation(slice,
                    new CellPlanner.Corner(coordinates.get(0), coordinates.get(1)), replicate, round, value));
        }

        @Override
        public long open(int nextRound) {
            return planner.plan(nextRound, observations).slices().stream()
                    .filter(s -> s == org.noisyflow.refine.SliceStatus.OPEN).count();
        }
    }

    private final SparkSession spark;
    private final RefineSpec refine;
    private final SweepSpec spec;
    private final FileSystem fs;
    private final Path out;
    private final Consumer<String> progress;

    /**
     * @param progress receives one line per round, or {@code null} for none
     */
    public RefineJob(SparkSession spark, RefineSpec refine, String outDir, Consumer<String> progress)
            throws IOException {
        this.spark = spark;
        this.refine = refine;
        this.spec = refine.spec();
        this.progress = progress;
        Path path = new Path(outDir);
        this.fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        this.out = fs.makeQualified(path);
    }

    public Path outputDirectory() {
        return out;
    }

    /**
     * Checks the output directory and claims it for this refinement, deleting earlier results
     * first when {@code force} is set.
     *
     * @throws SweepJob.ExistingOutputException when the directory is a file or contains results of
     *     another file
     */
    public void prepare(boolean force) throws IOException {
        if (fs.exists(out) && fs.getFileStatus(out).isFile()) {
            throw new SweepJob.ExistingOutputException("Output path " + out + " is a file. Fix: give a directory "
                    + "with --out.");
        }
        if (force) {
            for (String name : List.of("summary", PartFiles.PARTS, ROUNDS, "summary.arrow", "spec.yaml",
                    "manifest.json", "analysis", "trajectories", "branches", "profiles")) {
                fs.delete(new Path(out, name), true);
            }
        }
        String existing = existingHash();
        if (existing != null && !existing.equals(refine.hash())) {
            throw new SweepJob.ExistingOutputException("Output directory " + out + " contains results of another "
                    + "sweep file or refine section (hash " + existing + "; this file has " + refine.hash()
                    + "). Fix: choose a new --out directory, or give --force to delete the old results.");
        }
        if (existing == null && fs.exists(new Path(out, "summary"))) {
            throw new SweepJob.ExistingOutputException("Output directory " + out + " contains a summary/ without "
                    + "manifest.json or part files, so the file it belongs to is unknown. Fix: choose a new --out "
                    + "directory, or give --force to delete it.");
        }
        if (!fs.exists(new Path(out, "manifest.json"))) {
            fs.mkdirs(new Path(out, PartFiles.PARTS));
            writeText(new Path(new Path(out, PartFiles.PARTS), PartFiles.SPEC_HASH), refine.hash() + "\n");
            writeText(new Path(out, "spec.yaml"), refine.toYaml());
        }
    }

    private String existingHash() throws IOException {
        Path manifest = new Path(out, "manifest.json");
        if (fs.exists(manifest)) {
            try (InputStream in = fs.open(manifest)) {
                return new ObjectMapper().readTree(in).path("spec_hash").asText(null);
            }
        }
        Path hash = new Path(new Path(out, PartFiles.PARTS), PartFiles.SPEC_HASH);
        if (fs.exists(hash)) {
            try (InputStream in = fs.open(hash)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        }
        return null;
    }

    /** One run of a round: a point, a replicate and its run index. */
    record Task(Point point, int replicate, long runIndex) implements Serializable {
    }

    /**
     * Runs or reads back the rounds until every slice is closed, the budget is spent or
     * {@code maxRounds} rounds have run, then writes the tables of a finished refinement.
     *
     * @param partitions tasks per round, at most its run count; 0 chooses four per core
     * @param maxRounds the number of rounds (round 0 included) after which to stop; 0 for no limit
     */
    public Outcome run(int partitions, int maxRounds) throws IOException {
        Instant start = Instant.now();
        prepare(false);
        boolean complete = fs.exists(new Path(out, "manifest.json"));
        Solver solver = spec.solver();
        List<String> observables = solver.observables(spec.parameterValues());
        StructType schema = SummarySchema.withRound(SummarySchema.of(solver, observables));
        RefineSpec.Slices slices = refine.slices();
        boolean cells = refine.settings().across() != null;
        Rounds rounds;
        if (cells) {
            List<double[][]> grids = new ArrayList<>();
            for (RefineSpec.Slice slice : slices.slices()) {
                grids.add(new double[][] {slice.grid(0), slice.grid(1)});
            }
            rounds = new CellRounds(new CellPlanner(refine.settings(), grids));
        } else {
            List<double[]> grids = new ArrayList<>();
            for (RefineSpec.Slice slice : slices.slices()) {
                grids.add(slice.grid(0));
            }
            rounds = new LineRounds(new RefinePlanner(refine.settings(), grids));
        }
        Path parts = complete ? new Path(out, "summary") : PartFiles.directory(out, "summary");

        Map<String, Integer> sliceOfPoint = new HashMap<>();
        Map<List<Object>, Point> refined = new HashMap<>();
        long nextIndex = spec.points().count();
        long runOffset = 0;
        int round = 0;
        boolean finished;
        while (true) {
            List<Planned> requests = rounds.plan(round);
            if (round > 0 && requests.isEmpty()) {
                finished = true;
                break;
            }
            if (round >= MAX_ROUNDS || maxRounds > 0 && round >= maxRounds) {
                finished = false;
                break;
            }
            List<Task> tasks = new ArrayList<>();
            for (Planned request : requests) {
                RefineSpec.Slice slice = slices.slices().get(request.slice());
                List<Object> key = List.of(request.slice(), request.coordinates());
                Point point = refined.get(key);
                if (point == null) {
                    point = refine.point(slice, request.coordinates(), nextIndex);
                    if (point.index() == nextIndex) {
                        nextIndex++;
                    }
                    refined.put(key, point);
                    sliceOfPoint.put(point.id(), request.slice());
                }
                tasks.add(new Task(point, request.replicate(), runOffset + tasks.size()));
            }
            SweepPlan.Range roundRange = new SweepPlan.Range(runOffset, runOffset + tasks.size());
            boolean ranBefore = complete || fs.exists(roundManifest(round));
            if (!ranBefore) {
                runRound(round, tasks, schema, observables, partitions);
                writeText(roundManifest(round), roundText(round, roundRange));
            }
            readRound(parts, schema, round, sliceOfPoint, rounds);
            runOffset = roundRange.to();
            if (progress != null) {
                progress.accept(String.format("  round %d: %d runs%s, %d in all; %d of %d slices open", round,
                        tasks.size(), ranBefore ? " (read back from an earlier run)" : "", runOffset,
                        rounds.open(round + 1), slices.slices().size()));
            }
            round++;
        }
        if (finished && !complete) {
            finish(schema, runOffset, round);
        }
        Outcome outcome;
        if (rounds instanceof CellRounds cellRounds) {
            List<Row> table = BoundaryTable.cellRows(spec, refine.settings(), slices, cellRounds.last.columns());
            outcome = new Outcome(round, runOffset, finished, List.of(), cellRounds.last.columns(), table, start,
                    Instant.now());
            writeTable(BoundaryTable.cellSchema(spec, refine.settings()), table);
        } else {
            List<SliceResult> results = ((LineRounds) rounds).last.slices();
            List<Row> table = BoundaryTable.rows(spec, refine.settings(), slices, results);
            outcome = new Outcome(round, runOffset, finished, results, List.of(), table, start, Instant.now());
            writeTable(BoundaryTable.schema(spec, refine.settings()), table);
        }
        return outcome;
    }

    private static long open(List<SliceResult> slices) {
        return slices.stream().filter(s -> s.status() == org.noisyflow.refine.SliceStatus.OPEN).count();
    }

    private Path roundManifest(int round) {
        return new Path(new Path(out, ROUNDS), String.format("round-%04d.json", round));
    }

    private String roundText(int round, SweepPlan.Range range) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("round", round);
        m.put("first_run", range.from());
        m.put("runs", range.size());
        m.put("end_time", Instant.now().toString());
        return new ObjectMapper().writeValueAsString(m) + "\n";
    }

    /** Runs the tasks of one round that have no committed part file, as one Spark job. */
    private void runRound(int round, List<Task> tasks, StructType schema, List<String> observables, int partitions)
            throws IOException {
        if (tasks.isEmpty()) {
            return;
        }
        long from = tasks.get(0).runIndex();
        long to = from + tasks.size();
        List<SweepPlan.Range> done = new ArrayList<>();
        for (SweepPlan.Range range : PartFiles.finished(fs, out, "summary")) {
            if (range.from() >= from && range.to() <= to) {
                done.add(range);
            }
        }
        done.sort(Comparator.comparingLong(SweepPlan.Range::from));
        int requested = partitions > 0 ? partitions : Math.max(1, 4 * spark.sparkContext().defaultParallelism());
        List<List<Task>> chunks = new ArrayList<>();
        long cursor = from;
        List<long[]> gaps = new ArrayList<>();
        for (SweepPlan.Range range : done) {
            if (range.from() > cursor) {
                gaps.add(new long[] {cursor, range.from()});
            }
            cursor = Math.max(cursor, range.to());
        }
        if (cursor < to) {
            gaps.add(new long[] {cursor, to});
        }
        long missing = gaps.stream().mapToLong(g -> g[1] - g[0]).sum();
        long chunk = Math.max(1, (missing + requested - 1) / requested);
        for (long[] gap : gaps) {
            for (long a = gap[0]; a < gap[1]; a += chunk) {
                long b = Math.min(gap[1], a + chunk);
                chunks.add(new ArrayList<>(tasks.subList((int) (a - from), (int) (b - from))));
            }
        }
        LOG.info("refine {}: round {}, {} runs ({} already committed) in {} tasks", spec.name(), round,
                tasks.size(), tasks.size() - missing, chunks.size());
        if (chunks.isEmpty()) {
            return;
        }
        SweepSpec taskSpec = spec;
        String target = out.toString();
        PartFiles.Settings settings = new PartFiles.Settings(spark.sparkContext().hadoopConfiguration());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.parallelize(chunks, chunks.size())
                .map(list -> runChunk(taskSpec, list, round, settings, target, schema, observables))
                .collect();
    }

    /** Runs one task's runs and commits their part file; returns the row count. */
    static long runChunk(SweepSpec spec, List<Task> tasks, int round, PartFiles.Settings settings, String target,
            StructType schema, List<String> observables) throws IOException {
        SweepPlan.Range range = new SweepPlan.Range(tasks.get(0).runIndex(),
                tasks.get(tasks.size() - 1).runIndex() + 1);
        Solver solver = spec.solver();
        try (PointRunner runner = new PointRunner(spec, Math.round(spec.timeout() * 1000));
                PartFiles.Writer writer = new PartFiles.Writer(settings.configuration(), new Path(target), "summary",
                        range, schema)) {
            for (Task task : tasks) {
                ResultRow result = runner.run(task.point(), task.replicate());
                Row row = SummarySchema.toRow(spec.name(), solver, observables, result);
                Object[] values = new Object[row.length() + 1];
                for (int i = 0; i < row.length(); i++) {
                    values[i] = row.get(i);
                }
                values[row.length()] = round;
                writer.write(RowFactory.create(values));
            }
            writer.commit();
            return writer.rows();
        }
    }

    /** Reads the rows of one round back and adds them to the planner's observations. */
    private void readRound(Path parts, StructType schema, int round, Map<String, Integer> sliceOfPoint,
            Rounds rounds) {
        String along = refine.settings().along();
        String across = refine.settings().across();
        String observable = refine.settings().observable();
        List<Row> rows = spark.read().schema(schema).parquet(parts.toString())
                .where(col(SummarySchema.ROUND).equalTo(round))
                .select(col(SummarySchema.POINT_ID), col(along), col(SummarySchema.REPLICATE), col(observable),
                        col(SummarySchema.STATUS), col(across == null ? along : across))
                .collectAsList();
        for (Row row : rows) {
            Integer slice = sliceOfPoint.get(row.getString(0));
            if (slice == null) {
                throw new IllegalStateException("round " + round + " in " + parts + " has a row of point "
                        + row.getString(0) + ", which the plan of that round does not contain; the part files "
                        + "belong to another plan. Delete " + out + " or rerun with --force.");
            }
            boolean ok = RunStatus.OK.columnValue().equals(row.getString(4)) && !row.isNullAt(3);
            List<Double> coordinates = across == null ? List.of(row.getDouble(1))
                    : List.of(row.getDouble(5), row.getDouble(1));
            rounds.add(slice, coordinates, row.getInt(2), round, ok ? row.getDouble(3) : Double.NaN);
        }
    }

    /** Merges the part files into summary/, exports Arrow and writes the manifest. */
    private void finish(StructType schema, long runs, int rounds) throws IOException {
        Path summary = new Path(out, "summary");
        Dataset<Row> rows = spark.read().schema(schema).parquet(PartFiles.directory(out, "summary").toString());
        long count = rows.count();
        int files = (int) Math.max(1, Math.min(200, (count + ROWS_PER_FILE - 1) / ROWS_PER_FILE));
        rows.coalesce(files).write().mode(SaveMode.Overwrite).parquet(summary.toString());
        Dataset<Row> written = spark.read().schema(schema).parquet(summary.toString());
        try (OutputStream stream = fs.create(new Path(out, "summary.arrow"), true)) {
            ArrowExport.write(schema, written.orderBy(SummarySchema.POINT_INDEX, SummarySchema.REPLICATE)
                    .toLocalIterator(), stream);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sweep", spec.name());
        m.put("solver", spec.solverId());
        m.put("spec_hash", refine.hash());
        m.put("source", spec.source());
        m.put("project_version", ProjectVersion.get());
        m.put("spark_version", spark.version());
        m.put("master", spark.sparkContext().master());
        m.put("rounds", rounds);
        m.put("rows", count);
        m.put("runs", runs);
        writeText(new Path(out, "manifest.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
        fs.delete(new Path(out, PartFiles.PARTS), true);
        LOG.info("refine {}: finished after {} rounds, {} rows in {}", spec.name(), rounds, count, summary);
    }

    /** Writes analysis/boundary/: one row per slice, or per located column of a 2-D refinement. */
    private void writeTable(StructType schema, List<Row> rows) {
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(new Path(new Path(out, "analysis"), "boundary").toString());
    }

    private void writeText(Path path, String text) throws IOException {
        try (OutputStream stream = fs.create(path, true)) {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Returns the round count and runs recorded in a finished refinement's manifest, for tests. */
    static JsonNode manifest(FileSystem fs, Path dir) throws IOException {
        try (InputStream in = fs.open(new Path(dir, "manifest.json"))) {
            return new ObjectMapper().readTree(in);
        }
    }
}
