package org.noisyflow.aggregation;

import java.util.Arrays;

/**
 * The positivity-preserving upwind finite-volume scheme for zonal densities of
 * d rho/dt = div(rho grad xi) on S^{d-1}, with xi = W * rho + c rho (the local limit, eps = 0)
 * or xi = W * rho + W_eps * rho (the nonlocal model, eps &gt; 0).
 *
 * <p>Space: cell averages rho_i, the potential xi_i from {@link ZonalKernelMatrix} (the dot
 * attraction exactly, as -kappa m C_i / V_i with m = &Sigma; C_j rho_j), face velocities
 * u = -(xi_{i+1} - xi_i)/&Delta;theta, upwind fluxes F = s_face (u^+ rho^E_i + u^- rho^W_{i+1})
 * with minmod-limited face values (or cell values in first order), zero flux at the poles, and
 * d rho_i/dt = -A (F_{i+1/2} - F_{i-1/2}) / V_i, which conserves &Sigma; V_i rho_i exactly.
 * The semi-discrete energy E_h = ½ &Sigma; rho_i (G rho)_i - (kappa/2) m^2 + (c/2) &Sigma; V_i rho_i^2
 * satisfies dE_h/dt = -A &Delta;theta &Sigma; s_face (u^+^2 rho^E + u^-^2 rho^W) &le; 0.
 *
 * <p>Time: three-stage SSP Runge-Kutta. Every stage, an explicit Euler step, must satisfy
 * dt &le; cfl h / max|u| (positivity, h = {@link ZonalGrid#stepLength}) and the parabolic limit
 * of the repulsion, dt &le; cfl a / (c max rho). For the local term c rho, a = h &Delta;theta,
 * the explicit limit of the discrete porous-medium operator. For the repulsion of range eps the
 * operator is smoothed: on a mode of wave number k it acts like c rho k^2 e^{-eps^2 k^2/2}, at
 * most 2 c rho/(e eps^2), so a = max(h &Delta;theta, e eps^2/2). A step whose later stage breaks
 * a limit is redone with that stage's limit. Without the parabolic limit, u &rarr; 0 near
 * equilibrium lets the step grow until odd-even oscillations appear at the poles.
 */
final class ZonalFiniteVolume {
    /** Ratio of a redone step to the stage limit it broke, so that the retry passes. */
    private static final double RETRY_FACTOR = 0.9;
    /** Retries of one step, each shrinking it by at least RETRY_FACTOR; a step that needs more is reported as failed. */
    private static final int MAX_RETRIES = 50;

    private final ZonalGrid grid;
    private final ZonalKernelMatrix kernel;
    private final double dotKappa;
    private final double localStrength;
    private final double parabolicArea;
    private final double repulsion;
    private final boolean secondOrder;
    private final double cfl;

    /** The cell masses q_i = V_i rho_i: the scheme updates them by flux differences, so &Sigma; q_i changes by round-off only. */
    private double[] cellMass;
    private double time;
    private long steps;
    private final double[] rho;
    private final double[] potential;
    private final double[] interaction;
    private final double[] east;
    private final double[] west;
    private final double[] stage;
    private final double[] rate1;
    private final double[] rate2;
    private final double[] rate3;

    /**
     * @param kernel the exponential kernels (transformer attraction, repulsion of range eps), or null
     * @param dotKappa kappa of the dot attraction, 0 for none
     * @param localStrength c of the local term c rho, 0 for the nonlocal model
     * @param repulsion c of the repulsion, for the parabolic step limit
     * @param eps the repulsion range, 0 for the local limit
     */
    ZonalFiniteVolume(ZonalGrid grid, ZonalKernelMatrix kernel, double dotKappa, double localStrength,
            double repulsion, double eps, boolean secondOrder, double cfl) {
        this.grid = grid;
        this.kernel = kernel;
        this.dotKappa = dotKappa;
        this.localStrength = localStrength;
        this.repulsion = repulsion;
        this.parabolicArea = Math.max(grid.stepLength * grid.width, 0.5 * Math.E * eps * eps);
        this.secondOrder = secondOrder;
        this.cfl = cfl;
        int n = grid.cells;
        this.cellMass = new double[n];
        this.rho = new double[n];
        this.potential = new double[n];
        this.interaction = new double[n];
        this.east = new double[n];
        this.west = new double[n];
        this.stage = new double[n];
        this.rate1 = new double[n];
        this.rate2 = new double[n];
        this.rate3 = new double[n];
    }

    /** Sets the cell averages and resets time and step count. */
    void setDensity(double[] density) {
        for (int i = 0; i < grid.cells; i++) {
            cellMass[i] = grid.measure[i] * density[i];
        }
        time = 0.0;
        steps = 0;
    }

    /** Returns a copy of the cell averages rho_i. */
    double[] density() {
        double[] out = new double[grid.cells];
        for (int i = 0; i < grid.cells; i++) {
            out[i] = cellMass[i] / grid.measure[i];
        }
        return out;
    }

    /** Returns &Sigma; V_i rho_i. */
    double mass() {
        double sum = 0.0;
        for (double q : cellMass) {
            sum += q;
        }
        return sum;
    }

