//! Which model a fit is of and its fitted population parameters: named by the reports, the errors
//! and the purchase models alike, so this module imports none of them.

use serde::{Deserialize, Serialize};

use super::purchase_fit::MaximumLikelihood;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClvModel {
    BgNbd,
    GammaGamma,
    ParetoNbd,
    MbgNbd,
}

impl ClvModel {
    pub fn label(self) -> &'static str {
        match self {
            ClvModel::BgNbd => "BG/NBD purchase model",
            ClvModel::GammaGamma => "Gamma-Gamma spend model",
            ClvModel::ParetoNbd => "Pareto/NBD purchase model",
            ClvModel::MbgNbd => "MBG/NBD purchase model",
        }
    }
}

/// Fitted population parameters of one model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedParams {
    pub model: ClvModel,
    pub names: Vec<String>,
    pub values: Vec<f64>,
    /// `None` where the likelihood is too flat to give one (Hessian not positive definite).
    pub standard_errors: Vec<Option<f64>>,
    /// Total log-likelihood over the customers the model was fitted on (times in the chosen unit,
    /// values in currency units).
    pub log_likelihood: f64,
    pub customers: u32,
    /// Distinct histories after collapsing identical ones.
    pub patterns: u32,
    pub iterations: u32,
    /// Largest gradient component of the mean negative log-likelihood (log-parameters) at the optimum.
    pub gradient_norm: f64,
    pub converged: bool,
    /// Covariance of the log-parameters (row-major, names' order): the inverse Hessian of the total
    /// negative log-likelihood. The parameter draws behind the intervals come from it.
    #[serde(default)]
    pub log_covariance: Vec<f64>,
}

impl FittedParams {
    /// A converged fit as the report shows it.
    pub fn converged<const K: usize, const KK: usize>(
        model: ClvModel,
        names: &[&str],
        fit: &MaximumLikelihood<K, KK>,
        customers: u32,
        patterns: u32,
    ) -> Self {
        FittedParams {
            model,
            names: names.iter().map(|s| s.to_string()).collect(),
            values: fit.values.to_vec(),
            standard_errors: fit.standard_errors.to_vec(),
            log_likelihood: fit.log_likelihood,
            customers,
            patterns,
            iterations: fit.iterations,
            gradient_norm: fit.gradient_norm,
            converged: true,
            log_covariance: fit.log_covariance.to_vec(),
        }
    }

    pub fn value(&self, name: &str) -> Option<f64> {
        self.names.iter().position(|n| n == name).map(|i| self.values[i])
    }
}
