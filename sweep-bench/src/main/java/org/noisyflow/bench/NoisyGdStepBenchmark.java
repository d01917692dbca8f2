package org.noisyflow.bench;

import org.noisyflow.gd.NoisyGradientDescentSolver;
import org.noisyflow.gd.NoisyStep;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One step of the {@code noisy-gd} solver on {@code tanh-net} with full-batch label noise: the
 * outputs and the N&times;p Jacobian at w, the residual gradient, and the update.
 *
 * <p>The data set is the solver's generated one (standard normal inputs and targets, data_seed 0)
 * and the start is the model's default. Every iteration restarts from that start with the same
 * noise stream. step_size 0.01 and sigma 0.1 keep the weights finite over the few hundred steps of
 * an iteration. scripts/bench/particle_step_numpy.py times the same step in NumPy.
 */
@State(Scope.Thread)
public class NoisyGdStepBenchmark extends SingleCoreSettings {
    static final double STEP_SIZE = 0.01;
    static final double SIGMA = 0.1;
    /** Seed of the label noise. */
    static final long SEED = 20240611L;

    /** Samples N, features P and hidden units, as "NxPxW"; p = W (P + 1) weights. */
    @Param({"256x32x256", "512x64x512"})
    public String shape;

    private Parameters parameters;
    private NoisyStep stepper;

    @Setup(Level.Trial)
    public void resolveParameters() {
        int[] sizes = BenchShapes.parse(shape, 3);
        String mapping = String.format("{model: tanh-net, noise: label, sigma: %s, step_size: %s, samples: %d, "
                + "features: %d, width: %d, steps: 1000}", SIGMA, STEP_SIZE, sizes[0], sizes[1], sizes[2]);
        parameters = SweepPoint.of(NoisyGradientDescentSolver.ID, mapping).parameters();
    }

    @Setup(Level.Iteration)
    public void restart() {
        stepper = NoisyGradientDescentSolver.newStep(parameters, StreamSeeds.stream(SEED));
    }

    /** Returns the weights so that JMH consumes the step's result. */
    @Benchmark
    public double[] step() {
        stepper.step();
        return stepper.weights();
    }
}
