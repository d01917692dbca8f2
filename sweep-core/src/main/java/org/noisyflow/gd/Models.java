package org.noisyflow.gd;

import java.util.List;

/** The models of the {@code noisy-gd} solver, by sweep-file id. */
final class Models {
    static final List<String> IDS = List.of("product", "two-unit", "valley", "diagonal-net", "tanh-net");
    /** Models that read a regression data set: inline as data, or generated. */
    static final List<String> DATA_MODELS = List.of("diagonal-net", "tanh-net");
    static final int DEFAULT_SAMPLES = 1;
    static final int DEFAULT_VALLEY_DIM = 2;
    static final int DEFAULT_WIDTH = 4;
    static final int DEFAULT_SPARSITY = 1;

    private Models() {
    }

    /** Returns the inputs x_n = 2n/(N+1), n = 1..N, of the product and two-unit models: mean near 1. */
    static double[] evenInputs(int samples) {
        double[] x = new double[samples];
        for (int n = 0; n < samples; n++) {
            x[n] = 2.0 * (n + 1) / (samples + 1);
        }
        return x;
    }

    /** Creates the model that the parameters name, with its data set. */
    static Model create(org.noisyflow.solver.Parameters p) {
        String id = p.choice("model");
        Integer samples = p.has("samples") ? p.intValue("samples") : null;
        return switch (id) {
            case "product" -> new ProductModel(samples == null ? DEFAULT_SAMPLES : samples);
            case "two-unit" -> new TwoUnitModel(samples == null ? DEFAULT_SAMPLES : samples);
            case "valley" -> new ValleyModel(p.has("dim") ? p.intValue("dim") : DEFAULT_VALLEY_DIM);
            case "diagonal-net" -> new DiagonalNetModel(data(p, true));
            case "tanh-net" -> new TanhNetModel(data(p, false),
                    p.has("width") ? p.intValue("width") : DEFAULT_WIDTH, dataSeed(p));
            default -> throw new IllegalArgumentException("unknown model '" + id + "'; expected one of " + IDS);
        };
    }

    /** Returns the inline data set, or generates one from samples, features and data_seed. */
    private static RegressionData data(org.noisyflow.solver.Parameters p, boolean sparseLinear) {
        if (p.has("data")) {
            return RegressionData.parse((String) p.get("data"));
        }
        int samples = p.intValue("samples");
        int features = p.intValue("features");
        if (sparseLinear) {
            int sparsity = p.has("sparsity") ? p.intValue("sparsity") : DEFAULT_SPARSITY;
            return RegressionData.sparseLinear(samples, features, sparsity, dataSeed(p));
        }
        return RegressionData.randomTargets(samples, features, dataSeed(p));
    }

    private static long dataSeed(org.noisyflow.solver.Parameters p) {
        return p.has("data_seed") ? p.integer("data_seed") : 0L;
    }
}
