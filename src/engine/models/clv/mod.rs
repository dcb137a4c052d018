//! Probabilistic customer value (docs/model.md): a purchase model (BG/NBD, Pareto/NBD or MBG/NBD,
//! chosen by holdout fit) for the number of future purchases and Gamma-Gamma for their value, fitted
//! by maximum likelihood on an event log, giving per customer P(alive), expected purchases over a
//! horizon, expected order value and a discounted CLV, each with an interval from the parameters'
//! uncertainty, plus the population parameters with standard errors and a calibration-vs-holdout check.
//!
//! `fit_clv` runs the whole pipeline; the modules can also be used on their own (the fitters take
//! collapsed (x, t_x, T) and (x, m) patterns, which `PatternCounts` builds and merges per partition).

pub mod bgnbd;
pub mod comparison;
pub mod error;
pub mod fitted;
pub mod gamma_gamma;
pub mod holdout;
pub mod mbg_nbd;
pub mod optimize;
pub mod pareto_nbd;
pub mod patterns;
mod predict;
pub mod purchase;
pub mod purchase_fit;
pub mod report;
pub mod settings;
pub mod special;
pub mod summary;
mod uncertainty;
pub mod value;

use crate::engine::dataset::EventLog;
use crate::engine::progress::{Progress, Stage};
use crate::engine::roles::ColumnRole;

use comparison::{choose, fit_purchase, holdout_evidence, models_to_fit};
use error::not_converged;
pub use error::{ClvError, NamedValue, NonConvergence};
pub use fitted::{ClvModel, FittedParams};
use gamma_gamma::{GammaGammaData, GammaGammaParams};
pub use holdout::{FrequencyBucket, HoldoutCheck, Tracking};
use optimize::MinimizeOptions;
pub use patterns::{PatternCounts, PurchasePatterns};
use predict::{customer_values, PatternPredictions};
pub use purchase::{PurchaseParams, PurchasePosterior, PurchasePredictor};
pub use report::{
    ClvReport, CustomerIntervals, CustomerValues, Exclusions, HoldoutFit, Interval, PurchaseModelFit,
    SpendModelSkipped, Uncertainty,
};
pub use settings::{ClvSettings, PurchaseModelChoice, HORIZON_MONTHS, MAX_HORIZON_MONTHS};
pub use summary::TimeUnit;
use summary::{summarize, CalibrationSummary};
use uncertainty::{parameter_intervals, DrawSettings, Estimate};
use value::ValueHorizon;

/// Fewer customers than this cannot pin down four purchase-model parameters.
pub const MIN_CUSTOMERS: u32 = 20;
/// Fewer repeat buyers with a positive spend than this and the spend model is skipped.
pub const MIN_SPENDERS: u32 = 10;

const STEPS: u64 = 6;

