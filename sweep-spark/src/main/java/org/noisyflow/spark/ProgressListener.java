package org.noisyflow.spark;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Reports the progress of the sweep's run stage on the driver, at most about once per second
 * and always for the last task. A line gives the runs done of the total, the runs not ok, the
 * rate and the estimated time left, for example
 * {@code "  runs 1200/4000 (not ok 3), 45.2 runs/s, about 62 s left, tasks 12/50"}.
 *
 * <p>Runs are counted by the accumulators {@link #RUNS} and {@link #NOT_OK}, whose updates arrive
 * with each finished task, so a task's runs count when the task ends.
 */
final class ProgressListener extends SparkListener {
    /** Name of the accumulator of finished (point, replicate) runs. */
    static final String RUNS = "noisyflow.runs";
    /** Name of the accumulator of runs whose status is not ok. */
    static final String NOT_OK = "noisyflow.not_ok";
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final Consumer<String> out;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong notOk = new AtomicLong();
    private volatile int total;
    private volatile long totalRuns;
    private volatile int stageId = -1;
    private volatile long start = System.nanoTime();
    private volatile long lastReport = System.nanoTime();

    ProgressListener(Consumer<String> out) {
        this.out = out;
    }

    /** Starts counting the tasks of the next stage submitted, which must be the run stage. */
    void expect(int tasks, long expectedRuns) {
        total = tasks;
        totalRuns = expectedRuns;
        done.set(0);
        runs.set(0);
        notOk.set(0);
        stageId = -1;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        if (stageId < 0 && event.stageInfo().numTasks() == total) {
            stageId = event.stageInfo().stageId();
            start = System.nanoTime();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        if (event.stageId() != stageId || !event.taskInfo().successful()) {
            return;
        }
        for (AccumulableInfo info : scala.jdk.javaapi.CollectionConverters.asJava(event.taskInfo().accumulables())) {
            String name = info.name().isDefined() ? info.name().get() : "";
            if (info.update().isDefined() && info.update().get() instanceof Number update) {
                if (RUNS.equals(name)) {
                    runs.addAndGet(update.longValue());
                } else if (NOT_OK.equals(name)) {
                    notOk.addAndGet(update.longValue());
                }
            }
        }
        int finished = done.incrementAndGet();
        long now = System.nanoTime();
        if (finished == total || now - lastReport >= MIN_INTERVAL_NANOS) {
            lastReport = now;
            out.accept(describe(runs.get(), totalRuns, notOk.get(), (now - start) / 1e9, finished, total));
        }
    }

    /** Formats one progress line; the time left assumes the rate so far. */
    static String describe(long runs, long totalRuns, long notOk, double seconds, int tasks, int totalTasks) {
        double rate = seconds > 0 ? runs / seconds : 0.0;
        String left = rate > 0 && runs < totalRuns
                ? String.format(", about %.0f s left", (totalRuns - runs) / rate) : "";
        return String.format("  runs %d/%d (not ok %d), %.1f runs/s%s, tasks %d/%d", runs, totalRuns, notOk, rate,
                left, tasks, totalTasks);
    }
}
