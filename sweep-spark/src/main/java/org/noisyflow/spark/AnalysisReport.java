package org.noisyflow.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.noisyflow.analysis.plot.BoundaryPlot;
import org.noisyflow.analysis.plot.HeatMapPlot;
import org.noisyflow.analysis.plot.LinePlot;
import org.noisyflow.analysis.plot.Series;

/**
 * Draws the pictures of an analysis and writes {@code DIR/analysis/index.html}, a page that opens
 * from the file system and loads nothing from the network.
 *
 * <ul>
 *   <li>{@code order.png/.svg}: the order parameter against x with standard-error bars, one line
 *       per value of the {@code --by} parameters. Other swept parameters are held at their
 *       smallest value, and at most {@value #MAX_LINES} lines are drawn.</li>
 *   <li>{@code heatmap.png/.svg}, when a second parameter y is swept: the order parameter over
 *       (x, y), with the detected transition line and its uncertainty, and the theory line
 *       dashed.</li>
 *   <li>{@code trajectories-tau1.png} and {@code trajectories-tau2.png} for {@code noisy-gd}
 *       sweeps that recorded trajectories: the model coordinate against each rescaled time, one
 *       line per noise type, averaged over replicates, with other swept parameters held at
 *       their smallest value.</li>
 * </ul>
 */
