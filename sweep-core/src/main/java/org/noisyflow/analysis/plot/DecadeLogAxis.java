package org.noisyflow.analysis.plot;

import java.awt.Graphics2D;
import java.awt.font.TextAttribute;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.AttrStringUtils;

/**
 * A base-10 {@link LogAxis} whose major ticks sit at round values: every 1 to 9, or 1, 2 and 5,
 * times a power of ten, or every n-th power of ten. {@code LogAxis} itself steps its ticks
 * evenly in the exponent, which gives labels such as 10^0.25 on ranges shorter than a few
 * decades. The densest tick set with {@value #MIN_DECADE_TICKS} to {@value #MAX_MAJOR_TICKS}
 * major ticks whose labels do not overlap is chosen. Ranges too narrow for such a set get evenly
 * spaced ticks at multiples of 1, 2 or 5 times a power of ten.
 *
 * <p>Labels are plain decimals while every major tick lies from 0.001 to 99999, and m×10^k with
 * a superscript exponent otherwise. In SVG output the plain labels are text elements. The
 * superscript labels may become glyph outlines, which look the same but cannot be searched.
 */
final class DecadeLogAxis extends LogAxis {
    private static final int MIN_DECADE_TICKS = 3;
    private static final int MAX_MAJOR_TICKS = 10;
    /** The minimum gap between neighbouring tick labels, in pixels. */
    private static final double LABEL_GAP = 8;
    private static final int[] ALL_MANTISSAS = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final int[] ONE_TWO_FIVE = {1, 2, 5};
    private static final int[] BETWEEN_ONE_TWO_FIVE = {3, 4, 6, 7, 8, 9};
    private static final int[] ABOVE_ONE = {2, 3, 4, 5, 6, 7, 8, 9};
    private static final int[] ONE = {1};
    private static final int[] DECADE_STEPS = {1, 2, 3, 5, 10, 20, 50, 100};
    private static final char MINUS = '\u2212';

    /** A tick position with its exact decimal value, from which the label is formatted. */
    private record TickValue(double value, BigDecimal exact) {
    }

    /** Major ticks with the minor ticks that mark round values between them. */
    private record TickSet(List<TickValue> majors, List<TickValue> minors) {
    }

    /**
     * A tick label, in which the characters from {@code exponentStart} on are a superscript
     * exponent. Without an exponent, {@code exponentStart} equals the length of the text.
     */
    private record TickLabel(String text, int exponentStart) {
        static TickLabel plain(BigDecimal value) {
            String text = value.stripTrailingZeros().toPlainString();
            return new TickLabel(text, text.length());
        }

        /** Formats a nonzero value as m×10^k, or as 10^k when m is 1. */
        static TickLabel scientific(BigDecimal value) {
            int exponent = decimalExponent(value);
            String mantissa = value.stripTrailingZeros().movePointLeft(exponent)
                    .stripTrailingZeros().toPlainString();
            String base = mantissa.equals("1") ? "10" : mantissa + "\u00D710";
            String power = exponent < 0 ? MINUS + Integer.toString(-exponent)
                    : Integer.toString(exponent);
            return new TickLabel(base + power, base.length());
        }

        boolean hasExponent() {
            return exponentStart < text.length();
        }
    }

    DecadeLogAxis(String label) {
        super(label);
        setMinorTickMarksVisible(true);
    }

