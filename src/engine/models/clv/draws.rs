//! The parameter draws behind every CLV interval.
//!
//! The maximum-likelihood estimates of the log-parameters are asymptotically normal with the inverse
//! Hessian of the total negative log-likelihood as covariance. Each draw takes ln θ_d = ln θ̂ + L z
//! (L Lᵀ = that covariance, z standard normal from the portable generator), for the purchase model and,
//! independently, for Gamma-Gamma. The draws depend on the fit and the seed only, never on which
//! customers are asked about: the population totals and any customer's interval, computed at
//! different times, all read the same draws.

use crate::engine::rng::Rng;

use super::fitted::ClvModel;
use super::gamma_gamma::GammaGammaParams;
use super::optimize::cholesky;
use super::purchase::PurchaseParams;
use super::special::{exp, ln};

/// A fitted model's point estimate and the covariance of its log-parameters.
pub(super) struct Estimate<'a> {
    pub values: &'a [f64],
    pub log_covariance: &'a [f64],
}

/// Draws of the parameters around `estimate` (`None` when the covariance is not positive definite).
struct Sampler {
    centre: Vec<f64>,
    factor: Vec<f64>,
}

impl Sampler {
    fn new(estimate: &Estimate) -> Option<Sampler> {
        let n = estimate.values.len();
        if estimate.log_covariance.len() != n * n || estimate.values.iter().any(|v| !(*v > 0.0)) {
            return None;
        }
        Some(Sampler {
            centre: estimate.values.iter().map(|&v| ln(v)).collect(),
            factor: cholesky(estimate.log_covariance, n)?,
        })
    }

    fn draw(&self, rng: &mut Rng) -> Vec<f64> {
        let n = self.centre.len();
        let z: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        (0..n).map(|i| exp(self.centre[i] + (0..=i).map(|k| self.factor[i * n + k] * z[k]).sum::<f64>())).collect()
    }
}

/// The seeded draws of the purchase model's and the spend model's parameters, in draw order.
pub(super) struct ParameterDraws {
    pub purchase: Vec<PurchaseParams>,
    /// Gamma-Gamma's parameters per draw (all `None` without a usable spend model).
    pub spend: Vec<Option<GammaGammaParams>>,
    /// Whether the spend model was drawn at all (its covariance was usable).
    pub has_spend: bool,
}

impl ParameterDraws {
    /// `draws` draws seeded by `seed`; `None` with 0 draws or when the purchase model's covariance is
    /// unusable. Each draw takes the purchase model's normals, then the spend model's, from one
    /// generator: that order is what makes the draws (and so every interval) reproducible.
    pub fn new(
        model: ClvModel,
        purchase: &Estimate,
        spend: Option<&Estimate>,
        draws: u32,
        seed: u64,
    ) -> Option<ParameterDraws> {
        if draws == 0 {
            return None;
        }
        let purchase_sampler = Sampler::new(purchase)?;
        let spend_sampler = spend.and_then(Sampler::new);
        let mut rng = Rng::new(seed);
        let mut out = ParameterDraws {
            purchase: Vec::with_capacity(draws as usize),
            spend: Vec::with_capacity(draws as usize),
            has_spend: spend_sampler.is_some(),
        };
        for _ in 0..draws {
            let values = purchase_sampler.draw(&mut rng);
            let spend_values = spend_sampler.as_ref().map(|s| s.draw(&mut rng));
            out.spend.push(spend_values.map(|v| GammaGammaParams { p: v[0], q: v[1], v: v[2] }));
            out.purchase.push(PurchaseParams::from_values(model, [values[0], values[1], values[2], values[3]])?);
        }
        Some(out)
    }

    pub fn count(&self) -> usize {
        self.purchase.len()
    }
}
