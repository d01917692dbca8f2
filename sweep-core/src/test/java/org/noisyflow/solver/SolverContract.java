package org.noisyflow.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.noisyflow.random.StreamSeeds;

/**
 * Tests every solver must pass. A subclass supplies the solver and one small, cheap set of
 * parameters. Any test that prints to standard output or error fails, because solvers must not print.
 */
public abstract class SolverContract {
    private PrintStream savedOut;
    private PrintStream savedErr;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    /** The solver under test. */
    protected abstract Solver solver();

    /** Parameters for a run that takes well under a second. */
    protected abstract Parameters smallParameters();

    /** Returns whether the solver draws from its random stream; deterministic solvers override it. */
    protected boolean usesRandomness() {
        return true;
    }

    @BeforeEach
    void capturePrinting() {
        savedOut = System.out;
        savedErr = System.err;
        PrintStream capture = new PrintStream(printed, true);
        System.setOut(capture);
        System.setErr(capture);
    }

    @AfterEach
    void failOnPrinting() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        assertEquals("", printed.toString(), "a solver printed");
    }

    @Test
    void idIsLowerCaseWords() {
        assertTrue(solver().id().matches("[a-z0-9]+(-[a-z0-9]+)*"), solver().id());
    }

    @Test
    void namesAreUnique() {
        Set<String> names = new HashSet<>();
        for (ParameterDef def : solver().parameters()) {
            assertTrue(names.add(def.name()), "duplicate parameter " + def.name());
        }
        for (String observable : solver().observables()) {
            assertTrue(names.add(observable), "observable clashes: " + observable);
        }
    }

    @Test
    void smallRunReturnsDeclaredObservables() {
        Parameters p = smallParameters();
        solver().validate(p);
        RunResult result = solver().run(p, StreamSeeds.stream(1));
        assertEquals(RunStatus.OK, result.status(), result.message());
        // A run may leave out observables that do not apply to it; those become null columns.
        for (String name : result.observables().keySet()) {
            assertTrue(solver().observables().contains(name), "undeclared observable " + name);
        }
        long computed = 0;
        for (Double value : result.observables().values()) {
            // Null marks an observable that does not apply to these parameters.
            if (value != null) {
                assertTrue(Double.isFinite(value), result.observables().toString());
                computed++;
            }
        }
        assertTrue(computed > 0, "no observable computed");
    }

    @Test
    void sameSeedGivesSameResult() {
        Parameters p = smallParameters();
        assertEquals(solver().run(p, StreamSeeds.stream(7)), solver().run(p, StreamSeeds.stream(7)));
    }

    @Test
    void otherSeedGivesOtherResult() {
        org.junit.jupiter.api.Assumptions.assumeTrue(usesRandomness(), "deterministic solver");
        Parameters p = smallParameters();
        assertNotEquals(solver().run(p, StreamSeeds.stream(7)).observables(),
                solver().run(p, StreamSeeds.stream(8)).observables());
    }
}
