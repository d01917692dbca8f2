package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.noisyflow.solver.Parameters;

class LatinHypercubeTest {

    static String design(long count) {
        return """
                - lhs:
                    count: %d
                    parameters:
                      beta: {low: 0.5, high: 4.5}
                      dt: {low: 1.0e-4, high: 0.1, log: true}
                      n: {low: 10, high: 100000}""".formatted(count);
    }

    /** Returns the stratum floor(u n) of a unit coordinate, in exact decimal arithmetic. */
    static int exactStratum(double u, long n) {
        return new BigDecimal(u).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    static void assertOnePerStratum(List<Integer> strata, long n, String label) {
        BitSet seen = new BitSet();
        for (int k : strata) {
            assertTrue(k >= 0, label + ": stratum " + k + " is negative");
            assertTrue(k < n, label + ": stratum " + k + " is not below n = " + n);
            assertTrue(!seen.get(k), label + ": stratum " + k + " contains two samples");
            seen.set(k);
        }
        assertEquals(n, seen.cardinality(), label + ": strata hit");
    }

    /**
     * Checks the defining property on the unit cube with exact arithmetic, and on the parameter
     * scales: beta linear on [0.5, 4.5], dt logarithmic on [1e-4, 0.1]. Counts include 1,
     * primes and non-powers of two.
     */
    @Test
    void everyStratumHoldsOneSample() {
        for (long n : new long[] {1, 2, 3, 7, 10, 64, 100, 1000, 1031}) {
            SweepSpec spec = GroupSpecs.design(11, design(n));
            LatinHypercube lhs = (LatinHypercube) GroupSpecs.firstDesign(spec);
            for (int d = 0; d < 3; d++) {
                List<Integer> strata = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    int k = exactStratum(lhs.unitPoint(i)[d], n);
                    assertEquals(lhs.stratum(i, d), k, "sample " + i + " dimension " + d);
                    strata.add(k);
                }
                assertOnePerStratum(strata, n, "unit dimension " + d + ", n = " + n);
            }
            List<Integer> beta = new ArrayList<>();
            List<Integer> dt = new ArrayList<>();
            for (Parameters p : GroupSpecs.parametersOf(spec)) {
                beta.add((int) Math.floor((p.real("beta") - 0.5) / 4.0 * n));
                dt.add((int) Math.floor(Math.log(p.real("dt") / 1.0e-4) / Math.log(1000.0) * n));
            }
            assertOnePerStratum(beta, n, "beta, n = " + n);
            assertOnePerStratum(dt, n, "dt, n = " + n);
        }
    }

    /** With as many samples as integers in [low, high], the floor rule gives each integer once. */
    @Test
    void integerParameterTakesEachValueOnce() {
        String design = """
                - lhs:
                    count: 100
                    parameters:
                      n: {low: 10, high: 109}
                      beta: {low: 1.0, high: 2.0}""";
        SweepSpec spec = GroupSpecs.parse(GroupSpecs.PARAMETERS + "\ndt: 0.01", "{}", design);
        List<Integer> offsets = new ArrayList<>();
        for (Parameters p : GroupSpecs.parametersOf(spec)) {
            offsets.add((int) (p.integer("n") - 10));
        }
        assertOnePerStratum(offsets, 100, "n");
    }

    @Test
    void seedDecidesSamples() {
        List<Parameters> first = GroupSpecs.parametersOf(GroupSpecs.design(21, design(40)));
        List<Parameters> again = GroupSpecs.parametersOf(GroupSpecs.design(21, design(40)));
        List<Parameters> other = GroupSpecs.parametersOf(GroupSpecs.design(22, design(40)));
        assertEquals(first, again);
        assertNotEquals(first, other);
        int sameBeta = 0;
        for (int i = 0; i < 40; i++) {
            sameBeta += first.get(i).real("beta") == other.get(i).real("beta") ? 1 : 0;
        }
        assertEquals(0, sameBeta, "samples with equal beta under two seeds");
    }

    @Test
    void sampleDecodedAloneMatchesIteration() {
        List<Parameters> iterated = GroupSpecs.parametersOf(GroupSpecs.design(5, design(257)));
        for (long i : new long[] {0, 128, 256}) {
            SweepSpec fresh = GroupSpecs.design(5, design(257));
            assertEquals(iterated.get((int) i), fresh.points().point(i).parameters(), "sample " + i);
        }
    }
}
