//! The three purchase models behind one interface: the per-customer quantities the CLV pipeline, the
//! holdout check and the simulator's baseline need, whichever model was chosen.

use super::bgnbd::{BgNbdParams, BgNbdPosterior};
use super::fitted::{ClvModel, FittedParams};
use super::mbg_nbd::MbgNbdParams;
use super::pareto_nbd::{ParetoNbdParams, ParetoNbdPosterior};
use super::patterns::PurchasePatterns;
use super::value::ValueHorizon;

/// Per-customer predictions of a purchase model, for a customer with x repeat purchases, the last at
/// age t_x (`recency`), observed up to age T (`age`).
pub trait PurchasePredictor {
    fn p_alive(&self, x: u32, recency: f64, age: f64) -> f64;
    /// Expected repeat purchases in the next `t` time units GIVEN alive (depends on x and T only).
    fn expected_purchases_if_alive(&self, x: u32, age: f64, t: f64) -> Option<f64>;
    /// Expected repeat purchases in the next `t` time units.
    fn conditional_expected_purchases(&self, x: u32, recency: f64, age: f64, t: f64) -> Option<f64> {
        Some(self.p_alive(x, recency, age) * self.expected_purchases_if_alive(x, age, t)?)
    }
    /// E[X(t)]: expected repeat purchases in the first `t` time units after a first purchase.
    fn expected_purchases_since_first(&self, t: f64) -> Option<f64> {
        self.conditional_expected_purchases(0, 0.0, 0.0, t)
    }
    /// `p_alive` of every pattern of `data` (a model may share work between patterns).
    fn p_alive_per_pattern(&self, data: &PurchasePatterns) -> Vec<f64> {
        (0..data.pattern_count())
            .map(|j| {
                let (x, recency, age, _) = data.pattern(j);
                self.p_alive(x, recency, age)
            })
            .collect()
    }
    /// `horizon.purchases_if_alive` of every pattern of `data` (a model may share work between patterns).
    fn horizon_per_pattern(&self, horizon: &ValueHorizon, data: &PurchasePatterns) -> Vec<Option<(f64, f64)>> {
        ValueHorizon::per_pattern(data, |x, age| {
            horizon.purchases_if_alive(|t| self.expected_purchases_if_alive(x, age, t))
        })
    }
}

impl PurchasePredictor for BgNbdParams {
    fn p_alive(&self, x: u32, recency: f64, age: f64) -> f64 {
        BgNbdParams::p_alive(self, x, recency, age)
    }
    fn expected_purchases_if_alive(&self, x: u32, age: f64, t: f64) -> Option<f64> {
        BgNbdParams::expected_purchases_if_alive(self, x, age, t)
    }
    fn expected_purchases_since_first(&self, t: f64) -> Option<f64> {
        BgNbdParams::expected_purchases_since_first(self, t)
    }
    fn p_alive_per_pattern(&self, data: &PurchasePatterns) -> Vec<f64> {
        BgNbdParams::p_alive_per_pattern(self, data)
    }
    fn horizon_per_pattern(&self, horizon: &ValueHorizon, data: &PurchasePatterns) -> Vec<Option<(f64, f64)>> {
        BgNbdParams::horizon_per_pattern(self, horizon, data)
    }
}

impl PurchasePredictor for ParetoNbdParams {
    fn p_alive(&self, x: u32, recency: f64, age: f64) -> f64 {
        ParetoNbdParams::p_alive(self, x, recency, age)
    }
    fn expected_purchases_if_alive(&self, x: u32, age: f64, t: f64) -> Option<f64> {
        ParetoNbdParams::expected_purchases_if_alive(self, x, age, t)
    }
}

impl PurchasePredictor for MbgNbdParams {
    fn p_alive(&self, x: u32, recency: f64, age: f64) -> f64 {
        MbgNbdParams::p_alive(self, x, recency, age)
    }
    fn expected_purchases_if_alive(&self, x: u32, age: f64, t: f64) -> Option<f64> {
        MbgNbdParams::expected_purchases_if_alive(self, x, age, t)
    }
    fn horizon_per_pattern(&self, horizon: &ValueHorizon, data: &PurchasePatterns) -> Vec<Option<(f64, f64)>> {
        self.alive_equivalent().horizon_per_pattern(horizon, data)
    }
}

