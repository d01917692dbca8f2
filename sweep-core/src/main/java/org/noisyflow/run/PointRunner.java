package org.noisyflow.run;

import java.util.ArrayList;
import java.util.List;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.Solver;
import org.noisyflow.spec.Point;
import org.noisyflow.spec.SweepSpec;

/**
 * Runs the replicates of sweep points with their own random streams. A solver that throws
 * produces a {@code failed} row carrying the exception, and the next run goes on.
 */
public final class PointRunner {
    private final SweepSpec spec;
    private final Solver solver;

    public PointRunner(SweepSpec spec) {
        this(spec, spec.solver());
    }

    /** Runs the points of {@code spec} with another implementation of its solver, for tests. */
    PointRunner(SweepSpec spec, Solver solver) {
        this.spec = spec;
        this.solver = solver;
    }

    /** Runs one (point, replicate). */
    public ResultRow run(Point point, int replicate) {
        long seed = StreamSeeds.streamSeed(spec.seed(), point.idHash(), replicate);
        long start = System.nanoTime();
        RunResult result;
        try {
            result = solver.run(point.parameters(), StreamSeeds.stream(seed));
        } catch (RuntimeException | StackOverflowError e) {
            result = RunResult.failed(e.getClass().getName() + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // The run's own arrays are unreachable now, so the task can go on with the next run.
            result = RunResult.failed("out of memory: " + e.getMessage() + "; give the executors more "
                    + "memory or make the point smaller");
        }
        long wallMillis = (System.nanoTime() - start) / 1_000_000L;
        return new ResultRow(point, replicate, seed, result, wallMillis);
    }

    /** Runs every replicate of the points with index in [from, to), in index order. */
    public List<ResultRow> runRange(long from, long to) {
        List<ResultRow> rows = new ArrayList<>();
        var points = spec.points().range(from, to);
        while (points.hasNext()) {
            Point point = points.next();
            for (int r = 0; r < spec.replicates(); r++) {
                rows.add(run(point, r));
            }
        }
        return rows;
    }
}
