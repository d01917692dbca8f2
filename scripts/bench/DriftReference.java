import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.noisyflow.gd.NoisyGradientDescentSolver;
import org.noisyflow.gd.NoisyStep;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.Parameters;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.sphere.ParticleSystem;
import org.noisyflow.sphere.ZonalKernel;

/**
 * Writes what the Java code computes for seeded inputs, so that scripts/bench/particle_step_numpy.py
 * can check that its NumPy step computes the same thing:
 *
 * <ul>
 *   <li>for every kernel and shape, the positions of {@link ParticleSystem#initUniform} and the
 *       drift of {@link ParticleSystem#computeDrift};
 *   <li>for a small tanh-net with inline data, the data, the default start and the gradient of
 *       one noise-free step of {@code noisy-gd}.
 * </ul>
 *
 * <p>Each array file contains little-endian float64 values back to back. DIR/reference.txt lists the
 * files, one a line, as space-separated key=value pairs with the sizes and kernel parameters.
 *
 * <p>Usage: java -cp sweep-bench/target/benchmarks.jar scripts/bench/DriftReference.java DIR
 */
public class DriftReference {
    /** Kernel parameters of the benchmarks: ParticleStepBenchmark uses the same values. */
    static final double GAMMA = 1.0;
    static final double RADIUS = 1.0;
    static final int MODE = 2;
    /** (n, d) pairs: d = 3 has many pairs with |t| > 0.9, where the Java code refines the sine. */
    static final int[][] SHAPES = {{200, 3}, {300, 16}};
    static final long SEED = 7L;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp BENCHMARKS_JAR DriftReference.java DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        try (PrintWriter manifest = new PrintWriter(Files.newBufferedWriter(dir.resolve("reference.txt")))) {
            for (String kernel : ZonalKernel.IDS) {
                for (int[] shape : SHAPES) {
                    writeDrift(dir, manifest, kernel, shape[0], shape[1]);
                }
            }
            writeTanhGradient(dir, manifest, 24, 4, 8);
        }
    }

    private static void writeDrift(Path dir, PrintWriter manifest, String kernel, int n, int d) throws IOException {
        ParticleSystem system = new ParticleSystem(n, d, ZonalKernel.of(kernel, GAMMA, RADIUS, MODE, d));
        system.initUniform(StreamSeeds.stream(SEED));
        double[] drift = new double[n * d];
        system.computeDrift(drift);
        String file = String.format(Locale.ROOT, "particle-%s-%dx%d.f64", kernel, n, d);
        write(dir.resolve(file), system.positions(), drift);
        manifest.printf(Locale.ROOT, "kind=particle kernel=%s n=%d d=%d gamma=%s radius=%s mode=%d file=%s%n",
                kernel, n, d, GAMMA, RADIUS, MODE, file);
    }

    /**
     * Writes X (N&times;P), y (N), the default start w (p) and the gradient of the first step
     * of noise-free gradient descent at w (p).
     */
    private static void writeTanhGradient(Path dir, PrintWriter manifest, int samples, int features, int width)
            throws IOException {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(StreamSeeds.stream(SEED));
        double[] x = new double[samples * features];
        double[] y = new double[samples];
        StringBuilder rows = new StringBuilder();
        for (int s = 0; s < samples; s++) {
            rows.append(s == 0 ? "[" : ", [");
            for (int k = 0; k < features; k++) {
                x[s * features + k] = gauss.sample();
                rows.append(k == 0 ? "" : ", ").append(x[s * features + k]);
            }
            rows.append(']');
        }
        StringBuilder targets = new StringBuilder();
        for (int s = 0; s < samples; s++) {
            y[s] = gauss.sample();
            targets.append(s == 0 ? "" : ", ").append(y[s]);
        }
        String text = "name: reference\nsolver: noisy-gd\nseed: 1\nparameters: {model: tanh-net, noise: none, "
                + "step_size: 0.01, steps: 1, width: " + width + ", data: {x: [" + rows + "], y: [" + targets + "]}}\n";
        Parameters p = SpecParser.parse(text, "DriftReference").points().point(0).parameters();
        NoisyStep stepper = NoisyGradientDescentSolver.newStep(p, StreamSeeds.stream(SEED));
        double[] start = stepper.weights().clone();
        stepper.step();
        String file = String.format(Locale.ROOT, "tanh-net-%dx%dx%d.f64", samples, features, width);
        write(dir.resolve(file), x, y, start, stepper.lastGradient());
        manifest.printf(Locale.ROOT, "kind=tanh-net samples=%d features=%d width=%d file=%s%n",
                samples, features, width, file);
    }

    private static void write(Path file, double[]... arrays) throws IOException {
        int count = 0;
        for (double[] a : arrays) {
            count += a.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] a : arrays) {
            buffer.asDoubleBuffer().put(a);
            buffer.position(buffer.position() + 8 * a.length);
        }
        Files.write(file, buffer.array());
    }
}
