import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Compares two sweep summaries with DuckDB: the same rows apart from wall_ms, each
 * (point_id, replicate) once. Exits with status 1 and a message when they differ.
 *
 * <p>Usage: java -cp DUCKDB_JAR CompareTables.java DIR_A DIR_B
 */
public class CompareTables {
    public static void main(String[] args) throws Exception {
        String a = "read_parquet('" + args[0] + "/summary/*.parquet')";
        String b = "read_parquet('" + args[1] + "/summary/*.parquet')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            long rows = count(s, "SELECT count(*) FROM " + a);
            long distinct = count(s, "SELECT count(DISTINCT (point_id, replicate)) FROM " + a);
            long onlyA = count(s, "SELECT count(*) FROM (SELECT * EXCLUDE (wall_ms) FROM " + a
                    + " EXCEPT SELECT * EXCLUDE (wall_ms) FROM " + b + ")");
            long onlyB = count(s, "SELECT count(*) FROM (SELECT * EXCLUDE (wall_ms) FROM " + b
                    + " EXCEPT SELECT * EXCLUDE (wall_ms) FROM " + a + ")");
            long rowsB = count(s, "SELECT count(*) FROM " + b);
            System.out.printf("%d rows, %d distinct (point, replicate), %d rows only in the first, %d only in the "
                    + "second, %d rows in the second%n", rows, distinct, onlyA, onlyB, rowsB);
            if (rows != distinct || onlyA != 0 || onlyB != 0 || rows != rowsB) {
                System.out.println("the tables differ");
                System.exit(1);
            }
            System.out.println("the tables are equal");
        }
    }

    private static long count(Statement s, String query) throws Exception {
        try (ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
