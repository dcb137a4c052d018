//! Probabilistic customer value (docs/model.md): a purchase model (BG/NBD, Pareto/NBD or MBG/NBD,
//! chosen by holdout fit) for the number of future purchases and Gamma-Gamma for their value, fitted
//! by maximum likelihood on an event log, giving per customer P(alive), expected purchases over a
//! horizon, expected order value and a discounted CLV, each with an interval from the parameters'
//! uncertainty, plus the population parameters with standard errors and a calibration-vs-holdout check.
//!
//! `fit_clv` runs the whole pipeline; the modules can also be used on their own (the fitters take
//! collapsed (x, t_x, T) and (x, m) patterns, which `PatternCounts` builds and merges per partition).

pub mod bgnbd;
mod bgnbd_patterns;
pub mod comparison;
mod draws;
pub mod error;
pub mod fitted;
pub mod gamma_gamma;
pub mod holdout;
#[cfg(test)]
mod interval_tests;
mod intervals;
pub mod mbg_nbd;
pub mod optimize;
pub mod overview;
pub mod pareto_nbd;
pub mod partial;
pub mod partitioned;
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

use std::collections::BTreeMap;

use crate::engine::dataset::{EventLog, TextList};
use crate::engine::progress::{Progress, Stage};

use comparison::{choose, fit_purchase, holdout_evidence, models_to_fit, HoldoutEvidence};
use draws::{Estimate, ParameterDraws};
use error::not_converged;
pub use error::{ClvError, NamedValue, NonConvergence};
pub use fitted::{ClvModel, FittedParams};
use gamma_gamma::{GammaGammaData, GammaGammaParams};
pub use holdout::{FrequencyBucket, HoldoutCheck, Tracking};
use intervals::{customer_intervals, intervals_of_rows, Histories, RowPatterns};
use optimize::MinimizeOptions;
pub use overview::{ClvOverview, TopCustomer};
pub use partial::{ClvPartial, MIN_CUSTOMERS};
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
use uncertainty::{population_totals, DrawTotals, PointEstimate, TOTALS_SAMPLE_PATTERNS};
use value::ValueHorizon;

/// Fewer repeat buyers with a positive spend than this and the spend model is skipped.
pub const MIN_SPENDERS: u32 = 10;

const STEPS: u64 = 6;

/// The whole pipeline on an event log: summary, purchase models and the choice between them,
/// Gamma-Gamma, per-customer predictions with every customer's intervals, holdout check.
pub fn fit_clv(log: &EventLog, settings: &ClvSettings, progress: &mut dyn Progress) -> Result<ClvReport, ClvError> {
    let Fitted { summary, purchase_data, pattern_of_customer, mut report } = fit_models(log, settings, progress)?;
    let predicted =
        predict(summary, None, &purchase_data, &pattern_of_customer, settings, &report, IntervalsOf::Everyone);
    report.exclusions.predictions_unavailable = predicted.unavailable;
    report.per_customer = predicted.values;
    report.uncertainty = predicted.uncertainty;
    progress.report(Stage::Training, STEPS, STEPS);
    Ok(report)
}

/// What a page shows of `fit_clv` (`ClvOverview::of` its report, naming the `top` most valuable
/// customers by `ids`), with the per-customer intervals computed for those `top` customers only:
/// the same numbers, to the bit, at a fraction of the cost on files of distinct customers
/// (docs/model.md, "CLV intervals").
pub fn fit_clv_overview(
    log: &EventLog,
    settings: &ClvSettings,
    ids: &TextList,
    top: usize,
    progress: &mut dyn Progress,
) -> Result<ClvOverview, ClvError> {
    let Fitted { summary, purchase_data, pattern_of_customer, mut report } = fit_models(log, settings, progress)?;
    let predicted = predict(summary, None, &purchase_data, &pattern_of_customer, settings, &report, PAGE_INTERVALS);
    report.exclusions.predictions_unavailable = predicted.unavailable;
    report.per_customer = predicted.values;
    report.uncertainty = predicted.uncertainty;
    let horizon = value_horizon(settings);
    let overview = ClvOverview::of_with(report, ids, top, |values, rows| {
        let draws = predicted.draws.as_ref()?;
        customer_intervals(draws, Histories::of_values(values), rows, &horizon, settings.margin_percent)
    });
    progress.report(Stage::Training, STEPS, STEPS);
    Ok(overview)
}

