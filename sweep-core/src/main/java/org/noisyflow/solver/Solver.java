package org.noisyflow.solver;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A model run for one sweep point: typed parameters and a random stream in, named observables
 * and a status out.
 *
 * <p>Implementations are pure apart from the random stream: they never print, log or write
 * files, and two runs with equal parameters and equally seeded streams return equal results.
 * Expected numerical failures (a state that becomes non-finite) are returned as a
 * {@link RunStatus#DIVERGED} result; exceptions are reserved for misuse and bugs.
 */
public interface Solver {

    /** The id used as {@code solver:} in sweep files, such as {@code sphere-particles}. */
    String id();

    /** The parameters this solver accepts, in the order of the output columns. */
    List<ParameterDef> parameters();

    /** The observable column names, in output order; all are doubles. */
    List<String> observables();

    /**
     * Checks constraints between parameters that single-parameter domains cannot express.
     * Called for every point before any run starts.
     *
     * @throws InvalidParameterException naming the offending key and value
     */
    default void validate(Parameters parameters) {
    }

    /**
     * Runs the model once.
     *
     * @param parameters values that passed {@link #validate}
     * @param random the stream for this (point, replicate); the solver may consume any amount
     */
    RunResult run(Parameters parameters, UniformRandomProvider random);
}
