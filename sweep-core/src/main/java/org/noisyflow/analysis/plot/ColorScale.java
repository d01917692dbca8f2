package org.noisyflow.analysis.plot;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/**
 * A sequential color map from dark purple through blue and green to yellow, close to matplotlib's
 * viridis. Luminance rises along it, apart from 8-bit rounding steps, so the order of values
 * survives grayscale printing. Colors are linear interpolations in sRGB between six anchors, which are viridis at
 * 0, 0.2, 0.4, 0.6, 0.8 and 1.
 */
final class ColorScale implements PaintScale, Serializable {
    private static final long serialVersionUID = 1L;

    private static final int[] ANCHORS = {0x440154, 0x414487, 0x2A788E, 0x22A884, 0x7AD151,
        0xFDE725};

    private final double lower;
    private final double upper;

    /** Creates a scale from {@code lower} to {@code upper}, which must be finite and ordered. */
    ColorScale(double lower, double upper) {
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && lower < upper)) {
            throw new IllegalArgumentException("invalid color scale range [" + lower + ", " + upper
                    + "]; the bounds must be finite with lower < upper");
        }
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    /** Returns the color of {@code value}; values outside the range get the end colors. */
    @Override
    public Paint getPaint(double value) {
        return colorAt((value - lower) / (upper - lower));
    }

    /** Returns the color at position t of the map, clamped to [0, 1]; NaN gets the color at 0. */
    static Color colorAt(double t) {
        double clamped = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double position = clamped * (ANCHORS.length - 1);
        int index = Math.min((int) position, ANCHORS.length - 2);
        double weight = position - index;
        int from = ANCHORS[index];
        int to = ANCHORS[index + 1];
        return new Color(mix(from >> 16, to >> 16, weight), mix(from >> 8, to >> 8, weight),
                mix(from, to, weight));
    }

    private static int mix(int from, int to, double weight) {
        int a = from & 0xFF;
        int b = to & 0xFF;
        return (int) Math.round(a + weight * (b - a));
    }
}
