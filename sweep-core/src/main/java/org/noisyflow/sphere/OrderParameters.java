package org.noisyflow.sphere;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Rotation-invariant order parameters of a particle configuration, with reused workspaces.
 *
 * <ul>
 *   <li>polar order |m|, m = (1/n) &Sigma; x_i: about sqrt(1/n) for uniform points, 1 when all
 *       coincide;</li>
 *   <li>nematic order S = d/(d-1) &lambda;_max(Q), Q = (1/n) &Sigma; x_i x_i^T - I/d: 0 for the
 *       uniform state, 1 when all points lie on one axis, and equal to E[P_2(&lt;x,e&gt;)] for a
 *       state symmetric about the axis e.</li>
 * </ul>
 */
public final class OrderParameters {
    private final int d;
    private final double[] mean;
    private final double[] moment;
    private final DMatrixRMaj matrix;
    private final EigenDecomposition_F64<DMatrixRMaj> eigen;

    public OrderParameters(int d) {
        this.d = d;
        this.mean = new double[d];
        this.moment = new double[d * d];
        this.matrix = new DMatrixRMaj(d, d);
        this.eigen = DecompositionFactory_DDRM.eig(d, false, true);
    }

    /** Returns |m|; NaN or infinity if any coordinate is not finite. */
    public double magnetization(ParticleSystem system) {
        system.mean(mean);
        double sum = 0.0;
        for (int k = 0; k < d; k++) {
            sum += mean[k] * mean[k];
        }
        return Math.sqrt(sum);
    }

    /** Returns S = d/(d-1) &lambda;_max(Q). */
    public double nematicOrder(ParticleSystem system) {
        system.secondMoment(moment);
        System.arraycopy(moment, 0, matrix.data, 0, d * d);
        if (!eigen.decompose(matrix)) {
            return Double.NaN;
        }
        double largest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < eigen.getNumberOfEigenvalues(); k++) {
            largest = Math.max(largest, eigen.getEigenvalue(k).real);
        }
        return d / (d - 1.0) * (largest - 1.0 / d);
    }
}
