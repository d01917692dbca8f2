package org.noisyflow.analysis.plot;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.data.Range;

/** Creates the linear and logarithmic axes of the plots and checks values against them. */
final class PlotAxes {
    static {
        Headless.ensure();
    }

    private PlotAxes() {
    }

    /** Creates a styled axis with the given label, base-10 logarithmic when {@code log} is true. */
    static ValueAxis create(String label, boolean log) {
        ValueAxis axis;
        if (log) {
            axis = new DecadeLogAxis(label);
        } else {
            NumberAxis linear = new NumberAxis(label);
            linear.setAutoRangeIncludesZero(false);
            axis = linear;
        }
        ChartStyle.styleAxis(axis);
        return axis;
    }

    /**
     * Rejects a value that a logarithmic axis cannot show. NaN passes, since NaN marks a gap or a
     * missing cell.
     *
     * @param axisName "x" or "y"
     * @param valueName the name of the value in the message, such as "series 'a' x[3]"
     */
    static void requirePositive(String axisName, String valueName, double value) {
        if (value <= 0) {
            throw new IllegalArgumentException("the " + axisName + " axis is logarithmic, but "
                    + valueName + " = " + value + " is not positive; remove the value or use a linear "
                    + axisName + " axis");
        }
    }

    /**
     * Widens the axis range so that {@code value} lies inside it, with a margin of 5% of the new
     * range on the side that moved, measured in log space on a logarithmic axis. A range that
     * contains the value already is left alone.
     */
    static void include(ValueAxis axis, double value) {
        Range range = axis.getRange();
        if (range.contains(value)) {
            return;
        }
        LogAxis log = axis instanceof LogAxis logAxis ? logAxis : null;
        double lower = toAxisSpace(log, range.getLowerBound());
        double upper = toAxisSpace(log, range.getUpperBound());
        double target = toAxisSpace(log, value);
        if (target < lower) {
            lower = target - 0.05 * (upper - target);
        } else {
            upper = target + 0.05 * (target - lower);
        }
        axis.setRange(fromAxisSpace(log, lower), fromAxisSpace(log, upper));
    }

    private static double toAxisSpace(LogAxis log, double value) {
        return log == null ? value : log.calculateLog(value);
    }

    private static double fromAxisSpace(LogAxis log, double value) {
        return log == null ? value : log.calculateValue(value);
    }

    /**
     * Sets a range around the data when all of it sits at one value. There the auto range of
     * JFreeChart is so narrow that the tick labels repeat. The new range reaches a factor of 2
     * either side on a log axis, 10% either side on a linear axis, or [-1, 1] around zero.
     *
     * @param data the range of the data on this axis, or null when there is none
     */
    static void widenIfSingleValue(ValueAxis axis, Range data) {
        if (data == null || data.getLength() > 0) {
            return;
        }
        double center = data.getCentralValue();
        if (axis instanceof LogAxis) {
            axis.setRange(center / 2, center * 2);
        } else if (center == 0) {
            axis.setRange(-1, 1);
        } else {
            axis.setRange(center - 0.1 * Math.abs(center), center + 0.1 * Math.abs(center));
        }
    }

    /** Returns where {@code value} sits on the axis, from 0 at the lower bound to 1 at the upper. */
    static double fraction(ValueAxis axis, double value) {
        LogAxis log = axis instanceof LogAxis logAxis ? logAxis : null;
        double lower = toAxisSpace(log, axis.getLowerBound());
        double upper = toAxisSpace(log, axis.getUpperBound());
        return (toAxisSpace(log, value) - lower) / (upper - lower);
    }
}