/// `fit_clv` without the predictions: the same fitted models, with `per_customer` holding only each
/// customer's calibration history (customer, frequency, recency, age, monetary; every predicted
/// column empty) and `exclusions.predictions_unavailable` not counted. What the simulator's
/// baseline and the back-test read: on millions of customers the predictions are hundreds of MB
/// they never use (docs/benchmarks.md, "The simulation's baseline without the CLV predictions").
pub fn fit_clv_history(
    log: &EventLog,
    settings: &ClvSettings,
    progress: &mut dyn Progress,
) -> Result<ClvReport, ClvError> {
    let Fitted { summary, mut report, .. } = fit_models(log, settings, progress)?;
    report.per_customer = CustomerValues::history_only(summary);
    progress.report(Stage::Training, STEPS, STEPS);
    Ok(report)
}

/// The models fitted, before any per-customer prediction.
struct Fitted {
    summary: CalibrationSummary,
    purchase_data: PurchasePatterns,
    pattern_of_customer: Vec<u32>,
    /// Without `per_customer` and `uncertainty`.
    report: ClvReport,
}

fn fit_models(log: &EventLog, settings: &ClvSettings, progress: &mut dyn Progress) -> Result<Fitted, ClvError> {
    settings.validate()?;
    progress.report(Stage::Training, 0, STEPS);
    let mut summary = summarize(log, settings.calibration_end, settings.holdout_end, settings.time_unit)?;
    summary.shrink_to_fit();
    let population = ClvPartial::of(&summary, log);
    population.check_size()?;
    progress.report(Stage::Training, 1, STEPS);

    // The summary only produces valid histories (0 <= t_x <= T, t_x = 0 when x = 0).
    let (purchase_data, pattern_of_customer) = customer_patterns(&summary)?;
    let horizon = value_horizon(settings);
    let evidence = |fitted: &FittedParams| {
        holdout_evidence(fitted, &summary, &purchase_data, &pattern_of_customer, &horizon, settings)
    };
    let report = fit_population(&population, &purchase_data, settings, evidence)?;
    progress.report(Stage::Training, 3, STEPS);
    Ok(Fitted { summary, purchase_data, pattern_of_customer, report })
}

fn customer_patterns(summary: &CalibrationSummary) -> Result<(PurchasePatterns, Vec<u32>), ClvError> {
    PurchasePatterns::from_customers(&summary.frequency, &summary.recency, &summary.age)
        .map_err(|e| ClvError::InvalidData { message: format!("customer {}: {}", e.customer, e.problem) })
}

fn value_horizon(settings: &ClvSettings) -> ValueHorizon {
    ValueHorizon {
        months: settings.horizon_months,
        periods_per_month: settings.time_unit.periods_per_month(),
        monthly_discount_rate: settings.monthly_discount_rate,
    }
}

