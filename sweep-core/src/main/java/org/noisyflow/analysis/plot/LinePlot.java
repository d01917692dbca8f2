package org.noisyflow.analysis.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A line plot of one or more {@link Series}, each drawn as a line with markers and, when the series
 * has errors, vertical error bars. A legend below the plot names the series when there is more
 * than one. Dashed vertical reference lines with a label mark given x values, such as a predicted
 * threshold.
 *
 * <p>Usage: {@code LinePlot.of("Magnetization", "kappa", "M").add(series).markX("kappa_c", 1.5)
 * .write(png, svg, 800, 500)}. A LinePlot is a mutable builder and is not thread-safe. Values are
 * checked against log axes when {@link #write} runs, so the axis scales may be set in any order.
 */
public final class LinePlot {
    static {
        Headless.ensure();
    }

    private static final Font MARKER_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Marker labels cycle through this many text rows at the top of the plot. */
    private static final int MARKER_LABEL_ROWS = 4;
    private static final int MARKER_LABEL_ROW_HEIGHT = 18;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private boolean logX;
    private boolean logY;
    private final List<Series> seriesList = new ArrayList<>();
    private final Set<String> labels = new HashSet<>();
    private final List<Marker> markers = new ArrayList<>();

    /** A dashed vertical reference line at x with a label. */
    private record Marker(String label, double x) {
    }

    private LinePlot(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    /**
     * Starts a plot. The axis labels are drawn exactly as given, so they should carry the
     * parameter name and unit. An empty title draws no title.
     */
    public static LinePlot of(String title, String xLabel, String yLabel) {
        return new LinePlot(title, xLabel, yLabel);
    }

    /** Sets whether the x axis is base-10 logarithmic; all x values must then be positive. */
    public LinePlot logX(boolean log) {
        this.logX = log;
        return this;
    }

    /**
     * Sets whether the y axis is base-10 logarithmic, which requires positive y values apart from
     * NaN gaps. An error bar that reaches zero or below runs to the bottom of the plot.
     */
    public LinePlot logY(boolean log) {
        this.logY = log;
        return this;
    }

    /**
     * Appends a series. Series get colors and marker shapes in the order they are added.
     *
     * @throws IllegalArgumentException if a series with the same label was added already
     */
    public LinePlot add(Series series) {
        Objects.requireNonNull(series, "series");
        if (!labels.add(series.label())) {
            throw new IllegalArgumentException("a series labelled '" + series.label()
                    + "' was added already; series labels must be unique within a plot");
        }
        seriesList.add(series);
        return this;
    }

    /**
     * Adds a dashed vertical line at {@code x} with {@code label} written beside its top. The
     * x axis is widened to show it when it lies outside the data.
     *
     * @throws IllegalArgumentException if x is not finite
     */
    public LinePlot markX(String label, double x) {
        Objects.requireNonNull(label, "label");
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("marker '" + label + "' has x = " + x
                    + "; a marker needs a finite x");
        }
        markers.add(new Marker(label, x));
        return this;
    }

    /**
     * Renders the plot to a PNG file and an SVG file of {@code width} × {@code height} pixels,
     * replacing existing files. Either path may be null to skip that format, but not both.
     *
     * @throws IllegalStateException if no series was added
     * @throws IllegalArgumentException if a value is not positive on a log axis, or the size is
     *     outside 1 to 10,000 px
     * @throws IOException if a file cannot be written
     */
    public void write(Path png, Path svg, int width, int height) throws IOException {
        ChartOutput.write(toChart(), png, svg, width, height);
    }

    /** Builds the chart; visible to tests of this package. */
    JFreeChart toChart() {
        if (seriesList.isEmpty()) {
            throw new IllegalStateException("line plot '" + title + "' has no series; call add()"
                    + " before write()");
        }
        for (Series series : seriesList) {
            SeriesData.requirePositive(series, logX, logY);
        }
        for (Marker marker : markers) {
            if (logX) {
                PlotAxes.requirePositive("x", "marker '" + marker.label() + "' x", marker.x());
            }
        }

        ErrorBarRenderer renderer = new ErrorBarRenderer();
        for (int i = 0; i < seriesList.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.seriesColor(i));
            renderer.setSeriesShape(i, ChartStyle.seriesShape(i));
            renderer.setSeriesStroke(i, ChartStyle.LINE_STROKE);
        }
        renderer.setUseOutlinePaint(true);
        renderer.setDefaultOutlinePaint(Color.WHITE);
        renderer.setDrawOutlines(true);
        renderer.setDefaultOutlineStroke(new BasicStroke(0.8f));
        renderer.setUseFillPaint(false);
        renderer.setLegendLine(ChartStyle.LEGEND_LINE);
        renderer.thinMarkers(seriesList);

        ValueAxis xAxis = PlotAxes.create(xLabel, logX);
        ValueAxis yAxis = PlotAxes.create(yLabel, logY);
        YIntervalSeriesCollection dataset = SeriesData.toDataset(seriesList);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        ChartStyle.stylePlot(plot);
        PlotAxes.widenIfSingleValue(xAxis, renderer.findDomainBounds(dataset));
        PlotAxes.widenIfSingleValue(yAxis, renderer.findRangeBounds(dataset));
        for (Marker marker : markers) {
            PlotAxes.include(xAxis, marker.x());
        }
        for (int i = 0; i < markers.size(); i++) {
            plot.addDomainMarker(referenceLine(markers.get(i), xAxis, i % MARKER_LABEL_ROWS));
        }

        JFreeChart chart = new JFreeChart(title.isEmpty() ? null : title,
                ChartStyle.TITLE_FONT, plot, true);
        ChartStyle.styleChart(chart, seriesList.size() > 1);
        return chart;
    }

    /**
     * Creates the dashed line of a marker. Its label goes in text row {@code row} below the top of
     * the plot, so that the labels of markers added one after another sit in different rows. The
     * label goes on the side of the line with more room, so that a line near the right edge does
     * not push its label out of the plot.
     */
    private static ValueMarker referenceLine(Marker spec, ValueAxis xAxis, int row) {
        ValueMarker marker = new ValueMarker(spec.x(), ChartStyle.REFERENCE_LINE,
                ChartStyle.stroke(1.3f, true));
        marker.setLabel(spec.label());
        marker.setLabelFont(MARKER_FONT);
        marker.setLabelPaint(ChartStyle.REFERENCE_LINE);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 210));
        marker.setLabelOffset(new RectangleInsets(6 + row * MARKER_LABEL_ROW_HEIGHT, 4, 6, 4));
        if (PlotAxes.fraction(xAxis, spec.x()) > 0.6) {
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        } else {
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        }
        return marker;
    }
}
