package org.noisyflow.aggregation;

import org.noisyflow.sphere.GaussLegendre;

/**
 * The Galerkin matrix G_ij = &int;_{cell i} &int;_{cell j} W(x, y) d&sigma;(x) d&sigma;(y) of a
 * zonal kernel for piecewise-constant zonal densities, so that ½ &Sigma; rho_i G_ij rho_j is the
 * exact interaction energy of such a density and (G rho)_i / V_i the cell average of W * rho.
 * G is symmetric, which makes the finite-volume scheme dissipate this energy exactly.
 *
 * <p>Kernels are sums of exponentials w(t) = a e^{b(t - 1)}, which covers the transformer
 * attraction and the Gaussian repulsion. Averaging over the circles of latitude leaves, for
 * d &ge; 3, K(theta, phi) = a |S^{d-3}| e^{b(cos(theta-phi) - 1)} J(b sin theta sin phi) with
 * J(z) = &int;_0^&pi; e^{z(cos psi - 1)} sin^{d-3} psi dpsi; for d = 2 it is
 * w(cos(theta - phi)) + w(cos(theta + phi)). The double cell integrals use a q-point
 * Gauss-Legendre rule per cell, q growing with &Delta;theta &radic;b so that the kernel's
 * width 1/&radic;b is resolved. Rows are stored as bands: entries whose kernel is below
 * {@link GaussianRepulsion#CUTOFF} of its peak on the whole cell pair are left out.
 */
final class ZonalKernelMatrix {
    /** The largest Gauss-Legendre rule per cell; {@link #nodes} above it means an unresolved kernel. */
    static final int MAX_NODES = 48;

    private final int cells;
    private final int[] first;
    private final double[][] rows;

    private ZonalKernelMatrix(int cells, int[] first, double[][] rows) {
        this.cells = cells;
        this.first = first;
        this.rows = rows;
    }

    /**
     * Builds the matrix of &Sigma;_k amplitude[k] e^{exponent[k](t - 1)} on the grid.
     *
     * @param amplitude a_k of each exponential
     * @param exponent b_k &gt; 0 of each exponential
     */
    static ZonalKernelMatrix of(ZonalGrid grid, double[] amplitude, double[] exponent) {
        int n = grid.cells;
        int bandwidth = 0;
        int nodes = 4;
        for (double b : exponent) {
            bandwidth = Math.max(bandwidth, bandwidth(grid, b));
            nodes = Math.max(nodes, Math.min(MAX_NODES, nodes(grid.width, b)));
        }
        double[][][] rule = new double[n][][];
        double[][] sine = new double[n][nodes];
        for (int i = 0; i < n; i++) {
            rule[i] = GaussLegendre.rule(nodes, i * grid.width, (i + 1) * grid.width);
            for (int q = 0; q < nodes; q++) {
                sine[i][q] = Math.sin(rule[i][0][q]);
            }
        }
        int[] first = new int[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            first[i] = Math.max(0, i - bandwidth);
            rows[i] = new double[Math.min(n, i + bandwidth + 1) - first[i]];
        }
        double scale = grid.d == 2 ? grid.tangentArea : grid.tangentArea * SphereGeometry.sphereArea(grid.d - 3);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < Math.min(n, i + bandwidth + 1); j++) {
                double sum = 0.0;
                for (int p = 0; p < nodes; p++) {
                    double theta = rule[i][0][p];
                    for (int q = 0; q < nodes; q++) {
                        double phi = rule[j][0][q];
                        double weight = rule[i][1][p] * rule[j][1][q];
                        double kernel = 0.0;
                        for (int k = 0; k < amplitude.length; k++) {
                            kernel += amplitude[k] * latitudeAverage(grid.d, exponent[k], theta, phi,
                                    sine[i][p], sine[j][q]);
                        }
                        sum += weight * kernel * (grid.d == 2 ? 1.0 : grid.sineWeight(theta) * grid.sineWeight(phi));
                    }
                }
                rows[i][j - first[i]] = scale * sum;
                rows[j][i - first[j]] = scale * sum;
            }
        }
        return new ZonalKernelMatrix(n, first, rows);
    }

    /**
     * Returns the kernel e^{b(t-1)} averaged over the circle of latitude phi seen from theta,
     * without the constant factor |S^{d-3}| (d &ge; 3), or summed over the two mirror points (d = 2).
     */
    private static double latitudeAverage(int d, double b, double theta, double phi, double sinTheta,
            double sinPhi) {
        double half = Math.sin(0.5 * (theta - phi));
        double near = Math.exp(-2.0 * b * half * half);
        if (d == 2) {
            double mirror = Math.sin(0.5 * (theta + phi));
            return near + Math.exp(-2.0 * b * mirror * mirror);
        }
        if (near == 0.0) {
            return 0.0;
        }
        return near * SphereGeometry.exponentialIntegral(b * sinTheta * sinPhi, d - 3);
    }

    /**
     * Returns the number of neighbours on each side beyond which e^{b(cos g - 1)} is below the
     * cutoff for the gap g between the cells.
     */
    /** Returns the Gauss-Legendre nodes per cell of width dtheta that resolve e^{b(t-1)}, whose width is 1/&radic;b. */
    static int nodes(double width, double b) {
        return 6 + (int) Math.ceil(3.0 * width * Math.sqrt(b));
    }

    static int bandwidth(ZonalGrid grid, double b) {
        double limit = Math.log(1.0 / GaussianRepulsion.CUTOFF) / b;
        if (limit >= 2.0) {
            return grid.cells;
        }
        double gap = Math.acos(1.0 - limit);
        return Math.min(grid.cells, (int) Math.ceil(gap / grid.width) + 1);
    }

    /** Writes (G rho)_i into out. */
    void apply(double[] rho, double[] out) {
        for (int i = 0; i < cells; i++) {
            double[] row = rows[i];
            int offset = first[i];
            double sum = 0.0;
            for (int k = 0; k < row.length; k++) {
                sum += row[k] * rho[offset + k];
            }
            out[i] = sum;
        }
    }

    /** Returns G_ij, 0 outside the band. */
    double entry(int i, int j) {
        int k = j - first[i];
        return k >= 0 && k < rows[i].length ? rows[i][k] : 0.0;
    }
}
