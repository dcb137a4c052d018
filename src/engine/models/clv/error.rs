//! Why a CLV fit failed. One error type for the whole pipeline: the summary of the event log, the
//! settings and the fits all answer with `ClvError`, so the page translates one set of variants.

use serde::{Deserialize, Serialize};

use crate::engine::date::format_datetime;
use crate::engine::limits::RangeError;

use super::fitted::ClvModel;
use super::optimize::{NotConverged, StopReason};

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClvError {
    /// A customer's history the models cannot take (the summary never produces one; said rather
    /// than panicking): which customer and what is wrong, as the model's data check wrote it.
    #[error("the data cannot be modelled: {message}")]
    InvalidData { message: String },
    /// A numeric setting outside its `Limit` (declared beside the setting in `settings.rs`).
    #[error("{0}")]
    Range(RangeError),
    /// The data has no purchase events.
    #[error("the data has no purchases, so there is nothing to model")]
    NoPurchases,
    #[error(
        "the calibration end {} is before the first purchase in the data ({}); choose a later date",
        format_datetime(*.calibration_end),
        format_datetime(*.first_purchase)
    )]
    CalibrationEndOutsideData { calibration_end: i64, first_purchase: i64 },
    /// Customers would look inactive for the whole gap between the data's end and the calibration end.
    #[error(
        "the calibration end {} is more than a month after the last event in the data ({}); every customer \
         would look inactive since then. Choose a date up to the end of the data",
        format_datetime(*.calibration_end),
        format_datetime(*.last_event)
    )]
    CalibrationEndAfterData { calibration_end: i64, last_event: i64 },
    #[error(
        "the holdout end {} must come after the calibration end {}",
        format_datetime(*.holdout_end),
        format_datetime(*.calibration_end)
    )]
    HoldoutEndNotAfterCalibration { calibration_end: i64, holdout_end: i64 },
    #[error(
        "the holdout end {} is after the last event in the data ({}); the holdout would count purchases \
         that were never recorded",
        format_datetime(*.holdout_end),
        format_datetime(*.last_event)
    )]
    HoldoutEndAfterData { holdout_end: i64, last_event: i64 },
    #[error("only {customers} customers bought before the calibration end; the model needs at least {needed}")]
    TooFewCustomers { customers: u32, needed: u32 },
    #[error(
        "none of the {customers} customers bought again before the calibration end, so repeat buying \
         cannot be estimated; choose a later calibration end"
    )]
    NoRepeatBuyers { customers: u32 },
    #[error("{}", not_converged_message(*.model, .reason, *.iterations, *.gradient_norm, .params))]
    NotConverged {
        model: ClvModel,
        reason: NonConvergence,
        iterations: u32,
        gradient_norm: Option<f64>,
        /// Where the optimiser stopped.
        params: Vec<NamedValue>,
    },
}

impl From<RangeError> for ClvError {
    fn from(error: RangeError) -> Self {
        ClvError::Range(error)
    }
}

fn not_converged_message(
    model: ClvModel,
    reason: &NonConvergence,
    iterations: u32,
    gradient_norm: Option<f64>,
    params: &[NamedValue],
) -> String {
    let mut text = format!("the {} did not converge after {iterations} iterations", model.label());
    text.push_str(&match reason {
        NonConvergence::IterationLimit => " (iteration limit reached".to_string(),
        NonConvergence::LineSearchFailed => " (no step improved the likelihood".to_string(),
        NonConvergence::ParameterDiverged { name, towards_zero } => format!(
            " (parameter {name} ran off towards {}: the data do not pin it down",
            if *towards_zero { "0" } else { "infinity" }
        ),
        NonConvergence::FlatLikelihood { name, towards_zero } => format!(
            " (the likelihood went flat with parameter {name} heading towards {}: the data do not pin it down",
            if *towards_zero { "0" } else { "infinity" }
        ),
        NonConvergence::InvalidStart => " (the likelihood cannot be evaluated at the start".to_string(),
    });
    if let Some(g) = gradient_norm {
        text.push_str(&format!("; largest gradient {g:.2e}"));
    }
    let at: Vec<String> = params.iter().map(|p| format!("{} = {:.4e}", p.name, p.value)).collect();
    text.push_str(&format!("; stopped at {}). ", at.join(", ")));
    text.push_str(match reason {
        NonConvergence::ParameterDiverged { towards_zero: true, .. }
        | NonConvergence::FlatLikelihood { towards_zero: true, .. } => {
            "A penalizer will not help here (it pulls parameters towards 0): the data may show no dropout or no \
             variation between customers; check the calibration period and what counts as a purchase."
        }
        _ => "Try a penalizer such as 0.01, or more iterations.",
    });
    text
}

/// The optimiser's failure as the user's error, naming the parameter that ran away.
pub(crate) fn not_converged(model: ClvModel, failure: &NotConverged, names: &[&str], values: &[f64]) -> ClvError {
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
