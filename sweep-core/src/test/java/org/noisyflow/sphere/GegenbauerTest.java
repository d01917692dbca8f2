package org.noisyflow.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GegenbauerTest {

    /** E_sigma[P_k P_l] = delta_kl / N_k, by quadrature in the polar angle. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 16})
    void orthogonalWithHarmonicDimension(int d) {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(60, 0.0, Math.PI);
        int degrees = 6;
        double[][] gram = new double[degrees + 1][degrees + 1];
        double mass = 0.0;
        double[] p = new double[degrees + 1];
        for (int i = 0; i < rule.getNumberOfPoints(); i++) {
            double weight = rule.getWeight(i) * Math.pow(Math.sin(rule.getPoint(i)), d - 2);
            mass += weight;
            Gegenbauer.values(d, degrees, Math.cos(rule.getPoint(i)), p);
            for (int k = 0; k <= degrees; k++) {
                for (int l = 0; l <= degrees; l++) {
                    gram[k][l] += weight * p[k] * p[l];
                }
            }
        }
        for (int k = 0; k <= degrees; k++) {
            for (int l = 0; l <= degrees; l++) {
                double expected = k == l ? 1.0 / Gegenbauer.harmonicDimension(d, k) : 0.0;
                assertEquals(expected, gram[k][l] / mass, 1e-13, "k = " + k + ", l = " + l);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void derivativeMatchesDifference(int d) {
        for (int k = 0; k <= 5; k++) {
            for (double t : new double[] {-0.9, -0.3, 0.2, 0.7}) {
                double h = 1e-6;
                double difference = (Gegenbauer.value(d, k, t + h) - Gegenbauer.value(d, k, t - h)) / (2 * h);
                assertEquals(difference, Gegenbauer.derivative(d, k, t), 1e-8, "k = " + k + ", t = " + t);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 6})
    void normalisedAtOne(int d) {
        for (int k = 0; k <= 7; k++) {
            assertEquals(1.0, Gegenbauer.value(d, k, 1.0), 1e-14);
        }
    }
}
