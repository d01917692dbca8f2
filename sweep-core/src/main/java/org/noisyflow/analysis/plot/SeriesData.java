package org.noisyflow.analysis.plot;

import java.util.List;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Converts {@link Series} to JFreeChart datasets and checks them against log axes. */
final class SeriesData {
    private SeriesData() {
    }

    /**
     * Returns a dataset with one series per entry, points kept in array order. A point without an
     * error bar gets a zero-length interval, which {@link ErrorBarRenderer} skips.
     */
    static YIntervalSeriesCollection toDataset(List<Series> seriesList) {
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        for (Series series : seriesList) {
            YIntervalSeries points = new YIntervalSeries(series.label(), false, true);
            for (int i = 0; i < series.size(); i++) {
                double y = series.yAt(i);
                double error = series.errorAt(i);
                if (Double.isNaN(error)) {
                    error = 0;
                }
                points.add(series.xAt(i), y, y - error, y + error);
            }
            dataset.addSeries(points);
        }
        return dataset;
    }

    /** Rejects a series with a non-positive x or y on an axis that is logarithmic. */
    static void requirePositive(Series series, boolean logX, boolean logY) {
        for (int i = 0; i < series.size(); i++) {
            if (logX) {
                PlotAxes.requirePositive("x", "series '" + series.label() + "' x[" + i + "]",
                        series.xAt(i));
            }
            if (logY) {
                PlotAxes.requirePositive("y", "series '" + series.label() + "' y[" + i + "]",
                        series.yAt(i));
            }
        }
    }
}
