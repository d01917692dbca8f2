package org.noisyflow.refine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Replicate statistics of the observable at one value x of the refined coordinate.
 *
 * @param x the coordinate
 * @param runs runs at x, failed ones included
 * @param n runs that returned a value
 * @param mean the mean of the values, NaN when n = 0
 * @param variance the sample variance of the values, NaN when n &lt; 2
 * @param firstRound the round of the first run at x
 */
record PointStatistics(double x, int runs, int n, double mean, double variance, int firstRound) {

    /** Returns the standard error of the mean, NaN when n &lt; 2. */
    double standardError() {
        return n < 2 ? Double.NaN : Math.sqrt(variance / n);
    }

    /**
     * Returns the statistics of each distinct x of one slice's observations, sorted by x. The
     * values at each x are summed in replicate order, so that the result does not depend on the
     * order of the observations.
     */
    static List<PointStatistics> of(List<Observation> observations) {
        TreeMap<Double, List<Observation>> byX = new TreeMap<>();
        for (Observation o : observations) {
            byX.computeIfAbsent(o.x(), x -> new ArrayList<>()).add(o);
        }
        List<PointStatistics> out = new ArrayList<>();
        for (var entry : byX.entrySet()) {
            List<Observation> list = new ArrayList<>(entry.getValue());
            list.sort(Comparator.comparingInt(Observation::replicate).thenComparingInt(Observation::round));
            int n = 0;
            double sum = 0.0;
            int firstRound = Integer.MAX_VALUE;
            for (Observation o : list) {
                firstRound = Math.min(firstRound, o.round());
                if (!Double.isNaN(o.value())) {
                    n++;
                    sum += o.value();
                }
            }
            double mean = n == 0 ? Double.NaN : sum / n;
            double squares = 0.0;
            for (Observation o : list) {
                if (!Double.isNaN(o.value())) {
                    squares += (o.value() - mean) * (o.value() - mean);
                }
            }
            double variance = n < 2 ? Double.NaN : squares / (n - 1);
            out.add(new PointStatistics(entry.getKey(), list.size(), n, mean, variance, firstRound));
        }
        return out;
    }
}
