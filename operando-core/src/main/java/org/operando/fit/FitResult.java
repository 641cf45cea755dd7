package org.operando.fit;

/**
 * Result of a least-squares fit.
 *
 * @param parameters best-fit values
 * @param errors     1σ uncertainties from the covariance matrix (scaled by the reduced χ² when no data
 *                   uncertainties were given); 0 for fixed parameters; NaN when undetermined
 * @param atBound    true where a parameter ended within 1e-4 of the width of its bounds from a bound (its error
 *                   is then not meaningful)
 * @param chi2       Σ ((y − f)/σ)² (σ = 1 when not given)
 * @param dof        data points minus free parameters
 * @param converged  whether the optimiser converged
 */
public record FitResult(double[] parameters, double[] errors, boolean[] atBound, double chi2, int dof,
                        boolean converged, int iterations) {
    public double reducedChi2() {
        return dof > 0 ? chi2 / dof : Double.NaN;
    }

    public double get(int k) {
        return parameters[k];
    }

    public double error(int k) {
        return errors[k];
    }
}
