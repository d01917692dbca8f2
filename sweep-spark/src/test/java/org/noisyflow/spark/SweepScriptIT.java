package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noisyflow.sphere.HeisenbergMeanField;

/**
 * Runs scripts/sweep as a separate process, as the README instructs, after the
 * package phase has built the jar.
 */
class SweepScriptIT {
    private static final Path ROOT = Path.of(System.getProperty("noisyflow.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {
    }

    private static Result sweep(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = ROOT.resolve("scripts/sweep").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        Path out = Files.createTempFile("sweep-out", ".txt");
        Path err = Files.createTempFile("sweep-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/sweep did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void invalidSpecExitsWithTwoAndNoOutput() throws Exception {
        Path spec = tmp.resolve("typo.yaml");
        Files.writeString(spec, """
                name: typo
                solver: sphere-particles
                seed: 5
                parameters: {kernel: heisenberg, d: 3, n: 100, dt: 0.01, steps: 10, beta: 2.0}
                axes:
                  n: [100, 200]
                """);
        Path out = tmp.resolve("never");
        Result r = sweep("run", spec.toString(), "--out", out.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(spec.toString()), r.err());
        assertTrue(r.err().contains("'axes.n'"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(out), "output directory was created");
    }

    /**
     * The example sweep must show the transition: the Heisenberg model on S^2 has beta_c = d = 3.
     * Below, at beta &le; 1.5, |m| only fluctuates, about sqrt(8/(3 pi n (1 - beta/3))) = 0.041
     * for n = 1000, far inside the bound 4/sqrt(n) = 0.126. Above, at beta &ge; 6, each replicate's
     * magnetization_avg must be within 0.02 of the mean-field root of m = coth(beta m) - 1/(beta m):
     * one replicate's spread was measured at 0.003 and the finite-n and time-step biases are
     * near 0.001 each.
     */
    @Test
    void exampleSweepShowsTheTransition() throws Exception {
        Path out = tmp.resolve("heisenberg-s2");
        Result r = sweep("run", "conf/heisenberg-s2.yaml", "--out", out.toString(), "--analyze");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("30 rows"), r.out());
        assertTrue(r.out().contains("analysis of magnetization_avg along beta"), r.out());

        Class.forName("org.duckdb.DuckDBDriver");
        String table = "read_parquet('" + out.resolve("summary") + "/*.parquet')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            ResultSet rows = s.executeQuery("SELECT beta, magnetization_avg, status, n, d FROM "
                    + table + " ORDER BY beta, replicate");
            int below = 0;
            int above = 0;
            while (rows.next()) {
                double beta = rows.getDouble(1);
                double m = rows.getDouble(2);
                assertEquals("ok", rows.getString(3));
                long n = rows.getLong(4);
                if (beta <= 1.5) {
                    assertTrue(m < 4.0 / Math.sqrt(n), "beta=" + beta + " m=" + m);
                    below++;
                }
                if (beta >= 6.0) {
                    double reference = HeisenbergMeanField.magnetization((int) rows.getLong(5), beta);
                    assertEquals(reference, m, 0.02, "beta=" + beta);
                    above++;
                }
            }
            assertEquals(4, below);
            assertEquals(10, above);
        }
        assertTrue(Files.exists(out.resolve("summary.arrow")));
        assertTrue(Files.exists(out.resolve("manifest.json")));

        // beta_c = d = 3 for the Heisenberg kernel; the grid step of the example is 0.5.
        String transitions = "read_parquet('" + out.resolve("analysis/transitions") + "/*.parquet')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet t = s.executeQuery("SELECT transition_type, transition_location FROM " + transitions)) {
            assertTrue(t.next());
            assertEquals("continuous", t.getString(1));
            assertEquals(3.0, t.getDouble(2), 0.5);
            assertFalse(t.next(), "one slice");
        }
        assertTrue(Files.exists(out.resolve("analysis/index.html")));
        assertTrue(Files.exists(out.resolve("analysis/order.png")));
    }
}