/// The whole pipeline on an event log: summary, purchase models and the choice between them,
/// Gamma-Gamma, per-customer predictions with intervals, holdout check.
pub fn fit_clv(log: &EventLog, settings: &ClvSettings, progress: &mut dyn Progress) -> Result<ClvReport, ClvError> {
    settings.validate()?;
    progress.report(Stage::Training, 0, STEPS);
    let summary = summarize(log, settings.calibration_end, settings.holdout_end, settings.time_unit)?;
    let customers = summary.len() as u32;
    if customers < MIN_CUSTOMERS {
        return Err(ClvError::TooFewCustomers { customers, needed: MIN_CUSTOMERS });
    }
    let repeat_buyers = summary.frequency.iter().filter(|&&x| x > 0).count() as u32;
    if repeat_buyers == 0 {
        return Err(ClvError::NoRepeatBuyers { customers });
    }
    progress.report(Stage::Training, 1, STEPS);

    let options = MinimizeOptions { max_iterations: settings.max_iterations, ..MinimizeOptions::default() };
    // The summary only produces valid histories (0 <= t_x <= T, t_x = 0 when x = 0).
    let (purchase_data, pattern_of_customer) =
        PurchasePatterns::from_customers(&summary.frequency, &summary.recency, &summary.age)
            .map_err(|e| ClvError::InvalidData { message: format!("customer {}: {}", e.customer, e.problem) })?;
    let horizon = ValueHorizon {
        months: settings.horizon_months,
        periods_per_month: settings.time_unit.periods_per_month(),
        monthly_discount_rate: settings.monthly_discount_rate,
    };
    let mut purchase_models = Vec::new();
    let mut checks = Vec::new();
    for model in models_to_fit(settings) {
        let fitted = match fit_purchase(model, &purchase_data, settings.penalizer, &options) {
            Ok(fitted) => fitted,
            // BG/NBD must fit (the baseline reads it), and so must a model asked for by name.
            Err(error) if model == ClvModel::BgNbd || settings.purchase_model != PurchaseModelChoice::ByHoldout => {
                return Err(error)
            }
            Err(error) => {
                purchase_models.push(PurchaseModelFit { model, fitted: None, error: Some(error), holdout: None });
                continue;
            }
        };
        let evidence = holdout_evidence(&fitted, &summary, &purchase_data, &pattern_of_customer, &horizon, settings);
        purchase_models.push(PurchaseModelFit {
            model,
            holdout: evidence.as_ref().map(|e| e.fit.clone()),
            fitted: Some(fitted),
            error: None,
        });
        checks.push((model, evidence.map(|e| e.check)));
    }
    let purchase_model = choose(settings, &purchase_models);
    let chosen = purchase_models
        .iter()
        .find(|m| m.model == purchase_model)
        .and_then(|m| m.fitted.clone())
        .expect("the chosen model was fitted");
    let bgnbd = purchase_models[0].fitted.clone().expect("BG/NBD is fitted first");
    let params = PurchaseParams::from_fitted(&chosen).expect("a purchase model");
    progress.report(Stage::Training, 2, STEPS);

    let mut exclusions = Exclusions {
        never_purchased: summary.never_purchased,
        first_purchase_after_calibration: summary.first_purchase_after_calibration,
        refunds_applied: summary.refunds_applied,
        ..Exclusions::default()
    };
    let spend = fit_spend_model(log, &summary, settings, &options, &mut exclusions)?;
    progress.report(Stage::Training, 3, STEPS);

    let holdout_duration = summary.holdout_end_period.map(|end| (end - summary.calibration_end_period) as f64);
    let predictions = PatternPredictions::compute(&params, &purchase_data, &horizon, holdout_duration);
    let mut per_customer =
        customer_values(&summary, &pattern_of_customer, &predictions, spend.params.as_ref(), settings.margin_percent);
    exclusions.predictions_unavailable =
        per_customer.expected_purchases_horizon.iter().filter(|e| e.is_none()).count() as u32;
    progress.report(Stage::Training, 4, STEPS);

    let draw_settings = DrawSettings {
        draws: settings.uncertainty_draws,
        seed: settings.seed,
        horizon: &horizon,
        margin_percent: settings.margin_percent,
    };
    let spend_estimate =
        spend.fitted.as_ref().map(|f| Estimate { values: &f.values, log_covariance: &f.log_covariance });
    let drawn = parameter_intervals(
        &summary,
        &purchase_data,
        &pattern_of_customer,
        purchase_model,
        &Estimate { values: &chosen.values, log_covariance: &chosen.log_covariance },
        spend_estimate.as_ref(),
        &draw_settings,
    );
    let uncertainty = drawn.map(|(intervals, totals)| {
        per_customer.intervals = Some(intervals);
        totals
    });
    progress.report(Stage::Training, 5, STEPS);

    let holdout = checks.into_iter().find(|(model, _)| *model == purchase_model).and_then(|(_, check)| check);
    progress.report(Stage::Training, STEPS, STEPS);

    Ok(ClvReport {
        time_unit: settings.time_unit,
        calibration_end: settings.calibration_end,
        holdout_end: settings.holdout_end,
        horizon_months: settings.horizon_months,
        horizon_periods: horizon.periods(),
        monthly_discount_rate: settings.monthly_discount_rate,
        margin_percent: settings.margin_percent,
        customers,
        repeat_buyers,
        bgnbd,
        purchase_model,
        purchase_models,
        population_order_value: spend.params.and_then(|p| p.population_mean_value()),
        gamma_gamma: spend.fitted,
        spend_model_skipped: spend.skipped,
        frequency_value_correlation: spend.correlation,
        per_customer,
        holdout,
        exclusions,
        uncertainty,
    })
}

