package org.noisyflow.sphere;

import org.noisyflow.random.StreamSeeds;
import org.noisyflow.simd.ArrayMath;

/**
 * Prints a hash of the bits of pair drifts and array tanh values, so that runs of the same code
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
        return hash;
    }

    public static void main(String[] args) {
        System.out.println(Long.toHexString(fingerprint(Integer.parseInt(args[0]))));
    }
}
