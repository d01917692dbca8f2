package org.noisyflow.sphere;

import java.util.Arrays;

/**
 * Pair sums in plain Java, each pair i &lt; j visited once: both particles of a pair share the
 * coupling c(t_ij), and the projection enters through P_{x_i} x_j = x_j - t_ij x_i, so the
 * tangential parts sum as scalars and no per-pair projection is needed.
 */
final class ScalarPairSum implements PairSum {

    private final int n;
    private final int d;
    private final ZonalKernel kernel;
    private final double[] pairSum;
    private final double[] tangentialSum;
    private final double[] row;
    private final double[] dots;

    ScalarPairSum(int n, int d, ZonalKernel kernel) {
        this.n = n;
        this.d = d;
        this.kernel = kernel;
        this.pairSum = new double[n * d];
        this.tangentialSum = new double[n];
        this.row = new double[n];
        this.dots = new double[n];
    }

    @Override
    public void drift(double[] x, double[] out) {
        Arrays.fill(pairSum, 0.0);
        Arrays.fill(tangentialSum, 0.0);
        for (int i = 0; i < n - 1; i++) {
            int oi = i * d;
            for (int j = i + 1; j < n; j++) {
                double t = dot(x, oi, j * d);
                dots[j] = t;
                row[j] = t;
            }
            kernel.couplings(row, i + 1, n);
            if (kernel.needsSine()) {
                ChordSine.refine(kernel, x, d, oi, dots, row, i + 1, n);
            }
            double tangentialI = 0.0;
            for (int j = i + 1; j < n; j++) {
                double c = row[j];
                if (c == 0.0) {
                    continue;
                }
                double ct = c * dots[j];
                tangentialI += ct;
                tangentialSum[j] += ct;
                int oj = j * d;
                for (int k = 0; k < d; k++) {
                    pairSum[oi + k] += c * x[oj + k];
                    pairSum[oj + k] += c * x[oi + k];
                }
            }
            tangentialSum[i] += tangentialI;
        }
        double invN = 1.0 / n;
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            for (int k = 0; k < d; k++) {
                out[oi + k] = invN * (pairSum[oi + k] - tangentialSum[i] * x[oi + k]);
            }
        }
    }

    private double dot(double[] x, int oi, int oj) {
        double s = 0.0;
        for (int k = 0; k < d; k++) {
            s += x[oi + k] * x[oj + k];
        }
        return s;
    }
}
