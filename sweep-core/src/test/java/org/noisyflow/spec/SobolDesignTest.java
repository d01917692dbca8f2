package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.exception.OutOfRangeException;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;
import org.noisyflow.solver.ParameterDef;

class SobolDesignTest {

    static String design(long count) {
        return """
                - sobol:
                    count: %d
                    parameters:
                      beta: {low: 0.5, high: 4.5}
                      dt: {low: 1.0e-4, high: 0.1, log: true}
                      n: {low: 10, high: 1000}""".formatted(count);
    }

    static SobolDesign sobol(long seed, long count) {
        return (SobolDesign) GroupSpecs.firstDesign(GroupSpecs.design(seed, design(count)));
    }

    /**
     * The first 2^k points of each Sobol dimension have distinct leading k bits, and the digital
     * shift permutes the intervals [j/2^k, (j+1)/2^k). So each interval contains exactly one
     * point. The products u 2^k are exact, because every coordinate
     * is a multiple of 2^-52.
     */
    @Test
    void eachDimensionHasOnePointPerInterval() {
        for (int k = 0; k <= 10; k++) {
            long n = 1L << k;
            SobolDesign design = sobol(31, n);
            for (int d = 0; d < 3; d++) {
                int[] hits = new int[(int) n];
                for (long i = 0; i < n; i++) {
                    hits[(int) Math.floor(design.unitPoint(i)[d] * n)]++;
                }
                for (int j = 0; j < n; j++) {
                    assertEquals(1, hits[j], "dimension " + d + ", interval " + j + " of 2^" + k);
                }
            }
        }
    }

    /**
     * The first two Sobol dimensions form a (0, k, 2)-net in base 2, which a digital shift keeps:
     * every box [a/2^p, (a+1)/2^p) x [b/2^q, (b+1)/2^q) with p + q = k contains exactly one of the
     * first 2^k points.
     */
    @Test
    void firstTwoDimensionsFormNet() {
        for (int k = 1; k <= 10; k++) {
            long n = 1L << k;
            SobolDesign design = sobol(32, n);
            for (int p = 0; p <= k; p++) {
                int q = k - p;
                int[][] hits = new int[1 << p][1 << q];
                for (long i = 0; i < n; i++) {
                    double[] u = design.unitPoint(i);
                    hits[(int) Math.floor(u[0] * (1 << p))][(int) Math.floor(u[1] * (1 << q))]++;
                }
                for (int a = 0; a < 1 << p; a++) {
                    for (int b = 0; b < 1 << q; b++) {
                        assertEquals(1, hits[a][b], "box (" + a + ", " + b + ") for p = " + p + ", q = " + q);
                    }
                }
            }
        }
    }

    /**
     * A digital shift XORs the same bits into every point of a dimension: unit coordinate XOR
     * Commons Math's unshifted coordinate is one constant per dimension, and it is not zero.
     */
    @Test
    void shiftIsOneXorPerDimension() {
        SobolDesign design = sobol(33, 64);
        SobolSequenceGenerator plain = new SobolSequenceGenerator(3);
        List<Long> shifts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            double[] raw = plain.nextVector();
            double[] unit = design.unitPoint(i);
            for (int d = 0; d < 3; d++) {
                long shift = (long) (raw[d] * 0x1p52) ^ (long) (unit[d] * 0x1p52);
                if (i == 0) {
                    shifts.add(shift);
                    assertNotEquals(0L, shift, "dimension " + d);
                }
                assertEquals(shifts.get(d), shift, "point " + i + ", dimension " + d);
            }
        }
    }

    @Test
    void seedDecidesShift() {
        double[] first = sobol(34, 16).unitPoint(5);
        double[] again = sobol(34, 16).unitPoint(5);
        double[] other = sobol(35, 16).unitPoint(5);
        for (int d = 0; d < 3; d++) {
            assertEquals(first[d], again[d]);
            assertNotEquals(first[d], other[d]);
        }
    }

    @Test
    void sampleDecodedAloneMatchesIteration() {
        var iterated = GroupSpecs.parametersOf(GroupSpecs.design(36, design(128)));
        for (long i : new long[] {0, 77, 127}) {
            SweepSpec fresh = GroupSpecs.design(36, design(128));
            assertEquals(iterated.get((int) i), fresh.points().point(i).parameters(), "sample " + i);
        }
        var longer = GroupSpecs.parametersOf(GroupSpecs.design(36, design(256)));
        assertEquals(iterated, longer.subList(0, 128), "a larger count keeps the first samples");
    }

    @Test
    void countNotPowerOfTwoWarns() {
        SweepSpec unbalanced = GroupSpecs.design(1, design(100));
        assertEquals(1, unbalanced.warnings().size());
        String warning = unbalanced.warnings().get(0);
        assertTrue(warning.contains("'groups[0].sobol.count'"), warning);
        assertTrue(warning.contains("first 64"), warning);
        assertTrue(warning.contains("Use 64 or 128"), warning);
        assertEquals(List.of(), GroupSpecs.design(1, design(128)).warnings());
    }

    /** conf/heisenberg-sobol.yaml: 64 Sobol points, of which the band d/3 <= beta <= 3d keeps 39. */
    @Test
    void exampleSweepFileKeepsBand() {
        SweepSpec spec = SpecParser.parse(Path.of("../conf/heisenberg-sobol.yaml"));
        assertEquals(64, spec.points().rawCount());
        assertEquals(39, spec.points().count());
        assertEquals(List.of(), spec.warnings());
        for (Point point : spec.points()) {
            double beta = point.parameters().real("beta");
            long d = point.parameters().integer("d");
            assertTrue(beta >= d / 3.0, point.toString());
            assertTrue(beta <= 3.0 * d, point.toString());
        }
    }

    /** Commons Math 3.6.1 ships direction numbers for 1000 dimensions, the limit the design states. */
    @Test
    void dimensionLimitMatchesCommonsMath() {
        new SobolSequenceGenerator(SobolDesign.MAX_DIMENSION);
        assertThrows(OutOfRangeException.class, () -> new SobolSequenceGenerator(SobolDesign.MAX_DIMENSION + 1));
        SampledParameter beta = new SampledParameter(ParameterDef.real("beta", "test"), 1.0, 2.0, false);
        List<SampledParameter> tooMany = Collections.nCopies(SobolDesign.MAX_DIMENSION + 1, beta);
        assertThrows(IllegalArgumentException.class, () -> new SobolDesign(4, tooMany, 1, 0));
    }
}
