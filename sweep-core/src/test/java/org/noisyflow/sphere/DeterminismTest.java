package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.noisyflow.simd.ArrayMath;

/**
 * The vectorised kernels must give the same bits whatever the JIT has compiled and whatever
 * vector width the CPU offers, or one point would give different rows on different executors.
 * This test compares the bits computed here, after enough repeats for the JIT to compile the
 * kernels, with those of a second JVM that interprets everything or limits the vector registers.
 */
class DeterminismTest {

    @ParameterizedTest
    @ValueSource(strings = {"-Xint", "-XX:MaxVectorSize=16", "-XX:UseAVX=2"})
    void bitsDoNotDependOnTheJvm(String option) throws IOException, InterruptedException {
        assertTrue(ArrayMath.VECTOR_API, "the tests run with --add-modules=jdk.incubator.vector");
        String compiled = Long.toHexString(DriftFingerprint.fingerprint(2000));

        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:+IgnoreUnrecognizedVMOptions");
        command.add(option);
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DriftFingerprint.class.getName());
        command.add(option.equals("-Xint") ? "1" : "2000");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the second JVM did not finish in 120 s");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        String[] lines = output.strip().split("\\R");
        assertEquals(compiled, lines[lines.length - 1], "bits with " + option + "; output:\n" + output);
    }
}
