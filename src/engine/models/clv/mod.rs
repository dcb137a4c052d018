//! Probabilistic customer value (DOMAIN.md section 5): BG/NBD for the number of future purchases and
//! Gamma-Gamma for their value, fitted by maximum likelihood on an event log, giving per customer
//! P(alive), expected purchases over a horizon, expected order value and a discounted CLV, plus the
//! population parameters with standard errors and a calibration-vs-holdout check.
//!
//! `fit_clv` runs the whole pipeline; the modules can also be used on their own (the fitters take
//! per-customer (x, t_x, T) and (x, m) arrays).

pub mod bgnbd;
pub mod gamma_gamma;
pub mod holdout;
pub mod optimize;
pub mod special;
pub mod summary;
pub mod value;

use serde::{Deserialize, Serialize};

use crate::engine::dataset::EventLog;
use crate::engine::date::format_datetime;
use crate::engine::limits::Limit;
use crate::engine::progress::{Progress, Stage};
use crate::engine::roles::ColumnRole;

use bgnbd::{BgNbdData, BgNbdParams};
use gamma_gamma::{GammaGammaData, GammaGammaParams};
pub use holdout::{FrequencyBucket, HoldoutCheck, Tracking};
use optimize::{MinimizeOptions, NotConverged, StopReason};
pub use summary::TimeUnit;
use summary::{summarize, CalibrationSummary, SummaryError};
use value::{customer_value, ValueHorizon};

/// Fewer customers than this cannot pin down four BG/NBD parameters.
pub const MIN_CUSTOMERS: u32 = 20;
/// Fewer repeat buyers with a positive spend than this and the spend model is skipped.
pub const MIN_SPENDERS: u32 = 10;
pub const MAX_HORIZON_MONTHS: u32 = 600;
/// Months of customer value (`ClvSettings::horizon_months`): the page reads this to check its field.
pub const HORIZON_MONTHS: Limit = Limit::whole("horizon_months", 1.0, MAX_HORIZON_MONTHS as f64);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClvSettings {
    /// Purchases at or before this time (seconds since 1970) form the calibration period.
    pub calibration_end: i64,
    /// End of the holdout period (inclusive); `None` skips the holdout check.
    #[serde(default)]
    pub holdout_end: Option<i64>,
    #[serde(default)]
    pub time_unit: TimeUnit,
    #[serde(default = "default_horizon_months")]
    pub horizon_months: u32,
    /// Discount rate per month (0.01 = 1 %), as in lifetimes' customer_lifetime_value.
    #[serde(default = "default_monthly_discount_rate")]
    pub monthly_discount_rate: f64,
    /// Share of the order value that is profit, in percent (100 = CLV in revenue).
    #[serde(default = "default_margin_percent")]
    pub margin_percent: f64,
    /// L2 penalty on the parameters (lifetimes' penalizer_coef); 0 = plain maximum likelihood. A small
    /// value (0.001 - 0.1) helps when the fit does not converge.
    #[serde(default)]
    pub penalizer: f64,
    #[serde(default = "default_max_iterations")]
    pub max_iterations: u32,
}

fn default_horizon_months() -> u32 {
    12
}
fn default_monthly_discount_rate() -> f64 {
    0.01
}
fn default_margin_percent() -> f64 {
    100.0
}
fn default_max_iterations() -> u32 {
    500
}

impl ClvSettings {
    /// Defaults: days, no holdout, 12 months, 1 % a month, 100 % margin, no penalizer.
    pub fn new(calibration_end: i64) -> Self {
        ClvSettings {
            calibration_end,
            holdout_end: None,
            time_unit: TimeUnit::Days,
            horizon_months: default_horizon_months(),
            monthly_discount_rate: default_monthly_discount_rate(),
            margin_percent: default_margin_percent(),
            penalizer: 0.0,
            max_iterations: default_max_iterations(),
        }
    }

