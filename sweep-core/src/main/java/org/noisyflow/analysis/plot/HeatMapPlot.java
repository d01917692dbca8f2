package org.noisyflow.analysis.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heat map of values z on a rectilinear grid of x and y values, with optional curves drawn over
 * it, such as a detected transition line with error bars and a dashed theory line.
 *
 * <p>Each cell is centred on its grid point and reaches halfway to the neighbouring points, the
 * halfway point taken in log space on a log axis. The outer cells reach as far beyond their grid
 * point as halfway to the inner neighbour. Cells are colored on a viridis-like scale from the
 * smallest to the largest finite z, which a color bar labelled with the z label explains. NaN
 * cells are missing and drawn in gray, with a legend entry. Overlay curves are clipped to the
 * grid's extent.
 *
 * <p>Usage: {@code HeatMapPlot.of("Phase diagram", "kappa", "d", "M").grid(kappas, ds, m)
 * .overlay(detected, false).overlay(theory, true).write(png, svg, 800, 600)}. A HeatMapPlot is a
 * mutable builder and is not thread-safe. Values are checked against log axes when {@link #write}
 * runs.
 */
public final class HeatMapPlot {
    static {
        Headless.ensure();
    }

    /**
     * Overlay colors, chosen to stand out on every color of the scale. A white halo under each
     * curve keeps it visible on the dark end.
     */
    private static final Color[] OVERLAY_COLORS = {
        new Color(0xE0, 0x1B, 0x24),
        Color.BLACK,
        new Color(0xFF, 0x7F, 0x00),
        new Color(0xF0, 0x3C, 0xC8),
    };
    private static final Paint HALO = new Color(255, 255, 255, 200);

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String zLabel;
    private boolean logX;
    private boolean logY;
    private double[] xs;
    private double[] ys;
    private double[][] z;
    private final List<Series> overlays = new ArrayList<>();
    private final List<Boolean> dashed = new ArrayList<>();
    private final Set<String> overlayLabels = new HashSet<>();

    private HeatMapPlot(String title, String xLabel, String yLabel, String zLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
        this.zLabel = Objects.requireNonNull(zLabel, "zLabel");
    }

    /**
     * Starts a heat map. The axis labels and the color bar label {@code zLabel} are drawn exactly
     * as given. An empty title draws no title.
     */
    public static HeatMapPlot of(String title, String xLabel, String yLabel, String zLabel) {
        return new HeatMapPlot(title, xLabel, yLabel, zLabel);
    }

    /**
     * Sets the grid, replacing an earlier one: z[i][j] is the value at (xs[i], ys[j]), and NaN
     * marks a missing cell. The arrays are copied.
     *
     * @throws IllegalArgumentException if xs or ys has fewer than two values, is not strictly
     *     increasing or is not finite, if the shape of z does not match, or if a z is infinite
     */
    public HeatMapPlot grid(double[] xs, double[] ys, double[][] z) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        Objects.requireNonNull(z, "z");
        requireGridAxis("xs", xs);
        requireGridAxis("ys", ys);
        if (z.length != xs.length) {
            throw new IllegalArgumentException("z has " + z.length + " rows but xs has "
                    + xs.length + " values; z[i][j] is the value at (xs[i], ys[j])");
        }
        double[][] copy = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            if (z[i] == null || z[i].length != ys.length) {
                throw new IllegalArgumentException("z[" + i + "] has "
                        + (z[i] == null ? "no array" : z[i].length + " values") + " but ys has "
                        + ys.length + " values; z[i][j] is the value at (xs[i], ys[j])");
            }
            for (int j = 0; j < ys.length; j++) {
                if (Double.isInfinite(z[i][j])) {
                    throw new IllegalArgumentException("z[" + i + "][" + j + "] = " + z[i][j]
                            + " is infinite; use NaN for a missing cell");
                }
            }
            copy[i] = z[i].clone();
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.z = copy;
        return this;
    }

    /** Sets whether the x axis is base-10 logarithmic; grid and overlay x must then be positive. */
    public HeatMapPlot logX(boolean log) {
        this.logX = log;
        return this;
    }

    /** Sets whether the y axis is base-10 logarithmic; grid and overlay y must then be positive. */
    public HeatMapPlot logY(boolean log) {
        this.logY = log;
        return this;
    }

    /**
     * Adds a curve drawn over the map with markers, and with error bars when the series has
     * errors. A dashed curve is drawn without markers, as suits a theory line. Overlays are named
     * in a legend below the plot.
     *
     * @throws IllegalArgumentException if an overlay with the same label was added already
     */
    public HeatMapPlot overlay(Series curve, boolean dashedLine) {
        Objects.requireNonNull(curve, "curve");
        if (!overlayLabels.add(curve.label())) {
            throw new IllegalArgumentException("an overlay labelled '" + curve.label()
                    + "' was added already; overlay labels must be unique within a plot");
        }
        overlays.add(curve);
        dashed.add(dashedLine);
        return this;
    }

    /**
     * Renders the heat map to a PNG file and an SVG file of {@code width} × {@code height} pixels,
     * replacing existing files. Either path may be null to skip that format, but not both.
     *
     * @throws IllegalStateException if {@link #grid} was not called
     * @throws IllegalArgumentException if a grid or overlay value is not positive on a log axis,
     *     or the size is outside 1 to 10,000 px
     * @throws IOException if a file cannot be written
     */
    public void write(Path png, Path svg, int width, int height) throws IOException {
        ChartOutput.write(toChart(), png, svg, width, height);
    }

    /** Builds the chart; visible to tests of this package. */
    JFreeChart toChart() {
        if (xs == null) {
            throw new IllegalStateException("heat map '" + title + "' has no grid; call grid()"
                    + " before write()");
        }
        requirePositiveOnLogAxes();
        double[] xEdges = cellEdges(xs, logX);
        double[] yEdges = cellEdges(ys, logY);
        double[] zRange = finiteRange(z);
        boolean hasMissing = zRange == null || hasNaN(z);
        ColorScale scale = zRange == null ? null : new ColorScale(zRange[0], zRange[1]);

        ValueAxis xAxis = PlotAxes.create(xLabel, logX);
        ValueAxis yAxis = PlotAxes.create(yLabel, logY);
        CellRenderer cells = new CellRenderer(xEdges, yEdges, z,
                scale == null ? new ColorScale(0, 1) : scale, hasMissing);
        XYPlot plot = new XYPlot(cellDataset(), xAxis, yAxis, cells);
        plot.setOrientation(PlotOrientation.VERTICAL);
        ChartStyle.stylePlot(plot);
        plot.setBackgroundPaint(CellRenderer.MISSING);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        xAxis.setRange(xEdges[0], xEdges[xEdges.length - 1]);
        yAxis.setRange(yEdges[0], yEdges[yEdges.length - 1]);
        addOverlays(plot);

        JFreeChart chart = new JFreeChart(title.isEmpty() ? null : title,
                ChartStyle.TITLE_FONT, plot, true);
        ChartStyle.styleChart(chart, hasMissing || !overlays.isEmpty());
        if (scale != null) {
            chart.addSubtitle(colorBar(scale));
        }
        return chart;
    }

    private void requirePositiveOnLogAxes() {
        for (int i = 0; i < xs.length && logX; i++) {
            PlotAxes.requirePositive("x", "grid xs[" + i + "]", xs[i]);
        }
        for (int j = 0; j < ys.length && logY; j++) {
            PlotAxes.requirePositive("y", "grid ys[" + j + "]", ys[j]);
        }
        for (Series curve : overlays) {
            SeriesData.requirePositive(curve, logX, logY);
        }
    }

    /**
     * Draws the overlays in two layers over the cells: a wide white halo, then the colored
     * curves with their markers and error bars.
     */
    private void addOverlays(XYPlot plot) {
        if (overlays.isEmpty()) {
            return;
        }
        ErrorBarRenderer halo = new ErrorBarRenderer();
        halo.setAutoPopulateSeriesPaint(false);
        halo.setDefaultPaint(HALO);
        halo.setDefaultShapesVisible(false);
        halo.setErrorStroke(new BasicStroke(3.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        halo.setDefaultSeriesVisibleInLegend(false);

        ErrorBarRenderer curves = new ErrorBarRenderer();
        curves.setUseOutlinePaint(true);
        curves.setDefaultOutlinePaint(Color.WHITE);
        curves.setDrawOutlines(true);
        curves.setDefaultOutlineStroke(new BasicStroke(1f));
        curves.setLegendLine(ChartStyle.LEGEND_LINE);
        curves.thinMarkers(overlays);
        for (int i = 0; i < overlays.size(); i++) {
            boolean isDashed = dashed.get(i);
            halo.setSeriesStroke(i, ChartStyle.stroke(4.5f, isDashed));
            curves.setSeriesPaint(i, OVERLAY_COLORS[i % OVERLAY_COLORS.length]);
            curves.setSeriesStroke(i, ChartStyle.stroke(2f, isDashed));
            curves.setSeriesShape(i, ChartStyle.seriesShape(i));
            curves.setSeriesShapesVisible(i, !isDashed);
        }

        // Each layer gets its own dataset object: XYPlot looks up the renderer for the legend by
        // the first index of a dataset, so a shared one would take the halo's hidden legend.
        plot.setDataset(1, SeriesData.toDataset(overlays));
        plot.setRenderer(1, halo);
        plot.setDataset(2, SeriesData.toDataset(overlays));
        plot.setRenderer(2, curves);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    }

    /** Returns one item per cell, in the order that {@link CellRenderer} expects. */
    private DefaultXYZDataset cellDataset() {
        int count = xs.length * ys.length;
        double[][] data = new double[3][count];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                int item = i * ys.length + j;
                data[0][item] = xs[i];
                data[1][item] = ys[j];
                data[2][item] = z[i][j];
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("cells", data);
        return dataset;
    }

    private PaintScaleLegend colorBar(ColorScale scale) {
        NumberAxis axis = new NumberAxis(zLabel);
        ChartStyle.styleAxis(axis);
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setAxisOffset(4);
        legend.setStripWidth(16);
        legend.setStripOutlineVisible(true);
        legend.setStripOutlinePaint(ChartStyle.TEXT);
        legend.setSubdivisionCount(256);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setMargin(new RectangleInsets(12, 8, 12, 4));
        return legend;
    }

    /**
     * Returns the n + 1 cell edges around n grid values: midpoints between neighbours, arithmetic
     * or, on a log axis, geometric, and outer edges mirrored from the first and last midpoints.
     */
    static double[] cellEdges(double[] values, boolean log) {
        int n = values.length;
        double[] edges = new double[n + 1];
        for (int i = 1; i < n; i++) {
            edges[i] = log ? Math.sqrt(values[i - 1] * values[i]) : 0.5 * (values[i - 1] + values[i]);
        }
        if (log) {
            edges[0] = values[0] * values[0] / edges[1];
            edges[n] = values[n - 1] * values[n - 1] / edges[n - 1];
        } else {
            edges[0] = 2 * values[0] - edges[1];
            edges[n] = 2 * values[n - 1] - edges[n - 1];
        }
        return edges;
    }

    /**
     * Returns {min, max} of the finite values, widened around a single distinct value so that the
     * color scale has a positive length, or null when every value is NaN.
     */
    private static double[] finiteRange(double[][] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double value : row) {
                if (!Double.isNaN(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        if (min > max) {
            return null;
        }
        if (min == max) {
            double half = min == 0 ? 0.5 : 0.05 * Math.abs(min);
            return new double[] {min - half, max + half};
        }
        return new double[] {min, max};
    }

    private static boolean hasNaN(double[][] values) {
        for (double[] row : values) {
            for (double value : row) {
                if (Double.isNaN(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void requireGridAxis(String name, double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException(name + " has " + values.length + " value(s); a heat"
                    + " map needs at least 2 per axis, so use LinePlot for a single row");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i]
                        + " is not finite; grid values must be finite");
            }
            if (i > 0 && !(values[i] > values[i - 1])) {
                throw new IllegalArgumentException(name + " is not strictly increasing: " + name
                        + "[" + (i - 1) + "] = " + values[i - 1] + ", " + name + "[" + i + "] = "
                        + values[i]);
            }
        }
    }
}
