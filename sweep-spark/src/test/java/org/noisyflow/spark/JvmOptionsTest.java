package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The JDK flags that Surefire and scripts/sweep pass must equal those spark-submit adds for the
 * Spark version on the classpath. The pom property spark.jvm.options contains a copy.
 */
class JvmOptionsTest {

    @Test
    void launcherFileMatchesSparkSubmit() throws Exception {
        String file = Files.readString(Path.of("target", "jvm-options.txt")).trim();
        assertEquals(JavaModuleOptions.defaultModuleOptions(), file,
                "update <spark.jvm.options> in the top-level pom.xml to this Spark's list");
    }

    @Test
    void testJvmHasEveryFlag() {
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : JavaModuleOptions.defaultModuleOptionArray()) {
            assertTrue(running.contains(flag), "Surefire's JVM lacks " + flag);
        }
    }
}
