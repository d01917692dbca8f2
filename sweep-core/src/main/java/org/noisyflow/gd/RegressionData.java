package org.noisyflow.gd;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.noisyflow.random.StreamSeeds;
import org.noisyflow.solver.ParameterDef;

/**
 * A small regression data set: inputs x (N&times;P, row-major) and targets y (N).
 *
 * @param x the inputs, row-major
 * @param y the targets
 * @param features P
 */
record RegressionData(double[] x, double[] y, int features) {

    int samples() {
        return y.length;
    }

    /** Reads the canonical text of a {@code data} parameter. */
    static RegressionData parse(String canonical) {
        double[][] rows = ParameterDef.parseData(canonical);
        int samples = rows.length - 1;
        int features = rows[0].length;
        double[] x = new double[samples * features];
        for (int n = 0; n < samples; n++) {
            System.arraycopy(rows[n], 0, x, n * features, features);
        }
        return new RegressionData(x, rows[samples], features);
    }

    /**
     * Generates a sparse linear data set: x_nk ~ N(0, 1) and y = x beta* with beta*_k = 1 for the
     * first {@code sparsity} features and 0 otherwise. The stream is seeded by dataSeed alone, so
     * every replicate of a point uses the same data.
     */
    static RegressionData sparseLinear(int samples, int features, int sparsity, long dataSeed) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(stream(dataSeed));
        double[] x = new double[samples * features];
        double[] y = new double[samples];
        for (int n = 0; n < samples; n++) {
            for (int k = 0; k < features; k++) {
                double value = gauss.sample();
                x[n * features + k] = value;
                if (k < sparsity) {
                    y[n] += value;
                }
            }
        }
        return new RegressionData(x, y, features);
    }

    /**
     * Generates a data set with x_nk ~ N(0, 1) and independent targets y_n ~ N(0, 1), which a
     * network with more weights than samples can still fit exactly.
     */
    static RegressionData randomTargets(int samples, int features, long dataSeed) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(stream(dataSeed));
        double[] x = new double[samples * features];
        double[] y = new double[samples];
        for (int i = 0; i < x.length; i++) {
            x[i] = gauss.sample();
        }
        for (int n = 0; n < samples; n++) {
            y[n] = gauss.sample();
        }
        return new RegressionData(x, y, features);
    }

    /** Returns the data stream: the run streams' derivation with point id -1 and replicate -1. */
    static UniformRandomProvider stream(long dataSeed) {
        return StreamSeeds.stream(StreamSeeds.streamSeed(dataSeed, -1L, -1));
    }
}
