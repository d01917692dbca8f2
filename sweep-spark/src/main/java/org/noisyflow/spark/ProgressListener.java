package org.noisyflow.spark;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Reports finished tasks of the sweep's run stage on the driver, at most about once per second
 * and always for the last task, as "tasks done/total".
 */
final class ProgressListener extends SparkListener {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final Consumer<String> out;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile int stageId = -1;
    private volatile long lastReport = System.nanoTime();

    ProgressListener(Consumer<String> out) {
        this.out = out;
    }

    /** Starts counting the tasks of the next stage submitted, which must be the run stage. */
    void expect(int tasks) {
        total = tasks;
        done.set(0);
        stageId = -1;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        if (stageId < 0 && event.stageInfo().numTasks() == total) {
            stageId = event.stageInfo().stageId();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        if (event.stageId() != stageId || !event.taskInfo().successful()) {
            return;
        }
        int finished = done.incrementAndGet();
        long now = System.nanoTime();
        if (finished == total || now - lastReport >= MIN_INTERVAL_NANOS) {
            lastReport = now;
            out.accept(String.format("  tasks %d/%d done", finished, total));
        }
    }
}
