package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noisyflow.analysis.Transition;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.Solver;
import org.noisyflow.solver.SolverRegistry;
import org.noisyflow.spec.SpecParser;

/** Runs the analysis on a real small sweep and on synthetic summaries with known transitions. */
class AnalysisJobTest {
    /** A small version of conf/heisenberg-s2.yaml: 15 values of beta, n = 200, two replicates. */
    private static final String HEISENBERG = """
            name: heisenberg-small
            solver: sphere-particles
            seed: 12345
            replicates: 2
            parameters:
              kernel: heisenberg
              d: 3
              n: 200
              dt: 0.01
              steps: 3000
              init: uniform
            axes:
              beta: {linspace: [1.0, 8.0, 15]}
            """;
    private static final List<String> OBSERVABLES =
            List.of("magnetization", "magnetization_avg", "nematic_order", "nematic_order_avg", "energy");

    private static SparkSession spark;
    @TempDir
    static Path tmp;
    private static Path heisenberg;
    private static Path synthetic;

    @BeforeAll
    static void runSweeps() throws Exception {
        spark = SparkTestSession.start();
        heisenberg = tmp.resolve("heisenberg");
        new SweepJob(spark, SpecParser.parse(HEISENBERG, "heisenberg-small.yaml"), heisenberg.toString(), null).run(0);
        synthetic = tmp.resolve("synthetic");
        writeSynthetic(synthetic);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * Three slices of a sphere-particles summary over beta = 1, 1.5, ..., 11 with three
     * replicates each: d = 2 jumps from 0.05 to 0.6 at beta = 6.2, d = 3 crosses over smoothly as
     * 0.5 (1 + tanh((beta - 4.3)/0.7)), and d = 4 stays at 0.1. Replicate noise has standard
     * deviation 0.01. The replicate 2 of the first point failed.
     */
    private static void writeSynthetic(Path dir) throws Exception {
        Solver solver = SolverRegistry.find("sphere-particles").orElseThrow();
        UniformRandomProvider random = StreamSeeds.stream(99);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        List<Row> rows = new ArrayList<>();
        long index = 0;
        for (long d = 2; d <= 4; d++) {
            for (int k = 0; k <= 20; k++) {
                double beta = 1.0 + 0.5 * k;
                double truth = syntheticOrder(d, beta);
                for (int replicate = 0; replicate < 3; replicate++) {
                    boolean failed = index == 0 && replicate == 2;
                    double m = truth + 0.01 * gauss.sample();
                    rows.add(RowFactory.create("synthetic", "p" + index, index, replicate, 7L,
                            "heisenberg", null, null, null, d, 100L, beta, 1 / beta, 0.01, 100L, "uniform", "geodesic",
                            failed ? null : m, failed ? null : m, 0.0, 0.0, -m * m,
                            failed ? "failed" : "ok", failed ? "synthetic failure" : "", 1.0));
                }
                index++;
            }
        }
        spark.createDataFrame(rows, SummarySchema.of(solver, OBSERVABLES)).write()
                .parquet(dir.resolve("summary").toString());
        Files.writeString(dir.resolve("manifest.json"), "{\"sweep\": \"synthetic\", \"solver\": \"sphere-particles\"}\n");
    }

    /** Returns the noise-free order parameter of slice d at beta: a jump, a crossover or a constant. */
    private static double syntheticOrder(long d, double beta) {
        if (d == 2) {
            return beta < 6.2 ? 0.05 : 0.6;
        }
        if (d == 3) {
            return 0.5 * (1 + Math.tanh((beta - 4.3) / 0.7));
        }
        return 0.1;
    }

    private static AnalysisJob.Outcome analyse(Path dir, AnalysisJob.Options options) throws Exception {
        AnalysisJob job = new AnalysisJob(spark, dir.toString());
        AnalysisJob.Outcome outcome = job.run(options);
        AnalysisReport.write(outcome, job.directory(), spark);
        return outcome;
    }

    private static final AnalysisJob.Options DEFAULTS = new AnalysisJob.Options(null, null, null, null);

    /** beta_c = d = 3 for the Heisenberg kernel; the grid step is 0.5. */
    @Test
    void heisenbergOnsetIsContinuousNearThree() throws Exception {
        AnalysisJob.Outcome outcome = analyse(heisenberg, DEFAULTS);
        assertEquals("beta", outcome.x());
        assertEquals("magnetization_avg", outcome.observable());
        assertEquals(1, outcome.transitions().size());
        Row t = outcome.transitions().get(0);
        assertEquals(Transition.CONTINUOUS, t.getAs("transition_type"));
        assertEquals(3.0, t.<Double>getAs("transition_location"), 0.5);
        // The geodesic step at dt = 0.01 turns unstable at d + dt (d + 1) / 6 = 3.00667 to first
        // order in dt, and the dt^2 remainder is below 1e-5.
        assertEquals(3.0 + 0.01 * 4 / 6, t.<Double>getAs("theory_location"), 1e-4);
    }

    @Test
    void syntheticSlicesAreClassified() throws Exception {
        AnalysisJob.Outcome outcome = analyse(synthetic, DEFAULTS);
        Map<Long, Row> byD = outcome.transitions().stream()
                .collect(Collectors.toMap(r -> r.<Long>getAs("d"), r -> r));
        assertEquals(Transition.DISCONTINUOUS, byD.get(2L).getAs("transition_type"));
        assertEquals(6.25, byD.get(2L).<Double>getAs("transition_location"), 1e-12);
        assertEquals(0.25, byD.get(2L).<Double>getAs("transition_uncertainty"), 1e-12);
        assertEquals(Transition.CONTINUOUS, byD.get(3L).getAs("transition_type"));
        double location = byD.get(3L).<Double>getAs("transition_location");
        assertEquals(4.3, location, 0.15);
        assertTrue(Math.abs(location - 4.3) <= byD.get(3L).<Double>getAs("transition_uncertainty"));
        assertEquals(Transition.NONE, byD.get(4L).getAs("transition_type"));
        for (long d = 2; d <= 4; d++) {
            // The Heisenberg kernel's uniform state loses stability at beta = d in continuous
            // time, and at d + dt (d + 1) / 6 + O(dt^2) under the geodesic step with dt = 0.01.
            assertEquals(d + 0.01 * (d + 1) / 6, byD.get(d).<Double>getAs("theory_location"), 1e-4);
        }
    }

    /** Three replicates give mean, sd and se = sd/sqrt(3); the first point keeps its failed replicate's count. */
    @Test
    void pointStatisticsCountByStatus() throws Exception {
        analyse(synthetic, DEFAULTS);
        List<Row> points = spark.read().parquet(synthetic.resolve("analysis/points").toString())
                .orderBy("point_index").collectAsList();
        assertEquals(63, points.size());
        Row first = points.get(0);
        assertEquals(2L, first.<Long>getAs("ok_count"));
        assertEquals(1L, first.<Long>getAs("failed_count"));
        Row second = points.get(1);
        assertEquals(3L, second.<Long>getAs("ok_count"));
        double sd = second.getAs("magnetization_avg_sd");
        assertEquals(sd / Math.sqrt(3), second.<Double>getAs("magnetization_avg_se"), 1e-15);
        assertTrue(second.<Double>getAs("magnetization_avg_min") <= second.<Double>getAs("magnetization_avg_mean"));
    }

    /** The pictures are PNGs of the requested size with drawn content, and the page loads nothing remote. */
    @Test
    void picturesAndPageAreWritten() throws Exception {
        analyse(synthetic, new AnalysisJob.Options(null, "d", null, null));
        Path analysis = synthetic.resolve("analysis");
        for (String name : List.of("order", "heatmap")) {
            BufferedImage image = ImageIO.read(analysis.resolve(name + ".png").toFile());
            assertNotNull(image, name);
            assertEquals(AnalysisReport.WIDTH, image.getWidth());
            assertEquals(AnalysisReport.HEIGHT, image.getHeight());
            assertTrue(distinctColours(image) >= 20, name + " has " + distinctColours(image) + " colours");
            assertTrue(Files.readString(analysis.resolve(name + ".svg")).contains("<svg"), name);
        }
        String page = Files.readString(analysis.resolve("index.html"));
        assertTrue(page.contains("order.png"), "order.png is not on the page");
        assertTrue(page.contains("heatmap.png"), "heatmap.png is not on the page");
        assertFalse(page.contains("http://") || page.contains("https://"), "the page refers to the network");
        assertTrue(page.contains(Transition.DISCONTINUOUS));
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** DuckDB reads the transition table without Spark. */
    @Test
    void duckDbReadsTransitions() throws Exception {
        analyse(synthetic, DEFAULTS);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT transition_type) FROM read_parquet('"
                        + synthetic.resolve("analysis/transitions").toString().replace("'", "''") + "/*.parquet')")) {
            assertTrue(r.next());
            assertEquals(3, r.getInt(1));
            assertEquals(3, r.getInt(2));
        }
    }

