package org.noisyflow.solver;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
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
     * Returns the observable columns of a sweep whose parameters take the given values. The
     * default is {@link #observables()}; a solver with one column per feature or unit overrides
     * it to size the table for the largest point.
     *
     * @param values every value each parameter takes in the sweep, by parameter name
     */
    default List<String> observables(Map<String, List<Object>> values) {
        return observables();
    }

    /**
     * Returns the text observable columns, which follow the numeric ones in the output; empty by
     * default.
     */
    default List<String> labelColumns() {
        return List.of();
    }

    /**
     * Returns the name of the table of trajectory records, {@code trajectories} by default; a
     * solver whose records are not in time, such as a continuation branch, names its own.
     */
    default String trajectoryTable() {
        return "trajectories";
    }

    /**
     * Returns the trajectory columns of a sweep whose parameters take the given values, starting
     * with {@code step}; empty (the default) for solvers that record no trajectory. All columns
     * are doubles, and the Spark job writes {@code step} as an integer key.
     */
    default List<String> trajectoryColumns(Map<String, List<Object>> values) {
        return List.of();
    }

    /**
     * Returns the given parameters that do not apply at this point, each with the reason, such as
     * {@code gamma} for a kernel other than the transformer's. The spec layer sets them to null at
     * such points, so that one sweep can mix cases, and rejects a parameter that applies at no
     * point of the sweep, with the reason as the message.
     */
    default Map<String, String> inapplicable(Parameters parameters) {
        return Map.of();
    }

    /**
     * Checks constraints between parameters that single-parameter domains cannot express.
     * Called for every point before any run starts.
     *
     * @throws InvalidParameterException naming the offending key and value
     */
    default void validate(Parameters parameters) {
    }

    /**
     * Returns the value of the swept parameter {@code axis} at which theory puts the transition
     * of a slice, such as the linear-stability threshold of the uniform state, or empty when the
     * solver has no prediction for that axis.
     *
     * @param slice the slice's values of the other parameters, by name; null where one does not apply
     */
    default OptionalDouble predictedTransition(String axis, Map<String, Object> slice) {
        return OptionalDouble.empty();
    }

    /**
     * Returns the value of {@code axis} at which the solver's own theory puts the boundary of a
     * slice, such as the first-order transition of the state of least free energy, or empty when
     * it has none. Refinement tables and pictures show it beside the located boundary. The
     * default is {@link #predictedTransition}.
     */
    default OptionalDouble theoryBoundary(String axis, Map<String, Object> slice) {
        return predictedTransition(axis, slice);
    }

    /**
     * Returns an estimate of the work of one run at these parameters, in arbitrary units that are
     * comparable between points of one solver only, such as pairs times dimension times steps for
     * particles. The planner balances tasks by it; the default counts every run alike.
     */
    default double relativeCost(Parameters parameters) {
        return 1.0;
    }

    /**
     * Runs the model once.
     *
     * @param parameters values that passed {@link #validate}
     * @param random the stream for this (point, replicate); the solver may consume any amount
     */
    RunResult run(Parameters parameters, UniformRandomProvider random);
}
