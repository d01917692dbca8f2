package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noisyflow.refine.RefineSpec;
import org.noisyflow.solver.Parameters;
import org.noisyflow.solver.RunResult;
import org.noisyflow.sphere.SphereStationarySolver;

/**
 * Refinement on Spark: the transition of the transformer kernel located by threshold crossing
 * against the stationary solver's own transition quantity, and a resumed refinement against an
 * uninterrupted one.
 */
class RefineJobTest {
    private static SparkSession spark;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final String TRANSFORMER = """
            name: transformer-refine
            solver: sphere-stationary
            seed: 1
            parameters:
              kernel: transformer
              d: 3
            axes:
              gamma: {linspace: [0.5, 3.0, 8]}
              beta: {linspace: [0.5, 4.0, 8]}
            refine:
              along: beta
              observable: magnetization
              criterion: threshold
              threshold: 1.0e-3
              tolerance: 1.0e-4
              budget: 400
            """;

    @Test
    void transformerTransitionMatchesTransitionQuantity() throws Exception {
        RefineSpec refine = RefineSpec.parse(TRANSFORMER, "transformer-refine.yaml");
        Path dir = tmp.resolve("transformer");
        RefineJob.Outcome outcome = new RefineJob(spark, refine, dir.toString(), null).run(2, 0);
        assertTrue(outcome.finished());

        List<Row> rows = spark.read().parquet(dir.resolve("analysis/boundary").toString()).orderBy("slice")
                .collectAsList();
        assertEquals(8, rows.size());
        SphereStationarySolver solver = new SphereStationarySolver();
        long runs = 0;
        for (Row row : rows) {
            double gamma = row.getDouble(row.fieldIndex("gamma"));
            double expected = transitionBeta(solver, gamma);
            assertEquals("converged", row.getString(row.fieldIndex("status")), "gamma " + gamma);
            // m jumps at a discontinuous transition and grows like at least 0.85 sqrt(beta - beta_t)
            // at a continuous one, so it reaches 1e-3 within 2e-6 above beta_t. The converged
            // bracket is below 1e-4 wide and contains the crossing.
            assertEquals(expected, row.getDouble(row.fieldIndex("located")), 1e-4, "gamma " + gamma);
            assertTrue(row.getDouble(row.fieldIndex("uncertainty")) <= 1e-4, "gamma " + gamma);
            runs += row.getLong(row.fieldIndex("runs"));
        }
        // The console table shows each slice's theory value from the written table.
        String text = BoundaryTable.format(refine.spec(), refine.settings(), refine.slices(), outcome.slices(),
                outcome.table());
        assertTrue(text.lines().findFirst().orElseThrow().contains("theory"), text);
        for (Row row : rows) {
            assertTrue(text.contains(RefineSpec.format(row.getDouble(row.fieldIndex("theory")))), text);
        }
        // A uniform grid of step 1e-4 over [0.5, 4.0] has 35,001 points per gamma, 280,008 for 8.
        long grid = 8 * 35_001L;
        assertTrue(runs * 5 <= grid, "runs " + runs);
        assertEquals(runs, outcome.runs());

        // Every run is in summary/, once, with its round; the coarse grid is round 0.
        var summary = spark.read().parquet(dir.resolve("summary").toString());
        assertEquals(runs, summary.count());
        assertEquals(64, summary.where("round = 0").count());
        assertEquals(runs, summary.select("point_id").distinct().count());
        assertEquals(runs, summary.select("point_index").distinct().count());
        assertEquals(0, summary.where("status != 'ok'").count());
        assertTrue(Files.exists(dir.resolve("manifest.json")));
        assertFalse(Files.exists(dir.resolve(PartFiles.PARTS)));

        // The normal analysis reads the refined summary, and its report shows the boundary picture.
        AnalysisJob analysis = new AnalysisJob(spark, dir.toString());
        AnalysisJob.Outcome analysed = analysis.run(new AnalysisJob.Options(null, null, null, null));
        AnalysisReport.write(analysed, analysis.directory(), spark);
        assertEquals("beta", analysed.x());
        assertTrue(Files.size(dir.resolve("analysis/boundary.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("analysis/boundary.svg")).contains("located boundary"));
        assertTrue(Files.readString(dir.resolve("analysis/index.html")).contains("boundary.png"));
        assertTrue(Files.exists(dir.resolve("analysis/boundary")), "analyze keeps the boundary table");
    }

    /** Returns the stationary solver's transition beta of the transformer kernel at d = 3. */
    private static double transitionBeta(SphereStationarySolver solver, double gamma) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kernel", "transformer");
        values.put("gamma", gamma);
        values.put("d", 3L);
        values.put("quantity", "transition");
        values.put("nodes", 400L);
        RunResult transition = solver.run(new Parameters(values), null);
        return transition.observables().get("beta_transition");
    }

    private static final String RESUME = """
            name: resume-refine
            solver: sphere-stationary
            seed: 1
            parameters:
              kernel: transformer
              d: 3
            axes:
              gamma: [1.0, 2.5]
              beta: {linspace: [1.0, 3.5, 6]}
            refine:
              along: beta
              observable: magnetization
              criterion: threshold
              threshold: 1.0e-3
              tolerance: 1.0e-3
              budget: 100
            """;

    @Test
    void interruptedRefinementResumesToSameTable() throws Exception {
        RefineSpec refine = RefineSpec.parse(RESUME, "resume-refine.yaml");
        Path whole = tmp.resolve("whole");
        RefineJob.Outcome reference = new RefineJob(spark, refine, whole.toString(), null).run(2, 0);
        assertTrue(reference.finished());
        assertTrue(reference.rounds() > 4, "rounds " + reference.rounds());

        Path parts = tmp.resolve("interrupted");
        RefineJob.Outcome stopped = new RefineJob(spark, refine, parts.toString(), null).run(2, 3);
        assertFalse(stopped.finished());
        assertEquals(3, stopped.rounds());
        assertFalse(Files.exists(parts.resolve("manifest.json")));
        assertTrue(Files.exists(parts.resolve(RefineJob.ROUNDS).resolve("round-0002.json")));
        // Without round 2's manifest the directory is as after a kill between the commit of the
        // round's part files and its manifest: the rerun plans round 2 again and reuses its parts.
        Files.delete(parts.resolve(RefineJob.ROUNDS).resolve("round-0002.json"));

        RefineJob.Outcome resumed = new RefineJob(spark, refine, parts.toString(), null).run(2, 0);
        assertTrue(resumed.finished());
        assertEquals(reference.rounds(), resumed.rounds());
        assertEquals(reference.runs(), resumed.runs());
        assertEquals(reference.slices(), resumed.slices());

        List<Row> expected = spark.read().parquet(whole.resolve("analysis/boundary").toString()).orderBy("slice")
                .collectAsList();
        List<Row> actual = spark.read().parquet(parts.resolve("analysis/boundary").toString()).orderBy("slice")
                .collectAsList();
        assertEquals(expected, actual);
        String columns = "point_id, point_index, replicate, seed, beta, gamma, magnetization, status, round";
        List<Row> expectedRows = spark.read().parquet(whole.resolve("summary").toString()).selectExpr(columns.split(", "))
                .orderBy("point_index", "replicate").collectAsList();
        List<Row> actualRows = spark.read().parquet(parts.resolve("summary").toString()).selectExpr(columns.split(", "))
                .orderBy("point_index", "replicate").collectAsList();
        assertEquals(expectedRows, actualRows);

        // A third run on the finished directory runs nothing, reports each round as read back and
        // gives the same table.
        List<String> progress = new java.util.ArrayList<>();
        RefineJob.Outcome again = new RefineJob(spark, refine, parts.toString(), progress::add).run(2, 0);
        assertEquals(reference.slices(), again.slices());
        List<String> roundLines = progress.stream().filter(line -> line.startsWith("  round ")).toList();
        assertFalse(roundLines.isEmpty(), String.join("\n", progress));
        for (String line : roundLines) {
            assertTrue(line.contains("read back from an earlier run"), line);
        }
        assertNotNull(RefineJob.manifest(org.apache.hadoop.fs.FileSystem.getLocal(
                spark.sparkContext().hadoopConfiguration()), new org.apache.hadoop.fs.Path(parts.toUri())));
    }
    private static final String PLANE = """
            name: transformer-plane
            solver: sphere-stationary
            seed: 1
            parameters:
              kernel: transformer
              d: 3
            axes:
              gamma: {linspace: [0.5, 2.5, 3]}
              beta: {linspace: [0.5, 4.0, 5]}
            refine:
              along: beta
              across: gamma
              across_tolerance: 0.5
              observable: magnetization
              criterion: threshold
              threshold: 1.0e-3
              tolerance: 2.0e-3
              budget: 400
            """;

    @Test
    void planeBoundaryMatchesTransitionQuantity() throws Exception {
        RefineSpec refine = RefineSpec.parse(PLANE, "transformer-plane.yaml");
        Path dir = tmp.resolve("plane");
        RefineJob.Outcome outcome = new RefineJob(spark, refine, dir.toString(), null).run(2, 0);
        assertTrue(outcome.finished());

        List<Row> rows = spark.read().parquet(dir.resolve("analysis/boundary").toString()).orderBy("gamma")
                .collectAsList();
        // Cells are split across until 0.5 wide, so the columns are gamma = 0.5, 1.0, ..., 2.5.
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0, 2.5),
                rows.stream().map(r -> r.getDouble(r.fieldIndex("gamma"))).toList());
        String text = BoundaryTable.formatColumns(refine.spec(), refine.settings(), refine.slices(), outcome.columns(),
                outcome.table());
        assertTrue(text.lines().findFirst().orElseThrow().contains("theory"), text);
        for (Row row : rows) {
            assertTrue(text.contains(RefineSpec.format(row.getDouble(row.fieldIndex("theory")))), text);
        }
        SphereStationarySolver solver = new SphereStationarySolver();
        for (Row row : rows) {
            double gamma = row.getDouble(row.fieldIndex("gamma"));
            double expected = transitionBeta(solver, gamma);
            assertEquals("converged", row.getString(row.fieldIndex("status")), "gamma " + gamma);
            // The bracket on the column is at most the tolerance 2e-3 high and contains the
            // crossing of 1e-3, which lies within 2e-6 above beta_transition (see the 1-D test).
            assertEquals(expected, row.getDouble(row.fieldIndex("located")), 2e-3 + 2e-6, "gamma " + gamma);
            assertTrue(row.getDouble(row.fieldIndex("uncertainty")) <= 2e-3, "gamma " + gamma);
            assertFalse(row.isNullAt(row.fieldIndex("predicted")), "gamma " + gamma);
            assertEquals(expected, row.getDouble(row.fieldIndex("theory")), 1e-12, "gamma " + gamma);
        }
        // A uniform grid of the final cell size: 5 values of gamma x 1751 of beta (step 2e-3).
        assertTrue(outcome.runs() * 10 < 5 * 1751L, "runs " + outcome.runs());
        var summary = spark.read().parquet(dir.resolve("summary").toString());
        assertEquals(outcome.runs(), summary.count());
        assertEquals(15, summary.where("round = 0").count());
        assertEquals(outcome.runs(), summary.select("point_id").distinct().count());

        AnalysisJob analysis = new AnalysisJob(spark, dir.toString());
        AnalysisJob.Outcome analysed = analysis.run(new AnalysisJob.Options(null, null, null, null));
        AnalysisReport.write(analysed, analysis.directory(), spark);
        assertTrue(Files.size(dir.resolve("analysis/boundary.png")) > 1000);
        String svg = Files.readString(dir.resolve("analysis/boundary.svg"));
        assertTrue(svg.contains("located boundary"), "svg legend");
        assertTrue(svg.contains("refined points"), "svg legend");
        // At gamma = 2.0 and 2.5 the transition is discontinuous and below linear stability, so
        // the theory curve differs from the predicted one and is drawn.
        assertTrue(svg.contains("theory"), "svg legend");
    }

