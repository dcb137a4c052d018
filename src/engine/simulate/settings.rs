//! What a simulation run is asked for, the range of every setting (one `Limit` each, read by the
//! page and the CLI too), and what can go wrong.

use serde::{Deserialize, Serialize};

use crate::engine::evaluate::EvaluateError;
use crate::engine::limits::{Limit, RangeError};

use super::baseline_model::BaselineModel;
use super::until_sure::Precision;

/// Longest horizon; month indices of order streams must fit in 8 bits.
pub const MAX_MONTHS: usize = 36;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulationSettings {
    /// Months to simulate after the end of the data (`MONTHS`).
    pub months: u32,
    /// Monte Carlo replications (`REPLICATIONS`).
    pub replications: u32,
    /// `SEED`: at most 2^53 - 1, so the page (JavaScript numbers) can hold every seed exactly.
    pub seed: u64,
    /// Every customer buys exactly their expected number of orders (rounded) at their expected
    /// order value and never drops out: for checking the mechanics by hand, not for forecasts.
    #[serde(default)]
    pub deterministic: bool,
    /// Add replications in batches until the key difference is known well enough (`replications`
    /// is then the first batch); `None` runs exactly `replications`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_sure: Option<UntilSure>,
    /// Threads to simulate on (natively; one per core when not set). Any number gives the same
    /// numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threads: Option<u32>,
    /// The purchase model the no-program baseline draws from (BG/NBD unless set).
    #[serde(default, skip_serializing_if = "BaselineModel::is_default")]
    pub baseline_model: BaselineModel,
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings {
            months: 12,
            replications: 20,
            seed: 42,
            deterministic: false,
            until_sure: None,
            threads: None,
            baseline_model: BaselineModel::default(),
        }
    }
}

impl SimulationSettings {
    pub const MONTHS: Limit = Limit::whole("months", 1.0, MAX_MONTHS as f64);
    pub const REPLICATIONS: Limit = Limit::whole("replications", 1.0, 500.0);
    pub const SEED: Limit = Limit::whole("seed", 0.0, 9_007_199_254_740_991.0);
    pub const THREADS: Limit = Limit::whole("threads", 1.0, 256.0);

    pub fn check(&self) -> Result<(), SimulateError> {
        Self::MONTHS.check_count(u64::from(self.months))?;
        Self::REPLICATIONS.check_count(u64::from(self.replications))?;
        Self::SEED.check_count(self.seed)?;
        if let Some(threads) = self.threads {
            Self::THREADS.check_count(u64::from(threads))?;
        }
        if let Some(rule) = &self.until_sure {
            rule.check()?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SimulateError {
    /// A setting outside its range.
    #[error(transparent)]
    Range(#[from] RangeError),
    /// A scheme could not be evaluated on the data.
    #[error("scenario {which}: {error}")]
    Evaluate { which: String, error: EvaluateError },
    #[error("the data has no customers to simulate")]
    NoCustomers,
    /// Back-tests need dated events.
    #[error("a back-test needs an event log with dates")]
    NeedsEventLog,
    /// The calibration date leaves no whole month after it to compare with.
    #[error("the calibration date leaves no month after it to compare with")]
    NoHoldout,
}

/// Run until sure: replications are added in batches until the Monte Carlo standard error of the
/// key difference (see `Precision`) is below a set share of its size, or a cap is reached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UntilSure {
    /// Stop once the standard error of the key difference is at most this share of its absolute
    /// mean (`RELATIVE_ERROR`).
    pub relative_error: f64,
    /// Replications added per batch after the first `SimulationSettings::replications` (`BATCH`).
    pub batch: u32,
    /// Never more replications than this in all (`CAP`).
    pub cap: u32,
}

impl Default for UntilSure {
    fn default() -> Self {
        UntilSure { relative_error: 0.05, batch: 20, cap: 500 }
    }
}

impl UntilSure {
    pub const RELATIVE_ERROR: Limit = Limit::new("until_sure.relative_error", 0.005, 0.5);
    pub const BATCH: Limit = Limit::whole("until_sure.batch", 1.0, 500.0);
    pub const CAP: Limit = Limit::whole("until_sure.cap", 1.0, SimulationSettings::REPLICATIONS.max);

    pub fn check(&self) -> Result<(), RangeError> {
        Self::RELATIVE_ERROR.check(self.relative_error)?;
        Self::BATCH.check_count(u64::from(self.batch))?;
        Self::CAP.check_count(u64::from(self.cap))?;
        Ok(())
    }

    /// The key difference is known well enough.
    pub fn is_met(&self, precision: &Precision) -> bool {
        precision.standard_error <= self.relative_error * precision.mean.abs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_outside_their_limits_name_the_setting() {
        let ok = SimulationSettings::default();
        assert_eq!(ok.check(), Ok(()));
        let months = SimulationSettings { months: 37, ..ok.clone() }.check().unwrap_err();
        assert_eq!(months, SimulateError::Range(SimulationSettings::MONTHS.error(37.0)));
        let reps = SimulationSettings { replications: 0, ..ok.clone() }.check().unwrap_err();
        assert_eq!(reps.to_string(), "replications must be a whole number between 1 and 500 (got 0)");
        // 2^53 is the first integer a JavaScript number cannot tell from its neighbour.
        assert!(SimulationSettings { seed: 1 << 53, ..ok.clone() }.check().is_err());
        assert!(SimulationSettings { seed: (1 << 53) - 1, ..ok }.check().is_ok());
    }

    #[test]
    fn a_range_error_crosses_the_worker_boundary_as_a_tagged_value() {
        let error = SimulateError::Range(SimulationSettings::REPLICATIONS.error(600.0));
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["kind"], "range");
        assert_eq!(json["field"], "replications");
        assert_eq!(serde_json::from_value::<SimulateError>(json).unwrap(), error);
    }

    #[test]
    fn the_stopping_rule_compares_the_error_with_the_mean() {
        let rule = UntilSure::default();
        let at = |mean: f64, standard_error: f64| Precision {
            scheme: 1,
            mean,
            standard_error,
            replications: 20,
            target_met: None,
        };
        assert!(rule.is_met(&at(-1000.0, 50.0)));
        assert!(!rule.is_met(&at(1000.0, 50.1)));
        // Two identical schemes differ by exactly zero: nothing more to learn.
        assert!(rule.is_met(&at(0.0, 0.0)));
        assert!(!rule.is_met(&at(0.0, 1.0)));
        assert!(UntilSure { batch: 0, ..rule.clone() }.check().is_err());
        assert!(UntilSure { relative_error: 0.0, ..rule }.check().is_err());
    }
}