    @Override
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
            RectangleEdge edge) {
        g2.setFont(getTickLabelFont());
        double lower = getLowerBound();
        double upper = getUpperBound();

        TickSet chosen = null;
        for (TickSet candidate : decadeCandidates(lower, upper)) {
            if (candidate.majors().size() >= MIN_DECADE_TICKS
                    && isReadable(g2, candidate.majors(), dataArea, edge)) {
                chosen = candidate;
                break;
            }
        }
        if (chosen == null) {
            chosen = linearCandidate(g2, lower, upper, dataArea, edge);
        }

        TextAnchor anchor = labelAnchor(edge);
        List<TickLabel> labels = labels(chosen.majors());
        List<ValueTick> ticks = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            double value = chosen.majors().get(i).value();
            TickLabel label = labels.get(i);
            // A String label stays SVG text; an attributed one may become glyph outlines.
            ticks.add(label.hasExponent()
                    ? new LogTick(TickType.MAJOR, value, attributed(label), anchor)
                    : new NumberTick(TickType.MAJOR, value, label.text(), anchor, anchor, 0));
        }
        for (TickValue minor : chosen.minors()) {
            ticks.add(new NumberTick(TickType.MINOR, minor.value(), "", anchor, anchor, 0));
        }
        return ticks;
    }

    /** Returns the tick sets built from powers of ten, densest first. */
    private static List<TickSet> decadeCandidates(double lower, double upper) {
        int first = (int) Math.floor(Math.log10(lower)) - 1;
        int last = (int) Math.ceil(Math.log10(upper)) + 1;
        List<TickSet> candidates = new ArrayList<>();
        candidates.add(new TickSet(powerTicks(lower, upper, first, last, 1, ALL_MANTISSAS),
                List.of()));
        candidates.add(new TickSet(powerTicks(lower, upper, first, last, 1, ONE_TWO_FIVE),
                powerTicks(lower, upper, first, last, 1, BETWEEN_ONE_TWO_FIVE)));
        for (int step : DECADE_STEPS) {
            List<TickValue> minors = step == 1
                    ? powerTicks(lower, upper, first, last, 1, ABOVE_ONE)
                    : powerTicks(lower, upper, first, last, 1, ONE);
            candidates.add(new TickSet(powerTicks(lower, upper, first, last, step, ONE), minors));
        }
        return candidates;
    }

    /**
     * Returns m×10^k inside [lower, upper] for each mantissa m and each k from {@code first} to
     * {@code last} that is a multiple of {@code step}.
     */
    private static List<TickValue> powerTicks(double lower, double upper, int first, int last,
            int step, int[] mantissas) {
        List<TickValue> ticks = new ArrayList<>();
        for (int k = Math.floorDiv(first, step) * step; k <= last; k += step) {
            for (int m : mantissas) {
                BigDecimal exact = BigDecimal.valueOf(m).scaleByPowerOfTen(k);
                double value = exact.doubleValue();
                if (value >= lower && value <= upper) {
                    ticks.add(new TickValue(value, exact));
                }
            }
        }
        return ticks;
    }

    /**
     * Returns the densest readable set of ticks at multiples of 1, 2 or 5 times a power of ten,
     * or the sparsest non-empty set when none is readable.
     */
    private TickSet linearCandidate(Graphics2D g2, double lower, double upper,
            Rectangle2D dataArea, RectangleEdge edge) {
        int exponent = (int) Math.floor(Math.log10((upper - lower) / MAX_MAJOR_TICKS));
        List<TickValue> sparsest = List.of();
        for (int k = exponent; k <= exponent + 2; k++) {
            for (int m : ONE_TWO_FIVE) {
                BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(k);
                List<TickValue> ticks = multiples(lower, upper, step);
                if (!ticks.isEmpty()) {
                    sparsest = ticks;
                }
                if (ticks.size() >= 2 && isReadable(g2, ticks, dataArea, edge)) {
                    return new TickSet(ticks, List.of());
                }
            }
        }
        return new TickSet(sparsest, List.of());
    }

    /** Returns the multiples of {@code step} in [lower, upper], stopping after one too many. */
    private static List<TickValue> multiples(double lower, double upper, BigDecimal step) {
        List<TickValue> ticks = new ArrayList<>();
        long first = (long) Math.ceil(lower / step.doubleValue());
        long last = (long) Math.floor(upper / step.doubleValue());
        for (long n = first; n <= last && ticks.size() <= MAX_MAJOR_TICKS; n++) {
            BigDecimal exact = step.multiply(BigDecimal.valueOf(n));
            ticks.add(new TickValue(exact.doubleValue(), exact));
        }
        return ticks;
    }

    /**
     * Checks that there are at most {@value #MAX_MAJOR_TICKS} ticks and that neighbouring labels
     * keep a gap of {@value #LABEL_GAP} px.
     */
    private boolean isReadable(Graphics2D g2, List<TickValue> ticks, Rectangle2D dataArea,
            RectangleEdge edge) {
        if (ticks.size() > MAX_MAJOR_TICKS) {
            return false;
        }
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        List<TickLabel> labels = labels(ticks);
        double previousPosition = Double.NaN;
        double previousExtent = 0;
        for (int i = 0; i < ticks.size(); i++) {
            Rectangle2D bounds = AttrStringUtils.getTextBounds(attributed(labels.get(i)), g2);
            double extent = horizontal ? bounds.getWidth() : bounds.getHeight();
            double position = valueToJava2D(ticks.get(i).value(), dataArea, edge);
            if (!Double.isNaN(previousPosition)
                    && Math.abs(position - previousPosition)
                            < (extent + previousExtent) / 2 + LABEL_GAP) {
                return false;
            }
            previousPosition = position;
            previousExtent = extent;
        }
        return true;
    }

    /**
     * Formats all labels of a tick set in one style, plain when every value lies from 0.001 to
     * 99999 and scientific otherwise, so that an axis does not mix 0.01 with 10^-4.
     */
    private static List<TickLabel> labels(List<TickValue> ticks) {
        boolean plain = true;
        for (TickValue tick : ticks) {
            int exponent = decimalExponent(tick.exact());
            plain &= tick.exact().signum() != 0 && exponent >= -3 && exponent <= 4;
        }
        List<TickLabel> labels = new ArrayList<>();
        for (TickValue tick : ticks) {
            labels.add(plain ? TickLabel.plain(tick.exact()) : TickLabel.scientific(tick.exact()));
        }
        return labels;
    }

    /** Returns floor(log10(|value|)) of a nonzero value. */
    private static int decimalExponent(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.precision() - stripped.scale() - 1;
    }

    /** Returns the label in the tick label font, with its exponent as a superscript. */
    private AttributedString attributed(TickLabel label) {
        String text = label.text();
        AttributedString attributed = new AttributedString(text);
        attributed.addAttributes(getTickLabelFont().getAttributes(), 0, text.length());
        if (label.hasExponent()) {
            attributed.addAttribute(TextAttribute.SUPERSCRIPT, TextAttribute.SUPERSCRIPT_SUPER,
                    label.exponentStart(), text.length());
        }
        return attributed;
    }

    private static TextAnchor labelAnchor(RectangleEdge edge) {
        if (edge == RectangleEdge.TOP) {
            return TextAnchor.BOTTOM_CENTER;
        }
        if (edge == RectangleEdge.BOTTOM) {
            return TextAnchor.TOP_CENTER;
        }
        return edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
    }
}
