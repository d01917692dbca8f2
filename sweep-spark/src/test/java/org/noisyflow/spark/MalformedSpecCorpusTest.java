package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every malformed sweep file of src/test/resources/malformed, and the inputs too large or too
 * odd to commit, through {@code sweep run} in-process. Each must be rejected before Spark starts:
 * exit status 2, nothing on standard output, no output directory, and one line on standard error
 * that names the file, the key, the expected problem and a fix.
 *
 * <p>The first line of each corpus file reads {@code # expect: KEY_FRAGMENT | MESSAGE_FRAGMENT}.
 */
class MalformedSpecCorpusTest {
    private static final String CORPUS = "/malformed";
    private static final Pattern EXPECT = Pattern.compile("# expect: (.+?) \\| (.+)");
    /** Stops a case that hangs, for example while hashing an alias-expanded key. No case needs more than seconds. */
    private static final Duration HANG_LIMIT = Duration.ofSeconds(30);
    private static final String HEADER = "name: bad\nsolver: sphere-particles\nseed: 1\n";
    private static final String PARAMETERS =
            "parameters: {kernel: heisenberg, d: 3, n: 100, dt: 0.01, steps: 100, beta: 2.0}\n";

    @TempDir
    Path tmp;

    /**
     * One malformed input. {@code prepare} receives the test's temporary directory and returns the
     * path to pass as SPEC. Corpus files ignore the directory.
     */
    record Case(String name, Function<Path, Path> prepare, String keyFragment, String messageFragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        return Stream.concat(corpusFiles().stream(), generated().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedSpecRejectedBeforeSpark(Case malformed) {
        Path spec = malformed.prepare().apply(tmp);
        Path out = tmp.resolve("out");

        Result result = assertTimeoutPreemptively(HANG_LIMIT,
                () -> run("run", spec.toString(), "--out", out.toString()));

        String message = result.err().strip();
        assertEquals(SweepCli.EXIT_INVALID, result.status(), "exit status; stderr: " + message);
        assertFalse(message.contains("\tat "), "stack trace in stderr: " + message);
        assertFalse(message.isEmpty(), "stderr is empty");
        assertFalse(message.contains("\n"), "stderr is more than one line: " + message);
        assertTrue(message.startsWith("Invalid sweep file " + spec + ": "), "names the file: " + message);
        assertTrue(message.contains(malformed.keyFragment()),
                "names the key '" + malformed.keyFragment() + "': " + message);
        assertTrue(message.contains(malformed.messageFragment()),
                "contains '" + malformed.messageFragment() + "': " + message);
        assertTrue(message.contains(" Fix: "), "gives a fix: " + message);
        assertEquals("", result.out(), "stdout, which Spark's start would fill");
        assertFalse(Files.exists(out), "output directory created");
        assertTrue(SparkSession.getActiveSession().isEmpty(), "a Spark session was started");
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "a Spark session was started");
    }

    @Test
    void corpusHasAtLeastFiftyCases() throws IOException {
        assertTrue(corpusFiles().size() >= 50, "corpus files: " + corpusFiles().size());
        assertTrue(cases().count() >= 50, "cases: " + cases().count());
    }

    /** Standard output and error of one command line, with its exit status. */
    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = SweepCli.execute(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    /** Reads the committed corpus, with the expectations from each file's first line. */
    private static List<Case> corpusFiles() throws IOException {
        java.net.URL url = MalformedSpecCorpusTest.class.getResource(CORPUS);
        if (url == null) {
            throw new IOException("corpus directory " + CORPUS + " not found on the test class path");
        }
        Path dir;
        try {
            dir = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("invalid corpus location " + url, e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(MalformedSpecCorpusTest::corpusCase).toList();
        }
    }

    private static Case corpusCase(Path file) {
        String firstLine;
        try {
            // ISO-8859-1 maps every byte to a character, so the line reads even in a non-UTF-8 file.
            firstLine = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new IllegalStateException("failed to read " + file, e);
        }
        Matcher expect = EXPECT.matcher(firstLine);
        if (!expect.matches()) {
            throw new IllegalStateException(file + " must start with '# expect: KEY_FRAGMENT | MESSAGE_FRAGMENT', not '"
                    + firstLine + "'");
        }
        return new Case(file.getFileName().toString(), ignored -> file, expect.group(1), expect.group(2));
    }

    /** Inputs written at run time: too large to commit, binary, or not a file at all. */
    private static List<Case> generated() {
        return List.of(
                new Case("generated: empty file", dir -> write(dir, "empty.yaml", ""),
                        "(document)", "the document is empty"),
                new Case("generated: directory", dir -> dir,
                        "(file)", "the path is a directory"),
                new Case("generated: missing file", dir -> dir.resolve("missing.yaml"),
                        "(file)", "the file does not exist"),
                new Case("generated: 6 MB axis list", dir -> write(dir, "long-list.yaml",
                        HEADER + "parameters: {kernel: heisenberg, d: 3, n: 100, dt: 0.01}\naxes:\n  steps: ["
                                + "1000000, ".repeat(600_000) + "1]\n"),
                        "(file)", "more than the limit of 3145728"),
                new Case("generated: 100k parameter keys", dir -> write(dir, "many-keys.yaml",
                        HEADER + "parameters:\n" + manyKeys(100_000)),
                        "parameters.p000000", "has no parameter 'p000000'"),
                new Case("generated: 100k nesting levels", dir -> write(dir, "deep.yaml",
                        HEADER + PARAMETERS + "axes:\n  beta: " + "[".repeat(100_000) + "1.0" + "]".repeat(100_000) + "\n"),
                        "(document)", "nested too deeply"),
                new Case("generated: integer of a million digits", dir -> write(dir, "digits.yaml",
                        HEADER + "parameters: {kernel: heisenberg, d: 3, n: 100, dt: 0.01, beta: 2.0, steps: "
                                + "7".repeat(1_000_000) + "}\n"),
                        "(document)", "has 1000000 characters, more than the limit of 100"),
                new Case("generated: UTF-16 file", dir -> write(dir, "utf16.yaml", HEADER + PARAMETERS,
                        StandardCharsets.UTF_16),
                        "(file)", "not valid UTF-8"),
                new Case("generated: NUL character", dir -> write(dir, "nul.yaml",
                        HEADER + "description: a\u0000b\n" + PARAMETERS),
                        "(document)", "the character U+0000 at line 4"));
    }

    private static String manyKeys(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(String.format("  p%06d: 1%n", i));
        }
        return text.toString();
    }

    private static Path write(Path dir, String name, String text) {
        return write(dir, name, text, StandardCharsets.UTF_8);
    }

    private static Path write(Path dir, String name, String text, java.nio.charset.Charset charset) {
        try {
            return Files.writeString(dir.resolve(name), text, charset);
        } catch (IOException e) {
            throw new IllegalStateException("failed to write " + name, e);
        }
    }
}
