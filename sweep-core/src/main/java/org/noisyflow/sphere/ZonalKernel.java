package org.noisyflow.sphere;

import java.util.List;
import org.noisyflow.simd.ArrayMath;

/**
 * An interaction kernel W(t) of t = &lt;x, y&gt; between two points of the unit sphere.
 *
 * <p>The particle drift needs the coupling c(t) = -W'(t): particle i feels
 * (1/n) &Sigma;_j c(t_ij) P_{x_i} x_j, where P_x = I - x x^T projects onto the tangent space.
 * Kernels whose drift can be summed in O(n d) or O(n d^2) also override {@link #meanFieldDrift}.
 */
public abstract class ZonalKernel {

    /** Kernel ids accepted by the {@code kernel} parameter. */
    public static final List<String> IDS =
            List.of("heisenberg", "transformer", "maier-saupe", "onsager", "opinion", "gegenbauer");

    /**
     * Creates a kernel.
     *
     * @param id one of {@link #IDS}
     * @param gamma the transformer kernel's attention parameter; ignored by the others
     * @param d the ambient dimension (Maier-Saupe's P_2 depends on it)
     */
    public static ZonalKernel of(String id, double gamma, int d) {
        return of(id, gamma, Double.NaN, 0, d);
    }

    /**
     * Creates a kernel.
     *
     * @param id one of {@link #IDS}
     * @param gamma the transformer kernel's attention parameter; ignored by the others
     * @param radius the opinion kernel's geodesic confidence radius in (0, pi]; ignored otherwise
     * @param mode the degree k of the gegenbauer kernel W = -P_k; ignored otherwise
     * @param d the ambient dimension
     */
    public static ZonalKernel of(String id, double gamma, double radius, int mode, int d) {
        return switch (id) {
            case "heisenberg" -> new Heisenberg();
            case "transformer" -> new Transformer(gamma);
            case "maier-saupe" -> new MaierSaupe(d);
            case "onsager" -> new Onsager();
            case "opinion" -> new Opinion(radius);
            case "gegenbauer" -> new GegenbauerMode(d, mode);
            default -> throw new IllegalArgumentException(
                    "unknown kernel '" + id + "'; expected one of " + IDS);
        };
    }

    /** Returns the geodesic angle where W stops varying, or pi if it varies everywhere. */
    public double support() {
        return Math.PI;
    }

    /** Returns W(t). */
    public abstract double potential(double t);

    /**
     * Replaces {@code t[j]} by the coupling c(t[j]) = -W'(t[j]) for j in [from, to).
     * A kernel with a singular derivative returns the coupling of its bounded pair force.
     */
    public abstract void couplings(double[] t, int from, int to);

    /**
     * Returns whether the coupling depends on sqrt(1 - t^2), which loses all digits when computed
     * from t near &plusmn;1; then the pair loop passes the sine from chord lengths to
     * {@link #couplingFromSine}.
     */
    public boolean needsSine() {
        return false;
    }

