package org.noisyflow.solver;

/** Value type of a solver parameter, and so of its column in the output tables. */
public enum ParameterType {
    /** A finite double. */
    REAL,
    /** A 64-bit integer. */
    INTEGER,
    /** One string out of a fixed set. */
    CHOICE,
    /**
     * A list of finite numbers, or one name out of a fixed set. The canonical value is a string:
     * the name, or the numbers as "[a, b, ...]" in Java's shortest round-trip decimal form.
     */
    WEIGHTS,
    /**
     * A small regression data set, {x: [[...], ...], y: [...]}. The canonical value is a string,
     * the YAML flow form of the data with numbers in Java's shortest round-trip decimal form.
     */
    DATA
}
