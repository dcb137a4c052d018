//! Maximum likelihood for the four-parameter purchase models (BG/NBD, Pareto/NBD, MBG/NBD), one
//! routine for all three: log-parameters, time rescaled so the oldest customer has T = 1 (as
//! lifetimes does: it conditions the problem and gives the penalizer lifetimes' meaning), lifetimes'
//! starting point, BFGS, then the Hessian for standard errors and the parameter draws.

use super::optimize::{inverse_spd, minimize, numerical_hessian, MinimizeOptions, NotConverged, Objective, StopReason};
use super::patterns::PurchasePatterns;
use super::special::exp;

/// A purchase model's log-likelihood over collapsed patterns.
pub trait PurchaseLikelihood {
    /// Which parameters are rates per unit of time (they scale with the time unit).
    const PER_TIME: [bool; 4];
    /// Total log-likelihood at the natural parameters `theta`, with its gradient in `theta`.
    fn log_likelihood_and_gradient(theta: &[f64; 4], data: &PurchasePatterns, gradient: &mut [f64; 4]) -> f64;
}

/// A converged maximum-likelihood fit of `K` parameters in the caller's time unit (`KK` = K x K:
/// stable Rust cannot write the covariance's length as `K * K`).
#[derive(Clone, Debug, PartialEq)]
pub struct MaximumLikelihood<const K: usize, const KK: usize> {
    pub values: [f64; K],
    /// Sum over customers, times in the caller's unit.
    pub log_likelihood: f64,
    pub standard_errors: [Option<f64>; K],
    /// Covariance of the log-parameters (row-major): the inverse Hessian of the total negative
    /// log-likelihood (unchanged by rescaling time, which only shifts log-rates).
    pub log_covariance: [f64; KK],
    pub iterations: u32,
    pub gradient_norm: f64,
}

/// A purchase model's fit (BG/NBD, Pareto/NBD, MBG/NBD: four parameters).
pub type PurchaseFit = MaximumLikelihood<4, 16>;

/// Where the optimiser gave up, with the parameters (caller's time unit) it had reached.
#[derive(Clone, Debug, PartialEq)]
pub struct PurchaseNotConverged {
    pub failure: NotConverged,
    pub values: [f64; 4],
}

/// Mean negative log-likelihood plus the L2 penalty, over log-parameters (time already rescaled).
struct FitObjective<'a, M> {
    data: &'a PurchasePatterns,
    penalizer: f64,
    model: std::marker::PhantomData<M>,
}

impl<M: PurchaseLikelihood> Objective for FitObjective<'_, M> {
    fn evaluate(&mut self, x: &[f64], gradient: &mut [f64]) -> f64 {
        let theta = [exp(x[0]), exp(x[1]), exp(x[2]), exp(x[3])];
        if theta.iter().any(|v| !(v.is_finite() && *v > 0.0)) {
            return f64::NAN;
        }
        let mut g = [0.0; 4];
        let ll = M::log_likelihood_and_gradient(&theta, self.data, &mut g);
        let n = self.data.total_weight;
        let mut value = -ll / n;
        for i in 0..4 {
            value += self.penalizer * theta[i] * theta[i];
            // Chain rule for θ = e^x.
            gradient[i] = theta[i] * (-g[i] / n + 2.0 * self.penalizer * theta[i]);
        }
        value
    }
}

/// Fits by maximum likelihood. `penalizer` adds `penalizer * Σ θ²` (rates in rescaled time) to the
/// mean negative log-likelihood, exactly like lifetimes' `penalizer_coef`.
pub fn fit_purchase_model<M: PurchaseLikelihood>(
    data: &PurchasePatterns,
    penalizer: f64,
    options: &MinimizeOptions,
) -> Result<PurchaseFit, PurchaseNotConverged> {
    let max_age = data.max_age();
    let scale = if max_age > 0.0 { 1.0 / max_age } else { 1.0 };
    let scaled = data.rescaled(scale);
    let mut objective = FitObjective::<M> { data: &scaled, penalizer, model: std::marker::PhantomData };
    let natural =
        |x: &[f64]| -> [f64; 4] { std::array::from_fn(|i| if M::PER_TIME[i] { exp(x[i]) / scale } else { exp(x[i]) }) };
    // The starting point of lifetimes (log-parameters 0.1).
    let minimum = minimize(&mut objective, &[0.1; 4], options)
        .map_err(|failure| PurchaseNotConverged { values: natural(&failure.x), failure })?;
    let values = natural(&minimum.x);
    // Hessian of the mean objective in log-parameters, by central differences of the gradient. At the
    // optimum (zero gradient) the covariance of θ = e^x is diag(θ) H⁻¹ diag(θ) / n, which is the
    // inverse Hessian of the total negative log-likelihood in the natural parameters (delta method),
    // the same as lifetimes' variance_matrix_.
    let hessian = numerical_hessian(&mut objective, &minimum.x, 1e-4);
    let n = data.total_weight;
    let Some(inverse) = inverse_spd(&hessian, 4) else {
        let failure = NotConverged {
            reason: StopReason::FlatOptimum,
            x: minimum.x,
            gradient_norm: minimum.gradient_norm,
            iterations: minimum.iterations,
        };
        return Err(PurchaseNotConverged { failure, values });
    };
    let standard_errors = std::array::from_fn(|i| {
        let variance = inverse[i * 4 + i] / n;
        (variance > 0.0 && variance.is_finite()).then(|| values[i] * variance.sqrt())
    });
    Ok(PurchaseFit {
        values,
        log_likelihood: M::log_likelihood_and_gradient(&values, data, &mut [0.0; 4]),
        standard_errors,
        log_covariance: std::array::from_fn(|i| inverse[i] / n),
        iterations: minimum.iterations,
        gradient_norm: minimum.gradient_norm,
    })
}
