import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the parallel efficiency of a finished sweep: the sum of the runs' wall_ms over
 * (cores x the job's wall time from manifest.json), read with DuckDB.
 *
 * <p>Usage: java -cp DUCKDB_JAR Efficiency.java DIR CORES
 */
public class Efficiency {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int cores = Integer.parseInt(args[1]);
        String manifest = Files.readString(dir.resolve("manifest.json"));
        Duration wall = Duration.between(Instant.parse(field(manifest, "start_time")),
                Instant.parse(field(manifest, "end_time")));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), sum(wall_ms), median(wall_ms) FROM read_parquet('"
                        + dir.resolve("summary") + "/*.parquet')")) {
            r.next();
            long runs = r.getLong(1);
            double solverSeconds = r.getDouble(2) / 1000.0;
            double seconds = wall.toMillis() / 1000.0;
            System.out.printf("%d runs, median %.2f ms per run, solver time %.1f s, job wall time %.1f s on %d cores: "
                    + "efficiency %.3f%n", runs, r.getDouble(3), solverSeconds, seconds, cores,
                    solverSeconds / (cores * seconds));
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("manifest.json has no " + name);
        }
        return m.group(1);
    }
}
