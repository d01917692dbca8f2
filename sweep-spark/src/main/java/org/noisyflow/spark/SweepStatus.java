package org.noisyflow.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;

/**
 * The progress of a sweep directory: the runs its spec defines, and those committed so far by
 * status, read from summary/ once the sweep finished and from the part files before.
 *
 * @param spec the sweep file resolved in DIR/spec.yaml
 * @param finished whether manifest.json exists
 * @param byStatus committed rows by status value
 */
record SweepStatus(SweepSpec spec, boolean finished, Map<String, Long> byStatus) {

    static SweepStatus of(SparkSession spark, String directory) throws IOException {
        Path dir = new Path(directory);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path specFile = new Path(dir, "spec.yaml");
        String text;
        try (InputStream in = fs.open(specFile)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SweepSpec spec = SpecParser.parse(text, specFile.toString());
        boolean finished = fs.exists(new Path(dir, "manifest.json"));
        Path rows = finished ? new Path(dir, "summary") : PartFiles.directory(dir, "summary");
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RunStatus status : RunStatus.values()) {
            byStatus.put(status.columnValue(), 0L);
        }
        if (fs.exists(rows) && fs.listStatus(rows, p -> p.getName().endsWith(".parquet")).length > 0) {
            for (Row r : spark.read().parquet(rows.toString()).groupBy(SummarySchema.STATUS).count().collectAsList()) {
                byStatus.put(r.getString(0), r.getLong(1));
            }
        }
        return new SweepStatus(spec, finished, byStatus);
    }

    long expected() {
        return spec.points().count() * spec.replicates();
    }

    long done() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Returns the report line, for example "sweep s: 1200 of 2000 runs done (ok 1190, ...), 800 missing". */
    String describe() {
        StringBuilder counts = new StringBuilder();
        for (Map.Entry<String, Long> e : byStatus.entrySet()) {
            counts.append(counts.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        return String.format("sweep %s (%s): %d of %d runs done (%s), %d missing; %s", spec.name(), spec.solverId(),
                done(), expected(), counts, expected() - done(),
                finished ? "finished" : "not finished: rerun the same command to run the missing ones");
    }
}
