package org.noisyflow.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.noisyflow.sphere.KernelSpectrum;

class ZonalKernelMatrixTest {

    /**
     * Row sums of the Galerkin matrix are V_i &int; W d&sigma;, because summing over j integrates
     * y over the whole sphere. For the repulsion the integral is {@link GaussianRepulsion#total()},
     * checked in closed form at d = 3 elsewhere. The quadrature resolves the kernel, so the
     * sums agree to 1e-11 relative.
     */
    @ParameterizedTest
    @CsvSource({"2, 0.1, 64", "3, 0.1, 200", "3, 0.025, 200", "4, 0.2, 100", "6, 0.3, 80"})
    void repulsionRowSums(int d, double eps, int cells) {
        ZonalGrid grid = new ZonalGrid(d, cells);
        GaussianRepulsion repulsion = new GaussianRepulsion(0.7, eps, d);
        ZonalKernelMatrix matrix = ZonalKernelMatrix.of(grid, new double[] {repulsion.peak()},
                new double[] {1.0 / (eps * eps)});
        for (int i = 0; i < cells; i++) {
            double sum = 0.0;
            for (int j = 0; j < cells; j++) {
                sum += matrix.entry(i, j);
            }
            double expected = grid.measure[i] * repulsion.total();
            assertEquals(expected, sum, 1e-11 * expected, "row " + i);
        }
    }

    /**
     * For e^{gamma t} the integral over the sphere is |S^{d-1}| Gamma(d/2) (2/gamma)^{d/2-1}
     * I_{d/2-1}(gamma), the degree-0 Funk-Hecke coefficient: 2 pi I_0(gamma) at d = 2 and
     * 4 pi sinh(gamma)/gamma at d = 3.
     */
    @ParameterizedTest
    @CsvSource({"2, 3.0", "3, 4.0", "5, 1.5"})
    void transformerRowSums(int d, double gamma) {
        ZonalGrid grid = new ZonalGrid(d, 60);
        ZonalKernelMatrix matrix = ZonalKernelMatrix.of(grid, new double[] {Math.exp(gamma)}, new double[] {gamma});
        double total = -SphereGeometry.sphereArea(d - 1) * gamma * KernelSpectrum.transformerCoefficient(d, 0, gamma);
        for (int i = 0; i < grid.cells; i++) {
            double sum = 0.0;
            for (int j = 0; j < grid.cells; j++) {
                sum += matrix.entry(i, j);
            }
            assertEquals(grid.measure[i] * total, sum, 1e-12 * grid.measure[i] * total, "row " + i);
        }
    }

    /** The matrix is symmetric by construction, which the scheme's energy dissipation relies on. */
    @ParameterizedTest
    @CsvSource({"3, 0.2", "4, 0.1"})
    void matrixIsSymmetric(int d, double eps) {
        ZonalGrid grid = new ZonalGrid(d, 50);
        ZonalKernelMatrix matrix = ZonalKernelMatrix.of(grid, new double[] {1.0}, new double[] {1.0 / (eps * eps)});
        for (int i = 0; i < grid.cells; i++) {
            for (int j = 0; j < grid.cells; j++) {
                assertEquals(matrix.entry(i, j), matrix.entry(j, i), 0.0);
            }
        }
    }
}
