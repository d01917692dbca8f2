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

    /**
     * Entries against a brute-force triple integral at d = 3: G_ij = 2 pi &int;_{cell i} &int;_{cell j}
     * &int;_0^{2 pi} e^{b(t - 1)} sin(theta) sin(phi) dpsi dphi dtheta with
     * t = cos(theta) cos(phi) + sin(theta) sin(phi) cos(psi), where 2 pi is the azimuth of x. The
     * midpoint rule in theta and phi errs by c h^2, so Richardson's (4 I(h/2) - I(h))/3 with 30 and
     * 60 nodes per cell leaves O(h^4), well below the tolerance of 1e-7. The raw rule with 60 nodes
     * errs by up to 7e-6. The rule in psi is periodic and spectrally accurate with 400
     * nodes. The entries cover the pole cell, the diagonal, a neighbour and far pairs.
     */
    @ParameterizedTest
    @CsvSource({"25, 0, 0", "25, 10, 10", "25, 10, 11", "25, 10, 14", "4, 3, 40"})
    void entriesMatchTripleIntegral(double b, int i, int j) {
        ZonalGrid grid = new ZonalGrid(3, 50);
        ZonalKernelMatrix matrix = ZonalKernelMatrix.of(grid, new double[] {1.0}, new double[] {b});
        double expected = (4 * tripleIntegral(grid, b, i, j, 60) - tripleIntegral(grid, b, i, j, 30)) / 3;
        assertEquals(expected, matrix.entry(i, j), 1e-7 * expected, "entry (" + i + ", " + j + ")");
        assertEquals(matrix.entry(i, j), matrix.entry(j, i), 1e-15 * expected, "symmetry");
    }

    /** Returns the midpoint-rule value of G_ij with the given nodes per cell and 400 in psi. */
    private static double tripleIntegral(ZonalGrid grid, double b, int i, int j, int nodes) {
        int angles = 400;
        double h = grid.width / nodes;
        double sum = 0.0;
        for (int p = 0; p < nodes; p++) {
            double theta = (i + (p + 0.5) / nodes) * grid.width;
            for (int q = 0; q < nodes; q++) {
                double phi = (j + (q + 0.5) / nodes) * grid.width;
                double inner = 0.0;
                for (int k = 0; k < angles; k++) {
                    double psi = 2 * Math.PI * (k + 0.5) / angles;
                    double t = Math.cos(theta) * Math.cos(phi) + Math.sin(theta) * Math.sin(phi) * Math.cos(psi);
                    inner += Math.exp(b * (t - 1));
                }
                sum += inner * (2 * Math.PI / angles) * Math.sin(theta) * Math.sin(phi) * h * h;
            }
        }
        return 2 * Math.PI * sum;
    }
}
