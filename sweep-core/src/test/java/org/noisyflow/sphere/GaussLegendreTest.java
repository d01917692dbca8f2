package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussLegendreTest {

    /** The rules against commons-math3's, an independent implementation, for small n. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 12, 31})
    void matchesCommonsMath(int n) {
        GaussIntegrator reference = new GaussIntegratorFactory().legendre(n, -1.0, 1.0);
        double[][] rule = GaussLegendre.rule(n);
        for (int i = 0; i < n; i++) {
            assertEquals(reference.getPoint(i), rule[0][i], 1e-14, "node " + i);
            assertEquals(reference.getWeight(i), rule[1][i], 1e-14, "weight " + i);
        }
    }

    /** Checks that an n-point rule integrates x^j exactly for j &lt; 2n: 2/(j+1) for even j, 0 for odd. */
    @ParameterizedTest
    @ValueSource(ints = {10, 100, 400})
    void exactForPolynomials(int n) {
        double[][] rule = GaussLegendre.rule(n);
        for (int j = 0; j < Math.min(2 * n, 60); j++) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += rule[1][i] * Math.pow(rule[0][i], j);
            }
            double expected = j % 2 == 0 ? 2.0 / (j + 1) : 0.0;
            assertEquals(expected, sum, 1e-13, "x^" + j);
        }
    }
}
