package org.noisyflow.sphere;

import org.noisyflow.random.StreamSeeds;
import org.noisyflow.simd.ArrayMath;

/**
 * Prints a hash of the bits of pair drifts, array tanh values, a matrix product and a dot product, so that runs of the same code
 * in differently configured JVMs can be compared; see {@code DeterminismTest}.
 */
public final class DriftFingerprint {

    private DriftFingerprint() {
    }

    /** Returns the hash after computing everything {@code repeats} times. */
    static long fingerprint(int repeats) {
        long hash = 17;
        for (String id : new String[] {"transformer", "onsager", "opinion", "gegenbauer"}) {
            int n = 67;
            int d = 5;
            ParticleSystem system = new ParticleSystem(n, d, ZonalKernel.of(id, 1.5, 2.0, 2, d));
            system.initUniform(StreamSeeds.stream(3));
            double[] drift = new double[n * d];
            for (int r = 0; r < repeats; r++) {
                system.computePairDrift(drift);
            }
            for (double v : drift) {
                hash = hash * 31 + Double.doubleToLongBits(v);
            }
        }

        // The Maier-Saupe mean field: two matrix products and a dot product per particle.
        ParticleSystem nematic = new ParticleSystem(67, 5, ZonalKernel.of("maier-saupe", 0.0, 5));
        nematic.initUniform(StreamSeeds.stream(4));
        double[] meanField = new double[67 * 5];
        for (int r = 0; r < repeats; r++) {
            nematic.computeDrift(meanField);
        }
        for (double v : meanField) {
            hash = hash * 31 + Double.doubleToLongBits(v);
        }

        double[] values = new double[1001];
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < values.length; i++) {
                values[i] = -3.0 + 0.006 * i;
            }
            ArrayMath.tanh(values, 0, values.length);
        }
        for (double v : values) {
            hash = hash * 31 + Double.doubleToLongBits(v);
        }

        // A product with partial row groups and vectors, and a dot product with a tail.
        double[] a = new double[37 * 13];
        double[] b = new double[13 * 29];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sin(i);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.cos(i);
        }
        double[] c = new double[37 * 29];
        for (int r = 0; r < repeats; r++) {
            java.util.Arrays.fill(c, 0.0);
            ArrayMath.multiplyAdd(37, 29, 13, a, 13, 1, b, c);
        }
        for (double v : c) {
            hash = hash * 31 + Double.doubleToLongBits(v);
        }
        return hash * 31 + Double.doubleToLongBits(ArrayMath.dot(a, 3, b, 5, 301));
    }

    public static void main(String[] args) {
        System.out.println(Long.toHexString(fingerprint(Integer.parseInt(args[0]))));
    }
}