final class AnalysisReport {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnalysisReport.class);
    static final int MAX_LINES = 12;
    /** Ratio of the largest to the smallest positive time beyond which a trajectory picture uses a log time axis. */
    static final double LOG_CLOCK_SPAN = 100.0;
    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    /** Trajectory coordinates, in order of preference, for the noisy-gd picture. */
    static final List<String> COORDINATES = List.of("balance", "c1", "c2", "u_norm_sq", "weight_norm_sq",
            "support_size", "coef_1");

    private AnalysisReport() {
    }

    /** Writes the pictures and index.html into dir/analysis. */
    static void write(AnalysisJob.Outcome outcome, Path dir, SparkSession spark) throws IOException {
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path analysis = new Path(dir, "analysis");
        java.nio.file.Path scratch = Files.createTempDirectory("noisyflow-analysis");
        try {
            List<String> pictures = new ArrayList<>();
            orderPicture(outcome, scratch, pictures);
            if (outcome.y() != null) {
                heatMap(outcome, scratch, pictures);
            }
            Path boundary = new Path(analysis, "boundary");
            if (fs.exists(boundary)) {
                boundaryPicture(spark, dir, boundary, scratch, pictures);
            }
            Path trajectories = new Path(dir, "trajectories");
            if ("noisy-gd".equals(outcome.solver().id()) && fs.exists(trajectories)) {
                List<String> held = outcome.swept().stream().filter(p -> !"noise".equals(p)).toList();
                trajectoryPictures(holdAtFirst(spark.read().parquet(trajectories.toString()), held), held,
                        scratch, pictures);
            }
            for (String name : pictures) {
                for (String extension : List.of(".png", ".svg")) {
                    fs.copyFromLocalFile(true, true, new Path(scratch.resolve(name + extension).toUri()),
                            new Path(analysis, name + extension));
                }
            }
            try (OutputStream stream = fs.create(new Path(analysis, "index.html"), true)) {
                stream.write(html(outcome, dir, pictures).getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Returns the swept parameters other than x, y, the --by parameters and x's reciprocal. */
    private static List<String> heldParameters(AnalysisJob.Outcome outcome, List<String> free) {
        List<String> held = new ArrayList<>();
        for (String p : outcome.swept()) {
            if (!free.contains(p) && !p.equals(outcome.x()) && !isReciprocalOfX(outcome, p)) {
                held.add(p);
            }
        }
        return held;
    }

    private static boolean isReciprocalOfX(AnalysisJob.Outcome outcome, String p) {
        for (var def : outcome.solver().parameters()) {
            if (def.name().equals(p) && outcome.x().equals(def.reciprocalOf())
                    || def.name().equals(outcome.x()) && p.equals(def.reciprocalOf())) {
                return true;
            }
        }
        return false;
    }

    /** Restricts rows to the smallest value of each held parameter that is a column, or to null. */
    private static Dataset<Row> holdAtFirst(Dataset<Row> points, List<String> held) {
        Dataset<Row> out = points;
        List<String> columns = List.of(points.schema().fieldNames());
        for (String p : held) {
            if (!columns.contains(p)) {
                continue;
            }
            List<Row> first = out.select(col(p)).where(col(p).isNotNull()).orderBy(col(p)).limit(1).collectAsList();
            if (!first.isEmpty()) {
                // Rows where the parameter does not apply (null) stay, such as minibatch rows for sigma.
                out = out.where(col(p).isNull().or(col(p).equalTo(first.get(0).get(0))));
            }
        }
        return out;
    }

    private static void orderPicture(AnalysisJob.Outcome outcome, java.nio.file.Path scratch, List<String> pictures)
            throws IOException {
        String x = outcome.x();
        String o = outcome.observable();
        List<String> held = heldParameters(outcome, outcome.by());
        Dataset<Row> points = holdAtFirst(outcome.points(), held);
        List<Column> columns = new ArrayList<>();
        for (String b : outcome.by()) {
            columns.add(col(b));
        }
        columns.add(col(x).cast(DataTypes.DoubleType));
        columns.add(col(o + "_mean"));
        columns.add(col(o + "_se"));
        int width = outcome.by().size();
        // Lines follow the order of their --by values, numbers by value and not as text.
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        List<Column> order = new ArrayList<>();
        for (String b : outcome.by()) {
            order.add(col(b));
        }
        order.add(col(x));
        for (Row r : points.select(columns.toArray(Column[]::new)).orderBy(order.toArray(Column[]::new))
                .collectAsList()) {
            StringBuilder label = new StringBuilder();
            for (int i = 0; i < width; i++) {
                label.append(i == 0 ? "" : ", ").append(outcome.by().get(i)).append(" = ").append(format(r.get(i)));
            }
            double mean = r.isNullAt(width + 1) ? Double.NaN : r.getDouble(width + 1);
            double se = r.isNullAt(width + 2) ? 0.0 : r.getDouble(width + 2);
            lines.computeIfAbsent(label.length() == 0 ? o : label.toString(), k -> new ArrayList<>())
                    .add(new double[] {r.getDouble(width), mean, se});
        }
        LinePlot plot = LinePlot.of(o + " against " + x + heldText(outcome, held), x, o)
                .logX(Boolean.TRUE.equals(outcome.logAxes().get(x)));
        if (lines.size() > MAX_LINES) {
            LOG.warn("the picture order shows the first {} of {} lines; give --by to choose others", MAX_LINES,
                    lines.size());
        }
        int drawn = 0;
        for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
            if (drawn++ == MAX_LINES) {
                break;
            }
            List<double[]> data = e.getValue();
            plot.add(new Series(e.getKey(), column(data, 0), column(data, 1), column(data, 2)));
        }
        TreeSet<Double> theory = new TreeSet<>();
        for (Row t : outcome.transitions()) {
            Object value = t.getAs("theory_location");
            if (value != null) {
                theory.add((Double) value);
            }
        }
        if (theory.size() == 1) {
            plot.markX("theory " + format(theory.first()), theory.first());
        }
        plot.write(scratch.resolve("order.png"), scratch.resolve("order.svg"), WIDTH, HEIGHT);
        pictures.add("order");
    }

    private static void heatMap(AnalysisJob.Outcome outcome, java.nio.file.Path scratch, List<String> pictures)
            throws IOException {
        String x = outcome.x();
        String y = outcome.y();
        String o = outcome.observable();
        List<String> held = heldParameters(outcome, List.of(y));
        Dataset<Row> points = holdAtFirst(outcome.points(), held);
        List<Row> rows = points.groupBy(col(x).cast(DataTypes.DoubleType).alias("hx"),
                col(y).cast(DataTypes.DoubleType).alias("hy")).agg(avg(col(o + "_mean"))).collectAsList();
        TreeSet<Double> xs = new TreeSet<>();
        TreeSet<Double> ys = new TreeSet<>();
        for (Row r : rows) {
            xs.add(r.getDouble(0));
            ys.add(r.getDouble(1));
        }
        double[] xv = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] yv = ys.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] z = new double[xv.length][yv.length];
        for (double[] line : z) {
            java.util.Arrays.fill(line, Double.NaN);
        }
        List<Double> xl = new ArrayList<>(xs);
        List<Double> yl = new ArrayList<>(ys);
        for (Row r : rows) {
            z[xl.indexOf(r.getDouble(0))][yl.indexOf(r.getDouble(1))] = r.isNullAt(2) ? Double.NaN : r.getDouble(2);
        }

        Map<String, Object> heldValues = new LinkedHashMap<>();
        for (String p : held) {
            List<Row> first = points.select(col(p)).where(col(p).isNotNull()).orderBy(col(p)).limit(1).collectAsList();
            heldValues.put(p, first.isEmpty() ? null : first.get(0).get(0));
        }
        TreeMap<Double, double[]> detected = new TreeMap<>();
        TreeMap<Double, Double> theory = new TreeMap<>();
        for (Row t : outcome.transitions()) {
            boolean inPicture = true;
            for (Map.Entry<String, Object> e : heldValues.entrySet()) {
                inPicture &= Objects.equals(t.getAs(e.getKey()), e.getValue());
            }
            if (!inPicture) {
                continue;
            }
            if (t.getAs(y) == null) {
                continue;
            }
            double yValue = ((Number) t.getAs(y)).doubleValue();
            if (t.getAs("transition_location") != null) {
                detected.put(yValue, new double[] {t.<Double>getAs("transition_location"),
                        t.<Double>getAs("transition_uncertainty")});
            }
            if (t.getAs("theory_location") != null) {
                theory.put(yValue, t.<Double>getAs("theory_location"));
            }
        }
        HeatMapPlot plot = HeatMapPlot.of(o + " over " + x + " and " + y + heldText(outcome, held), x, y, o)
                .grid(xv, yv, z)
                .logX(Boolean.TRUE.equals(outcome.logAxes().get(x)))
                .logY(Boolean.TRUE.equals(outcome.logAxes().get(y)));
        if (!detected.isEmpty()) {
            // The transition line runs along y: its x is the located value, and two dashed lines
            // at location -/+ uncertainty bound it.
            double[] along = detected.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] at = detected.values().stream().mapToDouble(v -> v[0]).toArray();
            double[] lower = detected.values().stream().mapToDouble(v -> v[0] - v[1]).toArray();
            double[] upper = detected.values().stream().mapToDouble(v -> v[0] + v[1]).toArray();
            plot.overlay(new Series("detected transition", at, along, null), false);
            plot.overlay(new Series("detected - uncertainty", lower, along, null), true);
            plot.overlay(new Series("detected + uncertainty", upper, along, null), true);
        }
        if (!theory.isEmpty()) {
            plot.overlay(new Series("theory", theory.values().stream().mapToDouble(Double::doubleValue).toArray(),
                    theory.keySet().stream().mapToDouble(Double::doubleValue).toArray(), null), true);
        }
        plot.write(scratch.resolve("heatmap.png"), scratch.resolve("heatmap.svg"), WIDTH, HEIGHT);
        pictures.add("heatmap");
    }

    private static void trajectoryPictures(Dataset<Row> trajectories, List<String> held,
            java.nio.file.Path scratch, List<String> pictures) throws IOException {
        List<String> columns = List.of(trajectories.schema().fieldNames());
        String coordinate = null;
        for (String candidate : COORDINATES) {
            if (columns.contains(candidate)
                    && trajectories.where(col(candidate).isNotNull()).limit(1).count() > 0) {
                coordinate = candidate;
                break;
            }
        }
        if (coordinate == null || !columns.contains("noise")) {
            return;
        }
        for (String clock : List.of("tau1", "tau2")) {
            List<Row> rows = trajectories.where(col(coordinate).isNotNull())
                    .groupBy(col("noise"), col("step"))
                    .agg(avg(col(clock)), avg(col(coordinate)))
                    .orderBy(col("noise"), col("step")).collectAsList();
            Map<String, List<double[]>> lines = new TreeMap<>();
            double smallest = Double.POSITIVE_INFINITY;
            double largest = 0.0;
            for (Row r : rows) {
                if (!r.isNullAt(2) && !r.isNullAt(3)) {
                    lines.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                            .add(new double[] {r.getDouble(2), r.getDouble(3)});
                    if (r.getDouble(2) > 0) {
                        smallest = Math.min(smallest, r.getDouble(2));
                        largest = Math.max(largest, r.getDouble(2));
                    }
                }
            }
            // Noise types run on clocks that differ by orders of magnitude; a log axis shows them
            // all, without the records at time 0.
            boolean logClock = largest > LOG_CLOCK_SPAN * smallest;
            if (logClock) {
                for (List<double[]> line : lines.values()) {
                    line.removeIf(point -> !(point[0] > 0));
                }
                lines.values().removeIf(List::isEmpty);
            }
            String heldText = held.isEmpty() ? "" : "; " + String.join(", ", held) + " at the smallest value";
            LinePlot plot = LinePlot.of(coordinate + " against " + clock + ", mean over replicates" + heldText,
                    clock, coordinate).logX(logClock);
            for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
                plot.add(new Series("noise = " + e.getKey(), column(e.getValue(), 0), column(e.getValue(), 1), null));
            }
            String name = "trajectories-" + clock;
            plot.write(scratch.resolve(name + ".png"), scratch.resolve(name + ".svg"), WIDTH, HEIGHT);
            pictures.add(name);
        }
    }

    private static String heldText(AnalysisJob.Outcome outcome, List<String> held) {
        if (held.isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", held.stream().map(p -> p + " at its smallest value").toList()) + ")";
    }

    private static double[] column(List<double[]> rows, int index) {
        return rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                return d.toString();
            }
            // Six significant digits without trailing zeros: 100000, 0.25, 2E+10, 1E-10.
            java.math.BigDecimal rounded = new java.math.BigDecimal(d).round(new java.math.MathContext(6))
                    .stripTrailingZeros();
            double size = Math.abs(d);
            return size == 0 || size >= 1e-4 && size < 1e7 ? rounded.toPlainString() : rounded.toString();
        }
        return String.valueOf(value);
    }

    /**
     * Draws {@code boundary.png/.svg} for a refinement whose slices differ in one numeric
     * parameter, or a 2-D refinement without other swept axes: the coarse grid (round 0) and the
     * refined points in the plane of that parameter and the refined one, the located boundary,
     * the solver's predicted value as a dashed curve and its theory of the boundary as a solid
     * one where they exist. Other refinements get no such picture.
     */
    private static void boundaryPicture(SparkSession spark, Path dir, Path boundary, java.nio.file.Path scratch,
            List<String> pictures) throws IOException {
        Dataset<Row> table = spark.read().parquet(boundary.toString());
        List<String> fields = List.of(table.schema().fieldNames());
        List<String> sliceColumns = fields.subList(fields.indexOf(BoundaryTable.SLICE) + 1,
                fields.indexOf(BoundaryTable.LOCATED));
        List<String> numeric = sliceColumns.stream()
                .filter(c -> table.select(c).distinct().count() > 1).toList();
        String along = refinedParameter(dir, spark);
        if (numeric.size() != 1 || along == null) {
            LOG.info("no boundary picture: the slices of {} differ in {} parameters, the picture needs one", dir,
                    numeric.size());
            return;
        }
        String across = numeric.get(0);
        List<Row> points = spark.read().parquet(new Path(dir, "summary").toString())
                .select(col(across).cast(DataTypes.DoubleType), col(along).cast(DataTypes.DoubleType),
                        col(SummarySchema.ROUND))
                .distinct().collectAsList();
        List<double[]> coarse = new ArrayList<>();
        List<double[]> refined = new ArrayList<>();
        for (Row r : points) {
            (r.getInt(2) == 0 ? coarse : refined).add(new double[] {r.getDouble(0), r.getDouble(1)});
        }
        List<double[]> located = new ArrayList<>();
        List<double[]> predicted = new ArrayList<>();
        List<double[]> theory = new ArrayList<>();
        boolean theoryDiffers = false;
        boolean hasTheory = fields.contains(BoundaryTable.THEORY);
        for (Row r : table.select(col(across).cast(DataTypes.DoubleType), col(BoundaryTable.LOCATED),
                col(BoundaryTable.PREDICTED), hasTheory ? col(BoundaryTable.THEORY) : col(BoundaryTable.PREDICTED))
                .orderBy(col(across)).collectAsList()) {
            if (!r.isNullAt(1)) {
                located.add(new double[] {r.getDouble(0), r.getDouble(1)});
            }
            if (!r.isNullAt(2)) {
                predicted.add(new double[] {r.getDouble(0), r.getDouble(2)});
            }
            if (!r.isNullAt(3)) {
                theory.add(new double[] {r.getDouble(0), r.getDouble(3)});
                theoryDiffers |= r.isNullAt(2) || r.getDouble(3) != r.getDouble(2);
            }
        }
        BoundaryPlot plot = BoundaryPlot.of("Refined boundary in " + along + " over " + across, across, along)
                .points("coarse grid (" + coarse.size() + ")", column(coarse, 0), column(coarse, 1))
                .points("refined points (" + refined.size() + ")", column(refined, 0), column(refined, 1))
                .curve("located boundary", column(located, 0), column(located, 1), false);
        if (!predicted.isEmpty()) {
            plot.curve("predicted by the solver", column(predicted, 0), column(predicted, 1), true);
        }
        // The theory curve is drawn only where it is not the predicted one, such as the transition
        // of the stationary solver, which lies below linear stability where it is discontinuous.
        if (theoryDiffers) {
            plot.curve("theory (solver's transition)", column(theory, 0), column(theory, 1), false);
        }
        plot.write(scratch.resolve("boundary.png"), scratch.resolve("boundary.svg"), WIDTH, HEIGHT);
        pictures.add("boundary");
    }

    /** Returns refine.along of the directory's spec.yaml, or null when it has no refine section. */
    private static String refinedParameter(Path dir, SparkSession spark) throws IOException {
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path spec = new Path(dir, "spec.yaml");
        if (!fs.exists(spec)) {
            return null;
        }
        Object doc;
        try (var in = fs.open(spec)) {
            doc = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromInputStream(in);
        }
        if (doc instanceof Map<?, ?> map && map.get("refine") instanceof Map<?, ?> refine
                && refine.get("along") instanceof String along) {
            return along;
        }
        return null;
    }

    /** Builds the page: the choices, the pictures and the transition table, with no external resources. */
    static String html(AnalysisJob.Outcome outcome, Path dir, List<String> pictures) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Analysis of ").append(escape(dir.getName())).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 2em; max-width: 1100px; }\n")
                .append("table { border-collapse: collapse; font-size: 90%; }\n")
                .append("td, th { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: right; }\n")
                .append("img { max-width: 100%; border: 1px solid #ddd; margin: 0.5em 0; }\n")
                .append("</style>\n</head>\n<body>\n");

        page.append("<h1>Analysis of ").append(escape(dir.getName())).append("</h1>\n<p>Solver <code>")
                .append(escape(outcome.solver().id())).append("</code>, order parameter <code>")
                .append(escape(outcome.observable())).append("</code> along <code>").append(escape(outcome.x()))
                .append("</code>. Swept parameters: ").append(escape(String.join(", ", outcome.swept())))
                .append(". Tables: <code>points/</code> and <code>transitions/</code> (Parquet) beside this page.</p>\n");

        for (String name : pictures) {
            page.append("<p><a href=\"").append(name).append(".svg\"><img src=\"").append(name)
                    .append(".png\" alt=\"").append(name).append("\"></a></p>\n");
        }

        page.append("<h2>Transitions</h2>\n<p>Criteria: a transition needs a steepest slope between neighbouring "
                + "points of at least 2.5 times the mean slope, with a step above 3 standard errors. It is "
                + "discontinuous when that slope is at least 4 times the steeper neighbouring slope.</p>\n"
                + "<table>\n<tr>");

        List<String> fields = List.of(outcome.transitionSchema().fieldNames());
        List<String> shown = new ArrayList<>();
        for (String f : fields) {
            if (outcome.swept().contains(f) || !isParameter(outcome, f)) {
                shown.add(f);
            }
        }
        for (String f : shown) {
            page.append("<th>").append(escape(f)).append("</th>");
        }
        page.append("</tr>\n");
        List<Row> rows = new ArrayList<>(outcome.transitions());
        rows.sort(java.util.Comparator.comparing(Row::toString));
        for (Row r : rows) {
            page.append("<tr>");
            for (String f : shown) {
                page.append("<td>").append(escape(format(r.getAs(f)))).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</table>\n</body>\n</html>\n");
        return page.toString();
    }

    private static boolean isParameter(AnalysisJob.Outcome outcome, String name) {
        return outcome.solver().parameters().stream().anyMatch(d -> d.name().equals(name));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
