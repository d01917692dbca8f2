package org.noisyflow.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.sphere.ParticleSystem;
import org.noisyflow.sphere.ZonalKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Euler-Maruyama step of {@link ParticleSystem} for every kernel of {@link ZonalKernel#IDS},
 * at dt = 0.01 and beta = 5, from i.i.d. uniform positions. The step uses the EULER retraction,
 * as the NumPy peer does, while {@code sphere-particles} defaults to GEODESIC.
 *
 * <p>The kernel parameters are gamma = 1 (transformer), radius = 1 (opinion) and mode = 2
 * (gegenbauer), because the solver has no defaults for them. Every iteration restarts from the
 * same seeded positions and noise stream. The cost of a step of the onsager and opinion kernels
 * depends on the positions (near-axis pairs and pairs outside the opinion radius take other
 * branches), so without the restart later iterations would time a more clustered system.
 * scripts/bench/particle_step_numpy.py times the same step in NumPy.
 */
@State(Scope.Thread)
public class ParticleStepBenchmark extends SingleCoreSettings {
    static final double DT = 0.01;
    static final double BETA = 5.0;
    static final double GAMMA = 1.0;
    static final double RADIUS = 1.0;
    static final int MODE = 2;
    /** Seed of the initial positions and of the noise. */
    static final long SEED = 20240611L;

    @Param({"heisenberg", "transformer", "maier-saupe", "onsager", "opinion", "gegenbauer"})
    public String kernel;

    /** Particle count n and dimension d, as "NxD": one parameter, so JMH runs these three pairs only. */
    @Param({"1000x16", "2000x3", "4000x64"})
    public String shape;

    private ParticleSystem system;
    private double[] initial;
    private double noiseScale;
    private ZigguratSampler.NormalizedGaussian gauss;

    @Setup(Level.Trial)
    public void createSystem() {
        int[] sizes = BenchShapes.parse(shape, 2);
        int n = sizes[0];
        int d = sizes[1];
        system = new ParticleSystem(n, d, ZonalKernel.of(kernel, GAMMA, RADIUS, MODE, d));
        system.initUniform(StreamSeeds.stream(SEED));
        initial = system.positions().clone();
        noiseScale = Math.sqrt(2.0 * DT / BETA);
    }

    @Setup(Level.Iteration)
    public void restart() {
        System.arraycopy(initial, 0, system.positions(), 0, initial.length);
        UniformRandomProvider noise = StreamSeeds.stream(SEED + 1);
        gauss = ZigguratSampler.NormalizedGaussian.of(noise);
    }

    /** Returns the positions so that JMH consumes the step's result. */
    @Benchmark
    public double[] step() {
        system.step(DT, noiseScale, gauss, ParticleSystem.Scheme.EULER);
        return system.positions();
    }
}
