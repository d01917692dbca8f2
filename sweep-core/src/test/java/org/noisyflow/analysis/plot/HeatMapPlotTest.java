package org.noisyflow.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapPlotTest {
    private static final int WHITE = 0xFFFFFF;
    private static final int MISSING = CellRenderer.MISSING.getRGB() & 0xFFFFFF;

    @TempDir
    Path dir;

    /** Returns a heat map of a smooth field on a 10 × 8 grid, non-uniform in x, with overlays. */
    private static HeatMapPlot phaseDiagram() {
        double[] xs = {0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12};
        double[] ys = {2, 3, 4, 5, 6, 7, 8, 9};
        double[][] z = new double[xs.length][ys.length];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                z[i][j] = Math.tanh(xs[i] / (0.3 * ys[j]) - 1);
            }
        }
        double[] detected = new double[ys.length];
        double[] error = new double[ys.length];
        double[] theory = new double[ys.length];
        for (int j = 0; j < ys.length; j++) {
            detected[j] = 0.3 * ys[j] + 0.05 * Math.sin(j);
            error[j] = 0.2;
            theory[j] = 0.3 * ys[j];
        }
        return HeatMapPlot.of("Phase diagram", "kappa (1/s)", "dimension d", "magnetization M")
                .grid(xs, ys, z)
                .overlay(new Series("detected transition", ys, detected, error), false)
                .overlay(Series.of("theory", ys, theory), true);
    }

    @Test
    void heatMapWritesBothFormats() throws Exception {
        Path png = dir.resolve("map.png");
        Path svg = dir.resolve("map.svg");
        phaseDiagram().write(png, svg, 700, 500);

        BufferedImage image = PlotFiles.readPng(png, 700, 500);
        assertTrue(PlotImages.countPixelsUnlike(image, WHITE) > 50_000,
                "non-white pixels: " + PlotImages.countPixelsUnlike(image, WHITE));
        assertTrue(PlotImages.countColors(image) > 100,
                "distinct colors: " + PlotImages.countColors(image));

        PlotFiles.assertSvgWithLabels(svg, "Phase diagram", "kappa (1/s)", "dimension d",
                "magnetization M", "detected transition", "theory");
    }

    @Test
    void logXHeatMapWritesBothFormats() throws Exception {
        double[] xs = new double[12];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Math.pow(10, -2 + 0.4 * i);
        }
        double[] ys = {0.1, 0.2, 0.4, 0.8};
        double[][] z = new double[xs.length][ys.length];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                z[i][j] = Math.log10(xs[i]) * ys[j];
            }
        }
        Path png = dir.resolve("logx.png");
        Path svg = dir.resolve("logx.svg");
        HeatMapPlot.of("Log x", "eta", "sigma", "loss").grid(xs, ys, z).logX(true)
                .overlay(Series.of("line", xs, xs.clone()), true)
                .write(png, svg, 600, 400);

        BufferedImage image = PlotFiles.readPng(png, 600, 400);
        assertTrue(PlotImages.countColors(image) > 20);
        assertTrue(PlotFiles.text(PlotFiles.parseSvg(svg)).contains("eta"));
    }

    @Test
    void nanCellsDrawnGray() throws Exception {
        double[][] z = {{0, 1, Double.NaN}, {2, Double.NaN, 3}};
        Path png = dir.resolve("nan.png");
        Path svg = dir.resolve("nan.svg");
        HeatMapPlot.of("t", "x", "y", "z").grid(new double[] {1, 2}, new double[] {1, 2, 3}, z)
                .write(png, svg, 400, 300);

        BufferedImage image = PlotFiles.readPng(png, 400, 300);
        assertTrue(PlotImages.countPixels(image, MISSING) > 1000,
                "gray pixels: " + PlotImages.countPixels(image, MISSING));
        assertTrue(PlotFiles.text(PlotFiles.parseSvg(svg)).contains(CellRenderer.MISSING_LABEL));
    }

    @Test
    void allMissingGridStillDraws() throws Exception {
        double[][] z = {{Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}};
        Path png = dir.resolve("empty.png");
        HeatMapPlot.of("t", "x", "y", "z").grid(new double[] {1, 2}, new double[] {1, 2}, z)
                .write(png, null, 300, 200);

        assertTrue(PlotImages.countPixels(PlotFiles.readPng(png, 300, 200), MISSING) > 1000);
    }

    @Test
    void cellCentreHasScaleColor() {
        double[][] z = {{0, 1}, {1, 0.5}};
        JFreeChart chart = HeatMapPlot.of("t", "x", "y", "z")
                .grid(new double[] {1, 2}, new double[] {1, 2}, z).toChart();
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(400, 300, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();

        // Cell (0, 0) is the lower-left quarter of the data area.
        int x = (int) (area.getMinX() + 0.25 * area.getWidth());
        int y = (int) (area.getMinY() + 0.75 * area.getHeight());
        assertEquals(ColorScale.colorAt(0).getRGB() & 0xFFFFFF, image.getRGB(x, y) & 0xFFFFFF);
        // Cell (1, 1), with z = 0.5, is the upper-right quarter.
        x = (int) (area.getMinX() + 0.75 * area.getWidth());
        y = (int) (area.getMinY() + 0.25 * area.getHeight());
        assertEquals(ColorScale.colorAt(0.5).getRGB() & 0xFFFFFF, image.getRGB(x, y) & 0xFFFFFF);
    }

    @Test
    void cellEdgesAreMidpoints() {
        assertArrayEquals(new double[] {0.5, 1.5, 3, 5},
                HeatMapPlot.cellEdges(new double[] {1, 2, 4}, false), 1e-12);
        double root10 = Math.sqrt(10);
        assertArrayEquals(new double[] {1 / root10, root10, 10 * root10, 100 * root10},
                HeatMapPlot.cellEdges(new double[] {1, 10, 100}, true), 1e-9);
    }

    @Test
    void axesSpanCellEdges() {
        JFreeChart chart = HeatMapPlot.of("t", "x", "y", "z").logY(true)
                .grid(new double[] {1, 2, 4}, new double[] {1, 10, 100}, new double[3][3])
                .toChart();
        XYPlot plot = (XYPlot) chart.getPlot();
        ValueAxis xAxis = plot.getDomainAxis();
        ValueAxis yAxis = plot.getRangeAxis();

        assertEquals(0.5, xAxis.getLowerBound(), 1e-12);
        assertEquals(5, xAxis.getUpperBound(), 1e-12);
        assertEquals(1 / Math.sqrt(10), yAxis.getLowerBound(), 1e-9);
        assertEquals(100 * Math.sqrt(10), yAxis.getUpperBound(), 1e-9);
    }

    @Test
    void invalidGridsRejected() {
        double[] two = {1, 2};
        HeatMapPlot plot = HeatMapPlot.of("t", "x", "y", "z");

        assertThrows(IllegalArgumentException.class,
                () -> plot.grid(new double[] {2, 1}, two, new double[2][2]));
        assertThrows(IllegalArgumentException.class,
                () -> plot.grid(new double[] {1, 1}, two, new double[2][2]));
        assertThrows(IllegalArgumentException.class,
                () -> plot.grid(new double[] {1}, two, new double[1][2]));
        assertThrows(IllegalArgumentException.class,
                () -> plot.grid(new double[] {1, Double.NaN}, two, new double[2][2]));
        assertThrows(IllegalArgumentException.class,
                () -> plot.grid(two, two, new double[3][2]));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> plot.grid(two, two, new double[][] {{1, 2}, {1, 2, 3}}));
        assertTrue(shape.getMessage().contains("z[1] has 3 values"), shape.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> plot.grid(two, two, new double[][] {{1, 2}, {1, Double.POSITIVE_INFINITY}}));
    }

    @Test
    void logAxisRejectsNonPositiveGrid() {
        HeatMapPlot plot = HeatMapPlot.of("t", "x", "y", "z")
                .grid(new double[] {0, 1, 2}, new double[] {1, 2}, new double[3][2]).logX(true);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> plot.write(dir.resolve("p.png"), null, 300, 200));
        assertTrue(error.getMessage().contains("x axis"), error.getMessage());
        assertTrue(error.getMessage().contains("xs[0] = 0.0"), error.getMessage());
    }

    @Test
    void logAxisRejectsNonPositiveOverlay() {
        HeatMapPlot plot = HeatMapPlot.of("t", "x", "y", "z")
                .grid(new double[] {1, 2}, new double[] {1, 2}, new double[2][2]).logY(true)
                .overlay(Series.of("line", new double[] {1, 2}, new double[] {1, -1}), false);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> plot.write(dir.resolve("p.png"), null, 300, 200));
        assertTrue(error.getMessage().contains("y axis"), error.getMessage());
        assertTrue(error.getMessage().contains("series 'line' y[1] = -1.0"), error.getMessage());
    }

    @Test
    void missingGridOrDuplicateOverlayRejected() {
        Series line = Series.of("line", new double[] {1, 2}, new double[] {1, 2});

        assertThrows(IllegalStateException.class,
                () -> HeatMapPlot.of("t", "x", "y", "z").write(dir.resolve("p.png"), null, 300,
                        200));
        assertThrows(IllegalArgumentException.class,
                () -> HeatMapPlot.of("t", "x", "y", "z").overlay(line, false).overlay(line, true));
    }
}
