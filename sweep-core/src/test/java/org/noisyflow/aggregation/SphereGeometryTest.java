package org.noisyflow.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.noisyflow.sphere.KernelSpectrum;

class SphereGeometryTest {

    @Test
    void areasAndVolumesMatchClosedForms() {
        assertEquals(2.0, SphereGeometry.sphereArea(0), 1e-14);
        assertEquals(2 * Math.PI, SphereGeometry.sphereArea(1), 1e-13);
        assertEquals(4 * Math.PI, SphereGeometry.sphereArea(2), 1e-13);
        assertEquals(2 * Math.PI * Math.PI, SphereGeometry.sphereArea(3), 1e-13);
        assertEquals(2.0, SphereGeometry.ballVolume(1), 1e-14);
        assertEquals(Math.PI, SphereGeometry.ballVolume(2), 1e-14);
        assertEquals(4 * Math.PI / 3, SphereGeometry.ballVolume(3), 1e-13);
    }

    /** With sin psi as weight the integral is elementary: (1 - e^{-2a})/a. */
    @ParameterizedTest
    @ValueSource(doubles = {1e-3, 0.5, 10.0, 1600.0, 1e6})
    void exponentialIntegralWithSineWeight(double a) {
        double expected = -Math.expm1(-2 * a) / a;
        assertEquals(expected, SphereGeometry.exponentialIntegral(a, 1), 1e-13 * expected);
    }

    /** Without weight it is pi I_0(a) e^{-a}; with sin^2 it is pi I_1(a) e^{-a}/a. */
    @ParameterizedTest
    @ValueSource(doubles = {0.25, 2.0, 30.0})
    void exponentialIntegralMatchesBessel(double a) {
        double plain = Math.PI * KernelSpectrum.besselI(0, a) * Math.exp(-a);
        assertEquals(plain, SphereGeometry.exponentialIntegral(a, 0), 1e-13 * plain);
        double squared = Math.PI * KernelSpectrum.besselI(1, a) * Math.exp(-a) / a;
        assertEquals(squared, SphereGeometry.exponentialIntegral(a, 2), 1e-13 * squared);
    }

    /** At a = 0 the integral of sin^p over [0, pi] is pi/2 for p = 2 and 4/3 for p = 3. */
    @Test
    void exponentialIntegralAtZero() {
        assertEquals(Math.PI / 2, SphereGeometry.exponentialIntegral(0.0, 2), 1e-14);
        assertEquals(4.0 / 3.0, SphereGeometry.exponentialIntegral(0.0, 3), 1e-14);
    }

    /** At d = 3 the repulsion integrates to c (1 - e^{-2/eps^2}), from &int;_{-1}^{1} e^{(t-1)/eps^2} dt. */
    @ParameterizedTest
    @ValueSource(doubles = {0.025, 0.1, 0.7})
    void repulsionTotalAtDimensionThree(double eps) {
        GaussianRepulsion repulsion = new GaussianRepulsion(0.3, eps, 3);
        assertEquals(0.3 * -Math.expm1(-2 / (eps * eps)), repulsion.total(), 1e-13);
    }

    /** For small eps the total is c [1 - ((d-2)^2 - 1) eps^2/8 + O(eps^4)]: d = 5 gives c (1 - eps^2). */
    @Test
    void repulsionTotalExpansionAtDimensionFive() {
        double eps = 0.01;
        double total = new GaussianRepulsion(1.0, eps, 5).total();
        assertEquals(1.0 - eps * eps, total, 1e-7);
    }

    /**
     * For p = 1 the substitution u = cos(psi) gives &int;_{-1}^1 e^{a(u-1)} du = (1 - e^{-2a})/a,
     * and for p = 3 two integrations by parts of e^{a(u-1)} (1 - u^2) give
     * 2/a^2 - 2/a^3 + e^{-2a} (2/a^2 + 2/a^3). The 64-node rule is good to a few ulps, so the
     * tolerance is 1e-14 relative. The values of a include 12.5 to 16, where too short a cut of the
     * range would lose 3e-13.
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