    /** Returns the coupling for a pair with &lt;x,y&gt; = t and |P_x y| = sine. */
    public double couplingFromSine(double t, double sine) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not use the sine");
    }

    /**
     * Returns r when the coupling is c(t) = e^{r t}, which the vectorised pair sum evaluates with
     * a vector exponential, and NaN for every other kernel.
     */
    double exponentialRate() {
        return Double.NaN;
    }

    /**
     * Writes the drift of every particle computed through a mean field, if this kernel has one.
     *
     * @param x positions, n&times;d row-major, unit rows; not modified
     * @param n number of particles
     * @param d dimension
     * @param drift output, n&times;d row-major
     * @param work scratch of at least d&times;d + d doubles
     * @return false if the kernel has no mean-field form and the caller must sum pairs
     */
    public boolean meanFieldDrift(double[] x, int n, int d, double[] drift, double[] work) {
        return false;
    }

    /** W(t) = -t. Its drift is P_{x_i} m with m the mean of all positions. */
    static final class Heisenberg extends ZonalKernel {
        @Override
        public double potential(double t) {
            return -t;
        }

        @Override
        public void couplings(double[] t, int from, int to) {
            for (int j = from; j < to; j++) {
                t[j] = 1.0;
            }
        }

        @Override
        public boolean meanFieldDrift(double[] x, int n, int d, double[] drift, double[] work) {
            java.util.Arrays.fill(work, 0, d, 0.0);
            for (int i = 0; i < n; i++) {
                int oi = i * d;
                for (int k = 0; k < d; k++) {
                    work[k] += x[oi + k];
                }
            }
            for (int k = 0; k < d; k++) {
                work[k] /= n;
            }
            for (int i = 0; i < n; i++) {
                int oi = i * d;
                double tangential = 0.0;
                for (int k = 0; k < d; k++) {
                    tangential += work[k] * x[oi + k];
                }
                for (int k = 0; k < d; k++) {
                    drift[oi + k] = work[k] - tangential * x[oi + k];
                }
            }
            return true;
        }
    }

    /** W(t) = -e^{gamma t}/gamma, the unnormalised self-attention kernel. */
    static final class Transformer extends ZonalKernel {
        private final double gamma;

        Transformer(double gamma) {
            this.gamma = gamma;
        }

        @Override
        public double potential(double t) {
            return -Math.exp(gamma * t) / gamma;
        }

        @Override
        public void couplings(double[] t, int from, int to) {
            for (int j = from; j < to; j++) {
                t[j] = Math.exp(gamma * t[j]);
            }
        }

        @Override
        double exponentialRate() {
            return gamma;
        }
    }

    /**
     * W(t) = -P_2(t) = -(d t^2 - 1)/(d - 1). Its drift is (2d/(d-1)) P_{x_i} M x_i with M the
     * mean of x_j x_j^T.
     */
    static final class MaierSaupe extends ZonalKernel {
        private final int d;
        private final double scale;

        MaierSaupe(int d) {
            this.d = d;
            this.scale = 2.0 * d / (d - 1.0);
        }

        @Override
        public double potential(double t) {
            return -(d * t * t - 1.0) / (d - 1.0);
        }

        @Override
        public void couplings(double[] t, int from, int to) {
            for (int j = from; j < to; j++) {
                t[j] = scale * t[j];
            }
        }

        @Override
        public boolean meanFieldDrift(double[] x, int n, int dim, double[] drift, double[] work) {
            secondMoment(x, n, dim, work);
            // Y = X M (n x dim), whose row i is M x_i; M is symmetric.
            java.util.Arrays.fill(drift, 0, n * dim, 0.0);
            ArrayMath.multiplyAdd(n, dim, dim, x, dim, 1, work, drift);
            for (int i = 0; i < n; i++) {
                int oi = i * dim;
                double tangential = ArrayMath.dot(drift, oi, x, oi, dim);
                for (int a = 0; a < dim; a++) {
                    drift[oi + a] = scale * (drift[oi + a] - tangential * x[oi + a]);
                }
            }
            return true;
        }

        /**
         * Writes M = (1/n) &Sigma;_i x_i x_i^T = X^T X / n into work[0, dim^2), row-major, from
         * positions x (n&times;dim, row-major).
         */
        static void secondMoment(double[] x, int n, int dim, double[] work) {
            java.util.Arrays.fill(work, 0, dim * dim, 0.0);
            ArrayMath.multiplyAdd(dim, dim, n, x, 1, dim, x, work);
            double invN = 1.0 / n;
            for (int a = 0; a < dim * dim; a++) {
                work[a] *= invN;
            }
        }
    }

    /**
     * W(t) = sqrt(1 - t^2), Onsager's excluded volume of thin rods. W' is singular at t = &plusmn;1
     * but the pair force -W'(t) P_x y = t (P_x y)/|P_x y| has norm |t| &le; 1, because
     * |P_x y| = sqrt(1 - t^2) for unit x, y. The coupling is t/sqrt(1 - t^2), and 0 where
     * sqrt(1 - t^2) &lt; 1e-12 (the pair's direction is undefined there).
     */
    static final class Onsager extends SineKernel {
        @Override
        public double potential(double t) {
            return Math.sqrt(Math.max(0.0, (1.0 - t) * (1.0 + t)));
        }

        @Override
        public double couplingFromSine(double t, double sine) {
            return sine < MIN_SINE ? 0.0 : t / sine;
        }
    }

    /**
     * A kernel whose coupling divides by sin(theta) = sqrt(1 - t^2) while its pair force stays
     * bounded; pairs with a sine below {@link #MIN_SINE} have no defined direction and get 0.
     */
    abstract static class SineKernel extends ZonalKernel {
        static final double MIN_SINE = 1e-12;

        @Override
        public void couplings(double[] t, int from, int to) {
            for (int j = from; j < to; j++) {
                t[j] = couplingFromSine(t[j], Math.sqrt(Math.max(0.0, (1.0 - t[j]) * (1.0 + t[j]))));
            }
        }

        @Override
        public boolean needsSine() {
            return true;
        }
    }

    /**
     * Bounded-confidence opinion dynamics: W(t) = -(1/2) (R - arccos t)_+^2 with geodesic radius R.
     * The pair force -W'(t) P_x y = (R - theta)_+ (P_x y)/|P_x y| has norm at most R, so the
     * coupling is (R - theta)_+ / sin(theta), taken as 0 where sin(theta) &lt; 1e-12.
     */
    static final class Opinion extends SineKernel {
        private final double radius;

        Opinion(double radius) {
            this.radius = radius;
        }

        double radius() {
            return radius;
        }

        @Override
        public double potential(double t) {
            double gap = radius - Math.acos(Math.max(-1.0, Math.min(1.0, t)));
            return gap > 0.0 ? -0.5 * gap * gap : 0.0;
        }

        @Override
        public double couplingFromSine(double t, double sine) {
            if (sine < MIN_SINE) {
                return 0.0;
            }
            double gap = radius - Math.atan2(sine, t);
            return gap > 0.0 ? gap / sine : 0.0;
        }

        @Override
        public double support() {
            return radius;
        }
    }

    /** W(t) = -P_k(t), the Gegenbauer polynomial of degree k and dimension d: only mode k interacts. */
    static final class GegenbauerMode extends ZonalKernel {
        private final int d;
        private final int mode;

        GegenbauerMode(int d, int mode) {
            this.d = d;
            this.mode = mode;
        }

        @Override
        public double potential(double t) {
            return -Gegenbauer.value(d, mode, t);
        }

        @Override
        public void couplings(double[] t, int from, int to) {
            for (int j = from; j < to; j++) {
                t[j] = Gegenbauer.derivative(d, mode, t[j]);
            }
        }
    }
}
