package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's handling of bad input; no test here starts Spark. */
class SweepCliTest {
    @TempDir
    Path tmp;

    /** Runs the CLI and returns {exit status, standard output, standard error}. */
    private static Object[] execute(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int status = SweepCli.execute(args);
            return new Object[] {status, out.toString(), err.toString()};
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void invalidSpecExitsWithTwoAndWritesNothing() throws Exception {
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(spec, """
                name: bad
                solver: sphere-particles
                seed: 1
                parameters: {kernel: heisenberg, d: 3, n: 10, dt: 0.01, steps: 10}
                axes:
                  beta: {linspace: [-1.0, 2.0, 4]}
                """);
        Path out = tmp.resolve("out");
        Object[] result = execute("run", spec.toString(), "--out", out.toString());
        assertEquals(2, result[0]);
        String err = (String) result[2];
        assertTrue(err.contains(spec.toString()), err);
        assertTrue(err.contains("'axes.beta'"), err);
        assertTrue(err.contains("-1.0"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertFalse(Files.exists(out));
    }

    @Test
    void missingSpecFileExitsWithTwo() {
        Object[] result = execute("run", tmp.resolve("none.yaml").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("does not exist"), (String) result[2]);
    }

    @Test
    void missingOutOptionExitsWithTwo() {
        Object[] result = execute("run", "conf/heisenberg-s2.yaml");
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("--out"), (String) result[2]);
    }

    @Test
    void negativePartitionsExitWithTwo() throws Exception {
        Path spec = tmp.resolve("ok.yaml");
        Files.writeString(spec, "name: ok\nsolver: sphere-particles\nseed: 1\n"
                + "parameters: {kernel: heisenberg, d: 3, n: 10, dt: 0.01, steps: 10, beta: 1.0}\n");
        Object[] result = execute("run", spec.toString(), "--out", tmp.resolve("o").toString(),
                "--partitions", "-3");
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("--partitions -3"), (String) result[2]);
    }

    private Path validSpec() throws Exception {
        Path spec = tmp.resolve("valid.yaml");
        Files.writeString(spec, "name: ok\nsolver: sphere-particles\nseed: 1\n"
                + "parameters: {kernel: heisenberg, d: 3, n: 10, dt: 0.01, steps: 10, beta: 1.0}\n");
        return spec;
    }

    @Test
    void outputFileRejectedBeforeSpark() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "not a directory");
        Object[] result = execute("run", validSpec().toString(), "--out", file.toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("is a file"), (String) result[2]);
        assertTrue(((String) result[1]).isEmpty(), "nothing started: " + result[1]);
    }

    @Test
    void sobolCountWarningPrinted() throws Exception {
        Path spec = tmp.resolve("sobol.yaml");
        Files.writeString(spec, "name: ok\nsolver: sphere-particles\nseed: 1\n"
                + "parameters: {kernel: heisenberg, d: 3, n: 10, dt: 0.01, steps: 10}\n"
                + "groups:\n  - sobol: {count: 100, parameters: {beta: {low: 1.0, high: 4.0}}}\n");
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "not a directory");
        Object[] result = execute("run", spec.toString(), "--out", file.toString());
        assertEquals(2, result[0]);
        String err = (String) result[2];
        assertTrue(err.contains("Warning: Sweep file " + spec), err);
        assertTrue(err.contains("'groups[0].sobol.count' with value 100 is not a power of two"), err);
    }

    @Test
    void unknownSummaryRejectedBeforeSpark() throws Exception {
        Path out = tmp.resolve("done");
        Files.createDirectories(out.resolve("summary"));
        Object[] result = execute("run", validSpec().toString(), "--out", out.toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("contains a summary/ without manifest.json"), (String) result[2]);
        assertTrue(((String) result[2]).contains("--force"), (String) result[2]);
    }

    @Test
    void otherSpecRejectedBeforeSpark() throws Exception {
        Path out = tmp.resolve("other");
        Files.createDirectories(out);
        Files.writeString(out.resolve("manifest.json"), "{\"spec_hash\": \"0123456789abcdef\"}\n");
        Object[] result = execute("run", validSpec().toString(), "--out", out.toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("contains results of another sweep file"), (String) result[2]);
        assertTrue(((String) result[2]).contains("0123456789abcdef"), (String) result[2]);
    }

    @Test
    void directoryAsSpecRejected() {
        Object[] result = execute("run", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("is a directory"), (String) result[2]);
    }

    @Test
    void missingKeyFixSaysAdd() throws Exception {
        Path spec = tmp.resolve("nogamma.yaml");
        Files.writeString(spec, "name: t\nsolver: sphere-particles\nseed: 1\n"
                + "parameters: {kernel: transformer, d: 3, n: 10, dt: 0.01, steps: 10, beta: 1.0}\n");
        Object[] result = execute("run", spec.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("Fix: add the key"), (String) result[2]);
    }

    @Test
    void noCommandExitsWithTwo() {
        Object[] result = execute();
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("Missing command"), (String) result[2]);
    }
}
