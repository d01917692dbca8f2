package org.noisyflow.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SphereGeometryTest {

    /**
     * For p = 1 the substitution u = cos(psi) gives &int;_{-1}^1 e^{a(u-1)} du = (1 - e^{-2a})/a,
     * and for p = 3 two integrations by parts of e^{a(u-1)} (1 - u^2) give
     * 2/a^2 - 2/a^3 + e^{-2a} (2/a^2 + 2/a^3). The 64-node rule is good to a few ulps, so the
     * tolerance is 1e-14 relative. The values of a include 12.5 to 16, where a cut at the angle
     * (sqrt(p) + 10)/sqrt(a) in place of the chord loses 3e-13.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 5.0, 10.0, 12.5, 13.0, 14.0, 15.0, 16.0, 50.0, 1e3, 1e6})
    void exponentialIntegralMatchesClosedForms(double a) {
        double exactP1 = -Math.expm1(-2.0 * a) / a;
        double exactP3 = 2.0 / (a * a) - 2.0 / (a * a * a) + Math.exp(-2.0 * a) * (2.0 / (a * a) + 2.0 / (a * a * a));

        assertEquals(exactP1, SphereGeometry.exponentialIntegral(a, 1), 1e-14 * exactP1);
        assertEquals(exactP3, SphereGeometry.exponentialIntegral(a, 3), 1e-14 * exactP3);
    }

    /** At d = 64 the power (2 pi eps^2)^{-63/2} overflows for eps = 1e-6, so only the c = 0 branch gives 0. */
    @Test
    void zeroStrengthRepulsionHasZeroPeak() {
        GaussianRepulsion repulsion = new GaussianRepulsion(0.0, 1e-6, 64);

        assertEquals(0.0, repulsion.peak());
        assertEquals(0.0, repulsion.value(0.5));
    }
}
