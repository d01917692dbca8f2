package org.noisyflow.analysis.plot;

import java.util.Arrays;
import java.util.Objects;

/**
 * One labelled curve of a plot: points (x[i], y[i]) joined in array order, each with an optional
 * symmetric error bar y[i] ± error[i].
 *
 * <p>x values must be finite. A NaN y is a gap: the point is not drawn and the line breaks there.
 * Infinite y values are rejected. {@code error} may be null for a curve without error bars. Its
 * entries must be non-negative, and a NaN entry means that point has no bar. The arrays are copied
 * on construction and on access, so a series never changes after it is created.
 *
 * @param label the name shown in the legend, unique within one plot
 * @param x the horizontal coordinates
 * @param y the vertical coordinates, with NaN for gaps
 * @param error the half-widths of the vertical error bars, or null for none
 */
public record Series(String label, double[] x, double[] y, double[] error) {

    /**
     * Validates and copies the arrays.
     *
     * @throws NullPointerException if label, x or y is null
     * @throws IllegalArgumentException if the arrays differ in length, an x is not finite, a y is
     *     infinite or an error is negative or infinite
     */
    public Series {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(x, "x of series '" + label + "'");
        Objects.requireNonNull(y, "y of series '" + label + "'");
        if (y.length != x.length) {
            throw new IllegalArgumentException("series '" + label + "': y has " + y.length
                    + " values but x has " + x.length + "; x and y must have equal lengths");
        }
        if (error != null && error.length != x.length) {
            throw new IllegalArgumentException("series '" + label + "': error has " + error.length
                    + " values but x has " + x.length + "; pass one error per point, or null");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("series '" + label + "': x[" + i + "] = " + x[i]
                        + " is not finite; x values must be finite");
            }
            if (Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("series '" + label + "': y[" + i + "] = " + y[i]
                        + " is infinite; use NaN for a gap");
            }
            if (error != null && (error[i] < 0 || Double.isInfinite(error[i]))) {
                throw new IllegalArgumentException("series '" + label + "': error[" + i + "] = "
                        + error[i] + " is invalid; errors must be finite and non-negative, or NaN"
                        + " for no bar");
            }
        }
        x = x.clone();
        y = y.clone();
        error = error == null ? null : error.clone();
    }

    /** Creates a series without error bars. */
    public static Series of(String label, double[] x, double[] y) {
        return new Series(label, x, y, null);
    }

    /** Returns a copy of the x values. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** Returns a copy of the y values, with NaN for gaps. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** Returns a copy of the error half-widths, or null when the series has no error bars. */
    @Override
    public double[] error() {
        return error == null ? null : error.clone();
    }

    /** Returns the number of points, gaps included. */
    public int size() {
        return x.length;
    }

    /** Returns whether the series carries error bars. */
    public boolean hasErrors() {
        return error != null;
    }

    double xAt(int i) {
        return x[i];
    }

    double yAt(int i) {
        return y[i];
    }

    /** Returns the error half-width at point i, NaN when the point or the series has none. */
    double errorAt(int i) {
        return error == null ? Double.NaN : error[i];
    }

    /** Compares labels and array contents. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Series other
                && label.equals(other.label)
                && Arrays.equals(x, other.x)
                && Arrays.equals(y, other.y)
                && Arrays.equals(error, other.error);
    }

    @Override
    public int hashCode() {
        int h = label.hashCode();
        h = 31 * h + Arrays.hashCode(x);
        h = 31 * h + Arrays.hashCode(y);
        return 31 * h + Arrays.hashCode(error);
    }

    @Override
    public String toString() {
        return "Series[label=" + label + ", points=" + x.length + ", errors=" + hasErrors() + "]";
    }
}
