package org.noisyflow.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

/** {@link ColorScale}: end colors, clamping and rising luminance. */
class PlotColorScaleTest {

    /** Returns the relative luminance of an sRGB color (ITU-R BT.709 weights, linear light). */
    private static double luminance(Color color) {
        return 0.2126 * linear(color.getRed()) + 0.7152 * linear(color.getGreen())
                + 0.0722 * linear(color.getBlue());
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @Test
    void endsAndClamping() {
        ColorScale scale = new ColorScale(-1, 3);

        assertEquals(new Color(0x440154), scale.getPaint(-1));
        assertEquals(new Color(0xFDE725), scale.getPaint(3));
        assertEquals(new Color(0x440154), scale.getPaint(-10));
        assertEquals(new Color(0xFDE725), scale.getPaint(10));
    }

    /** Steps of 0.02 are wide enough that 8-bit rounding cannot reverse the trend. */
    @Test
    void luminanceRises() {
        double previous = -1;
        for (int i = 0; i <= 50; i++) {
            double current = luminance(ColorScale.colorAt(i / 50.0));
            assertTrue(current > previous, "luminance falls at t = " + i / 50.0);
            previous = current;
        }
    }

    @Test
    void invalidRangeRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ColorScale(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ColorScale(0, Double.NaN));
    }
}
