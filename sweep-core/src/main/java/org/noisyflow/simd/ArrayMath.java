package org.noisyflow.simd;

/**
 * Elementary functions over ranges of arrays, with the JDK Vector API where the JVM has it.
 *
 * <p>The Vector API is the incubator module jdk.incubator.vector in Java 17. Spark's launcher
 * passes --add-modules=jdk.incubator.vector to drivers and executors, and so do the project's
 * scripts and test runs; a JVM started without the flag gets the scalar loops of java.lang.Math.
 * The vector results differ from Math's in the last bits but are the same bits on every JVM
 * that has the module; see {@link VectorFunctions}.
 */
public final class ArrayMath {

    /** Whether the module jdk.incubator.vector is in the boot layer, so vector classes can load. */
    public static final boolean VECTOR_API =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private ArrayMath() {
    }

    /** Replaces values[i] by tanh(values[i]) for i in [from, to). */
    public static void tanh(double[] values, int from, int to) {
        if (VECTOR_API) {
            VectorArrayMath.tanh(values, from, to);
        } else {
            for (int i = from; i < to; i++) {
                values[i] = Math.tanh(values[i]);
            }
        }
    }

    /**
     * Returns &Sigma;_{i &lt; length} a[aFrom + i] b[bFrom + i]. The vector version keeps four
     * partial sums of every fourth term and adds them in lane order, so its result differs from
     * the plain loop's in the last bits but is the same on every JVM with the module.
     */
    public static double dot(double[] a, int aFrom, double[] b, int bFrom, int length) {
        if (VECTOR_API) {
            return VectorArrayMath.dot(a, aFrom, b, bFrom, length);
        }
        double sum = 0.0;
        for (int i = 0; i < length; i++) {
            sum += a[aFrom + i] * b[bFrom + i];
        }
        return sum;
    }

    /**
     * Adds the product of an m&times;k matrix A and a k&times;n matrix B to C: C += A B. A's
     * entry (i, l) is {@code a[i * aRow + l * aCol]}, so A can be read transposed by swapping the
     * strides; B and C are row-major with rows of n.
     *
     * @param c m&times;n, row-major; modified
     */
    public static void multiplyAdd(int m, int n, int k, double[] a, int aRow, int aCol, double[] b,
            double[] c) {
        if (VECTOR_API) {
            VectorArrayMath.multiplyAdd(m, n, k, a, aRow, aCol, b, c);
        } else {
            scalarMultiplyAdd(m, n, k, a, aRow, aCol, b, c);
        }
    }

    /** {@link #multiplyAdd} in plain loops, for JVMs without the Vector API. */
    static void scalarMultiplyAdd(int m, int n, int k, double[] a, int aRow, int aCol, double[] b,
            double[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int l = 0; l < k; l++) {
                double ail = a[i * aRow + l * aCol];
                int bl = l * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += ail * b[bl + j];
                }
            }
        }
    }
}
