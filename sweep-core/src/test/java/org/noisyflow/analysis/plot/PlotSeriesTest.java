package org.noisyflow.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Series}: validation, copies and equality. */
class PlotSeriesTest {

    @Test
    void mismatchedLengthsRejected() {
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class,
                () -> Series.of("s", new double[] {1, 2, 3}, new double[] {1, 2}));
        assertTrue(y.getMessage().contains("y has 2 values but x has 3"), y.getMessage());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Series("s", new double[] {1, 2}, new double[] {1, 2}, new double[] {1}));
        assertTrue(error.getMessage().contains("error has 1 values but x has 2"),
                error.getMessage());
    }

    @Test
    void invalidValuesRejected() {
        double[] two = {1, 2};
        assertThrows(IllegalArgumentException.class,
                () -> Series.of("s", new double[] {1, Double.NaN}, two));
        assertThrows(IllegalArgumentException.class,
                () -> Series.of("s", new double[] {1, Double.POSITIVE_INFINITY}, two));
        assertThrows(IllegalArgumentException.class,
                () -> Series.of("s", two, new double[] {1, Double.NEGATIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class,
                () -> new Series("s", two, two, new double[] {0.1, -0.1}));
        assertThrows(NullPointerException.class, () -> Series.of(null, two, two));
        assertThrows(NullPointerException.class, () -> Series.of("s", null, two));
    }

    @Test
    void nanGapsAndMissingErrorsAccepted() {
        Series series = new Series("s", new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3},
                new double[] {0.1, Double.NaN, Double.NaN});

        assertEquals(3, series.size());
        assertTrue(series.hasErrors());
        assertTrue(Double.isNaN(series.y()[1]));
    }

    @Test
    void arraysCopied() {
        double[] x = {1, 2};
        double[] y = {3, 4};
        Series series = Series.of("s", x, y);
        x[0] = 99;
        series.y()[0] = 99;

        assertArrayEquals(new double[] {1, 2}, series.x());
        assertArrayEquals(new double[] {3, 4}, series.y());
        assertNull(series.error());
        assertFalse(series.hasErrors());
    }

    @Test
    void equalityComparesContents() {
        Series a = Series.of("s", new double[] {1, 2}, new double[] {3, 4});
        Series b = Series.of("s", new double[] {1, 2}, new double[] {3, 4});
        Series c = new Series("s", new double[] {1, 2}, new double[] {3, 4}, new double[2]);

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(c));
    }
}
