package org.noisyflow.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.Solver;
import org.noisyflow.spec.Point;
import org.noisyflow.spec.SweepSpec;

/**
 * Runs the replicates of sweep points with their own random streams. A solver that throws
 * produces a {@code failed} row carrying the exception, and the next run goes on.
 */
public final class PointRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PointRunner.class.getName());
    /** Time a stopped run has to reach its next interruption check before its thread is abandoned. */
    static final long GRACE_MILLIS = 5_000L;

    private final SweepSpec spec;
    private final Solver solver;
    private final long timeoutMillis;
    private ExecutorService worker;

    /** Runs the points of {@code spec} without a time limit. */
    public PointRunner(SweepSpec spec) {
        this(spec, spec.solver(), 0L);
    }

    /**
     * Runs the points of {@code spec}, stopping a run after {@code timeoutMillis} (0 for no limit).
     * A stopped run becomes a {@code timeout} row. Solvers stop at their next
     * {@link org.noisyflow.solver.Interruption#check()}.
     */
    public PointRunner(SweepSpec spec, long timeoutMillis) {
        this(spec, spec.solver(), timeoutMillis);
    }

    /** Runs the points of {@code spec} with another implementation of its solver, for tests. */
    PointRunner(SweepSpec spec, Solver solver) {
        this(spec, solver, 0L);
    }

    PointRunner(SweepSpec spec, Solver solver, long timeoutMillis) {
        this.spec = spec;
        this.solver = solver;
        this.timeoutMillis = timeoutMillis;
    }

    /** Runs one (point, replicate). */
    public ResultRow run(Point point, int replicate) {
        long seed = StreamSeeds.streamSeed(spec.seed(), point.idHash(), replicate);
        long start = System.nanoTime();
        RunResult result = timeoutMillis > 0 ? runLimited(point, seed) : runGuarded(point, seed);
        double wallMillis = (System.nanoTime() - start) / 1e6;
        return new ResultRow(point, replicate, seed, result, wallMillis);
    }

    private RunResult runGuarded(Point point, long seed) {
        try {
            return solver.run(point.parameters(), StreamSeeds.stream(seed));
        } catch (RuntimeException | StackOverflowError e) {
            return RunResult.failed(e.getClass().getName() + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // The run's own arrays are unreachable now, so the task can go on with the next run.
            return RunResult.failed("out of memory: " + e.getMessage() + "; give the executors more "
                    + "memory or make the point smaller");
        }
    }

    /** Runs on the worker thread and stops the run when it exceeds the time limit. */
    private RunResult runLimited(Point point, long seed) {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "noisyflow-run");
                thread.setDaemon(true);
                return thread;
            });
        }
        Future<RunResult> future = worker.submit(() -> runGuarded(point, seed));
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdown();
            try {
                if (!worker.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "point {0} did not stop within {1} ms of its timeout; its "
                            + "thread is left to finish", point.id(), GRACE_MILLIS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            worker = null;
            return new RunResult(RunStatus.TIMEOUT, String.format("the run exceeded the timeout of %.3g s and was "
                    + "stopped; raise timeout in the sweep file or make the point cheaper", timeoutMillis / 1000.0),
                    java.util.Map.of());
        } catch (ExecutionException e) {
            return RunResult.failed(e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the task running point " + point.id() + " was interrupted", e);
        }
    }

    /** Stops the worker thread, if any. */
    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
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
