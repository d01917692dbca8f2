package org.noisyflow.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.noisyflow.sphere.GaussLegendre;
import org.noisyflow.sphere.Gegenbauer;
import org.noisyflow.sphere.KernelSpectrum;

/**
 * Linear growth rates of the scheme near the uniform state rho_u = M/|S^{d-1}|. A perturbation
 * rho_u (1 + delta P_l(cos theta)) grows at lambda_l = -rho_u l(l+d-2)(w_l + R_l), where w_l is
 * the attraction's Funk-Hecke coefficient and R_l that of the repulsion: c in the local limit and
 * the Gaussian's coefficient for eps &gt; 0.
 *
 * <p>At d = 3: the dot attraction has w_1 = -kappa 4 pi/3 and w_l = 0 for l &ge; 2. The
 * transformer's is w_l = -(kappa/gamma)(2 pi)^{3/2} gamma^{-1/2} I_{l+1/2}(gamma). The Gaussian
 * repulsion's is R_l = c (2 pi eps^2)^{-1} (2 pi)^{3/2} beta^{-1/2} e^{-beta} I_{l+1/2}(beta)
 * with beta = 1/eps^2, which is c(1 - eps^2) at l = 1 and c(1 - 3 eps^2 + 3 eps^4) at l = 2.
 * The test fits ln of the projection of rho - rho_u on P_l over t &isin; [0, 1] and requires 1e-3
 * relative accuracy. The spatial error on 200 cells measures 8e-5 to 5e-4 relative, and the
 * quadratic terms with delta = 1e-5 stay near 1e-5 relative.
 */
class ZonalFiniteVolumeTest {
    private static final int CELLS = 200;
    private static final double DELTA = 1e-5;

    /**
     * Rows: attraction, gamma, kappa, eps, mode. Dot: kappa = 0.5 puts mode 1 above threshold
     * (kappa_c = 3/(4 pi) = 0.2387 at c = 1); transformer: kappa = 1.25 kappa_c with
     * kappa_c = gamma^{3/2}/((2 pi)^{3/2} I_{3/2}(gamma)) = 0.06215243889 at gamma = 4.
     */
    @ParameterizedTest
    @CsvSource({
        "dot, 0, 0.5, 0, 1", "dot, 0, 0.5, 0, 2", "dot, 0, 0.5, 0, 3",
        "transformer, 4.0, 0.0776905486, 0, 1", "transformer, 4.0, 0.0776905486, 0, 2",
        "transformer, 4.0, 0.0776905486, 0, 3",
        "dot, 0, 0.5, 0.2, 1", "dot, 0, 0.5, 0.2, 2", "transformer, 4.0, 0.0776905486, 0.2, 3"})
    void growthRateMatchesFunkHecke(String attraction, double gamma, double kappa, double eps, int mode) {
        int d = 3;
        double c = 1.0;
        double uniform = 1.0 / (4 * Math.PI);
        double attractionCoefficient = "dot".equals(attraction)
                ? (mode == 1 ? -kappa * 4 * Math.PI / 3 : 0.0)
                : -kappa / gamma * Math.pow(2 * Math.PI, 1.5) / Math.sqrt(gamma) * KernelSpectrum.besselI(mode + 0.5, gamma);
        double repulsionCoefficient = c;
        if (eps > 0) {
            double beta = 1 / (eps * eps);
            repulsionCoefficient = c / (2 * Math.PI * eps * eps) * Math.pow(2 * Math.PI, 1.5) / Math.sqrt(beta)
                    * Math.exp(-beta) * KernelSpectrum.besselI(mode + 0.5, beta);
            if (mode == 1) {
                assertEquals(c * (1 - eps * eps), repulsionCoefficient, 1e-12);
            }
            if (mode == 2) {
                assertEquals(c * (1 - 3 * eps * eps + 3 * Math.pow(eps, 4)), repulsionCoefficient, 1e-12);
            }
        }
        double expected = -uniform * mode * (mode + d - 2) * (attractionCoefficient + repulsionCoefficient);

        String mapping = "{d: 3, cells: " + CELLS + ", attraction: " + attraction
                + ("dot".equals(attraction) ? "" : ", gamma: " + gamma) + ", kappa: " + kappa
                + ", repulsion_strength: " + c + ", eps: " + eps + ", t_end: 1}";
        ZonalFiniteVolume scheme = AggregationPdeSolver.scheme(AggregationPdeSolverTest.parameters(
                AggregationPdeSolver.ID, mapping));
        ZonalGrid grid = scheme.grid();
        double[] weight = modeIntegrals(grid, mode);
        double[] rho = new double[CELLS];
        for (int i = 0; i < CELLS; i++) {
            rho[i] = uniform * (1 + DELTA * weight[i] / grid.measure[i]);
        }
        scheme.setDensity(rho);
        double start = projection(scheme.density(), uniform, weight);
        double end = 1.0;
        while (scheme.time() < end) {
            scheme.step(end - scheme.time());
        }
        double measured = Math.log(projection(scheme.density(), uniform, weight) / start) / scheme.time();
        assertEquals(1.0, scheme.time(), 1e-12);
        assertTrue(Math.abs(measured - expected) <= 1e-3 * Math.abs(expected),
                "mode " + mode + ": measured " + measured + ", expected " + expected);
    }

    /** Returns &int;_{cell i} P_l(cos theta) d&sigma; for every cell. */
    private static double[] modeIntegrals(ZonalGrid grid, int mode) {
        double[] out = new double[grid.cells];
        for (int i = 0; i < grid.cells; i++) {
            double[][] rule = GaussLegendre.rule(12, i * grid.width, (i + 1) * grid.width);
            for (int q = 0; q < 12; q++) {
                double theta = rule[0][q];
                out[i] += rule[1][q] * grid.tangentArea * Math.sin(theta) * Gegenbauer.value(3, mode, Math.cos(theta));
            }
        }
        return out;
    }

    /** Returns &int; (rho - rho_u) P_l d&sigma;; subtracting rho_u first keeps the quadrature error of &int; P_l out. */
    private static double projection(double[] rho, double uniform, double[] weight) {
        double sum = 0.0;
        for (int i = 0; i < rho.length; i++) {
            sum += (rho[i] - uniform) * weight[i];
        }
        return sum;
    }
}
