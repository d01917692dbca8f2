package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/cluster-test: a standalone master and two workers on 127.0.0.1, a 2,000-point
 * sweep submitted to them, one worker killed mid-sweep, and the table compared with a
 * local-mode run of the same file.
 */
class ClusterScriptIT {
    private static final Path ROOT = Path.of(System.getProperty("noisyflow.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void killedWorkerLeavesTheTableIntact() throws Exception {
        Path out = tmp.resolve("out.txt");
        Process process = new ProcessBuilder(ROOT.resolve("scripts/cluster-test").toString(),
                tmp.resolve("work").toString()).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/cluster-test did not finish in 10 minutes");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        assertTrue(text.contains("killing worker 2"), text);
        assertTrue(text.contains("2000 rows, 2000 distinct (point, replicate), 0 rows only in the first, "
                + "0 only in the second, 2000 rows in the second"), text);
        assertTrue(text.contains("the tables are equal"), text);
        String submitted = Files.readString(tmp.resolve("work/logs/submit.log"), StandardCharsets.UTF_8);
        assertTrue(submitted.contains("Lost executor"), "no executor was lost");
    }
}
