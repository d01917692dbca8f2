package org.noisyflow.solver;

/** Value type of a solver parameter, and so of its column in the output tables. */
public enum ParameterType {
    /** A finite double. */
    REAL,
    /** A 64-bit integer. */
    INTEGER,
    /** One string out of a fixed set. */
    CHOICE
}
