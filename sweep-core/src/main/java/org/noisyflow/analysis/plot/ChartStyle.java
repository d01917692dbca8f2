package org.noisyflow.analysis.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** Fonts, colors, strokes and marker shapes shared by the plots of this package. */
final class ChartStyle {
    static {
        Headless.ensure();
        // By default JFreeChart 1.5.6 draws rotated text, such as the y axis label, through a
        // TextLayout, which SVG generators write as glyph outlines. Plain drawString keeps it SVG text.
        // NOTE: this changes a process-wide JFreeChart setting.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /* The logical font SansSerif maps to an installed sans font (DejaVu Sans on Debian). */
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static final Color TEXT = new Color(0x20, 0x20, 0x20);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color REFERENCE_LINE = new Color(0x44, 0x44, 0x44);

    /**
     * Series colors: the Okabe-Ito palette for color-vision deficiency, without its yellow, which
     * has too little contrast on white.
     */
    private static final Color[] SERIES_COLORS = {
        new Color(0x00, 0x72, 0xB2),
        new Color(0xD5, 0x5E, 0x00),
        new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7),
        new Color(0xE6, 0x9F, 0x00),
        new Color(0x56, 0xB4, 0xE9),
        new Color(0x00, 0x00, 0x00),
    };

    private static final double SHAPE_SIZE = 7.0;
    private static final Shape[] SHAPES = {
        new Ellipse2D.Double(-SHAPE_SIZE / 2, -SHAPE_SIZE / 2, SHAPE_SIZE, SHAPE_SIZE),
        new Rectangle2D.Double(-SHAPE_SIZE / 2.4, -SHAPE_SIZE / 2.4, SHAPE_SIZE / 1.2,
                SHAPE_SIZE / 1.2),
        polygon(0, -1, 1, 0.8, -1, 0.8),
        polygon(0, -1, 1, 0, 0, 1, -1, 0),
        polygon(0, 1, 1, -0.8, -1, -0.8),
    };

    static final Stroke LINE_STROKE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND,
            BasicStroke.JOIN_ROUND);
    static final Stroke ERROR_STROKE = new BasicStroke(1.2f);
    /** The line sample in legend entries, long enough to show two dashes of a dashed curve. */
    static final Shape LEGEND_LINE = new Line2D.Double(-14, 0, 14, 0);

    private ChartStyle() {
    }

    /** Returns the color of the series at {@code index}, cycling through the palette. */
    static Paint seriesColor(int index) {
        return SERIES_COLORS[index % SERIES_COLORS.length];
    }

    /** Returns the marker shape of the series at {@code index}, cycling through the shapes. */
    static Shape seriesShape(int index) {
        return SHAPES[index % SHAPES.length];
    }

    /** Returns a line stroke of the given width, dashed when {@code dashed} is true. */
    static Stroke stroke(float width, boolean dashed) {
        if (!dashed) {
            return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        float dash = 4 * width;
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {dash, 0.75f * dash}, 0f);
    }

    /** Styles an axis: label and tick fonts, dark text, no offset from the data area. */
    static void styleAxis(ValueAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(TEXT);
        axis.setTickMarkPaint(TEXT);
    }

    /** Styles the plot area: white background, light grid, thin outline. */
    static void stylePlot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(TEXT);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(8, 8, 8, 16));
    }

    /**
     * Styles the title and the legend, and places the legend below the plot so that it covers no
     * data. The legend is removed when {@code showLegend} is false.
     */
    static void styleChart(JFreeChart chart, boolean showLegend) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 6));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(TITLE_FONT);
            title.setPaint(TEXT);
            title.setMargin(new RectangleInsets(4, 0, 8, 0));
        }
        LegendTitle legend = chart.getLegend();
        if (legend == null) {
            return;
        }
        if (!showLegend) {
            chart.removeLegend();
            return;
        }
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(LEGEND_FONT);
        legend.setItemPaint(TEXT);
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setMargin(new RectangleInsets(6, 0, 0, 0));
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
    }

    private static Shape polygon(double... points) {
        Path2D.Double path = new Path2D.Double();
        double scale = SHAPE_SIZE / 2;
        path.moveTo(points[0] * scale, points[1] * scale);
        for (int i = 2; i < points.length; i += 2) {
            path.lineTo(points[i] * scale, points[i + 1] * scale);
        }
        path.closePath();
        return path;
    }
}
