package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;

/** A noisy-gd sweep through Spark: its trajectories table and its independence of partitioning. */
class TrajectoryJobTest {
    private static final String SPEC = """
            name: trajectory-test
            solver: noisy-gd
            seed: 99
            replicates: 2
            parameters:
              model: product
              sigma: 0.3
              steps: 400
              record_every: 100
              mode: compare
            axes:
              step_size: [0.01, 1.5]
              noise: [label, anti-pgd]
              init: [default, [3.0, 0.4]]
            """;

    /** Diagonal networks of two sizes: the tables get coefficient columns for the larger one. */
    private static final String DIAGONAL_SPEC = """
            name: diagonal-test
            solver: noisy-gd
            seed: 5
            parameters:
              model: diagonal-net
              noise: label
              sigma: 0.1
              samples: 2
              step_size: 0.01
              steps: 50
              record_every: 25
            axes:
              features: [2, 3]
            """;

    private static SparkSession spark;
    @TempDir
    static Path tmp;
    private static Path onePartition;
    private static Path threePartitions;
    private static Path diagonal;

    @BeforeAll
    static void runTwice() throws Exception {
        spark = SparkTestSession.start();
        SweepSpec spec = SpecParser.parse(SPEC, "trajectory-test.yaml");
        onePartition = tmp.resolve("one");
        threePartitions = tmp.resolve("three");
        new SweepJob(spark, spec, onePartition.toString(), null).run(1);
        new SweepJob(spark, spec, threePartitions.toString(), null).run(3);
        diagonal = tmp.resolve("diagonal");
        new SweepJob(spark, SpecParser.parse(DIAGONAL_SPEC, "diagonal-test.yaml"), diagonal.toString(), null).run(2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Row> trajectories(Path dir) {
        return spark.read().parquet(dir.resolve("trajectories").toString())
                .orderBy(SummarySchema.POINT_INDEX, SummarySchema.REPLICATE, TrajectorySchema.STEP)
                .collectAsList();
    }

    @Test
    void trajectoriesHaveOneRowPerRecord() {
        Dataset<Row> table = spark.read().parquet(onePartition.resolve("trajectories").toString());
        // 4 stable points x 2 replicates x records at steps 0, 100, 200, 300, 400.
        assertEquals(4 * 2 * 5, table.filter("point_index < 4").count());
        assertEquals("long", table.schema().apply("step").dataType().typeName());
        assertEquals("double", table.schema().apply("tau2").dataType().typeName());
        assertEquals("string", table.schema().apply("noise").dataType().typeName());
        assertEquals(2 * 5, table.filter("noise = 'anti-pgd' AND init = 'default' AND step_size = 0.01").count());
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), table.filter("point_index = 0 AND replicate = 0")
                .orderBy("step").select("step").as(org.apache.spark.sql.Encoders.LONG()).collectAsList());
    }

    /**
     * At step_size 1.5 every minimum of the product model has sharpness S &ge; 2, so alpha S &ge; 3
     * and no minimum is stable: the iterates blow up within about ten steps. Those runs become
     * diverged rows, keeping the records made before, and the stable runs finish.
     */
    @Test
    void unstableRunsBecomeDivergedRows() {
        Dataset<Row> summary = spark.read().parquet(onePartition.resolve("summary").toString());
        assertEquals(8, summary.filter("step_size = 0.01 AND status = 'ok'").count());
        Dataset<Row> diverged = summary.filter("step_size = 1.5");
        assertEquals(8, diverged.count());
        assertEquals(8, diverged.filter("status = 'diverged' AND message LIKE '%reduce step_size%'").count());
        Dataset<Row> trajectories = spark.read().parquet(onePartition.resolve("trajectories").toString());
        assertTrue(trajectories.filter("point_index >= 4").count() > 0, "diverged runs keep their records");
    }

    @Test
    void coefficientColumnsFitEachNetwork() {
        Dataset<Row> summary = spark.read().parquet(diagonal.resolve("summary").toString());
        Row small = summary.filter("features = 2").first();
        Row large = summary.filter("features = 3").first();
        assertTrue(small.isNullAt(small.fieldIndex("coef_3")), "features = 2 has no third coefficient");
        assertFalse(large.isNullAt(large.fieldIndex("coef_3")));
        Dataset<Row> trajectories = spark.read().parquet(diagonal.resolve("trajectories").toString());
        assertEquals(3, trajectories.filter("features = 2 AND coef_3 IS NULL AND coef_2 IS NOT NULL").count());
        assertEquals(3, trajectories.filter("features = 3 AND coef_3 IS NOT NULL").count());
    }

    @Test
    void trajectoriesIgnorePartitioning() {
        List<Row> a = trajectories(onePartition);
        List<Row> b = trajectories(threePartitions);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "row " + i);
        }
    }

    @Test
    void lastRecordMatchesSummary() {
        Row summary = spark.read().parquet(onePartition.resolve("summary").toString())
                .filter("point_index = 3 AND replicate = 1").first();
        Row last = spark.read().parquet(onePartition.resolve("trajectories").toString())
                .filter("point_index = 3 AND replicate = 1 AND step = 400").first();
        assertEquals(0.01, (Double) summary.getAs("step_size"));
        assertEquals((Double) summary.getAs("balance"), (Double) last.getAs("balance"));
        assertEquals((Double) summary.getAs("limit_gap"), (Double) last.getAs("limit_gap"));
        assertEquals("[3.0, 0.4]", summary.getAs("init"));
        assertFalse(last.isNullAt(last.fieldIndex("balance_z")), "anti-pgd records z");
    }
}
