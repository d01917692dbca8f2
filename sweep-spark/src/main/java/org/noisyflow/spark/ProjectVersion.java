package org.noisyflow.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Maven project version, read from a resource the build fills in. */
final class ProjectVersion {
    private ProjectVersion() {
    }

    static String get() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("/noisyflow/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
