package org.noisyflow.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class LinePlotTest {
    private static final int WHITE = 0xFFFFFF;
    /** The first series color of the palette. */
    private static final int BLUE = 0x0072B2;

    @TempDir
    Path dir;

    private static Series group(String label, double shift) {
        int n = 12;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] error = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 0.25 * i;
            y[i] = Math.max(0, Math.tanh(x[i] - shift));
            error[i] = 0.03 + 0.01 * (i % 3);
        }
        return new Series(label, x, y, error);
    }

    private static LinePlot orderParameterPlot() {
        return LinePlot.of("Order parameter", "kappa (1/s)", "magnetization M")
                .add(group("d = 2", 1.5))
                .add(group("d = 3", 2.0))
                .markX("kappa_c theory", 1.5);
    }

    @Test
    void errorBarPlotWritesBothFormats() throws Exception {
        Path png = dir.resolve("order.png");
        Path svg = dir.resolve("order.svg");
        orderParameterPlot().write(png, svg, 640, 400);

        BufferedImage image = PlotFiles.readPng(png, 640, 400);
        assertFalse(PlotImages.isBlank(image));
        assertTrue(PlotImages.countPixelsUnlike(image, WHITE) > 2000,
                "non-white pixels: " + PlotImages.countPixelsUnlike(image, WHITE));
        assertTrue(PlotImages.countPixels(image, BLUE) > 50,
                "pixels of the first series color: " + PlotImages.countPixels(image, BLUE));

        Document document = PlotFiles.assertSvgWithLabels(svg, "Order parameter", "kappa (1/s)",
                "magnetization M", "d = 2", "d = 3", "kappa_c theory");
        assertEquals("640", document.getDocumentElement().getAttribute("width"));
        assertEquals("400", document.getDocumentElement().getAttribute("height"));
    }

    @Test
    void axisLabelsKeepSpecialCharacters() throws Exception {
        Path svg = dir.resolve("labels.svg");
        String xLabel = "σ² & <noise> (m/s²)";
        String yLabel = "loss \"L\" ≥ 0";
        LinePlot.of("", xLabel, yLabel)
                .add(Series.of("a", new double[] {1, 2, 3}, new double[] {3, 1, 2}))
                .write(null, svg, 400, 300);

        String text = PlotFiles.text(PlotFiles.parseSvg(svg));
        assertTrue(text.contains(xLabel), "SVG text lacks the x label: " + text);
        assertTrue(text.contains(yLabel), "SVG text lacks the y label: " + text);
    }

    @Test
    void trajectoryPlotWithThreeSeries() throws Exception {
        int n = 400;
        double[] time = new double[n];
        double[][] coordinate = new double[3][n];
        for (int i = 0; i < n; i++) {
            time[i] = 0.025 * i;
            for (int s = 0; s < 3; s++) {
                coordinate[s][i] = Math.exp(-time[i] / (s + 1)) + 0.05 * Math.sin(7 * i + s);
            }
        }
        LinePlot plot = LinePlot.of("Trajectories", "rescaled time", "w_1");
        String[] noises = {"label noise", "Gaussian noise", "dropout"};
        for (int s = 0; s < 3; s++) {
            plot.add(Series.of(noises[s], time, coordinate[s]));
        }
        Path png = dir.resolve("trajectories.png");
        Path svg = dir.resolve("trajectories.svg");
        plot.write(png, svg, 800, 500);

        BufferedImage image = PlotFiles.readPng(png, 800, 500);
        assertTrue(PlotImages.countPixelsUnlike(image, WHITE) > 2000);
        PlotFiles.assertSvgWithLabels(svg, noises);
    }

    @Test
    void nanGapsAreSkipped() throws Exception {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {1, Double.NaN, 3, Double.NaN, Double.NaN, 2};
        double[] error = {0.1, 0.1, Double.NaN, 0.2, 0.2, 0.3};
        Path png = dir.resolve("gaps.png");
        Path svg = dir.resolve("gaps.svg");
        LinePlot.of("Gaps", "x", "y").add(new Series("gappy", x, y, error))
                .write(png, svg, 400, 300);

        assertFalse(PlotImages.isBlank(PlotFiles.readPng(png, 400, 300)));
        PlotFiles.assertSvgWithLabels(svg, "Gaps");
    }

    @Test
    void logAxisRejectsNonPositiveValues() {
        Series zeroX = Series.of("a", new double[] {0, 1}, new double[] {1, 2});
        IllegalArgumentException onX = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("t", "x", "y").logX(true).add(zeroX).write(
                        dir.resolve("x.png"), null, 300, 200));
        assertTrue(onX.getMessage().contains("x axis"), onX.getMessage());
        assertTrue(onX.getMessage().contains("x[0] = 0.0"), onX.getMessage());

        Series negativeY = Series.of("b", new double[] {1, 2}, new double[] {1, -2});
        IllegalArgumentException onY = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("t", "x", "y").add(negativeY).logY(true).write(
                        dir.resolve("y.png"), null, 300, 200));
        assertTrue(onY.getMessage().contains("y axis"), onY.getMessage());
        assertTrue(onY.getMessage().contains("y[1] = -2.0"), onY.getMessage());

        Series positive = Series.of("c", new double[] {1, 2}, new double[] {1, 2});
        IllegalArgumentException onMarker = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("t", "x", "y").logX(true).add(positive).markX("m", -1)
                        .write(dir.resolve("m.png"), null, 300, 200));
        assertTrue(onMarker.getMessage().contains("marker 'm'"), onMarker.getMessage());
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void logYBarsBelowZeroKeepAxisRange() {
        double[] x = {1, 2, 3, 4};
        double[] y = {0.01, 0.1, 1, 10};
        double[] error = {0.05, 0.01, 2, 1};
        JFreeChart chart = LinePlot.of("t", "x", "y").logY(true)
                .add(new Series("a", x, y, error)).toChart();

        ValueAxis yAxis = ((XYPlot) chart.getPlot()).getRangeAxis();
        assertTrue(yAxis instanceof LogAxis);
        assertTrue(yAxis.getLowerBound() > 1e-3, "y axis lower bound " + yAxis.getLowerBound());
        assertTrue(yAxis.getLowerBound() < 0.01, "y axis lower bound " + yAxis.getLowerBound());
        assertTrue(yAxis.getUpperBound() >= 11, "y axis upper bound " + yAxis.getUpperBound());
    }

    @Test
    void markerOutsideDataWidensXAxis() {
        JFreeChart chart = LinePlot.of("t", "x", "y")
                .add(Series.of("a", new double[] {1, 2}, new double[] {1, 2}))
                .markX("far", 5).toChart();

        ValueAxis xAxis = ((XYPlot) chart.getPlot()).getDomainAxis();
        assertTrue(xAxis.getLowerBound() < 1);
        assertTrue(xAxis.getUpperBound() > 5);
    }

    @Test
    void singleValueGetsWiderRange() {
        Series point = Series.of("p", new double[] {5}, new double[] {3});

        XYPlot linear = (XYPlot) LinePlot.of("t", "x", "y").add(point).toChart().getPlot();
        assertEquals(4.5, linear.getDomainAxis().getLowerBound(), 1e-12);
        assertEquals(5.5, linear.getDomainAxis().getUpperBound(), 1e-12);

        XYPlot log = (XYPlot) LinePlot.of("t", "x", "y").logX(true).logY(true).add(point)
                .toChart().getPlot();
        assertEquals(2.5, log.getDomainAxis().getLowerBound(), 1e-12);
        assertEquals(10, log.getDomainAxis().getUpperBound(), 1e-12);
        assertEquals(1.5, log.getRangeAxis().getLowerBound(), 1e-12);
        assertEquals(6, log.getRangeAxis().getUpperBound(), 1e-12);
    }

    @Test
    void legendOnlyForSeveralSeries() {
        Series a = Series.of("a", new double[] {1, 2}, new double[] {1, 2});
        Series b = Series.of("b", new double[] {1, 2}, new double[] {2, 1});

        assertEquals(null, LinePlot.of("t", "x", "y").add(a).toChart().getLegend());
        assertTrue(LinePlot.of("t", "x", "y").add(a).add(b).toChart().getLegend() != null);
    }

    @Test
    void invalidUseRejected() {
        Series a = Series.of("a", new double[] {1, 2}, new double[] {1, 2});
        Path png = dir.resolve("p.png");

        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("t", "x", "y").add(a).add(a));
        assertThrows(IllegalStateException.class,
                () -> LinePlot.of("t", "x", "y").write(png, null, 300, 200));
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("t", "x", "y").markX("m", Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("t", "x", "y").add(a).write(null, null, 300, 200));
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("t", "x", "y").add(a).write(png, null, 0, 200));
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("t", "x", "y").add(a).write(png, null, 300, 10_001));
    }
}