/// Fitted parameters of one of the purchase models (what the simulator's baseline can draw from).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PurchaseParams {
    BgNbd(BgNbdParams),
    ParetoNbd(ParetoNbdParams),
    MbgNbd(MbgNbdParams),
}

/// One customer's posterior, in the form of the model that produced it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PurchasePosterior {
    /// Drops out after a purchase with probability p (BG/NBD; MBG/NBD with b + 1 given alive).
    PerPurchase(BgNbdPosterior),
    /// Drops out at an exponential time (Pareto/NBD).
    OverTime(ParetoNbdPosterior),
}

impl PurchaseParams {
    pub fn model(&self) -> ClvModel {
        match self {
            PurchaseParams::BgNbd(_) => ClvModel::BgNbd,
            PurchaseParams::ParetoNbd(_) => ClvModel::ParetoNbd,
            PurchaseParams::MbgNbd(_) => ClvModel::MbgNbd,
        }
    }

    /// Parameters in the order of the model's parameter names.
    pub fn from_values(model: ClvModel, v: [f64; 4]) -> Option<PurchaseParams> {
        match model {
            ClvModel::BgNbd => Some(PurchaseParams::BgNbd(BgNbdParams::from_values(v))),
            ClvModel::ParetoNbd => Some(PurchaseParams::ParetoNbd(ParetoNbdParams::from_values(v))),
            ClvModel::MbgNbd => Some(PurchaseParams::MbgNbd(MbgNbdParams::from_values(v))),
            ClvModel::GammaGamma => None,
        }
    }

    /// The parameters of a fitted purchase model from a report.
    pub fn from_fitted(fitted: &FittedParams) -> Option<PurchaseParams> {
        let values: [f64; 4] = fitted.values.as_slice().try_into().ok()?;
        PurchaseParams::from_values(fitted.model, values)
    }

    fn predictor(&self) -> &dyn PurchasePredictor {
        match self {
            PurchaseParams::BgNbd(p) => p,
            PurchaseParams::ParetoNbd(p) => p,
            PurchaseParams::MbgNbd(p) => p,
        }
    }

    pub fn posterior(&self, x: u32, recency: f64, age: f64) -> PurchasePosterior {
        match self {
            PurchaseParams::BgNbd(p) => PurchasePosterior::PerPurchase(p.posterior(x, recency, age)),
            PurchaseParams::MbgNbd(p) => {
                let alive = BgNbdParams { r: p.r, alpha: p.alpha, a: p.a, b: p.b + 1.0 };
                let mut posterior = alive.posterior(x, recency, age);
                posterior.p_alive = p.p_alive(x, recency, age);
                // Gone right after the last purchase (also possible at x = 0): p ~ Beta(a + 1, b + x).
                posterior.lambda_rate_if_gone = Some(p.alpha + recency);
                posterior.dropout_beta_if_gone = Some((p.a + 1.0, p.b + f64::from(x)));
                PurchasePosterior::PerPurchase(posterior)
            }
            PurchaseParams::ParetoNbd(p) => PurchasePosterior::OverTime(p.posterior(x, recency, age)),
        }
    }
}

impl PurchasePredictor for PurchaseParams {
    fn p_alive(&self, x: u32, recency: f64, age: f64) -> f64 {
        self.predictor().p_alive(x, recency, age)
    }
    fn expected_purchases_if_alive(&self, x: u32, age: f64, t: f64) -> Option<f64> {
        self.predictor().expected_purchases_if_alive(x, age, t)
    }
    fn expected_purchases_since_first(&self, t: f64) -> Option<f64> {
        self.predictor().expected_purchases_since_first(t)
    }
    fn p_alive_per_pattern(&self, data: &PurchasePatterns) -> Vec<f64> {
        self.predictor().p_alive_per_pattern(data)
    }
    fn horizon_per_pattern(&self, horizon: &ValueHorizon, data: &PurchasePatterns) -> Vec<Option<(f64, f64)>> {
        self.predictor().horizon_per_pattern(horizon, data)
    }
}
