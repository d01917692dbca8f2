package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills scripts/sweep with SIGKILL in the middle of a 2,000-point sweep, reruns the same command
 * and compares the finished table with that of an uninterrupted run, row for row.
 */
class ResumeScriptIT {
    private static final Path ROOT = Path.of(System.getProperty("noisyflow.root", "..")).toAbsolutePath().normalize();
    /** 2,000 Heisenberg points of about 5 ms each, in 50 tasks of 40 points. */
    private static final String SPEC = """
            name: resume-kill
            solver: sphere-particles
            seed: 4242
            parameters:
              kernel: heisenberg
              d: 3
              n: 40
              dt: 0.01
              steps: 800
            axes:
              beta: {linspace: [0.5, 8.0, 2000]}
            """;
    private static final int TASKS = 50;

    @TempDir
    static Path tmp;
    private static Path spec;
    private static Path reference;

    private static Process start(Path out) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("scripts/sweep").toString(), "run", spec.toString(),
                "--out", out.toString(), "--partitions", Integer.toString(TASKS)).directory(ROOT.toFile());
        builder.redirectOutput(tmp.resolve(out.getFileName() + ".out").toFile());
        builder.redirectError(tmp.resolve(out.getFileName() + ".err").toFile());
        return builder.start();
    }

    private static void finish(Process process, Path out) throws Exception {
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/sweep did not finish in 10 minutes");
        }
        assertEquals(0, process.exitValue(),
                Files.readString(tmp.resolve(out.getFileName() + ".err"), StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void runUninterrupted() throws Exception {
        spec = tmp.resolve("resume-kill.yaml");
        Files.writeString(spec, SPEC);
        reference = tmp.resolve("reference");
        finish(start(reference), reference);
    }

    private static long committedParts(Path out) throws IOException {
        Path parts = out.resolve(PartFiles.PARTS).resolve("summary");
        if (!Files.isDirectory(parts)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(parts)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).count();
        }
    }

    /**
     * Kills the run once the given number of its 50 tasks have committed. The moments fall early,
     * midway and late in the run, and the kill lands while other tasks are in flight.
     */
    @ParameterizedTest
    @ValueSource(ints = {5, 22, 41})
    void killedRunResumesToTheSameTable(int committedBeforeKill) throws Exception {
        Path out = tmp.resolve("killed-" + committedBeforeKill);
        Process process = start(out);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (committedParts(out) < committedBeforeKill && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), "the run ended before " + committedBeforeKill + " tasks had committed");
        process.destroyForcibly().waitFor();
        long committed = committedParts(out);
        assertTrue(committed >= committedBeforeKill, "committed " + committed);
        assertTrue(committed < TASKS, "committed " + committed);

        finish(start(out), out);
        assertTrue(Files.readString(tmp.resolve(out.getFileName() + ".out")).contains("(resuming)"));

        Class.forName("org.duckdb.DuckDBDriver");
        String finished = "read_parquet('" + out.resolve("summary") + "/*.parquet')";
        String whole = "read_parquet('" + reference.resolve("summary") + "/*.parquet')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            assertEquals(2000, count(s, "SELECT count(*) FROM " + finished));
            assertEquals(2000, count(s, "SELECT count(DISTINCT (point_id, replicate)) FROM " + finished));
            assertEquals(0, count(s, "SELECT count(*) FROM (SELECT * EXCLUDE (wall_ms) FROM " + finished
                    + " EXCEPT SELECT * EXCLUDE (wall_ms) FROM " + whole + ")"));
            assertEquals(0, count(s, "SELECT count(*) FROM (SELECT * EXCLUDE (wall_ms) FROM " + whole
                    + " EXCEPT SELECT * EXCLUDE (wall_ms) FROM " + finished + ")"));
        }
    }

    private static long count(Statement s, String query) throws Exception {
        try (ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