    @Test
    void interruptedPlaneRefinementResumes() throws Exception {
        RefineSpec refine = RefineSpec.parse(PLANE.replace("budget: 400", "budget: 60"), "plane-resume.yaml");
        Path whole = tmp.resolve("plane-whole");
        RefineJob.Outcome reference = new RefineJob(spark, refine, whole.toString(), null).run(2, 0);
        assertTrue(reference.rounds() > 3, "rounds " + reference.rounds());

        Path parts = tmp.resolve("plane-interrupted");
        RefineJob.Outcome stopped = new RefineJob(spark, refine, parts.toString(), null).run(2, 3);
        assertFalse(stopped.finished());
        Files.delete(parts.resolve(RefineJob.ROUNDS).resolve("round-0002.json"));
        RefineJob.Outcome resumed = new RefineJob(spark, refine, parts.toString(), null).run(2, 0);
        assertTrue(resumed.finished());
        assertEquals(reference.rounds(), resumed.rounds());
        assertEquals(reference.runs(), resumed.runs());
        assertEquals(reference.columns(), resumed.columns());
        assertFalse(reference.columns().isEmpty());
        List<Row> expected = spark.read().parquet(whole.resolve("analysis/boundary").toString()).orderBy("gamma")
                .collectAsList();
        List<Row> actual = spark.read().parquet(parts.resolve("analysis/boundary").toString()).orderBy("gamma")
                .collectAsList();
        assertEquals(expected, actual);
    }
}
