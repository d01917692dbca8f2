package org.noisyflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings that every benchmark of this module inherits: average time per operation in
 * milliseconds, one thread, one fork, 3 warm-up and 5 measured iterations of 1 s each.
 *
 * <p>The forked JVM gets {@code --add-modules=jdk.incubator.vector}, so that kernels may use the
 * JDK Vector API. Command-line options such as {@code -wi}, {@code -i} and {@code -f} override
 * these values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public abstract class SingleCoreSettings {
}
