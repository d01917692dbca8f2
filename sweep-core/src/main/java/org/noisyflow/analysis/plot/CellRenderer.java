package org.noisyflow.analysis.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;

/**
 * Fills the cells of a rectilinear grid whose cells may differ in width and height, which
 * XYBlockRenderer's fixed block size cannot show. Item {@code i * ny + j} of the dataset's only
 * series is cell (i, j), spanning [xEdges[i], xEdges[i + 1]] by [yEdges[j], yEdges[j + 1]] with
 * value z[i][j]. A NaN value is a missing cell, filled with {@link #MISSING}.
 */
final class CellRenderer extends AbstractXYItemRenderer {
    /** The fill of missing cells: a neutral gray that the color scale does not contain. */
    static final Color MISSING = new Color(0xC8, 0xC8, 0xC8);
    static final String MISSING_LABEL = "missing";

    /**
     * How far each cell is grown on every side, in pixels. Cells that meet exactly leave a faint
     * seam of background in anti-aliased SVG viewers, and the overlap hides it.
     */
    private static final double SEAM_OVERLAP = 0.25;

    private final double[] xEdges;
    private final double[] yEdges;
    private final double[][] z;
    private final PaintScale scale;
    private final boolean hasMissing;

    /** Stores the arrays without copying them; the caller must not change them afterwards. */
    CellRenderer(double[] xEdges, double[] yEdges, double[][] z, PaintScale scale,
            boolean hasMissing) {
        this.xEdges = xEdges;
        this.yEdges = yEdges;
        this.z = z;
        this.scale = scale;
        this.hasMissing = hasMissing;
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea,
            PlotRenderingInfo info, XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis,
            XYDataset dataset, int series, int item, CrosshairState crosshairState, int pass) {
        int ny = yEdges.length - 1;
        int i = item / ny;
        int j = item % ny;
        double value = z[i][j];
        Paint paint = Double.isNaN(value) ? MISSING : scale.getPaint(value);

        double x0 = domainAxis.valueToJava2D(xEdges[i], dataArea, plot.getDomainAxisEdge());
        double x1 = domainAxis.valueToJava2D(xEdges[i + 1], dataArea, plot.getDomainAxisEdge());
        double y0 = rangeAxis.valueToJava2D(yEdges[j], dataArea, plot.getRangeAxisEdge());
        double y1 = rangeAxis.valueToJava2D(yEdges[j + 1], dataArea, plot.getRangeAxisEdge());
        Rectangle2D cell = new Rectangle2D.Double(
                Math.min(x0, x1) - SEAM_OVERLAP, Math.min(y0, y1) - SEAM_OVERLAP,
                Math.abs(x1 - x0) + 2 * SEAM_OVERLAP, Math.abs(y1 - y0) + 2 * SEAM_OVERLAP);

        // Anti-aliased edges blend each cell with the white background behind it.
        Object antialiasing = g2.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g2.setPaint(paint);
        g2.fill(cell);
        if (antialiasing != null) {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialiasing);
        }
    }

    @Override
    public Range findDomainBounds(XYDataset dataset) {
        return new Range(xEdges[0], xEdges[xEdges.length - 1]);
    }

    @Override
    public Range findRangeBounds(XYDataset dataset) {
        return new Range(yEdges[0], yEdges[yEdges.length - 1]);
    }

    /** Returns a gray square labelled {@value #MISSING_LABEL} when the grid has missing cells. */
    @Override
    public LegendItem getLegendItem(int datasetIndex, int series) {
        if (!hasMissing) {
            return null;
        }
        LegendItem item = new LegendItem(MISSING_LABEL, null, null, null,
                new Rectangle2D.Double(-5, -5, 10, 10), MISSING);
        item.setLabelFont(ChartStyle.LEGEND_FONT);
        item.setLabelPaint(ChartStyle.TEXT);
        return item;
    }
}
