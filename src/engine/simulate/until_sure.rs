//! "Run until sure": replications are added in batches until the Monte Carlo standard error of the
//! key difference is below a set share of its size, or a cap is reached. The key difference is
//! the incremental margin of the best scheme other than the reference minus the reference's (B - A
//! for two schemes; a single scheme against no program). Replication r always draws from the same
//! streams, so stopping after R replications gives exactly the numbers of a fixed run of R.

use serde::{Deserialize, Serialize};

use crate::engine::limits::{Limit, RangeError};

use super::settings::SimulationSettings;
use super::summary::Summary;

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

/// How precisely a run knows its key difference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Precision {
    /// The key difference is this scheme's incremental margin minus the reference's (index into
    /// `schemes`; the reference itself when it is the only scheme: its increment over no program).
    pub scheme: usize,
    /// Mean of the key difference over the replications.
    pub mean: f64,
    /// Its Monte Carlo standard error: the replications' standard deviation / sqrt(replications).
    pub standard_error: f64,
    pub replications: u32,
    /// Run until sure: whether the error target was met before the cap (`None` for a fixed run).
    pub target_met: Option<bool>,
}

impl Summary<'_> {
    /// The key difference's mean and standard error over the replications so far.
    pub fn precision(&self, reference: usize) -> Precision {
        let ranking = self.ranking();
        let scheme = ranking.iter().map(|r| r.scheme).find(|&s| s != reference).unwrap_or(reference);
        let replications = self.replication_count();
        let differences: Vec<f64> = (0..replications)
            .map(|r| {
                let base = if scheme == reference { 0.0 } else { self.incremental_margin(reference, r) };
                self.incremental_margin(scheme, r) - base
            })
            .collect();
        let n = replications as f64;
        let mean = differences.iter().sum::<f64>() / n;
        let variance = if replications > 1 {
            differences.iter().map(|d| (d - mean) * (d - mean)).sum::<f64>() / (n - 1.0)
        } else {
            f64::INFINITY
        };
        Precision {
            scheme,
            mean,
            standard_error: (variance / n).sqrt(),
            replications: replications as u32,
            target_met: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
