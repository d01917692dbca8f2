package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.noisyflow.plan.SweepPlan;

/**
 * A sweep of 10^7 points, the largest the parser accepts, counted, planned and decoded in a child
 * JVM with a 512 MB heap. A spec that stored its points would need several gigabytes.
 */
class LargeSpecTest {
    static final long POINTS = 10_000_000L;

    /** A grid of 1000 values of beta times 10^4 values of n. */
    static final String GRID = """
            name: large
            solver: sphere-particles
            seed: 1
            parameters:
              kernel: heisenberg
              d: 3
              dt: 0.01
              steps: 5
            axes:
              beta: {linspace: [1.0, 8.0, 1000]}
              n: {range: [2, 10001, 1]}
            """;

    @Test
    void tenMillionPointsFitSmallHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", classPath, Child.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child JVM did not finish in 5 minutes");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("grid ok"), output);
        assertTrue(output.contains("where ok"), output);
    }

    /** The work done with a 512 MB heap; any failed check exits with status 1. */
    static final class Child {
        public static void main(String[] args) {
            try {
                checkGrid();
                checkWhere();
            } catch (RuntimeException | AssertionError e) {
                e.printStackTrace(System.out);
                System.exit(1);
            }
        }

        static void checkGrid() {
            long start = System.nanoTime();
            SweepSpec spec = SpecParser.parse(GRID, "large.yaml");
            long parsed = System.nanoTime();
            PointSpace points = spec.points();
            assertEquals(POINTS, points.count());
            List<SweepPlan.Range> plan = SweepPlan.split(points.count(), 64);
            assertEquals(POINTS, plan.get(plan.size() - 1).to());
            Point last = points.point(POINTS - 1);
            assertEquals(8.0, last.parameters().real("beta"));
            assertEquals(10001L, last.parameters().integer("n"));
            Iterator<Point> tail = points.range(POINTS - 1000, POINTS);
            for (long i = POINTS - 1000; i < POINTS; i++) {
                assertEquals(2 + i % 10_000, tail.next().parameters().integer("n"), "n of point " + i);
            }
            long decoded = System.nanoTime();
            report("grid", parsed - start, decoded - parsed);
            assertTrue(decoded - parsed < 1_000_000_000L, "counting and decoding took over a second");
        }

        /**
         * n <= 1000 beta keeps floor(1000 beta) - 1 values of n in [2, 10001] at each beta, because
         * 1000 beta is at most 8000. The sum runs over the same double values of beta as the axis.
         */
        static void checkWhere() {
            long start = System.nanoTime();
            SweepSpec spec = SpecParser.parse(GRID + "where: [\"n <= 1000 * beta\"]\n", "large-where.yaml");
            long parsed = System.nanoTime();
            Axis beta = spec.axes().get(0);
            long expected = 0;
            for (long i = 0; i < beta.size(); i++) {
                expected += (long) Math.floor(1000 * (Double) beta.value(i)) - 1;
            }
            PointSpace points = spec.points();
            assertEquals(POINTS, points.rawCount());
            assertEquals(expected, points.count());
            Point last = points.point(points.count() - 1);
            assertEquals(8.0, last.parameters().real("beta"));
            assertEquals(8000L, last.parameters().integer("n"));
            Iterator<Point> tail = points.range(points.count() - 1000, points.count());
            long previous = 0;
            for (int i = 0; i < 1000; i++) {
                long n = tail.next().parameters().integer("n");
                assertEquals(previous == 0 ? 7001 : previous + 1, n, "n of tail point " + i);
                previous = n;
            }
            long decoded = System.nanoTime();
            report("where", parsed - start, decoded - parsed);
            assertTrue(decoded - parsed < 1_000_000_000L, "counting and decoding took over a second");
        }

        static void report(String label, long parseNanos, long decodeNanos) {
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            System.out.printf("%s ok: parsed and validated in %.1f s, counted and decoded in %.3f s, heap in use "
                    + "%d MB of %d MB%n", label, parseNanos / 1e9, decodeNanos / 1e9,
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
        }
    }
}
