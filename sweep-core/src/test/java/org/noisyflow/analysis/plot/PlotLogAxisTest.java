package org.noisyflow.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/** {@link DecadeLogAxis}: where the major ticks go and how they are labelled. */
class PlotLogAxisTest {
    private static final Rectangle2D DATA_AREA = new Rectangle2D.Double(50, 20, 600, 400);

    private static List<ValueTick> majorTicks(double lower, double upper) {
        DecadeLogAxis axis = new DecadeLogAxis("x");
        axis.setRange(lower, upper);
        Graphics2D g2 = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            List<ValueTick> majors = new ArrayList<>();
            for (Object tick : axis.refreshTicks(g2, new AxisState(), DATA_AREA,
                    RectangleEdge.BOTTOM)) {
                if (((ValueTick) tick).getTickType() == TickType.MAJOR) {
                    majors.add((ValueTick) tick);
                }
            }
            return majors;
        } finally {
            g2.dispose();
        }
    }

    private static List<String> labels(List<ValueTick> ticks) {
        List<String> labels = new ArrayList<>();
        for (ValueTick tick : ticks) {
            labels.add(tick.getText());
        }
        return labels;
    }

    @Test
    void decadesLabelledPlain() {
        List<ValueTick> ticks = majorTicks(0.008, 130);

        assertEquals(List.of("0.01", "0.1", "1", "10", "100"), labels(ticks));
    }

    @Test
    void oneDecadeGetsRoundMantissas() {
        List<String> labels = labels(majorTicks(0.45, 5.5));

        assertTrue(labels.containsAll(List.of("0.5", "1", "2", "5")), labels.toString());
    }

    @Test
    void wideRangeUsesSuperscriptLabels() {
        List<ValueTick> ticks = majorTicks(1e-9, 1e3);

        assertTrue(ticks.size() >= 3, "tick count " + ticks.size());
        assertTrue(ticks.size() <= 10, "tick count " + ticks.size());
        for (ValueTick tick : ticks) {
            assertTrue(tick instanceof LogTick, "plain label " + tick.getText() + " on a wide range");
        }
    }

    @Test
    void narrowRangeGetsLinearTicks() {
        List<ValueTick> ticks = majorTicks(1.05, 1.65);

        assertTrue(ticks.size() >= 3, "tick count " + ticks.size());
        double step = ticks.get(1).getValue() - ticks.get(0).getValue();
        for (int i = 2; i < ticks.size(); i++) {
            assertEquals(step, ticks.get(i).getValue() - ticks.get(i - 1).getValue(), 1e-12);
        }
    }
}
