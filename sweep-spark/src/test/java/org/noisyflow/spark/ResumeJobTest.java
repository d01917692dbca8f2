package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noisyflow.plan.SweepPlan;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;

/**
 * An interrupted sweep resumes from its committed part files: the finished table equals that of
 * an uninterrupted run row for row, with every (point, replicate) once.
 */
class ResumeJobTest {
    /** 24 noisy-gd points with trajectories, so that both tables are resumed. */
    private static final String SPEC = """
            name: resume-test
            solver: noisy-gd
            seed: 31
            replicates: 2
            parameters:
              model: product
              sigma: 0.3
              steps: 200
              record_every: 50
              mode: simulate
            axes:
              step_size: [0.01, 0.02, 0.05]
              noise: [label, anti-pgd]
              init: [default, [3.0, 0.4], [2.0, 0.5], [1.5, 1.0]]
            """;

    private static SparkSession spark;
    private static SweepSpec spec;
    @TempDir
    static Path tmp;
    private static Path reference;

    @BeforeAll
    static void runUninterrupted() throws Exception {
        spark = SparkTestSession.start();
        spec = SpecParser.parse(SPEC, "resume-test.yaml");
        reference = tmp.resolve("reference");
        new SweepJob(spark, spec, reference.toString(), null).run(3);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Row> rows(Path dir, String table) {
        return spark.read().parquet(dir.resolve(table).toString()).drop(SummarySchema.WALL_MS)
                .orderBy(SummarySchema.POINT_INDEX, SummarySchema.REPLICATE).collectAsList();
    }

    private static List<Row> records(Path dir) {
        return spark.read().parquet(dir.resolve("trajectories").toString())
                .orderBy(SummarySchema.POINT_INDEX, SummarySchema.REPLICATE, TrajectorySchema.STEP).collectAsList();
    }

    /** Commits the part files of one range as a finished task would. */
    private static void runTask(Path dir, long from, long to) throws Exception {
        var values = spec.parameterValues();
        var solver = spec.solver();
        StructType schema = SummarySchema.of(solver, solver.observables(values));
        StructType records = TrajectorySchema.of(solver, solver.trajectoryColumns(values));
        SweepJob.runRange(spec, new SweepPlan.Range(from, to), new PartFiles.Settings(
                spark.sparkContext().hadoopConfiguration()), dir.toUri().toString(), schema, records,
                solver.trajectoryColumns(values), null, null);
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws Exception {
        Path dir = tmp.resolve("interrupted");
        SweepJob first = new SweepJob(spark, spec, dir.toString(), null);
        assertEquals(SweepJob.State.FRESH, first.prepare(false));
        runTask(dir, 0, 5);
        runTask(dir, 9, 17);
        // A task killed while writing leaves a hidden temporary file, and one killed between its
        // two commits leaves a record part without a summary part.
        Path parts = dir.resolve(PartFiles.PARTS);
        Files.writeString(parts.resolve("summary").resolve(".part-5-9.parquet.dead.tmp"), "partial");
        runTask(dir, 17, 20);
        Files.delete(parts.resolve("summary").resolve("part-17-20.parquet"));

        SweepJob second = new SweepJob(spark, spec, dir.toString(), null);
        assertEquals(SweepJob.State.RESUME, second.prepare(false));
        SweepJob.Outcome outcome = second.run(4);

        assertEquals(rows(reference, "summary"), rows(dir, "summary"));
        assertEquals(records(reference), records(dir));
        assertEquals(48L, outcome.rows());
        assertEquals(48L, spark.read().parquet(dir.resolve("summary").toString())
                .select(SummarySchema.POINT_ID, SummarySchema.REPLICATE).distinct().count());
        assertFalse(Files.exists(parts), "part files are removed once the manifest is written");
        assertTrue(Files.exists(dir.resolve("manifest.json")));
    }

    @Test
    void finishedSweepRunsNothing() throws Exception {
        SweepJob again = new SweepJob(spark, spec, reference.toString(), null);
        assertEquals(SweepJob.State.COMPLETE, again.prepare(false));
        SweepJob.Outcome outcome = again.run(2);
        assertEquals(0, outcome.tasks());
        assertEquals(48L, outcome.rows());
        assertEquals(Map.of("ok", 48L, "diverged", 0L, "failed", 0L, "timeout", 0L), outcome.rowsByStatus());
    }

    @Test
    void otherSpecNeedsForce() throws Exception {
        Path dir = tmp.resolve("other");
        new SweepJob(spark, spec, dir.toString(), null).run(2);
        SweepSpec other = SpecParser.parse(SPEC.replace("seed: 31", "seed: 32"), "other.yaml");
        SweepJob.ExistingOutputException e = assertThrows(SweepJob.ExistingOutputException.class,
                () -> new SweepJob(spark, other, dir.toString(), null).prepare(false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());

        SweepJob forced = new SweepJob(spark, other, dir.toString(), null);
        assertEquals(SweepJob.State.FRESH, forced.prepare(true));
        forced.run(2);
        assertEquals(other.hash(), new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("manifest.json").toFile()).path("spec_hash").asText());
    }
}
