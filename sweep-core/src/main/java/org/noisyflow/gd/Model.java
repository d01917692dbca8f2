package org.noisyflow.gd;

import java.util.List;

/**
 * An overparameterized regression model: outputs f_n(w), n = 1..N, of p weights, fitted with the
 * square loss L(w) = (1/2N) &Sigma;_n (f_n(w) - y_n)^2. The zero-loss set is where every residual
 * r_n = f_n - y_n vanishes.
 *
 * <p>All matrices are row-major {@code double[]}: the Jacobian is N&times;p with rows &nabla;f_n,
 * a Hessian is p&times;p. Methods write into the arrays they are given and allocate nothing.
 */
public interface Model {

    /** Returns the number of weights p. */
    int dimension();

    /** Returns the number of samples N. */
    int samples();

    /** Returns the target y_n. */
    double target(int n);

    /**
     * Returns the number of hidden units that Dropout can scale, or 0 if the model has none and
     * Dropout is not defined for it.
     */
    int units();

    /**
     * Writes the outputs f (length N) and the Jacobian (N&times;p) at w.
     *
     * @param unitMask factor m_j for the contribution of hidden unit j, shared by all samples;
     *     {@code null} means all factors are 1
     */
    void evaluate(double[] w, double[] unitMask, double[] f, double[] jacobian);

    /** Writes the Hessian of the output f_n at w (p&times;p) into {@code out}. */
    void outputHessian(int n, double[] w, double[] out);

    /**
     * Writes the contribution u_nj of hidden unit j to f_n (N&times;units, so f_n = &Sigma;_j u_nj)
     * and its gradient (N&times;units&times;p). Only called when {@link #units()} is positive.
     */
    void unitContributions(double[] w, double[] contributions, double[] gradients);

    /** Returns the names of the coordinates along the zero-loss set that describe the state. */
    List<String> coordinateNames();

    /** Writes the coordinates named by {@link #coordinateNames()} into {@code out}. */
    void coordinates(double[] w, double[] out);

    /** Returns the weights used when the sweep does not give {@code init}. */
    double[] defaultInit();
}
