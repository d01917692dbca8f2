package org.noisyflow.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.simd.VectorFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The best rates of one core, the ceiling against which docs/benchmarks.md sets the kernel
 * steps: fused multiply-adds on the widest vector registers the JIT offers, the solvers' vector exp and
 * tanh and Math.atan2 over an array that stays in the L1 cache, and standard normal draws from
 * the solvers' sampler. Every score is nanoseconds per operation (one multiply-add lane, one
 * function value, one draw).
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PeakRatesBenchmark extends SingleCoreSettings {
    /**
     * The widest vectors the JIT compiles on this CPU: 512 bits with AVX-512, 256 with AVX2. A
     * species wider than the hardware runs emulated, hundreds of times slower.
     */
    private static final VectorSpecies<Double> WIDE = DoubleVector.SPECIES_PREFERRED;
    private static final int LENGTH = 2048;
    private static final int CHAIN_STEPS = 1000;
    /** Steps of each chain per invocation: 8 CHAIN_STEPS lanes at any vector width. */
    private static final int WIDE_STEPS = CHAIN_STEPS * 8 / WIDE.length();

    private final double[] in = new double[LENGTH];
    private final double[] out = new double[LENGTH];
    private ZigguratSampler.NormalizedGaussian gauss;

    @Setup
    public void fill() {
        for (int i = 0; i < LENGTH; i++) {
            in[i] = 0.5 * Math.sin(i);
        }
        gauss = ZigguratSampler.NormalizedGaussian.of(StreamSeeds.stream(1L));
    }

    /** Twelve independent chains of vector fused multiply-adds: the core's peak rate. */
    @Benchmark
    @OperationsPerInvocation(12 * CHAIN_STEPS * 8)
    public double[] fma() {
        DoubleVector a = DoubleVector.broadcast(WIDE, 0.999999);
        DoubleVector b = DoubleVector.fromArray(WIDE, in, 0);
        DoubleVector s0 = a;
        DoubleVector s1 = a;
        DoubleVector s2 = a;
        DoubleVector s3 = a;
        DoubleVector s4 = a;
        DoubleVector s5 = a;
        DoubleVector s6 = a;
        DoubleVector s7 = a;
        DoubleVector s8 = a;
        DoubleVector s9 = a;
        DoubleVector s10 = a;
        DoubleVector s11 = a;

        for (int i = 0; i < WIDE_STEPS; i++) {
            s0 = s0.fma(a, b);
            s1 = s1.fma(a, b);
            s2 = s2.fma(a, b);
            s3 = s3.fma(a, b);
            s4 = s4.fma(a, b);
            s5 = s5.fma(a, b);
            s6 = s6.fma(a, b);
            s7 = s7.fma(a, b);
            s8 = s8.fma(a, b);
            s9 = s9.fma(a, b);
            s10 = s10.fma(a, b);
            s11 = s11.fma(a, b);
        }

        s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11)
                .intoArray(out, 0);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public double[] exp() {
        VectorFunctions.exp(in, out, 0, LENGTH, 1.0);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public double[] tanh() {
        System.arraycopy(in, 0, out, 0, LENGTH);
        VectorFunctions.tanh(out, 0, LENGTH);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public double[] atan2() {
        for (int i = 0; i < LENGTH; i++) {
            out[i] = Math.atan2(Math.abs(in[i]), in[i]);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public double[] normal() {
        for (int i = 0; i < LENGTH; i++) {
            out[i] = gauss.sample();
        }
        return out;
    }
}
