package org.operando.fit;

/** A model y = f(x; p) with its gradient with respect to the parameters. */
public interface ParametricModel {
    int parameterCount();

    double value(double x, double[] p);

    /** Writes ∂f/∂p_k at x into {@code grad}. */
    void gradient(double x, double[] p, double[] grad);
}