    fn validate(&self) -> Result<(), ClvError> {
        let invalid =
            |field: &str, message: String| Err(ClvError::InvalidSetting { field: field.to_string(), message });
        if self.horizon_months == 0 || self.horizon_months > MAX_HORIZON_MONTHS {
            return invalid(
                "horizon_months",
                format!("the horizon must be 1 to {MAX_HORIZON_MONTHS} months, not {}", self.horizon_months),
            );
        }
        if !(self.monthly_discount_rate.is_finite() && self.monthly_discount_rate > -1.0) {
            return invalid(
                "monthly_discount_rate",
                format!("the monthly discount rate must be a number above -1, not {}", self.monthly_discount_rate),
            );
        }
        if !(self.margin_percent.is_finite() && self.margin_percent >= 0.0) {
            return invalid("margin_percent", format!("the margin must be 0 % or more, not {}", self.margin_percent));
        }
        if !(self.penalizer.is_finite() && self.penalizer >= 0.0) {
            return invalid("penalizer", format!("the penalizer must be 0 or more, not {}", self.penalizer));
        }
        if self.max_iterations == 0 {
            return invalid("max_iterations", "at least one iteration is needed".to_string());
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClvModel {
    BgNbd,
    GammaGamma,
}

impl ClvModel {
    pub fn label(self) -> &'static str {
        match self {
            ClvModel::BgNbd => "BG/NBD purchase model",
            ClvModel::GammaGamma => "Gamma-Gamma spend model",
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
}

impl FittedParams {
    pub fn value(&self, name: &str) -> Option<f64> {
        self.names.iter().position(|n| n == name).map(|i| self.values[i])
    }
}

/// Per-customer results (struct of arrays; one entry per customer included in the calibration).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerValues {
    /// Index of the customer in the data set.
    pub customer: Vec<u32>,
    pub frequency: Vec<u32>,
    pub recency: Vec<f64>,
    pub age: Vec<f64>,
    /// Mean repeat-purchase value (net of refunds); `None` without repeat purchases or amounts.
    pub monetary: Vec<Option<f64>>,
    pub p_alive: Vec<f64>,
    pub expected_purchases_horizon: Vec<Option<f64>>,
    pub expected_order_value: Vec<Option<f64>>,
    pub clv: Vec<Option<f64>>,
    pub holdout_purchases: Option<Vec<u32>>,
    pub expected_holdout_purchases: Option<Vec<Option<f64>>>,
    pub holdout_spend: Option<Vec<f64>>,
}

/// Customers left out of (part of) the analysis, with the reason. Nothing is dropped silently.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusions {
    /// No purchase in the data at all (only views, carts, refunds, ...): not in the models.
    pub never_purchased: u32,
    /// First purchase after the calibration end: not in the models.
    pub first_purchase_after_calibration: u32,
    /// Repeat buyers whose mean purchase value is 0 or negative (refunds, negative amounts): left out of
    /// the spend model, no expected order value or CLV.
    pub spend_not_positive: u32,
    /// Repeat buyers without any amount on their repeat purchases: left out of the spend model.
    pub spend_missing: u32,
    /// Customers whose mean value was reduced by refunds (still included).
    pub refunds_applied: u32,
    /// Customers whose expected purchases could not be computed (extreme parameters).
    pub predictions_unavailable: u32,
}

impl Exclusions {
    /// One sentence per non-zero count, for the user.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut say = |count: u32, text: &str| {
            if count > 0 {
                out.push(format!("{count} {} {text}", if count == 1 { "customer" } else { "customers" }));
            }
        };
        say(self.never_purchased, "never made a purchase and are not part of the models.");
        say(
            self.first_purchase_after_calibration,
            "made their first purchase after the calibration end and are not part of the models.",
        );
        say(
            self.spend_not_positive,
            "have a mean purchase value of 0 or less (refunds or negative amounts): they are left out of the \
             spend model and get no order value or CLV.",
        );
        say(
            self.spend_missing,
            "have no amount on their repeat purchases: they are left out of the spend model and get no CLV.",
        );
        say(self.refunds_applied, "had refunds, which reduce their mean purchase value in proportion.");
        say(self.predictions_unavailable, "could not be given expected purchases (the series did not converge).");
        out
    }
}

