package org.noisyflow.gd;

import java.util.List;

/** The models of the {@code noisy-gd} solver, by sweep-file id. */
final class Models {
    static final List<String> IDS = List.of("product", "two-unit", "valley");
    static final int DEFAULT_SAMPLES = 1;
    static final int DEFAULT_VALLEY_DIM = 2;

    private Models() {
    }

    /**
     * Creates a model.
     *
     * @param samples data-set size of product and two-unit, or null for 1
     * @param dim dimension of u in the valley model, or null for 2
     */
    static Model create(String id, Integer samples, Integer dim) {
        int n = samples == null ? DEFAULT_SAMPLES : samples;
        return switch (id) {
            case "product" -> new ProductModel(n);
            case "two-unit" -> new TwoUnitModel(n);
            case "valley" -> new ValleyModel(dim == null ? DEFAULT_VALLEY_DIM : dim);
            default -> throw new IllegalArgumentException("unknown model '" + id + "'; expected one of " + IDS);
        };
    }
}
