import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures what one core of this machine can do at best, as the ceiling for the benchmarks:
 * fused multiply-adds per second on registers, and the Vector API's exp, tanh and atan2 per second
 * on an array that stays in the L1 cache. Prints one "name value unit" line per rate, the median
 * of nine timed rounds after a warm-up.
 *
 * <p>Run: java --add-modules=jdk.incubator.vector scripts/bench/PeakRates.java
 */
public final class PeakRates {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int ROUNDS = 9;

    private PeakRates() {
    }

    public static void main(String[] args) {
        System.out.println("species " + SPECIES);
        System.out.printf("fma %.2f Gflop/s (two flops per fused multiply-add)%n", 2.0 * median(PeakRates::fmaRate));
        System.out.printf("exp %.3f G/s%n", median(() -> functionRate(PeakRates::exp)));
        System.out.printf("tanh %.3f G/s%n", median(() -> functionRate(PeakRates::tanh)));
        System.out.printf("atan2 %.3f G/s%n", median(() -> functionRate(PeakRates::atan2)));
        System.out.printf("scalar-exp %.3f G/s%n", median(() -> functionRate(PeakRates::scalarExp)));
    }

    private interface Rate {
        double measure();
    }

    /** Runs the measurement three times to warm up, then ROUNDS times, and returns the median. */
    private static double median(Rate rate) {
        for (int i = 0; i < 3; i++) {
            rate.measure();
        }
        double[] values = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            values[i] = rate.measure();
        }
        Arrays.sort(values);
        return values[ROUNDS / 2];
    }

    /** Returns fused multiply-adds per nanosecond from twelve independent register chains. */
    private static double fmaRate() {
        double[] sink = new double[SPECIES.length()];
        int calls = 20_000;
        long start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
            fmaChains(sink);
        }
        long elapsed = System.nanoTime() - start;
        return 12.0 * SPECIES.length() * FMA_ITERATIONS * calls / elapsed;
    }

    private static final int FMA_ITERATIONS = 1000;

    private static void fmaChains(double[] sink) {
        DoubleVector a = DoubleVector.broadcast(SPECIES, 0.999999);
        DoubleVector b = DoubleVector.fromArray(SPECIES, sink, 0);
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
        for (int i = 0; i < FMA_ITERATIONS; i++) {
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
                .mul(1e-30).intoArray(sink, 0);
    }

    private static final int LENGTH = 2048;

    /** Returns evaluations per nanosecond of {@code kernel} over an L1-resident array. */
    private static double functionRate(ArrayKernel kernel) {
        double[] in = new double[LENGTH];
        double[] out = new double[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            in[i] = 0.5 * Math.sin(i);
        }
        int calls = 5_000;
        long start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
            kernel.apply(in, out);
        }
        long elapsed = System.nanoTime() - start;
        return (double) LENGTH * calls / elapsed;
    }

    private interface ArrayKernel {
        void apply(double[] in, double[] out);
    }

    private static void exp(double[] in, double[] out) {
        for (int i = 0; i < LENGTH; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, in, i).lanewise(VectorOperators.EXP).intoArray(out, i);
        }
    }

    private static void tanh(double[] in, double[] out) {
        for (int i = 0; i < LENGTH; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, in, i).lanewise(VectorOperators.TANH).intoArray(out, i);
        }
    }

    private static void atan2(double[] in, double[] out) {
        for (int i = 0; i < LENGTH; i += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, in, i);
            v.abs().lanewise(VectorOperators.ATAN2, v).intoArray(out, i);
        }
    }

    private static void scalarExp(double[] in, double[] out) {
        for (int i = 0; i < LENGTH; i++) {
            out[i] = Math.exp(in[i]);
        }
    }
}