struct SpendModel {
    params: Option<GammaGammaParams>,
    fitted: Option<FittedParams>,
    skipped: Option<SpendModelSkipped>,
    correlation: Option<f64>,
}

fn fit_spend_model(
    log: &EventLog,
    summary: &CalibrationSummary,
    settings: &ClvSettings,
    options: &MinimizeOptions,
    exclusions: &mut Exclusions,
) -> Result<SpendModel, ClvError> {
    let mut frequency = Vec::new();
    let mut value = Vec::new();
    for (&x, &m) in summary.frequency.iter().zip(&summary.monetary) {
        if x == 0 {
            continue;
        }
        match m {
            Some(m) if m > 0.0 => {
                frequency.push(x);
                value.push(m);
            }
            Some(_) => exclusions.spend_not_positive += 1,
            None => exclusions.spend_missing += 1,
        }
    }
    let skipped = |reason| SpendModel { params: None, fitted: None, skipped: Some(reason), correlation: None };
    if !log.has(ColumnRole::Amount) && value.is_empty() {
        return Ok(skipped(SpendModelSkipped::NoAmounts));
    }
    let usable = value.len() as u32;
    if usable < MIN_SPENDERS {
        return Ok(skipped(SpendModelSkipped::TooFewPositiveSpenders { usable, needed: MIN_SPENDERS }));
    }
    let data = GammaGammaData::from_customers(&frequency, &value)
        .map_err(|e| ClvError::InvalidData { message: format!("repeat buyer {}: {}", e.customer, e.problem) })?;
    let fit = gamma_gamma::fit(&data, settings.penalizer, options).map_err(|e| {
        let p = e.params;
        not_converged(ClvModel::GammaGamma, &e.failure, &gamma_gamma::PARAMETER_NAMES, &[p.p, p.q, p.v])
    })?;
    Ok(SpendModel {
        params: Some(fit.params()),
        fitted: Some(spend_fitted(&data, &fit)),
        skipped: None,
        correlation: pearson(&frequency, &value),
    })
}

fn spend_fitted(data: &GammaGammaData, fit: &gamma_gamma::GammaGammaFit) -> FittedParams {
    FittedParams::converged(
        ClvModel::GammaGamma,
        &gamma_gamma::PARAMETER_NAMES,
        fit,
        data.customer_count() as u32,
        data.pattern_count() as u32,
    )
}

/// The sufficient statistics of one partition of the customers (all of each customer's events in one
/// partition): merge the partitions' counts with `PatternCounts::merge`, then `fit_patterns`.
pub fn summarise(log: &EventLog, settings: &ClvSettings) -> Result<PatternCounts, ClvError> {
    let summary = summarize(log, settings.calibration_end, None, settings.time_unit)?;
    Ok(PatternCounts::summarise(&summary))
}

/// A purchase model and, when the counts have spend patterns, Gamma-Gamma, fitted on (merged)
/// partition counts: the same fits, to the bit, as on all of the partitions' customers together.
pub fn fit_patterns(
    counts: &PatternCounts,
    model: ClvModel,
    settings: &ClvSettings,
) -> Result<(FittedParams, Option<FittedParams>), ClvError> {
    settings.validate()?;
    let options = MinimizeOptions { max_iterations: settings.max_iterations, ..MinimizeOptions::default() };
    let purchase = fit_purchase(model, &PurchasePatterns::from_counts(counts), settings.penalizer, &options)?;
    if counts.spend.is_empty() {
        return Ok((purchase, None));
    }
    let data = GammaGammaData::from_counts(counts);
    let fit = gamma_gamma::fit(&data, settings.penalizer, &options).map_err(|e| {
        let p = e.params;
        not_converged(ClvModel::GammaGamma, &e.failure, &gamma_gamma::PARAMETER_NAMES, &[p.p, p.q, p.v])
    })?;
    Ok((purchase, Some(spend_fitted(&data, &fit))))
}

fn pearson(x: &[u32], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let mx = x.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        let (da, db) = (f64::from(a) - mx, b - my);
        sxy += da * db;
        sxx += da * da;
        syy += db * db;
    }
    let r = sxy / (sxx * syy).sqrt();
    r.is_finite().then_some(r)
}
