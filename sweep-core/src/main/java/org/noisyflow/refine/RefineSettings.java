package org.noisyflow.refine;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code refine} section of a sweep file: which coordinate is refined, how the boundary shows
 * in which observable, and when to stop.
 *
 * @param along the refined parameter; its axis gives the coarse grid of round 0
 * @param across the second coordinate of a 2-D refinement, or null for one boundary value per
 *     slice
 * @param acrossTolerance the cell width along {@code across} below which a 2-D cell is not split
 *     across; NaN without {@code across}
 * @param observable the observable column the criterion reads
 * @param criterion threshold crossing, largest jump or variance peak
 * @param threshold the threshold of {@link Criterion#THRESHOLD}; NaN for the other criteria
 * @param tolerance the bracket width along {@code along} at which a slice is converged
 * @param budget the largest number of runs of all rounds together
 * @param initialReplicates replicates of each new point
 * @param maxReplicates replicates a point may reach where the sign of the observable minus the
 *     threshold stays uncertain; equal to {@code initialReplicates} for deterministic solvers
 */
public record RefineSettings(String along, String across, double acrossTolerance, String observable,
        Criterion criterion, double threshold, double tolerance, long budget, int initialReplicates,
        int maxReplicates) implements Serializable {

    /** Returns whether replicates are added where the sign is uncertain. */
    public boolean stochastic() {
        return maxReplicates > 1;
    }

    /** Returns the section as it appears in the resolved spec.yaml, defaults filled in. */
    public Map<String, Object> toYaml() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("along", along);
        if (across != null) {
            doc.put("across", across);
            doc.put("across_tolerance", acrossTolerance);
        }
        doc.put("observable", observable);
        doc.put("criterion", criterion.key());
        if (criterion == Criterion.THRESHOLD) {
            doc.put("threshold", threshold);
        }
        doc.put("tolerance", tolerance);
        doc.put("budget", budget);
        Map<String, Object> replicates = new LinkedHashMap<>();
        replicates.put("initial", initialReplicates);
        replicates.put("max", maxReplicates);
        doc.put("replicates", replicates);
        return doc;
    }

    /**
     * Returns a canonical text of every setting, with reals as the hex of their bits, so that two
     * sections that refine alike have equal texts.
     */
    public String canonicalText() {
        return "along=" + along + "\nacross=" + across + "\nacross_tolerance=" + Double.doubleToLongBits(acrossTolerance)
                + "\nobservable=" + observable + "\ncriterion=" + criterion.key() + "\nthreshold="
                + Double.doubleToLongBits(threshold) + "\ntolerance=" + Double.doubleToLongBits(tolerance)
                + "\nbudget=" + budget + "\nreplicates=" + initialReplicates + "," + maxReplicates + "\n";
    }
}