    private static String cliError(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter writer = new PrintWriter(err, true, StandardCharsets.UTF_8);
        int status = AnalysisErrorsProbe.run(spark, writer, args);
        assertEquals(SweepCli.EXIT_INVALID, status, err.toString(StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, text.lines().count(), text);
        return text;
    }

    @Test
    void unknownParameterListsChoices() {
        String message = cliError(synthetic.toString(), "--x", "gamma");
        assertTrue(message.contains("--x gamma"), message);
        assertTrue(message.contains("Valid choices: d, beta"), message);
    }

    @Test
    void nonNumericObservableListsChoices() {
        String message = cliError(synthetic.toString(), "--observable", "kernel");
        assertTrue(message.contains("not a numeric observable"), message);
        assertTrue(message.contains("magnetization_avg"), message);
        String missing = cliError(synthetic.toString(), "--observable", "speed");
        assertTrue(missing.contains("is not a column"), missing);
    }

    @Test
    void missingDirectoryAndEmptySummaryAreNamed() throws Exception {
        String missing = cliError(tmp.resolve("nowhere").toString());
        assertTrue(missing.contains("nowhere"), missing);
        assertTrue(missing.contains("not found"), missing);
        Path empty = tmp.resolve("empty");
        spark.createDataFrame(List.of(), SummarySchema.of(SolverRegistry.find("sphere-particles").orElseThrow(),
                OBSERVABLES)).write().parquet(empty.resolve("summary").toString());
        Files.writeString(empty.resolve("manifest.json"), "{\"solver\": \"sphere-particles\"}\n");
        String none = cliError(empty.toString());
        assertTrue(none.contains("no rows"), none);
    }

    @Test
    void optionsOutsideTheSweepThrow() {
        assertThrows(AnalysisJob.AnalysisException.class,
                () -> new AnalysisJob(spark, synthetic.toString()).run(new AnalysisJob.Options(null, "n", null, null)));
    }

    /** Calls the CLI's analysis path in the test's session, as {@code sweep analyze} does in its own. */
    static final class AnalysisErrorsProbe {
        static int run(SparkSession spark, PrintWriter err, String... args) {
            String dir = args[0];
            String x = null;
            String observable = null;
            for (int i = 1; i + 1 < args.length; i += 2) {
                if ("--x".equals(args[i])) {
                    x = args[i + 1];
                } else if ("--observable".equals(args[i])) {
                    observable = args[i + 1];
                }
            }
            if (!Files.isDirectory(Path.of(dir))) {
                // The directory check comes before any Spark session starts.
                return new picocli.CommandLine(new SweepCli()).setErr(err).execute("analyze", dir);
            }
            return SweepCli.Analyze.analyze(spark, dir, new AnalysisJob.Options(x, null, observable, null),
                    new PrintWriter(new ByteArrayOutputStream()), err);
        }
    }

    @Test
    void numbersKeepTheirValueInThePage() {
        assertEquals("100000", AnalysisReport.format(100000.0));
        assertEquals("120000", AnalysisReport.format(120000.0));
        assertEquals("0.25", AnalysisReport.format(0.25));
        assertEquals("0.1", AnalysisReport.format(0.1));
        assertEquals("2E+10", AnalysisReport.format(2e10));
        assertEquals("1E-10", AnalysisReport.format(1e-10));
        assertEquals("3.14159", AnalysisReport.format(Math.PI));
        assertEquals("0", AnalysisReport.format(0.0));
        assertEquals("7", AnalysisReport.format(7L));
    }
}
