package org.noisyflow.sphere;

import org.noisyflow.simd.ArrayMath;

/**
 * The O(n^2 d) part of the particle drift: drift_i = (1/n) &Sigma;_{j&ne;i} c(t_ij) (x_j - t_ij x_i)
 * with t_ij = &lt;x_i, x_j&gt; and c the kernel's coupling. Implementations own their workspaces,
 * so one instance serves one thread.
 */
interface PairSum {

    /**
     * Writes the drift of every particle into {@code out}.
     *
     * @param x positions, n&times;d row-major, unit rows; not modified
     * @param out drift, n&times;d row-major; overwritten
     */
    void drift(double[] x, double[] out);

    /**
     * Returns the fastest pair sum this JVM can run: the Vector API version when the module
     * jdk.incubator.vector is present (the flag --add-modules=jdk.incubator.vector, which Spark's
     * launcher passes), the scalar one otherwise.
     */
    static PairSum create(int n, int d, ZonalKernel kernel) {
        return ArrayMath.VECTOR_API ? new VectorPairSum(n, d, kernel) : new ScalarPairSum(n, d, kernel);
    }
}
