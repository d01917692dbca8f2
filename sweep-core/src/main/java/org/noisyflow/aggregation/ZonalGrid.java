package org.noisyflow.aggregation;

import org.noisyflow.sphere.GaussLegendre;

/**
 * A uniform grid in the polar angle theta &isin; [0, pi] for densities on S^{d-1} that depend on
 * theta only, with exact cell measures: a zonal function integrates as
 * &int; f d&sigma; = A &int;_0^&pi; f(theta) sin^{d-2}(theta) dtheta with A = |S^{d-2}|.
 *
 * <p>Cell i (0-based) is [i, i+1] &Delta;theta with &Delta;theta = pi/cells. Its measure V_i and
 * first moment C_i = A &int;_{cell} cos(theta) sin^{d-2}(theta) dtheta are integrated per cell by
 * Gauss-Legendre, exact to round-off, so that the pole cells, where sin^{d-2} is far from
 * its value at the centre, carry their true weight.
 */
final class ZonalGrid {
    private static final int CELL_NODES = 16;

    final int d;
    final int cells;
    final double width;
    /** A = |S^{d-2}|, 2 at d = 2. */
    final double tangentArea;
    final double[] centre;
    final double[] measure;
    final double[] moment;
    /** sin^{d-2} at the faces, faceWeight[k] at theta = k &Delta;theta for k = 0..cells. */
    final double[] faceWeight;
    /**
     * min_i V_i / (A (s_{i-1/2} + s_{i+1/2})): the length that bounds an explicit step, about
     * &Delta;theta/2 inside and &Delta;theta/(d-1) in the pole cells.
     */
    final double stepLength;

    ZonalGrid(int d, int cells) {
        this.d = d;
        this.cells = cells;
        this.width = Math.PI / cells;
        this.tangentArea = SphereGeometry.sphereArea(d - 2);
        this.centre = new double[cells];
        this.measure = new double[cells];
        this.moment = new double[cells];
        this.faceWeight = new double[cells + 1];
        for (int k = 0; k <= cells; k++) {
            faceWeight[k] = sineWeight(k * width);
        }
        double shortest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cells; i++) {
            centre[i] = (i + 0.5) * width;
            double[][] rule = GaussLegendre.rule(CELL_NODES, i * width, (i + 1) * width);
            double v = 0.0;
            double c = 0.0;
            for (int q = 0; q < CELL_NODES; q++) {
                double s = rule[1][q] * sineWeight(rule[0][q]);
                v += s;
                c += s * Math.cos(rule[0][q]);
            }
            measure[i] = tangentArea * v;
            moment[i] = tangentArea * c;
            shortest = Math.min(shortest, measure[i] / (tangentArea * (faceWeight[i] + faceWeight[i + 1])));
        }
        this.stepLength = shortest;
    }

    /** Returns sin^{d-2}(theta). */
    double sineWeight(double theta) {
        return d == 2 ? 1.0 : Math.pow(Math.sin(theta), d - 2);
    }

    /** Returns &Sigma; V_i rho_i, the mass of a piecewise-constant density. */
    double mass(double[] rho) {
        double sum = 0.0;
        for (int i = 0; i < cells; i++) {
            sum += measure[i] * rho[i];
        }
        return sum;
    }

    /** Returns &Sigma; C_i rho_i, the component of the first moment along the north pole. */
    double firstMoment(double[] rho) {
        double sum = 0.0;
        for (int i = 0; i < cells; i++) {
            sum += moment[i] * rho[i];
        }
        return sum;
    }
}
