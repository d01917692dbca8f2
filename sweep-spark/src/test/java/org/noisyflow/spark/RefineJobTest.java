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
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("kernel", "transformer");
            values.put("gamma", gamma);
            values.put("d", 3L);
            values.put("quantity", "transition");
            values.put("nodes", 400L);
            RunResult transition = solver.run(new Parameters(values), null);
            double expected = transition.observables().get("beta_transition");
            assertEquals("converged", row.getString(row.fieldIndex("status")), "gamma " + gamma);
            // m jumps at a discontinuous transition and grows like at least 0.85 sqrt(beta - beta_t)
            // at a continuous one, so it reaches 1e-3 within 2e-6 above beta_t. The converged
            // bracket is below 1e-4 wide and contains the crossing.
            assertEquals(expected, row.getDouble(row.fieldIndex("located")), 1e-4, "gamma " + gamma);
            assertTrue(row.getDouble(row.fieldIndex("uncertainty")) <= 1e-4, "gamma " + gamma);
            runs += row.getLong(row.fieldIndex("runs"));
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

        // A third run on the finished directory runs nothing and reports the same table.
        RefineJob.Outcome again = new RefineJob(spark, refine, parts.toString(), null).run(2, 0);
        assertEquals(reference.slices(), again.slices());
        assertNotNull(RefineJob.manifest(org.apache.hadoop.fs.FileSystem.getLocal(
                spark.sparkContext().hadoopConfiguration()), new org.apache.hadoop.fs.Path(parts.toUri())));
    }
}