    double time() {
        return time;
    }

    long steps() {
        return steps;
    }

    ZonalGrid grid() {
        return grid;
    }

    /** Returns E_h of the current density. */
    double energy() {
        double[] state = density();
        double e = 0.0;
        if (kernel != null) {
            kernel.apply(state, interaction);
            for (int i = 0; i < grid.cells; i++) {
                e += 0.5 * state[i] * interaction[i];
            }
        }
        double m = grid.firstMoment(state);
        e -= 0.5 * dotKappa * m * m;
        if (localStrength > 0) {
            for (int i = 0; i < grid.cells; i++) {
                e += 0.5 * localStrength * grid.measure[i] * state[i] * state[i];
            }
        }
        return e;
    }

    /**
     * Advances by one SSP-RK3 step of at most maxStep, in the Butcher form
     * q + dt (L1 + L2 + 4 L3)/6 with stages q + dt L1 and q + dt (L1 + L2)/4. Adding increments to
     * q keeps the mass. The convex form q/3 + 2(...)/3 would lose 1e-16 per step, because
     * 1/3 + 2/3 is not 1 in binary floating point.
     *
     * @return the step taken, or NaN when the state became non-finite or no step met the limits
     */
    double step(double maxStep) {
        double dt = Math.min(maxStep, evaluate(cellMass, rate1));
        if (Double.isNaN(dt)) {
            return Double.NaN;
        }
        for (int attempt = 0; ; attempt++) {
            if (attempt > MAX_RETRIES) {
                return Double.NaN;
            }
            for (int i = 0; i < cellMass.length; i++) {
                stage[i] = cellMass[i] + dt * rate1[i];
            }
            double limit = evaluate(stage, rate2);
            if (Double.isNaN(limit)) {
                return Double.NaN;
            }
            if (dt > limit) {
                dt = RETRY_FACTOR * limit;
                continue;
            }
            for (int i = 0; i < cellMass.length; i++) {
                stage[i] = cellMass[i] + 0.25 * dt * (rate1[i] + rate2[i]);
            }
            limit = evaluate(stage, rate3);
            if (Double.isNaN(limit)) {
                return Double.NaN;
            }
            if (dt > limit) {
                dt = RETRY_FACTOR * limit;
                continue;
            }
            for (int i = 0; i < cellMass.length; i++) {
                cellMass[i] += dt * (rate1[i] + rate2[i] + 4.0 * rate3[i]) / 6.0;
            }
            time += dt;
            steps++;
            return dt;
        }
    }

    /** Returns the largest step the current state allows, the limit of the first stage. */
    double stepLimit() {
        return evaluate(cellMass, rate1);
    }

    /**
     * Writes dq/dt of the cell masses q into out and returns the step limit of an Euler step from them.
     */
    private double evaluate(double[] masses, double[] out) {
        int n = grid.cells;
        for (int i = 0; i < n; i++) {
            rho[i] = masses[i] / grid.measure[i];
        }
        if (kernel != null) {
            kernel.apply(rho, interaction);
        } else {
            Arrays.fill(interaction, 0.0);
        }
        double m = grid.firstMoment(rho);
        double densityMax = 0.0;
        for (int i = 0; i < n; i++) {
            potential[i] = (interaction[i] - dotKappa * m * grid.moment[i]) / grid.measure[i]
                    + localStrength * rho[i];
            densityMax = Math.max(densityMax, rho[i]);
        }
        reconstruct(rho);
        double speed = 0.0;
        double inflow = 0.0;
        for (int face = 1; face < n; face++) {
            double u = -(potential[face] - potential[face - 1]) / grid.width;
            speed = Math.max(speed, Math.abs(u));
            double flux = grid.faceWeight[face] * (u > 0 ? u * east[face - 1] : u * west[face]);
            // The flux leaves cell face - 1 and enters cell face; the pole faces carry none.
            out[face - 1] = inflow - flux;
            inflow = flux;
        }
        out[n - 1] = inflow;
        for (int i = 0; i < n; i++) {
            out[i] *= grid.tangentArea;
        }
        if (!(speed <= Double.MAX_VALUE) || !(densityMax <= Double.MAX_VALUE)) {
            return Double.NaN;
        }
        double limit = Double.POSITIVE_INFINITY;
        if (speed > 0) {
            limit = cfl * grid.stepLength / speed;
        }
        if (repulsion > 0 && densityMax > 0) {
            limit = Math.min(limit, cfl * parabolicArea / (repulsion * densityMax));
        }
        return limit;
    }

    /** Sets the east and west face values of every cell: minmod-limited, or the cell value. */
    private void reconstruct(double[] state) {
        int n = grid.cells;
        for (int i = 0; i < n; i++) {
            double half = 0.0;
            if (secondOrder && i > 0 && i < n - 1) {
                half = 0.5 * minmod(state[i + 1] - state[i], state[i] - state[i - 1]);
            }
            east[i] = state[i] + half;
            west[i] = state[i] - half;
        }
    }

    private static double minmod(double a, double b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        if (a < 0 && b < 0) {
            return Math.max(a, b);
        }
        return 0.0;
    }
}