/// Why the spend model was not fitted (the purchase model's results are still reported).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SpendModelSkipped {
    /// The data has no amount column.
    NoAmounts,
    TooFewPositiveSpenders {
        usable: u32,
        needed: u32,
    },
}

impl std::fmt::Display for SpendModelSkipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpendModelSkipped::NoAmounts => {
                write!(f, "the data has no amount column, so order values and CLV cannot be estimated")
            }
            SpendModelSkipped::TooFewPositiveSpenders { usable, needed } => write!(
                f,
                "only {usable} repeat buyers have a positive purchase value; the spend model needs at least {needed}"
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClvReport {
    pub time_unit: TimeUnit,
    pub calibration_end: i64,
    pub holdout_end: Option<i64>,
    pub horizon_months: u32,
    /// The horizon in periods of the time unit (months × 30 days or × 4.345 weeks).
    pub horizon_periods: f64,
    pub monthly_discount_rate: f64,
    pub margin_percent: f64,
    /// Customers in the models, and how many of them bought again within the calibration.
    pub customers: u32,
    pub repeat_buyers: u32,
    pub bgnbd: FittedParams,
    pub gamma_gamma: Option<FittedParams>,
    pub spend_model_skipped: Option<SpendModelSkipped>,
    /// Mean order value of the population p·v/(q-1) (the value given to customers without repeats).
    pub population_order_value: Option<f64>,
    /// Pearson correlation of frequency and mean value among the spend model's customers: Gamma-Gamma
    /// assumes they are independent, so a value far from 0 is a warning.
    pub frequency_value_correlation: Option<f64>,
    pub per_customer: CustomerValues,
    pub holdout: Option<HoldoutCheck>,
    pub exclusions: Exclusions,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedValue {
    pub name: String,
    pub value: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NonConvergence {
    IterationLimit,
    LineSearchFailed,
    /// A parameter ran off towards 0 or infinity: the data do not identify the model.
    ParameterDiverged {
        name: String,
        towards_zero: bool,
    },
    /// The likelihood went flat (no curvature) with `name` at an extreme value: same cause.
    FlatLikelihood {
        name: String,
        towards_zero: bool,
    },
    InvalidStart,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClvError {
    InvalidSetting {
        field: String,
        message: String,
    },
    /// A customer's history the models cannot take (the summary never produces one; said rather
    /// than panicking): which customer and what is wrong, as the model's data check wrote it.
    InvalidData {
        message: String,
    },
    /// The data has no purchase events.
    NoPurchases,
    CalibrationEndOutsideData {
        calibration_end: i64,
        first_purchase: i64,
    },
    CalibrationEndAfterData {
        calibration_end: i64,
        last_event: i64,
    },
    HoldoutEndNotAfterCalibration {
        calibration_end: i64,
        holdout_end: i64,
    },
    HoldoutEndAfterData {
        holdout_end: i64,
        last_event: i64,
    },
    TooFewCustomers {
        customers: u32,
        needed: u32,
    },
    NoRepeatBuyers {
        customers: u32,
    },
    NotConverged {
        model: ClvModel,
        reason: NonConvergence,
        iterations: u32,
        gradient_norm: Option<f64>,
        /// Where the optimiser stopped.
        params: Vec<NamedValue>,
    },
}

impl std::fmt::Display for ClvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClvError::InvalidSetting { field, message } => write!(f, "setting {field}: {message}"),
            ClvError::InvalidData { message } => write!(f, "the data cannot be modelled: {message}"),
            ClvError::NoPurchases => write!(f, "the data has no purchases, so there is nothing to model"),
            ClvError::CalibrationEndOutsideData { calibration_end, first_purchase } => write!(
                f,
                "the calibration end {} is before the first purchase in the data ({}); choose a later date",
                format_datetime(*calibration_end),
                format_datetime(*first_purchase)
            ),
            ClvError::CalibrationEndAfterData { calibration_end, last_event } => write!(
                f,
                "the calibration end {} is more than a month after the last event in the data ({}); every \
                 customer would look inactive since then. Choose a date up to the end of the data",
                format_datetime(*calibration_end),
                format_datetime(*last_event)
            ),
            ClvError::HoldoutEndNotAfterCalibration { calibration_end, holdout_end } => write!(
                f,
                "the holdout end {} must come after the calibration end {}",
                format_datetime(*holdout_end),
                format_datetime(*calibration_end)
            ),
            ClvError::HoldoutEndAfterData { holdout_end, last_event } => write!(
                f,
                "the holdout end {} is after the last event in the data ({}); the holdout would count purchases \
                 that were never recorded",
                format_datetime(*holdout_end),
                format_datetime(*last_event)
            ),
            ClvError::TooFewCustomers { customers, needed } => write!(
                f,
                "only {customers} customers bought before the calibration end; the model needs at least {needed}"
            ),
            ClvError::NoRepeatBuyers { customers } => write!(
                f,
                "none of the {customers} customers bought again before the calibration end, so repeat buying \
                 cannot be estimated; choose a later calibration end"
            ),
            ClvError::NotConverged { model, reason, iterations, gradient_norm, params } => {
                write!(f, "the {} did not converge after {iterations} iterations", model.label())?;
                match reason {
                    NonConvergence::IterationLimit => write!(f, " (iteration limit reached")?,
                    NonConvergence::LineSearchFailed => write!(f, " (no step improved the likelihood")?,
                    NonConvergence::ParameterDiverged { name, towards_zero } => write!(
                        f,
                        " (parameter {name} ran off towards {}: the data do not pin it down",
                        if *towards_zero { "0" } else { "infinity" }
                    )?,
                    NonConvergence::FlatLikelihood { name, towards_zero } => write!(
                        f,
                        " (the likelihood went flat with parameter {name} heading towards {}: the data do not pin \
                         it down",
                        if *towards_zero { "0" } else { "infinity" }
                    )?,
                    NonConvergence::InvalidStart => write!(f, " (the likelihood cannot be evaluated at the start")?,
                }
                if let Some(g) = gradient_norm {
                    write!(f, "; largest gradient {g:.2e}")?;
                }
                let at: Vec<String> = params.iter().map(|p| format!("{} = {:.4e}", p.name, p.value)).collect();
                write!(f, "; stopped at {}). ", at.join(", "))?;
                match reason {
                    NonConvergence::ParameterDiverged { towards_zero: true, .. }
                    | NonConvergence::FlatLikelihood { towards_zero: true, .. } => write!(
                        f,
                        "A penalizer will not help here (it pulls parameters towards 0): the data may show no \
                         dropout or no variation between customers; check the calibration period and what counts \
                         as a purchase."
                    ),
                    _ => write!(f, "Try a penalizer such as 0.01, or more iterations."),
                }
            }
        }
    }
}

impl std::error::Error for ClvError {}

impl From<SummaryError> for ClvError {
    fn from(e: SummaryError) -> Self {
        match e {
            SummaryError::NoPurchases => ClvError::NoPurchases,
            SummaryError::CalibrationEndBeforeFirstPurchase { calibration_end, first_purchase } => {
                ClvError::CalibrationEndOutsideData { calibration_end, first_purchase }
            }
            SummaryError::CalibrationEndAfterData { calibration_end, last_event } => {
                ClvError::CalibrationEndAfterData { calibration_end, last_event }
            }
            SummaryError::HoldoutEndNotAfterCalibration { calibration_end, holdout_end } => {
                ClvError::HoldoutEndNotAfterCalibration { calibration_end, holdout_end }
            }
            SummaryError::HoldoutEndAfterData { holdout_end, last_event } => {
                ClvError::HoldoutEndAfterData { holdout_end, last_event }
            }
        }
    }
}

fn not_converged(model: ClvModel, failure: &NotConverged, names: &[&str], values: &[f64]) -> ClvError {
    let reason = match failure.reason {
        StopReason::IterationLimit => NonConvergence::IterationLimit,
        StopReason::LineSearchFailed => NonConvergence::LineSearchFailed,
        StopReason::InvalidStart => NonConvergence::InvalidStart,
        StopReason::Diverged { index } => NonConvergence::ParameterDiverged {
            name: names.get(index).copied().unwrap_or("?").to_string(),
            towards_zero: failure.x.get(index).is_some_and(|&x| x < 0.0),
        },
        StopReason::FlatOptimum => {
            // The log-parameter (time and money rescaled) furthest from 0 is the one that ran away.
            let index =
                (0..failure.x.len()).max_by(|&i, &j| failure.x[i].abs().total_cmp(&failure.x[j].abs())).unwrap_or(0);
            NonConvergence::FlatLikelihood {
                name: names.get(index).copied().unwrap_or("?").to_string(),
                towards_zero: failure.x.get(index).is_some_and(|&x| x < 0.0),
            }
        }
    };
    ClvError::NotConverged {
        model,
        reason,
        iterations: failure.iterations,
        gradient_norm: failure.gradient_norm.is_finite().then_some(failure.gradient_norm),
        params: names.iter().zip(values).map(|(n, &v)| NamedValue { name: n.to_string(), value: v }).collect(),
    }
}

const STEPS: u64 = 5;

/// The whole pipeline on an event log: summary, BG/NBD fit, Gamma-Gamma fit, per-customer predictions,
/// holdout check.
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
        BgNbdData::from_customers(&summary.frequency, &summary.recency, &summary.age)
            .map_err(|e| ClvError::InvalidData { message: format!("customer {}: {}", e.customer, e.problem) })?;
    let purchase_fit = bgnbd::fit(&purchase_data, settings.penalizer, &options).map_err(|e| {
        let p = e.params;
        not_converged(ClvModel::BgNbd, &e.failure, &bgnbd::PARAMETER_NAMES, &[p.r, p.alpha, p.a, p.b])
    })?;
    let params = purchase_fit.params;
    let bgnbd = FittedParams {
        model: ClvModel::BgNbd,
        names: bgnbd::PARAMETER_NAMES.iter().map(|s| s.to_string()).collect(),
        values: vec![params.r, params.alpha, params.a, params.b],
        standard_errors: purchase_fit.standard_errors.to_vec(),
        log_likelihood: purchase_fit.log_likelihood,
        customers,
        patterns: purchase_data.pattern_count() as u32,
        iterations: purchase_fit.iterations,
        gradient_norm: purchase_fit.gradient_norm,
        converged: true,
    };
    progress.report(Stage::Training, 2, STEPS);

    let mut exclusions = Exclusions {
        never_purchased: summary.never_purchased,
        first_purchase_after_calibration: summary.first_purchase_after_calibration,
        refunds_applied: summary.refunds_applied,
        ..Exclusions::default()
    };
    let spend = fit_spend_model(log, &summary, settings, &options, &mut exclusions)?;
    progress.report(Stage::Training, 3, STEPS);

    let horizon = ValueHorizon {
        months: settings.horizon_months,
        periods_per_month: settings.time_unit.periods_per_month(),
        monthly_discount_rate: settings.monthly_discount_rate,
    };
    let per_customer =
        predict(&summary, &purchase_data, &pattern_of_customer, &params, spend.params.as_ref(), &horizon, settings);
    exclusions.predictions_unavailable =
        per_customer.expected_purchases_horizon.iter().filter(|e| e.is_none()).count() as u32;
    progress.report(Stage::Training, 4, STEPS);

    let holdout = per_customer
        .expected_holdout_purchases
        .as_ref()
        .and_then(|expected| holdout::holdout_check(&summary, &params, expected, settings.time_unit));
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
        population_order_value: spend.params.and_then(|p| p.population_mean_value()),
        gamma_gamma: spend.fitted,
        spend_model_skipped: spend.skipped,
        frequency_value_correlation: spend.correlation,
        per_customer,
        holdout,
        exclusions,
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
    let p = fit.params;
    Ok(SpendModel {
        params: Some(p),
        fitted: Some(FittedParams {
            model: ClvModel::GammaGamma,
            names: gamma_gamma::PARAMETER_NAMES.iter().map(|s| s.to_string()).collect(),
            values: vec![p.p, p.q, p.v],
            standard_errors: fit.standard_errors.to_vec(),
            log_likelihood: fit.log_likelihood,
            customers: usable,
            patterns: data.pattern_count() as u32,
            iterations: fit.iterations,
            gradient_norm: fit.gradient_norm,
            converged: true,
        }),
        skipped: None,
        correlation: pearson(&frequency, &value),
    })
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

/// Per-customer predictions. The expensive part (hypergeometric series) depends on (x, T) only, so it
/// runs once per distinct (x, T); patterns are ordered by (x, T, t_x), so equal pairs are adjacent.
fn predict(
    summary: &CalibrationSummary,
    data: &BgNbdData,
    pattern_of_customer: &[u32],
    params: &BgNbdParams,
    spend: Option<&GammaGammaParams>,
    horizon: &ValueHorizon,
    settings: &ClvSettings,
) -> CustomerValues {
    let holdout_duration = summary.holdout_end_period.map(|end| (end - summary.calibration_end_period) as f64);
    let patterns = data.pattern_count();
    let mut p_alive = vec![0.0; patterns];
    let mut horizon_if_alive: Vec<Option<(f64, f64)>> = vec![None; patterns];
    let mut holdout_if_alive: Vec<Option<f64>> = vec![None; patterns];
    let mut previous_key: Option<(u32, u64)> = None;
    for j in 0..patterns {
        let (x, t_x, age, _) = data.pattern(j);
        p_alive[j] = params.p_alive(x, t_x, age);
        let key = (x, age.to_bits());
        if previous_key == Some(key) {
            horizon_if_alive[j] = horizon_if_alive[j - 1];
            holdout_if_alive[j] = holdout_if_alive[j - 1];
        } else {
            previous_key = Some(key);
            horizon_if_alive[j] = horizon.purchases_if_alive(params, x, age);
            holdout_if_alive[j] =
                holdout_duration.and_then(|duration| params.expected_purchases_if_alive(x, age, duration));
        }
    }
    let n = summary.len();
    let mut out = CustomerValues {
        customer: summary.customer.clone(),
        frequency: summary.frequency.clone(),
        recency: summary.recency.clone(),
        age: summary.age.clone(),
        monetary: summary.monetary.clone(),
        p_alive: Vec::with_capacity(n),
        expected_purchases_horizon: Vec::with_capacity(n),
        expected_order_value: Vec::with_capacity(n),
        clv: Vec::with_capacity(n),
        holdout_purchases: summary.holdout_purchases.clone(),
        expected_holdout_purchases: holdout_duration.map(|_| Vec::with_capacity(n)),
        holdout_spend: summary.holdout_spend.clone(),
    };
    for (i, &pattern) in pattern_of_customer.iter().enumerate() {
        let j = pattern as usize;
        let alive = p_alive[j];
        let x = summary.frequency[i];
        // Customers without repeats get the population mean; repeat buyers without a usable positive
        // value get none (they were excluded from the spend model and are counted).
        let order_value = spend.and_then(|s| match (x, summary.monetary[i]) {
            (0, _) => s.population_mean_value(),
            (_, Some(m)) if m > 0.0 => s.expected_average_value(x, m),
            _ => None,
        });
        out.p_alive.push(alive);
        out.expected_purchases_horizon.push(horizon_if_alive[j].map(|(total, _)| alive * total));
        out.clv.push(
            horizon_if_alive[j]
                .zip(order_value)
                .map(|((_, discounted), v)| customer_value(alive, discounted, v, settings.margin_percent)),
        );
        out.expected_order_value.push(order_value);
        if let Some(expected) = out.expected_holdout_purchases.as_mut() {
            expected.push(holdout_if_alive[j].map(|e| alive * e));
        }
    }
    out
}
