//! What a CLV fit is asked to do, with the allowed range of every number declared once beside it.

use serde::{Deserialize, Serialize};

use crate::engine::date::{default_calibration_end, SECONDS_PER_DAY};
use crate::engine::limits::Limit;

use super::error::ClvError;
use super::summary::TimeUnit;

pub const HORIZON_MONTHS: Limit = Limit::whole("horizon_months", 1.0, 600.0);
/// Kept for callers that need the bound as an integer.
pub const MAX_HORIZON_MONTHS: u32 = HORIZON_MONTHS.max as u32;
/// 0 to 100 % a month.
pub const MONTHLY_DISCOUNT_RATE: Limit = Limit::new("monthly_discount_rate", 0.0, 1.0);
pub const MARGIN_PERCENT: Limit = Limit::new("margin_percent", 0.0, 100.0);
/// lifetimes' penalizer_coef; useful values are 0.001 - 0.1.
pub const PENALIZER: Limit = Limit::new("penalizer", 0.0, 10.0);
pub const MAX_ITERATIONS: Limit = Limit::whole("max_iterations", 1.0, 100_000.0);
/// Parameter draws behind the per-customer intervals; 0 = no intervals.
pub const UNCERTAINTY_DRAWS: Limit = Limit::whole("uncertainty_draws", 0.0, 2_000.0);

/// Which purchase model gives the per-customer predictions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseModelChoice {
    /// With a holdout: BG/NBD, Pareto/NBD and MBG/NBD are all fitted and the one whose expected total
    /// holdout purchases come closest to the actual total is used. Without a holdout there is no
    /// out-of-sample evidence, so BG/NBD is used.
    #[default]
    ByHoldout,
    BgNbd,
    ParetoNbd,
    MbgNbd,
}

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
    #[serde(default)]
    pub purchase_model: PurchaseModelChoice,
    /// Draws of the population parameters from their sampling distribution behind the per-customer
    /// 5 % - 95 % intervals (0 = no intervals).
    #[serde(default = "default_uncertainty_draws")]
    pub uncertainty_draws: u32,
    /// Seeds the parameter draws.
    #[serde(default = "default_seed")]
    pub seed: u64,
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
fn default_uncertainty_draws() -> u32 {
    200
}
fn default_seed() -> u64 {
    42
}

impl ClvSettings {
    /// Defaults: days, no holdout, 12 months, 1 % a month, 100 % margin, no penalizer, the purchase
    /// model chosen by holdout, 200 parameter draws.
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
            purchase_model: PurchaseModelChoice::default(),
            uncertainty_draws: default_uncertainty_draws(),
            seed: default_seed(),
        }
    }

    /// The defaults for data whose last event is at `last_event`: calibration up to the engine's
    /// default calibration end, holdout up to the end of the last event's day.
    pub fn with_default_calibration(last_event: i64) -> Self {
        let end_of_last_day = (last_event.div_euclid(SECONDS_PER_DAY) + 1) * SECONDS_PER_DAY - 1;
        ClvSettings { holdout_end: Some(end_of_last_day), ..ClvSettings::new(default_calibration_end(last_event)) }
    }

    pub(crate) fn validate(&self) -> Result<(), ClvError> {
        HORIZON_MONTHS.check_count(u64::from(self.horizon_months))?;
        MONTHLY_DISCOUNT_RATE.check(self.monthly_discount_rate)?;
        MARGIN_PERCENT.check(self.margin_percent)?;
        PENALIZER.check(self.penalizer)?;
        MAX_ITERATIONS.check_count(u64::from(self.max_iterations))?;
        UNCERTAINTY_DRAWS.check_count(u64::from(self.uncertainty_draws))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::{end_of_day, format_date};

    #[test]
    fn the_default_calibration_is_the_engine_rule_with_a_holdout_to_the_last_day() {
        // Last event 1998-06-30 12:00: calibration to the end of 1997-12-31, holdout to the end of 1998-06-30.
        let last = end_of_day("1998-06-30").unwrap() - 12 * 3600;
        let settings = ClvSettings::with_default_calibration(last);
        assert_eq!(format_date(settings.calibration_end), "1997-12-31");
        assert_eq!(settings.holdout_end, end_of_day("1998-06-30"));
        assert_eq!(settings.validate(), Ok(()));
    }

    #[test]
    fn every_number_is_checked_against_its_limit() {
        let base = ClvSettings::new(0);
        let field = |settings: ClvSettings| match settings.validate() {
            Err(ClvError::Range(error)) => error.field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(ClvSettings { horizon_months: 601, ..base.clone() }), "horizon_months");
        assert_eq!(field(ClvSettings { monthly_discount_rate: -0.1, ..base.clone() }), "monthly_discount_rate");
        assert_eq!(field(ClvSettings { margin_percent: 100.5, ..base.clone() }), "margin_percent");
        assert_eq!(field(ClvSettings { penalizer: f64::NAN, ..base.clone() }), "penalizer");
        assert_eq!(field(ClvSettings { max_iterations: 0, ..base.clone() }), "max_iterations");
        assert_eq!(field(ClvSettings { uncertainty_draws: 2_001, ..base }), "uncertainty_draws");
        assert_eq!(MAX_HORIZON_MONTHS, 600);
    }
}
