package org.noisyflow.gd;

/**
 * A model that computes &Sigma;_b r_b &nabla;f_{n_b} by a forward and a backward pass, without
 * forming the N&times;p Jacobian: O(N p) work and O(N units) memory where the Jacobian route
 * writes and reads N p doubles.
 */
interface Backpropagation {

    /** Turns the output f_n of the b-th sample of a batch into its residual weight r_b. */
    @FunctionalInterface
    interface Residual {
        double weight(int b, int n, double output);
    }

    /**
     * Writes f_n for the samples of the batch into {@code f} and &Sigma;_b r_b &nabla;f_{n_b}(w)
     * into {@code gradient}. The residual is asked once per sample, in batch order.
     *
     * @param unitMask factor m_j of hidden unit j, or {@code null} for all 1
     * @param batch the sample indices n_b, b &lt; count, or {@code null} for n_b = b
     * @param f outputs, length N; entries outside the batch are left as they are
     * @param gradient length p; overwritten
     */
    void residualGradient(double[] w, double[] unitMask, int[] batch, int count, Residual residual,
            double[] f, double[] gradient);
}
