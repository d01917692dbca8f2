package org.noisyflow.aggregation;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * N particles X_i of mass M/N on the unit sphere S^{d-1} in R^d, moved by the gradient flow of
 * E_N = (1/2) (M/N)^2 &Sigma;_{i,j} [w(&lt;X_i,X_j&gt;) + W_eps(X_i,X_j)], self terms i = j included.
 * The velocity is v_i = -(N/M) P_{X_i} dE_N/dX_i = P_{X_i} f_i with P_x = I - x x^T and
 * f_i = &Sigma;_j [(M/N) (-w'(t_ij)) - (M/(N eps^2)) W_eps(X_i,X_j)] X_j, t_ij = &lt;X_i,X_j&gt;, where
 * the term j = i drops out after the projection. The pair sums use X_j - X_i in place of X_j, which
 * has the same projection but no large radial part, so close pairs at small eps keep their digits.
 *
 * <p>One evaluation computes the velocities, E_N and the density estimate
 * rho_i = (M/N) &Sigma;_j G(X_i,X_j) / &int;G, with G the Gaussian of range eps and unit strength
 * (self term included), in a single pass over pairs that adds each pair's terms to both particles.
 * Pairs whose squared chord, summed coordinate by coordinate, exceeds
 * {@link GaussianRepulsion#cutoffChordSquared()} are dropped from the repulsion and the density.
 * The dot attraction contributes kappa m to f_i with m = (M/N) &Sigma;_j X_j, in O(N), and
 * -(kappa/2) |m|^2 to E_N. The transformer attraction is summed over all pairs, fused with the
 * repulsion. For the dot attraction in d &le; {@value #MAX_CELL_DIMENSION} with a cutoff chord of at
 * most {@value #MAX_CELL_CHORD}, the pairs come from cell lists in R^d, so an evaluation costs
 * O(N times the neighbours within the cutoff).
 *
 * <p>Positions live in one flat row-major N&times;d array. An evaluation copies them, sorted by cell
 * when cell lists are used, into one coordinate-major array, so that the candidates of a particle
 * form contiguous index ranges and the loops over them vectorize. The workspaces, five N&times;d
 * arrays in all, are allocated once, so a step allocates nothing.
 */
final class AggregationParticles {
    /** Largest cutoff chord for which cell lists are used: it leaves at least 4 cells per axis. */
    static final double MAX_CELL_CHORD = 0.5;
    /** Largest dimension for which cell lists are used, because a cell has 3^d - 1 neighbours. */
    static final int MAX_CELL_DIMENSION = 4;

    /** Runge-Kutta scheme of a step. Both retract onto the sphere after every stage. */
    enum Scheme {
        /** Heun's method, second order, two velocity evaluations per step. */
        HEUN,
        /** The classical Runge-Kutta method, fourth order, four evaluations per step. */
        RK4
    }

    private final int n;
    private final int d;
    private final double particleMass;
    private final Attraction attraction;
    private final boolean transformer;
    private final double kappa;
    private final double gamma;
    /** (M/N) kappa, the factor of e^{gamma t} in the transformer's pair force. */
    private final double attractionForceScale;
    private final double repulsionPeak;
    /** (M/N) W_eps(0) / eps^2, the factor of e^{-r^2/(2 eps^2)} in the repulsive pair force. */
    private final double repulsionForceScale;
    private final double inverseTwoEpsSquared;
    private final double cutoffChordSquared;
    /** (M/N) / &int;G, the factor of &Sigma;_j e^{-r^2/(2 eps^2)} in the density estimate. */
    private final double densityScale;
    /** The cell lists, or null when every pair is visited. */
    private final CellGrid cells;

    private final double[] x;
    private final double[] stage;
    private final double[] slope;
    private final double[] slopeSum;
    /** Positions in pair order, coordinate-major: coordinate k of the a-th particle is at k N + a. */
    private final double[] sorted;
    /** The indices 0 to N-1, the pair order of the all-pairs sum; cell lists have their own order. */
    private final int[] identityOrder;
    /** &Sigma;_{j&ne;i} e^{-r_ij^2/(2 eps^2)} over the pairs within the cutoff, in pair order. */
    private final double[] gaussianSums;
    /** &Sigma;_{j&ne;i} e^{gamma t_ij} in pair order, for the transformer only. */
    private final double[] attractionSums;
    private final double[] mean;
    /** Squared chords of one particle to a range of candidates. */
    private final double[] rowChords;
    /** Dot products t of one particle with a range of candidates, for the transformer only. */
    private final double[] rowDots;
    /** Pair force coefficients, the factor of X_j - X_i in f_i, of one particle with a range of candidates. */
    private final double[] rowCoefficients;

    private double lastMaxDensity;
    private double lastMaxSpeed;
    private double stateEnergy = Double.NaN;
    private double stateMaxDensity = Double.NaN;
    private double stateMaxSpeed = Double.NaN;

    /**
     * @param n number of particles, at least 2
     * @param d ambient dimension, at least 2
     * @param mass total mass M
     * @param attraction the attractive kernel w
     * @param repulsion the repulsion W_eps, whose eps is also the range of the density estimate
     * @param useCellLists whether to find pairs through cell lists; only the dot attraction allows it
     */
    AggregationParticles(int n, int d, double mass, Attraction attraction, GaussianRepulsion repulsion,
            boolean useCellLists) {
        if (n < 2 || d < 2) {
            throw new IllegalArgumentException("need n >= 2 and d >= 2, got n=" + n + ", d=" + d);
        }
        if (useCellLists && attraction.transformer()) {
            throw new IllegalArgumentException("cell lists need the dot attraction, whose force is the mean field");
        }
        this.n = n;
        this.d = d;
        this.particleMass = mass / n;
        this.attraction = attraction;
        this.transformer = attraction.transformer();
        this.kappa = attraction.kappa();
        this.gamma = attraction.gamma();
        this.attractionForceScale = particleMass * kappa;
        double eps = repulsion.eps();
        this.repulsionPeak = repulsion.peak();
        this.repulsionForceScale = particleMass * repulsionPeak / (eps * eps);
        this.inverseTwoEpsSquared = 0.5 / (eps * eps);
        this.cutoffChordSquared = repulsion.cutoffChordSquared();
        this.densityScale = densityScale(mass / n, eps, d);
        this.cells = useCellLists ? new CellGrid(n, d, Math.sqrt(cutoffChordSquared)) : null;
        this.x = new double[n * d];
        this.stage = new double[n * d];
        this.slope = new double[n * d];
        this.slopeSum = new double[n * d];
        this.sorted = new double[n * d];
        this.identityOrder = new int[n];
        for (int i = 0; i < n; i++) {
            identityOrder[i] = i;
        }
        this.gaussianSums = new double[n];
        this.attractionSums = transformer ? new double[n] : null;
        this.mean = new double[d];
        this.rowChords = new double[n];
        this.rowDots = transformer ? new double[n] : null;
        this.rowCoefficients = new double[n];
    }

    /**
     * Returns whether cell lists apply: the dot attraction, d at most {@value #MAX_CELL_DIMENSION} and
     * a cutoff chord of at most {@value #MAX_CELL_CHORD}.
     */
    static boolean cellListsApply(Attraction attraction, GaussianRepulsion repulsion) {
        return !attraction.transformer() && repulsion.d() <= MAX_CELL_DIMENSION
                && repulsion.cutoffChordSquared() <= MAX_CELL_CHORD * MAX_CELL_CHORD;
    }

    /**
     * Returns (M/N) / &int;G for the Gaussian G of range eps and unit strength, which equals
     * (M/N) G.peak() / G.total() but is finite where the peak overflows.
     */
    static double densityScale(double particleMass, double eps, int d) {
        return particleMass / (SphereGeometry.sphereArea(d - 2)
                * SphereGeometry.exponentialIntegral(1.0 / (eps * eps), d - 2));
    }

    int n() {
        return n;
    }

    int d() {
        return d;
    }

    /** Returns the positions, N&times;d row-major, which callers may read and set between steps. */
    double[] positions() {
        return x;
    }

    /** Places every particle independently and uniformly on the sphere, as a normalised Gaussian vector. */
    void initUniform(UniformRandomProvider random) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        for (int i = 0; i < n; i++) {
            sampleUniform(i, gauss);
        }
    }

    /**
     * Places every particle independently with density proportional to 1 + x_1/2, by rejection from
     * the uniform distribution with acceptance probability (1 + x_1/2)/1.5.
     */
    void initTilted(UniformRandomProvider random) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        double peak = AggregationParameters.initialShape("tilted", 1.0);
        for (int i = 0; i < n; i++) {
            do {
                sampleUniform(i, gauss);
            } while (random.nextDouble() * peak >= AggregationParameters.initialShape("tilted", x[i * d]));
        }
    }

    private void sampleUniform(int i, ZigguratSampler.NormalizedGaussian gauss) {
        int oi = i * d;
        double norm2;
        do {
            norm2 = 0.0;
            for (int k = 0; k < d; k++) {
                double g = gauss.sample();
                x[oi + k] = g;
                norm2 += g * g;
            }
        } while (norm2 == 0.0);
        double scale = 1.0 / Math.sqrt(norm2);
        for (int k = 0; k < d; k++) {
            x[oi + k] *= scale;
        }
    }

    /** Writes m = (M/N) &Sigma;_j X_j of the current positions into {@code out} (length d). */
    void magnetization(double[] out) {
        meanOf(x, out);
    }

    /** Returns |m| of the current positions. */
    double magnetizationNorm() {
        double[] m = new double[d];
        meanOf(x, m);
        double norm2 = 0.0;
        for (double component : m) {
            norm2 += component * component;
        }
        return Math.sqrt(norm2);
    }

    /**
     * Evaluates the current positions: their velocities, E_N, the largest density estimate and the
     * largest speed, which {@link #energy()}, {@link #maxDensity()} and {@link #maxSpeed()} return
     * until the next call. The velocities feed the first stage of the next {@link #step}.
     */
    void evaluateState() {
        stateEnergy = evaluate(x, slope);
        stateMaxDensity = lastMaxDensity;
        stateMaxSpeed = lastMaxSpeed;
    }

    /** Returns E_N at the last {@link #evaluateState()}. */
    double energy() {
        return stateEnergy;
    }

    /** Returns max_i rho_i at the last {@link #evaluateState()}. */
    double maxDensity() {
        return stateMaxDensity;
    }

    /** Returns max_i |v_i| at the last {@link #evaluateState()}. */
    double maxSpeed() {
        return stateMaxSpeed;
    }

    /**
     * Advances the positions by dt, retracting X to X/|X| after every stage. The first stage uses
     * the velocities of the last {@link #evaluateState()}, which must have seen the current positions.
     */
    void step(double dt, Scheme scheme) {
        if (scheme == Scheme.HEUN) {
            System.arraycopy(slope, 0, slopeSum, 0, slope.length);
            retractedMove(dt, slope, stage);
            evaluate(stage, slope);
            accumulate(1.0, slope);
            retractedMove(0.5 * dt, slopeSum, x);
        } else {
            System.arraycopy(slope, 0, slopeSum, 0, slope.length);
            retractedMove(0.5 * dt, slope, stage);
            evaluate(stage, slope);
            accumulate(2.0, slope);
            retractedMove(0.5 * dt, slope, stage);
            evaluate(stage, slope);
            accumulate(2.0, slope);
            retractedMove(dt, slope, stage);
            evaluate(stage, slope);
            accumulate(1.0, slope);
            retractedMove(dt / 6.0, slopeSum, x);
        }
    }

    /** Writes (x + h direction)/|x + h direction|, row by row, into {@code out}, which may be x. */
    private void retractedMove(double h, double[] direction, double[] out) {
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            double norm2 = 0.0;
            for (int k = 0; k < d; k++) {
                double value = x[oi + k] + h * direction[oi + k];
                out[oi + k] = value;
                norm2 += value * value;
            }
            double scale = 1.0 / Math.sqrt(norm2);
            for (int k = 0; k < d; k++) {
                out[oi + k] *= scale;
            }
        }
    }

    private void accumulate(double weight, double[] values) {
        for (int a = 0; a < values.length; a++) {
            slopeSum[a] += weight * values[a];
        }
    }

    /**
     * Writes the velocities at {@code positions} (N&times;d, unit rows for the flow, any rows for tests
     * of the gradient) into {@code velocities} and returns E_N there. Also sets the largest density
     * estimate and speed of this evaluation.
     */
    double evaluate(double[] positions, double[] velocities) {
        int[] order = identityOrder;
        if (cells != null) {
            cells.build(positions, n);
            order = cells.order;
        }
        for (int a = 0; a < n; a++) {
            int oi = order[a] * d;
            for (int k = 0; k < d; k++) {
                sorted[k * n + a] = positions[oi + k];
            }
        }
        meanOf(positions, mean);
        Arrays.fill(gaussianSums, 0.0);
        if (transformer) {
            Arrays.fill(attractionSums, 0.0);
        }

        // The velocities array takes the pair forces in pair order, coordinate-major, until scatterForces.
        Arrays.fill(velocities, 0.0);
        if (cells != null) {
            sumCellPairs(velocities);
        } else {
            for (int a = 0; a < n - 1; a++) {
                addRow(velocities, a, a + 1, n);
            }
        }
        scatterForces(order, velocities);

        projectForces(positions, velocities);
        return energy(mean);
    }

    /** Moves the pair forces from pair order, coordinate-major, to particle rows; reuses {@code sorted}. */
    private void scatterForces(int[] order, double[] forces) {
        System.arraycopy(forces, 0, sorted, 0, forces.length);
        for (int a = 0; a < n; a++) {
            int oi = order[a] * d;
            for (int k = 0; k < d; k++) {
                forces[oi + k] = sorted[k * n + a];
            }
        }
    }

    /** Adds kappa m for the dot attraction, turns f_i into P_{X_i} f_i and records the largest speed and density. */
    private void projectForces(double[] positions, double[] velocities) {
        double maxSpeed2 = 0.0;
        double maxGaussianSum = 0.0;
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            if (!transformer) {
                for (int k = 0; k < d; k++) {
                    velocities[oi + k] += kappa * mean[k];
                }
            }
            double radial = 0.0;
            for (int k = 0; k < d; k++) {
                radial += positions[oi + k] * velocities[oi + k];
            }
            double speed2 = 0.0;
            for (int k = 0; k < d; k++) {
                double v = velocities[oi + k] - radial * positions[oi + k];
                velocities[oi + k] = v;
                speed2 += v * v;
            }
            // Math.max passes NaN on, so a non-finite state shows in both maxima. The maximum of
            // gaussianSums does not depend on its order, the pair order.
            maxSpeed2 = Math.max(maxSpeed2, speed2);
            maxGaussianSum = Math.max(maxGaussianSum, gaussianSums[i]);
        }
        lastMaxSpeed = Math.sqrt(maxSpeed2);
        lastMaxDensity = densityScale * (1.0 + maxGaussianSum);
    }

    /** Returns E_N from the pair sums of the evaluation and the mean m = (M/N) &Sigma; X_j. */
    private double energy(double[] m) {
        double pairFactor = 0.5 * particleMass * particleMass;
        double gaussianTotal = 0.0;
        for (int a = 0; a < n; a++) {
            gaussianTotal += gaussianSums[a];
        }
        // Each pair is in two sums; the n self terms have r = 0.
        double repulsionEnergy = pairFactor * repulsionPeak * (n + gaussianTotal);

        double attractionEnergy;
        if (transformer) {
            double exponentialTotal = 0.0;
            for (int a = 0; a < n; a++) {
                exponentialTotal += attractionSums[a];
            }
            // The self terms are w(t_ii) = w(1) on the sphere.
            attractionEnergy = pairFactor * (n * attraction.value(1.0) - kappa / gamma * exponentialTotal);
        } else {
            double m2 = 0.0;
            for (int k = 0; k < d; k++) {
                m2 += m[k] * m[k];
            }
            attractionEnergy = -0.5 * kappa * m2;
        }
        return attractionEnergy + repulsionEnergy;
    }

    private void meanOf(double[] positions, double[] out) {
        Arrays.fill(out, 0.0);
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            for (int k = 0; k < d; k++) {
                out[k] += positions[oi + k];
            }
        }
        for (int k = 0; k < d; k++) {
            out[k] *= particleMass;
        }
    }

    /**
     * Adds the terms of the pairs (a, b), b = from to to - 1 in pair order, to both particles of each
     * pair: the repulsion and the density estimate within the cutoff, and the transformer
     * attraction. The force goes to {@code force} in pair order, coordinate-major. The three passes
     * (distances, kernel values, forces) keep the exponentials out of the loops over coordinates,
     * which then vectorize.
     */
    private void addRow(double[] force, int a, int from, int to) {
        int length = to - from;
        if (length <= 0) {
            return;
        }
        Arrays.fill(rowChords, 0, length, 0.0);
        if (transformer) {
            Arrays.fill(rowDots, 0, length, 0.0);
        }
        for (int k = 0; k < d; k++) {
            int base = k * n + from;
            double xa = sorted[k * n + a];
            for (int b = 0; b < length; b++) {
                double diff = xa - sorted[base + b];
                rowChords[b] += diff * diff;
            }
            if (transformer) {
                for (int b = 0; b < length; b++) {
                    rowDots[b] += xa * sorted[base + b];
                }
            }
        }

        double gaussianSum = 0.0;
        double exponentialSum = 0.0;
        for (int b = 0; b < length; b++) {
            double coefficient = 0.0;
            double r2 = rowChords[b];
            if (r2 <= cutoffChordSquared) {
                double g = Math.exp(-r2 * inverseTwoEpsSquared);
                gaussianSum += g;
                gaussianSums[from + b] += g;
                coefficient = -repulsionForceScale * g;
            }
            if (transformer) {
                double exponential = Math.exp(gamma * rowDots[b]);
                exponentialSum += exponential;
                attractionSums[from + b] += exponential;
                coefficient += attractionForceScale * exponential;
            }
            rowCoefficients[b] = coefficient;
        }
        gaussianSums[a] += gaussianSum;
        if (transformer) {
            attractionSums[a] += exponentialSum;
        }

        // Each pair adds c (X_j - X_i) to f_i and the opposite to f_j, which has the projection of c X_j.
        for (int k = 0; k < d; k++) {
            int base = k * n + from;
            double xa = sorted[k * n + a];
            for (int b = 0; b < length; b++) {
                force[base + b] += rowCoefficients[b] * (xa - sorted[base + b]);
            }
            force[k * n + a] -= weightedDifferenceSum(xa, base, length);
        }
    }

    /**
     * Returns &Sigma;_b rowCoefficients[b] (xa - sorted[base + b]) over b &lt; length. Four
     * interleaved partial sums keep the additions from waiting on each other.
     */
    private double weightedDifferenceSum(double xa, int base, int length) {
        double sum0 = 0.0;
        double sum1 = 0.0;
        double sum2 = 0.0;
        double sum3 = 0.0;
        int b = 0;
        for (; b + 3 < length; b += 4) {
            sum0 += rowCoefficients[b] * (xa - sorted[base + b]);
            sum1 += rowCoefficients[b + 1] * (xa - sorted[base + b + 1]);
            sum2 += rowCoefficients[b + 2] * (xa - sorted[base + b + 2]);
            sum3 += rowCoefficients[b + 3] * (xa - sorted[base + b + 3]);
        }
        for (; b < length; b++) {
            sum0 += rowCoefficients[b] * (xa - sorted[base + b]);
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    /**
     * Visits every pair of particles in the same or adjacent cells once. In pair order the particles
     * of a cell are contiguous, and so are those of three cells that differ only in the last
     * coordinate (stride 1): the particle's own cell after it together with the next cell form one
     * range, and each forward block of three cells forms another.
     */
    private void sumCellPairs(double[] force) {
        int[] start = cells.cellStart;
        for (int c = 0; c < cells.occupiedCount; c++) {
            int cell = cells.occupied[c];
            int end = start[cell + 1];
            for (int a = start[cell]; a < end; a++) {
                addRow(force, a, a + 1, start[cell + 2]);
                for (int offset : cells.forwardBlockOffsets) {
                    addRow(force, a, start[cell + offset - 1], start[cell + offset + 2]);
                }
            }
        }
    }

    /**
     * Cubic cells of side at least the cutoff chord over [-1, 1]^d, padded by one empty layer so
     * that every cell of a particle has all 3^d - 1 neighbours in the array. Two points within the
     * cutoff lie in the same or adjacent cells, so the pairs of a cell with itself and with its
     * forward neighbours (positive index offset) cover every such pair exactly once. The last
     * coordinate has stride 1.
     */
    private static final class CellGrid {
        private final int d;
        private final int perAxis;
        private final double cellsPerUnit;
        private final int[] strides;
        /**
         * Index offsets of the middle cells of the forward blocks: the blocks of three cells that differ
         * only in the last coordinate and lie at a positive offset in the other coordinates.
         */
        private final int[] forwardBlockOffsets;
        /** Particles of cell c are order[cellStart[c]] to order[cellStart[c + 1] - 1]. */
        private final int[] cellStart;
        private final int[] cursor;
        private final int[] particleCell;
        private final int[] order;
        private final int[] occupied;
        private int occupiedCount;

        /**
         * Sizes the grid with cells of side at least {@code minSide}. The padded grid has at most
         * max(4096, 8n) cells, so for a very short cutoff, such as a small eps at d = 2, the cells
         * are wider than the cutoff: the pairs found stay the same and only the count visited grows.
         */
        CellGrid(int n, int d, double minSide) {
            this.d = d;
            long maxCells = Math.max(4096L, 8L * n);
            int cap = 1;
            while (Math.pow(cap + 3, d) <= maxCells) {
                cap++;
            }
            // Side 2/perAxis >= minSide, so the cells tile [-1, 1] without splitting a cutoff.
            this.perAxis = (int) Math.max(1, Math.min(cap, Math.floor(2.0 / minSide)));
            this.cellsPerUnit = 0.5 * perAxis;
            int padded = perAxis + 2;
            this.strides = new int[d];
            int total = 1;
            for (int k = d - 1; k >= 0; k--) {
                strides[k] = total;
                total *= padded;
            }
            this.forwardBlockOffsets = forwardBlockOffsets(d, strides);
            this.cellStart = new int[total + 1];
            this.cursor = new int[total];
            this.particleCell = new int[n];
            this.order = new int[n];
            this.occupied = new int[n];
        }

        /**
         * Returns the offsets of the shifts in {-1, 0, 1}^{d-1} of the first d - 1 coordinates whose
         * index offset is positive. As |offset| &ge; strides[d - 2] &gt; 1 for a nonzero shift, each
         * of the three cells of such a block lies at a positive offset too.
         */
        private static int[] forwardBlockOffsets(int d, int[] strides) {
            int shifts = (int) Math.pow(3, d - 1);
            int[] offsets = new int[(shifts - 1) / 2];
            int count = 0;
            for (int code = 0; code < shifts; code++) {
                int offset = 0;
                int rest = code;
                for (int k = 0; k < d - 1; k++) {
                    offset += (rest % 3 - 1) * strides[k];
                    rest /= 3;
                }
                if (offset > 0) {
                    offsets[count++] = offset;
                }
            }
            return offsets;
        }

        /** Sorts the particles into cells by counting, and lists the occupied cells in index order. */
        void build(double[] positions, int n) {
            Arrays.fill(cellStart, 0);
            for (int i = 0; i < n; i++) {
                int cell = cellOf(positions, i * d);
                particleCell[i] = cell;
                cellStart[cell + 1]++;
            }
            occupiedCount = 0;
            for (int cell = 0; cell < cursor.length; cell++) {
                if (cellStart[cell + 1] > 0) {
                    occupied[occupiedCount++] = cell;
                }
                cellStart[cell + 1] += cellStart[cell];
                cursor[cell] = cellStart[cell];
            }
            for (int i = 0; i < n; i++) {
                order[cursor[particleCell[i]]++] = i;
            }
        }

        /**
         * Returns the padded cell index of the point at offset {@code oi}. Coordinates outside [-1, 1],
         * or NaN, are clamped to the outer cells, which keeps every pair within the cutoff in adjacent cells.
         */
        private int cellOf(double[] positions, int oi) {
            int index = 0;
            for (int k = 0; k < d; k++) {
                int cell = (int) Math.floor((positions[oi + k] + 1.0) * cellsPerUnit);
                cell = Math.max(0, Math.min(perAxis - 1, cell));
                index += (cell + 1) * strides[k];
            }
            return index;
        }
    }
}
