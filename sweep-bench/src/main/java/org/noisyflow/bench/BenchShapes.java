package org.noisyflow.bench;

/** Parses the sizes that benchmarks take as one JMH parameter, such as "1000x16". */
final class BenchShapes {
    private BenchShapes() {
    }

    /** Returns the positive integers of {@code shape}, which are separated by 'x'. */
    static int[] parse(String shape) {
        String[] parts = shape.split("x");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid shape '" + shape
                        + "': expected positive integers separated by 'x', such as 1000x16", e);
            }
            if (sizes[i] <= 0) {
                throw new IllegalArgumentException("invalid shape '" + shape + "': size " + sizes[i]
                        + " is not positive");
            }
        }
        return sizes;
    }

    /** Returns the sizes of {@code shape}, which must have exactly {@code count} of them. */
    static int[] parse(String shape, int count) {
        int[] sizes = parse(shape);
        if (sizes.length != count) {
            throw new IllegalArgumentException("invalid shape '" + shape + "': expected " + count
                    + " sizes separated by 'x', got " + sizes.length);
        }
        return sizes;
    }
}
