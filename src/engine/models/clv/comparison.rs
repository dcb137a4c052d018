//! The purchase models fitted side by side, and the choice between them by holdout fit.

use super::bgnbd::{self, BgNbd};
use super::error::{not_converged, ClvError};
use super::fitted::{ClvModel, FittedParams};
use super::holdout::{holdout_check, HoldoutCheck};
use super::mbg_nbd::{self, MbgNbd};
use super::optimize::MinimizeOptions;
use super::pareto_nbd::{self, ParetoNbd};
use super::patterns::PurchasePatterns;
use super::predict::PatternPredictions;
use super::purchase::PurchaseParams;
use super::purchase_fit::{fit_purchase_model, PurchaseFit, PurchaseLikelihood};
use super::report::{HoldoutFit, PurchaseModelFit};
use super::settings::{ClvSettings, PurchaseModelChoice};
use super::summary::CalibrationSummary;
use super::value::ValueHorizon;

/// The purchase models in the order they are reported.
pub const PURCHASE_MODELS: [ClvModel; 3] = [ClvModel::BgNbd, ClvModel::ParetoNbd, ClvModel::MbgNbd];

pub fn parameter_names(model: ClvModel) -> [&'static str; 4] {
    match model {
        ClvModel::ParetoNbd => pareto_nbd::PARAMETER_NAMES,
        ClvModel::MbgNbd => mbg_nbd::PARAMETER_NAMES,
        _ => bgnbd::PARAMETER_NAMES,
    }
}

/// One purchase model fitted on the patterns, as the report shows it.
pub fn fit_purchase(
    model: ClvModel,
    data: &PurchasePatterns,
    penalizer: f64,
    options: &MinimizeOptions,
) -> Result<FittedParams, ClvError> {
    fn run<M: PurchaseLikelihood>(
        data: &PurchasePatterns,
        penalizer: f64,
        options: &MinimizeOptions,
    ) -> Result<PurchaseFit, (super::optimize::NotConverged, [f64; 4])> {
        fit_purchase_model::<M>(data, penalizer, options).map_err(|e| (e.failure, e.values))
    }
    let result = match model {
        ClvModel::ParetoNbd => run::<ParetoNbd>(data, penalizer, options),
        ClvModel::MbgNbd => run::<MbgNbd>(data, penalizer, options),
        _ => run::<BgNbd>(data, penalizer, options),
    };
    let names = parameter_names(model);
    let fit = result.map_err(|(failure, values)| not_converged(model, &failure, &names, &values))?;
    Ok(FittedParams::converged(model, &names, &fit, data.customer_count() as u32, data.pattern_count() as u32))
}

/// The models the choice asks for, BG/NBD always among them (the simulator's baseline reads it).
pub fn models_to_fit(settings: &ClvSettings) -> Vec<ClvModel> {
    match (settings.purchase_model, settings.holdout_end) {
        (PurchaseModelChoice::ByHoldout, Some(_)) => PURCHASE_MODELS.to_vec(),
        (PurchaseModelChoice::ByHoldout, None) | (PurchaseModelChoice::BgNbd, _) => vec![ClvModel::BgNbd],
        (PurchaseModelChoice::ParetoNbd, _) => vec![ClvModel::BgNbd, ClvModel::ParetoNbd],
        (PurchaseModelChoice::MbgNbd, _) => vec![ClvModel::BgNbd, ClvModel::MbgNbd],
    }
}

/// A fitted model's holdout check and the numbers the choice is made on.
pub struct HoldoutEvidence {
    pub check: HoldoutCheck,
    pub fit: HoldoutFit,
}

pub fn holdout_evidence(
    fitted: &FittedParams,
    summary: &CalibrationSummary,
    data: &PurchasePatterns,
    pattern_of_customer: &[u32],
    horizon: &ValueHorizon,
    settings: &ClvSettings,
) -> Option<HoldoutEvidence> {
    let duration = summary.holdout_end_period.map(|end| (end - summary.calibration_end_period) as f64)?;
    let params = PurchaseParams::from_fitted(fitted)?;
    let predictions = PatternPredictions::compute(&params, data, horizon, Some(duration));
    let expected = predictions.expected_holdout(pattern_of_customer)?;
    let check = holdout_check(summary, &params, &expected, settings.time_unit)?;
    let buckets: Vec<f64> =
        check.by_frequency.iter().filter_map(|b| Some((b.actual_mean? - b.expected_mean?).abs())).collect();
    let fit = HoldoutFit {
        actual_total: check.actual_total,
        expected_total: check.expected_total,
        total_relative_error: (check.expected_total - check.actual_total as f64).abs()
            / (check.actual_total as f64).max(1.0),
        bucket_mean_absolute_error: buckets.iter().sum::<f64>() / buckets.len().max(1) as f64,
    };
    Some(HoldoutEvidence { check, fit })
}

/// The model the per-customer predictions come from: the one asked for, or by holdout the one with
/// the smallest relative error of total holdout purchases (the first in report order on a tie).
pub fn choose(settings: &ClvSettings, fits: &[PurchaseModelFit]) -> ClvModel {
    let asked = match settings.purchase_model {
        PurchaseModelChoice::BgNbd => Some(ClvModel::BgNbd),
        PurchaseModelChoice::ParetoNbd => Some(ClvModel::ParetoNbd),
        PurchaseModelChoice::MbgNbd => Some(ClvModel::MbgNbd),
        PurchaseModelChoice::ByHoldout => None,
    };
    asked.unwrap_or_else(|| {
        fits.iter()
            .filter_map(|f| Some((f.model, f.holdout.as_ref()?.total_relative_error)))
            .filter(|(_, error)| error.is_finite())
            .fold(None, |best: Option<(ClvModel, f64)>, (model, error)| match best {
                Some((_, best_error)) if best_error <= error => best,
                _ => Some((model, error)),
            })
            .map_or(ClvModel::BgNbd, |(model, _)| model)
    })
}
