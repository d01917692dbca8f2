package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noisyflow.spec.SpecParser;

/** A sphere-stationary transition sweep through Spark: the label column and the branches table. */
class StationaryJobTest {
    private static final String SPEC = """
            name: stationary-test
            solver: sphere-stationary
            seed: 1
            parameters:
              d: 3
              quantity: transition
            axes:
              kernel: [heisenberg, maier-saupe]
            """;

    private static SparkSession spark;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void run() throws Exception {
        spark = SparkTestSession.start();
        new SweepJob(spark, SpecParser.parse(SPEC, "stationary-test.yaml"), tmp.resolve("out").toString(), null)
                .run(2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void summaryCarriesTransitionType() {
        Dataset<Row> summary = spark.read().parquet(tmp.resolve("out/summary").toString());
        assertEquals("string", summary.schema().apply("transition_type").dataType().typeName());
        assertEquals("continuous", summary.filter("kernel = 'heisenberg'").first().getAs("transition_type"));
        Row maierSaupe = summary.filter("kernel = 'maier-saupe'").first();
        assertEquals("discontinuous", maierSaupe.getAs("transition_type"));
        assertTrue((Double) maierSaupe.getAs("beta_transition") < 5.0);
    }

    @Test
    void branchesTableHoldsBothBranches() {
        Dataset<Row> branches = spark.read().parquet(tmp.resolve("out/branches").toString());
        assertEquals(95, branches.filter("kernel = 'heisenberg'").count());
        assertTrue(branches.filter("kernel = 'maier-saupe' AND c_2 > 0.4 AND beta < 5.0").count() > 0);
        assertEquals("double", branches.schema().apply("arclength").dataType().typeName());
        assertEquals("double", branches.schema().apply("c_30").dataType().typeName());
    }
}
