package org.noisyflow.analysis.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A boundary in a plane of two parameters: the points of a coarse grid and the points added by
 * refinement as markers without lines, the located boundary as a line with markers, and a theory
 * curve dashed.
 *
 * <p>Usage: {@code BoundaryPlot.of("Boundary", "gamma", "beta").points("coarse grid", xs, ys)
 * .points("refined", xs2, ys2).curve("located", gx, by, false).curve("theory", gx, bt, true)
 * .write(png, svg, 900, 600)}. A BoundaryPlot is a mutable builder and is not thread-safe.
 */
public final class BoundaryPlot {
    static {
        Headless.ensure();
    }

    private static final Color COARSE = new Color(0x99, 0x99, 0x99);
    private static final Color REFINED = new Color(0x1F, 0x77, 0xB4);
    private static final Color[] CURVES = {new Color(0xE0, 0x1B, 0x24), Color.BLACK, new Color(0xFF, 0x7F, 0x00)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Layer> layers = new ArrayList<>();

    /** One drawn set of points: markers only, or a line that is solid or dashed. */
    private record Layer(String label, double[] x, double[] y, boolean line, boolean dashed) {
    }

    private BoundaryPlot(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    /** Starts a plot; the labels are drawn as given, and an empty title draws none. */
    public static BoundaryPlot of(String title, String xLabel, String yLabel) {
        return new BoundaryPlot(title, xLabel, yLabel);
    }

    /** Adds points drawn as markers without a line; the first such set is drawn gray. */
    public BoundaryPlot points(String label, double[] x, double[] y) {
        layers.add(new Layer(label, check(label, x, y), y.clone(), false, false));
        return this;
    }

    /** Adds a curve through the points in the given order, dashed for a theory curve. */
    public BoundaryPlot curve(String label, double[] x, double[] y, boolean dashed) {
        layers.add(new Layer(label, check(label, x, y), y.clone(), true, dashed));
        return this;
    }

    private static double[] check(String label, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("layer '" + label + "' has " + x.length + " x values but " + y.length
                    + " y values");
        }
        return x.clone();
    }

    /** Writes the chart as PNG and SVG of the given size in pixels. */
    public void write(Path png, Path svg, int width, int height) throws IOException {
        ChartOutput.write(toChart(), png, svg, width, height);
    }

    JFreeChart toChart() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("boundary plot '" + title + "' has nothing to draw; add points or a curve");
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        int pointSets = 0;
        int curves = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            XYSeries series = new XYSeries(layer.label() + " ", false, true);
            for (int k = 0; k < layer.x().length; k++) {
                series.add(layer.x()[k], layer.y()[k]);
            }
            dataset.addSeries(series);
            renderer.setSeriesLinesVisible(i, layer.line());
            renderer.setSeriesShapesVisible(i, !layer.dashed());
            if (layer.line()) {
                renderer.setSeriesPaint(i, CURVES[curves++ % CURVES.length]);
                renderer.setSeriesStroke(i, ChartStyle.stroke(1.8f, layer.dashed()));
                renderer.setSeriesShape(i, ChartStyle.seriesShape(0));
            } else {
                renderer.setSeriesPaint(i, pointSets++ == 0 ? COARSE : REFINED);
                renderer.setSeriesShape(i, ChartStyle.seriesShape(pointSets == 1 ? 1 : 0));
            }
        }
        ValueAxis xAxis = PlotAxes.create(xLabel, false);
        ValueAxis yAxis = PlotAxes.create(yLabel, false);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        ChartStyle.stylePlot(plot);
        JFreeChart chart = new JFreeChart(title.isEmpty() ? null : title, ChartStyle.TITLE_FONT, plot, true);
        ChartStyle.styleChart(chart, true);
        return chart;
    }
}
