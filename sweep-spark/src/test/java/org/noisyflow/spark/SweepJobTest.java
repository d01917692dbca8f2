package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;

/** Runs small sweeps through a real local Spark session and reads the files back. */
class SweepJobTest {
    /** Two transformer kernels over five temperatures. */
    private static final String SPEC = """
            name: job-test
            solver: sphere-particles
            seed: 777
            replicates: 2
            parameters:
              kernel: transformer
              d: 3
              n: 40
              dt: 0.01
              steps: 30
            axes:
              gamma: [0.5, 1.0]
              beta: {linspace: [1.0, 6.0, 5]}
            """;

    private static SparkSession spark;
    private static SweepSpec spec;
    @TempDir
    static Path tmp;
    private static Path onePartition;
    private static Path fourPartitions;

    @BeforeAll
    static void runSweepTwice() throws Exception {
        spark = SparkTestSession.start();
        spec = SpecParser.parse(SPEC, "job-test.yaml");
        onePartition = tmp.resolve("p1");
        fourPartitions = tmp.resolve("p4");
        new SweepJob(spark, spec, onePartition.toString(), null).run(1);
        new SweepJob(spark, spec, fourPartitions.toString(), null).run(4);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Row> sortedRows(Path dir) {
        Dataset<Row> rows = spark.read().parquet(dir.resolve("summary").toString())
                .drop(SummarySchema.WALL_MS)
                .orderBy(SummarySchema.POINT_INDEX, SummarySchema.REPLICATE);
        return rows.collectAsList();
    }

    @Test
    void partitioningDoesNotChangeRows() throws Exception {
        List<Row> one = sortedRows(onePartition);
        List<Row> four = sortedRows(fourPartitions);
        assertEquals(20, one.size());
        assertEquals(one.size(), four.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i), four.get(i), "row " + i);
        }
        assertEquals(1, Files.list(onePartition.resolve("summary"))
                .filter(p -> p.toString().endsWith(".parquet")).count());
    }

    @Test
    void summaryHasTypedColumnsInOrder() {
        Dataset<Row> rows = spark.read().parquet(onePartition.resolve("summary").toString());
        assertEquals(Arrays.asList(SummarySchema.of(spec).fieldNames()),
                Arrays.asList(rows.columns()));
        assertEquals("double", rows.schema().apply("beta").dataType().typeName());
        assertEquals("double", rows.schema().apply("temperature").dataType().typeName());
        assertEquals("long", rows.schema().apply("n").dataType().typeName());
        assertEquals("string", rows.schema().apply("kernel").dataType().typeName());
        Row first = rows.orderBy(SummarySchema.POINT_INDEX, SummarySchema.REPLICATE).first();
        assertEquals("job-test", first.getAs(SummarySchema.SWEEP));
        assertEquals(1.0, (Double) first.getAs("beta"));
        assertEquals(1.0, (Double) first.getAs("temperature"));
        assertEquals(spec.points().point(0).id(), first.getAs(SummarySchema.POINT_ID));
    }

    @Test
    void seedColumnReproducesTheRun() {
        Row row = spark.read().parquet(onePartition.resolve("summary").toString())
                .filter("point_index = 2 AND replicate = 1").first();
        long seed = row.getAs(SummarySchema.SEED);
        var result = spec.solver().run(spec.points().point(2).parameters(),
                org.noisyflow.random.StreamSeeds.stream(seed));
        assertEquals(result.observables().get("energy"), (Double) row.getAs("energy"));
    }

    @Test
    void duckdbReadsTheParquet() throws Exception {
        Class.forName("org.duckdb.DuckDBDriver");
        String glob = onePartition.resolve("summary").toAbsolutePath() + "/*.parquet";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            ResultSet types = s.executeQuery("SELECT column_name, column_type FROM "
                    + "(DESCRIBE SELECT * FROM read_parquet('" + glob + "')) "
                    + "WHERE column_name IN ('beta', 'n', 'point_id', 'replicate')"
                    + " ORDER BY column_name");
            List<String> described = new ArrayList<>();
            while (types.next()) {
                described.add(types.getString(1) + ":" + types.getString(2));
            }
            assertEquals(List.of("beta:DOUBLE", "n:BIGINT", "point_id:VARCHAR", "replicate:INTEGER"),
                    described);
            ResultSet r = s.executeQuery("SELECT count(*), sum(CASE WHEN status = 'ok' THEN 1 ELSE 0 END),"
                    + " max(beta) FROM read_parquet('" + glob + "')");
            assertTrue(r.next());
            assertEquals(20, r.getLong(1));
            assertEquals(20, r.getLong(2));
            assertEquals(6.0, r.getDouble(3));
            ResultSet m = s.executeQuery("SELECT magnetization_avg FROM read_parquet('" + glob + "')"
                    + " WHERE point_index = 3 AND replicate = 0");
            assertTrue(m.next());
            Row sparkRow = spark.read().parquet(onePartition.resolve("summary").toString())
                    .filter("point_index = 3 AND replicate = 0").first();
            assertEquals((Double) sparkRow.getAs("magnetization_avg"), m.getDouble(1));
        }
    }

    @Test
    void arrowFileHoldsTheSameRows() throws Exception {
        List<Row> parquet = sortedRows(onePartition);
        List<List<Object>> arrowRows = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator();
                FileInputStream in = new FileInputStream(onePartition.resolve("summary.arrow").toFile());
                ArrowFileReader reader = new ArrowFileReader(in.getChannel(), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                for (int i = 0; i < root.getRowCount(); i++) {
                    List<Object> values = new ArrayList<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        if (!v.getName().equals(SummarySchema.WALL_MS)) {
                            Object value = v.getObject(i);
                            values.add(value == null ? null : value instanceof org.apache.arrow.vector.util.Text t
                                    ? t.toString() : value);
                        }
                    }
                    arrowRows.add(values);
                }
            }
        }
        assertEquals(parquet.size(), arrowRows.size());
        for (int i = 0; i < parquet.size(); i++) {
            Row row = parquet.get(i);
            List<Object> expected = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                expected.add(row.get(c));
            }
            assertEquals(expected, arrowRows.get(i), "row " + i);
        }
    }

    @Test
    void manifestAndSpecDescribeTheRun() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(onePartition.resolve("manifest.json").toFile());
        assertEquals("job-test", manifest.get("sweep").asText());
        assertEquals(spec.hash(), manifest.get("spec_hash").asText());
        assertEquals(20, manifest.get("rows").asLong());
        assertEquals(20, manifest.get("rows_by_status").get("ok").asLong());
        assertEquals(0, manifest.get("rows_by_status").get("diverged").asLong());
        assertEquals(0, manifest.get("rows_by_status").get("failed").asLong());
        assertFalse(manifest.get("project_version").asText().contains("${"));
        SweepSpec resolved = SpecParser.parse(onePartition.resolve("spec.yaml"));
        assertEquals(spec.hash(), resolved.hash());
    }
}
