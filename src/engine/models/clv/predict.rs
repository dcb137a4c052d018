//! Per-customer predictions of a fitted purchase model (and the spend model): P(alive), expected
//! purchases over the horizon and the holdout, expected order value and CLV.

use crate::engine::chunks::each_in_chunks;

use super::gamma_gamma::GammaGammaParams;
use super::patterns::PurchasePatterns;
use super::purchase::PurchasePredictor;
use super::report::CustomerValues;
use super::summary::CalibrationSummary;
use super::value::{customer_value, ValueHorizon};

/// What every customer of one pattern shares. The expensive part (series over the horizon's months)
/// depends on (x, T) only, so it runs once per distinct (x, T); patterns are ordered by (x, T, t_x),
/// so equal pairs are adjacent.
pub(super) struct PatternPredictions {
    pub p_alive: Vec<f64>,
    /// (expected purchases over the horizon, the same discounted month by month), given alive.
    pub horizon_if_alive: Vec<Option<(f64, f64)>>,
    /// Expected purchases over the holdout given alive (`None` without a holdout).
    pub holdout_if_alive: Option<Vec<Option<f64>>>,
}

impl PatternPredictions {
    pub fn compute(
        params: &dyn PurchasePredictor,
        data: &PurchasePatterns,
        horizon: &ValueHorizon,
        holdout_duration: Option<f64>,
    ) -> PatternPredictions {
        let patterns = data.pattern_count();
        let holdout_if_alive = holdout_duration.map(|duration| {
            let mut holdout: Vec<Option<f64>> = Vec::with_capacity(patterns);
            for j in 0..patterns {
                let (x, _, age, _) = data.pattern(j);
                let value = if data.same_pair_as_previous(j) {
                    holdout[j - 1]
                } else {
                    params.expected_purchases_if_alive(x, age, duration)
                };
                holdout.push(value);
            }
            holdout
        });
        PatternPredictions {
            p_alive: params.p_alive_per_pattern(data),
            horizon_if_alive: params.horizon_per_pattern(horizon, data),
            holdout_if_alive,
        }
    }

    /// Expected holdout purchases of every customer (`None` without a holdout).
    pub fn expected_holdout(&self, pattern_of_customer: &[u32]) -> Option<Vec<Option<f64>>> {
        let holdout = self.holdout_if_alive.as_ref()?;
        Some(pattern_of_customer.iter().map(|&j| holdout[j as usize].map(|e| self.p_alive[j as usize] * e)).collect())
    }
}

/// A customer's expected order value: the population mean without repeats, none for repeat buyers
/// without a usable positive value (they were excluded from the spend model and are counted).
pub(super) fn order_value(spend: &GammaGammaParams, x: u32, monetary: Option<f64>) -> Option<f64> {
    match (x, monetary) {
        (0, _) => spend.population_mean_value(),
        (_, Some(m)) if m > 0.0 => spend.expected_average_value(x, m),
        _ => None,
    }
}

/// The predicted columns of every customer of `summary`; the history columns (customer, frequency,
/// recency, age, monetary, holdout) are left empty for the caller to move in from the summary.
pub(super) fn customer_values(
    summary: &CalibrationSummary,
    pattern_of_customer: &[u32],
    predictions: &PatternPredictions,
    spend: Option<&GammaGammaParams>,
    margin_percent: f64,
) -> CustomerValues {
    let n = summary.len();
    let mut out = CustomerValues {
        p_alive: Vec::with_capacity(n),
        expected_purchases_horizon: Vec::with_capacity(n),
        expected_order_value: Vec::with_capacity(n),
        clv: Vec::with_capacity(n),
        expected_holdout_purchases: predictions.expected_holdout(pattern_of_customer),
        ..CustomerValues::default()
    };
    // In chunks: a wasm engine optimises the loop only between calls (`engine::chunks`).
    each_in_chunks(0..pattern_of_customer.len(), |i| {
        let j = pattern_of_customer[i] as usize;
        let alive = predictions.p_alive[j];
        let value = spend.and_then(|s| order_value(s, summary.frequency[i], summary.monetary[i]));
        let horizon = predictions.horizon_if_alive[j];
        out.p_alive.push(alive);
        out.expected_purchases_horizon.push(horizon.map(|(total, _)| alive * total));
        out.clv
            .push(horizon.zip(value).map(|((_, discounted), v)| customer_value(alive, discounted, v, margin_percent)));
        out.expected_order_value.push(value);
    });
    out
}
