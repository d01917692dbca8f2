package org.noisyflow.analysis.plot;

import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * Draws lines and markers like {@link XYLineAndShapeRenderer}, plus a vertical error bar from the
 * start to the end y value of each item of an {@link IntervalXYDataset}.
 *
 * <p>JFreeChart's XYErrorRenderer draws bars for NaN values too, which writes NaN coordinates into
 * SVG output. This renderer skips an item whose y, start or end is NaN, and an item whose start
 * equals its end. On a logarithmic range axis, a bar whose lower end is zero or negative runs to
 * the bottom of the data area without a cap, and only positive ends count towards the axis range.
 * The plot must have vertical orientation.
 */
final class ErrorBarRenderer extends XYLineAndShapeRenderer {
    private static final double CAP_LENGTH = 6.0;

    /** The maximum number of markers on one series. A longer series gets one every n-th point. */
    static final int MAX_MARKERS = 40;

    private Stroke errorStroke = ChartStyle.ERROR_STROKE;
    /** Per series, which points get a marker; a series not listed gets one on every point. */
    private final List<boolean[]> markedPoints = new ArrayList<>();

    ErrorBarRenderer() {
        super(true, true);
    }

    /** Sets the stroke of the error bars and their caps. */
    void setErrorStroke(Stroke stroke) {
        this.errorStroke = stroke;
    }

    /**
     * Thins the markers of series with more than {@value #MAX_MARKERS} points to every n-th
     * point, so that the markers do not hide the line. A point with NaN gaps on both sides keeps
     * its marker, because no line shows it.
     */
    void thinMarkers(List<Series> seriesList) {
        markedPoints.clear();
        for (Series series : seriesList) {
            int size = series.size();
            int stride = Math.max(1, (size + MAX_MARKERS - 1) / MAX_MARKERS);
            boolean[] marked = new boolean[size];
            for (int i = 0; i < size; i++) {
                boolean gapBefore = i == 0 || Double.isNaN(series.yAt(i - 1));
                boolean gapAfter = i == size - 1 || Double.isNaN(series.yAt(i + 1));
                marked[i] = i % stride == 0 || (gapBefore && gapAfter);
            }
            markedPoints.add(marked);
        }
    }

    @Override
    public boolean getItemShapeVisible(int series, int item) {
        if (series < markedPoints.size() && !markedPoints.get(series)[item]) {
            return false;
        }
        return super.getItemShapeVisible(series, item);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea,
            PlotRenderingInfo info, XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis,
            XYDataset dataset, int series, int item, CrosshairState crosshairState, int pass) {
        // Pass 0 draws the lines, so bars drawn there lie under the markers of pass 1.
        if (pass == 0 && dataset instanceof IntervalXYDataset intervals
                && getItemVisible(series, item)) {
            drawErrorBar(g2, dataArea, plot, domainAxis, rangeAxis, intervals, series, item);
        }
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series,
                item, crosshairState, pass);
    }

    private void drawErrorBar(Graphics2D g2, Rectangle2D dataArea, XYPlot plot,
            ValueAxis domainAxis, ValueAxis rangeAxis, IntervalXYDataset dataset, int series,
            int item) {
        double x = dataset.getXValue(series, item);
        double y = dataset.getYValue(series, item);
        double low = dataset.getStartYValue(series, item);
        double high = dataset.getEndYValue(series, item);
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(low) || Double.isNaN(high)
                || !(high > low)) {
            return;
        }
        double xx = domainAxis.valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
        double yyHigh = rangeAxis.valueToJava2D(high, dataArea, plot.getRangeAxisEdge());
        boolean lowInside = low > 0 || !(rangeAxis instanceof LogAxis);
        double yyLow = lowInside
                ? rangeAxis.valueToJava2D(low, dataArea, plot.getRangeAxisEdge())
                : dataArea.getMaxY();
        double half = CAP_LENGTH / 2;

        g2.setPaint(getItemPaint(series, item));
        g2.setStroke(errorStroke);
        g2.draw(new Line2D.Double(xx, yyLow, xx, yyHigh));
        g2.draw(new Line2D.Double(xx - half, yyHigh, xx + half, yyHigh));
        if (lowInside) {
            g2.draw(new Line2D.Double(xx - half, yyLow, xx + half, yyLow));
        }
    }

    /**
     * Returns the range of the y values and bar ends, leaving out NaN and, for a logarithmic range
     * axis, non-positive bar ends. Returns null when no value is left.
     */
    @Override
    public Range findRangeBounds(XYDataset dataset) {
        if (dataset == null) {
            return null;
        }
        boolean positiveOnly = getPlot() != null && getPlot().getRangeAxis() instanceof LogAxis;
        double lower = Double.POSITIVE_INFINITY;
        double upper = Double.NEGATIVE_INFINITY;
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            for (int item = 0; item < dataset.getItemCount(series); item++) {
                double y = dataset.getYValue(series, item);
                if (Double.isNaN(y)) {
                    continue;
                }
                lower = Math.min(lower, y);
                upper = Math.max(upper, y);
                if (dataset instanceof IntervalXYDataset intervals) {
                    double low = intervals.getStartYValue(series, item);
                    double high = intervals.getEndYValue(series, item);
                    if (!Double.isNaN(low) && (low > 0 || !positiveOnly)) {
                        lower = Math.min(lower, low);
                    }
                    if (!Double.isNaN(high)) {
                        upper = Math.max(upper, high);
                    }
                }
            }
        }
        return lower <= upper ? new Range(lower, upper) : null;
    }
}