/// Everything of the report that depends on the population only through its pattern counts: the
/// purchase models (with their holdout evidence when `evidence` gives it) and the choice between
/// them, Gamma-Gamma, the exclusions. `per_customer` and `uncertainty` are left empty.
fn fit_population(
    population: &ClvPartial,
    purchase_data: &PurchasePatterns,
    settings: &ClvSettings,
    mut evidence: impl FnMut(&FittedParams) -> Option<HoldoutEvidence>,
) -> Result<ClvReport, ClvError> {
    let options = MinimizeOptions { max_iterations: settings.max_iterations, ..MinimizeOptions::default() };
    let mut purchase_models = Vec::new();
    let mut checks = Vec::new();
    for model in models_to_fit(settings) {
        let fitted = match fit_purchase(model, purchase_data, settings.penalizer, &options) {
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
        let evidence = evidence(&fitted);
        purchase_models.push(PurchaseModelFit {
            model,
            holdout: evidence.as_ref().map(|e| e.fit.clone()),
            fitted: Some(fitted),
            error: None,
        });
        checks.push((model, evidence.map(|e| e.check)));
    }
    let purchase_model = choose(settings, &purchase_models);
    let bgnbd = purchase_models[0].fitted.clone().expect("BG/NBD is fitted first");
    let spend = fit_spend_model(population, settings, &options)?;
    let holdout = checks.into_iter().find(|(model, _)| *model == purchase_model).and_then(|(_, check)| check);
    let horizon = value_horizon(settings);
    Ok(ClvReport {
        time_unit: settings.time_unit,
        calibration_end: settings.calibration_end,
        holdout_end: settings.holdout_end,
        horizon_months: settings.horizon_months,
        horizon_periods: horizon.periods(),
        monthly_discount_rate: settings.monthly_discount_rate,
        margin_percent: settings.margin_percent,
        customers: population.customers() as u32,
        repeat_buyers: population.repeat_buyers() as u32,
        bgnbd,
        purchase_model,
        purchase_models,
        population_order_value: spend.params.and_then(|p| p.population_mean_value()),
        gamma_gamma: spend.fitted,
        spend_model_skipped: spend.skipped,
        frequency_value_correlation: spend.correlation,
        per_customer: CustomerValues::default(),
        holdout,
        exclusions: population.exclusions.clone(),
        uncertainty: None,
    })
}

/// Per-customer predictions of a fitted report (rows of `summary`; `weights` counts the customers
/// each row stands for, one each when `None`).
struct Predicted {
    values: CustomerValues,
    uncertainty: Option<Uncertainty>,
    /// Customers whose expected purchases could not be computed.
    unavailable: u32,
    /// The parameter draws behind the intervals (`None` with 0 draws or an unusable covariance), for
    /// the intervals of customers asked about later.
    draws: Option<ParameterDraws>,
}

/// Whose intervals `predict` computes with the values (the population totals' are always computed).
#[derive(Clone, Copy, PartialEq, Eq)]
enum IntervalsOf {
    /// Everyone's, the totals exact from the same evaluations.
    Everyone,
    /// Nobody's yet (`Predicted::draws` gives any customer's later); the totals exact up to
    /// `totals_budget` distinct patterns, estimated from a sample of that many beyond.
    Nobody { totals_budget: usize },
}

/// What the page's fit computes: the rows it shows, later, and the totals sampled beyond
/// `TOTALS_SAMPLE_PATTERNS` distinct patterns.
const PAGE_INTERVALS: IntervalsOf = IntervalsOf::Nobody { totals_budget: TOTALS_SAMPLE_PATTERNS };

/// Takes the summary to move its per-customer columns into the values at the end rather than copy
/// them: on millions of customers the copy was about 100 MB more at the fit's peak.
fn predict(
    summary: CalibrationSummary,
    weights: Option<&[u64]>,
    purchase_data: &PurchasePatterns,
    pattern_of_customer: &[u32],
    settings: &ClvSettings,
    report: &ClvReport,
    intervals_of: IntervalsOf,
) -> Predicted {
    let horizon = value_horizon(settings);
    let chosen = report.chosen_purchase_model();
    let params = PurchaseParams::from_fitted(chosen).expect("a purchase model");
    let spend =
        report.gamma_gamma.as_ref().map(|g| GammaGammaParams { p: g.values[0], q: g.values[1], v: g.values[2] });
    let holdout_duration = summary.holdout_end_period.map(|end| (end - summary.calibration_end_period) as f64);
    let predictions = PatternPredictions::compute(&params, purchase_data, &horizon, holdout_duration);
    let mut values =
        customer_values(&summary, pattern_of_customer, &predictions, spend.as_ref(), settings.margin_percent);
    let weight = |i: usize| weights.map_or(1, |w| w[i]);
    let unavailable =
        (0..summary.len()).filter(|&i| values.expected_purchases_horizon[i].is_none()).map(weight).sum::<u64>();
    let spend_estimate =
        report.gamma_gamma.as_ref().map(|f| Estimate { values: &f.values, log_covariance: &f.log_covariance });
    let draws = ParameterDraws::new(
        report.purchase_model,
        &Estimate { values: &chosen.values, log_covariance: &chosen.log_covariance },
        spend_estimate.as_ref(),
        settings.uncertainty_draws,
        settings.seed,
    );
    let histories = Histories::of_summary(&summary);
    let uncertainty = draws.as_ref().and_then(|draws| {
        let totals =
            DrawTotals::new(draws, histories, weights, purchase_data, pattern_of_customer, settings.margin_percent);
        if let IntervalsOf::Nobody { totals_budget } = intervals_of {
            let point = PointEstimate { predictions: &predictions, spend: spend.as_ref() };
            return population_totals(draws, totals, &horizon, settings.seed, &point, totals_budget);
        }
        // Everyone's intervals evaluate every pattern under every draw: the totals add them up as
        // they go rather than evaluate them again.
        let mut totals = totals;
        let everyone: Vec<usize> = (0..summary.len()).collect();
        let rows = RowPatterns { rows: &everyone, data: purchase_data, pattern_of_row: pattern_of_customer };
        let intervals =
            intervals_of_rows(draws, histories, rows, &horizon, settings.margin_percent, |p, s| totals.add(p, s));
        let uncertainty = totals.finish(draws, settings.seed)?;
        // As before: no customer intervals when no draw gave a total.
        values.intervals = Some(intervals);
        Some(uncertainty)
    });
    let draws = if uncertainty.is_some() { draws } else { None };
    values.customer = summary.customer;
    values.frequency = summary.frequency;
    values.recency = summary.recency;
    values.age = summary.age;
    values.monetary = summary.monetary;
    values.holdout_purchases = summary.holdout_purchases;
    values.holdout_spend = summary.holdout_spend;
    Predicted { values, uncertainty, unavailable: unavailable as u32, draws }
}

struct SpendModel {
    params: Option<GammaGammaParams>,
    fitted: Option<FittedParams>,
    skipped: Option<SpendModelSkipped>,
    correlation: Option<f64>,
}

fn fit_spend_model(
    population: &ClvPartial,
    settings: &ClvSettings,
    options: &MinimizeOptions,
) -> Result<SpendModel, ClvError> {
    let counts = population.pattern_counts();
    let skipped = |reason| SpendModel { params: None, fitted: None, skipped: Some(reason), correlation: None };
    if !population.has_amounts && counts.spend.is_empty() {
        return Ok(skipped(SpendModelSkipped::NoAmounts));
    }
    let usable = counts.spend.values().sum::<u64>() as u32;
    if usable < MIN_SPENDERS {
        return Ok(skipped(SpendModelSkipped::TooFewPositiveSpenders { usable, needed: MIN_SPENDERS }));
    }
    let data = GammaGammaData::from_counts(&counts);
    let fit = gamma_gamma::fit(&data, settings.penalizer, options).map_err(|e| {
        let p = e.params;
        not_converged(ClvModel::GammaGamma, &e.failure, &gamma_gamma::PARAMETER_NAMES, &[p.p, p.q, p.v])
    })?;
    Ok(SpendModel {
        params: Some(fit.params()),
        fitted: Some(spend_fitted(&data, &fit)),
        skipped: None,
        correlation: pearson(&counts.spend),
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

/// Pearson correlation of frequency and mean value over the spend patterns (x, bits of m) with
/// their customer counts, in pattern order: the same number however the customers are ordered or split.
fn pearson(spend: &BTreeMap<(u32, u64), u64>) -> Option<f64> {
    let rows = || spend.iter().map(|(&(x, m), &count)| (f64::from(x), f64::from_bits(m), count as f64));
    let n = rows().map(|(_, _, c)| c).sum::<f64>();
    let mx = rows().map(|(x, _, c)| c * x).sum::<f64>() / n;
    let my = rows().map(|(_, m, c)| c * m).sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, m, c) in rows() {
        let (da, db) = (x - mx, m - my);
        sxy += c * da * db;
        sxx += c * da * da;
        syy += c * db * db;
    }
    let r = sxy / (sxx * syy).sqrt();
    r.is_finite().then_some(r)
}
