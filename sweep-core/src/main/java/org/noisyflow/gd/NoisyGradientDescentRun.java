package org.noisyflow.gd;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.noisyflow.solver.RunResult;
import org.noisyflow.solver.RunStatus;
import org.noisyflow.solver.Trajectory;

/** One run of {@link NoisyGradientDescentSolver}: the loop, the records and the summary. */
final class NoisyGradientDescentRun {
    /** Steps between checks for a stop request: every 1024 steps. */
    private static final long INTERRUPTION_MASK = 1023;

    private final NoisyGradientDescentSolver.Setup s;
    private final UniformRandomProvider random;
    private final boolean simulate;
    private final boolean predict;
    private final ZeroLossSet zeroLoss;
    private final Regularizer regularizer;
    private final List<String> columns;
    private final List<String> observables;
    private final List<String> modelCoordinates;
    private final double[] coordinates;
    private final double[] limitCoordinates;
    private final Trajectory trajectory;

    private NoisyStep stepper;
    private double[] limitWeights;

    NoisyGradientDescentRun(NoisyGradientDescentSolver.Setup setup, UniformRandomProvider random) {
        this.s = setup;
        this.random = random;
        this.simulate = !"limit".equals(setup.mode);
        this.predict = !"simulate".equals(setup.mode);
        this.zeroLoss = new ZeroLossSet(setup.model);
        this.regularizer = new Regularizer(setup.model, setup.noise, setup.batchSize);
        int coefficients = setup.model instanceof DiagonalNetModel ? setup.model.dimension() / 2 : 0;
        this.columns = NoisyGradientDescentSolver.trajectoryColumns(coefficients);
        this.observables = NoisyGradientDescentSolver.observableColumns(coefficients);
        this.trajectory = new Trajectory(columns);
        this.modelCoordinates = setup.model.coordinateNames();
        this.coordinates = new double[modelCoordinates.size()];
        this.limitCoordinates = new double[modelCoordinates.size()];
    }

    RunResult run() {
        if (predict) {
            limitWeights = s.init.clone();
            if (!zeroLoss.land(limitWeights)) {
                return RunResult.failed("the gradient flow from init did not reach the zero-loss set; "
                        + "choose an init closer to it");
            }
        }
        if (simulate) {
            stepper = s.newStep(random);
        }
        LimitFlow flow = predict ? new LimitFlow(s.model, zeroLoss, regularizer) : null;

        Double[] row = record(0);
        long recorded = 0;
        int unstable = 0;
        double previousLoss = row[index("loss")];
        long k = 0;
        while (k < s.steps) {
            long next = Math.min(s.steps, k + s.recordEvery - k % s.recordEvery);
            if (simulate) {
                for (; k < next; k++) {
                    if ((k & INTERRUPTION_MASK) == 0) {
                        org.noisyflow.solver.Interruption.check();
                    }
                    stepper.step();
                    if (!finite(stepper.weights())) {
                        return diverged("the weights became non-finite at step " + (k + 1) + " of "
                                + s.steps + "; reduce step_size", row);
                    }
                }
            } else {
                k = next;
            }
            if (predict && !flow.advance(limitWeights, s.limitClock(k) - s.limitClock(recorded))) {
                return RunResult.failed("the Newton retraction of the limiting flow failed at step " + k
                        + "; the zero-loss set may be singular there");
            }
            recorded = k;
            row = record(k);

            double loss = row[index("loss")];
            Double sharpness = row[index("alpha_sharpness")];
            unstable = simulate && sharpness != null && sharpness > 2.0 && loss > previousLoss ? unstable + 1 : 0;
            previousLoss = loss;
            if (unstable >= NoisyGradientDescentSolver.UNSTABLE_RECORDS) {
                return diverged(String.format("alpha*lambda_max = %.4g > 2 and the loss grew for %d records "
                        + "up to step %d; reduce step_size", sharpness, unstable, k), row);
            }
        }
        return new RunResult(RunStatus.OK, "", summary(row), trajectory);
    }

    /** Computes the trajectory row of iteration k and appends it. */
    private Double[] record(long k) {
        double[] w = simulate ? stepper.weights() : limitWeights;
        Double[] row = new Double[columns.size()];
        double sigma2 = s.sigmaEffective * s.sigmaEffective;
        put(row, "step", (double) k);
        put(row, "t", s.alpha * k);
        put(row, "tau1", s.alpha * sigma2 * k);
        put(row, "tau2", s.alpha * s.alpha * sigma2 * k);
        put(row, "loss", zeroLoss.loss(w));
        put(row, "zero_loss_distance", zeroLoss.distance(w));
        put(row, "reg", regularizer.value(w));
        double[] curvature = zeroLoss.curvature(w);
        put(row, "hessian_trace", curvature[0]);
        put(row, "hessian_max_eig", curvature[1]);
        put(row, "alpha_sharpness", s.alpha * curvature[1]);

        s.model.coordinates(w, coordinates);
        putCoordinates(row, "", coordinates);
        if (simulate && s.noise == NoiseType.ANTI_PGD) {
            s.model.coordinates(stepper.anchor(), limitCoordinates);
            putCoordinates(row, "_z", limitCoordinates);
        }
        if (simulate && predict) {
            s.model.coordinates(limitWeights, limitCoordinates);
            double gap = 0.0;
            for (int i = 0; i < coordinates.length; i++) {
                put(row, "limit_" + modelCoordinates.get(i), limitCoordinates[i]);
                double diff = coordinates[i] - limitCoordinates[i];
                gap += diff * diff;
            }
            put(row, "limit_gap", Math.sqrt(gap));
        }
        trajectory.add(row);
        return row;
    }

    private void putCoordinates(Double[] row, String suffix, double[] values) {
        for (int i = 0; i < values.length; i++) {
            put(row, modelCoordinates.get(i) + suffix, values[i]);
        }
    }

    private Map<String, Double> summary(Double[] row) {
        Map<String, Double> summary = NoisyGradientDescentSolver.emptyObservables(observables);
        for (int c = 1; c < columns.size(); c++) {
            summary.put(columns.get(c), row[c]);
        }
        summary.put("k", row[0]);
        summary.put("sigma_eff", s.sigmaEffective);
        return summary;
    }

    private RunResult diverged(String message, Double[] lastRow) {
        return new RunResult(RunStatus.DIVERGED, message, summary(lastRow), trajectory);
    }

    private void put(Double[] row, String column, double value) {
        row[index(column)] = value;
    }

    private int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalStateException("no trajectory column " + column);
        }
        return i;
    }

    private static boolean finite(double[] w) {
        for (double v : w) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
