//! What one partition of the customers contributes to a CLV fit (`ClvPartial`): its customers
//! counted by distinct history, merged across partitions by integer sums per exact key.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::ClvError;
use super::patterns::{entries, PatternCounts};
use super::report::Exclusions;
use super::summary::CalibrationSummary;
use crate::engine::chunks::each_in_chunks;
use crate::engine::dataset::EventLog;
use crate::engine::roles::ColumnRole;

/// Fewer customers than this cannot pin down four purchase-model parameters.
pub const MIN_CUSTOMERS: u32 = 20;

/// (x, bits of T, bits of t_x, bits of the mean value or `NO_VALUE`): customers with the same key
/// get the same predictions, intervals and CLV.
pub type HistoryKey = (u32, u64, u64, u64);

/// The value part of a key for a customer without a mean value.
pub const NO_VALUE: u64 = u64::MAX;

/// What one partition of the customers (or several, merged) contributes to a CLV fit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClvPartial {
    /// Customers in the models per distinct history.
    #[serde(with = "entries")]
    pub histories: BTreeMap<HistoryKey, u64>,
    /// Earliest purchase and latest event (the calibration end is checked against the whole data's).
    pub first_purchase: Option<i64>,
    pub last_event: Option<i64>,
    /// Whether the data has an amount column (the spend model is skipped without one).
    pub has_amounts: bool,
    /// Customers left out of (part of) the models; `predictions_unavailable` is set by the fit.
    pub exclusions: Exclusions,
}

impl ClvPartial {
    /// The counts of a calibration summary of `log`'s customers.
    pub fn of(summary: &CalibrationSummary, log: &EventLog) -> ClvPartial {
        let purchase = log.purchase_kind();
        let mut partial = ClvPartial {
            first_purchase: log.time.iter().zip(&log.kind).filter(|(_, &k)| k == purchase).map(|(&t, _)| t).min(),
            last_event: log.time_span().map(|(_, last)| last),
            has_amounts: log.has(ColumnRole::Amount),
            exclusions: Exclusions {
                never_purchased: summary.never_purchased,
                first_purchase_after_calibration: summary.first_purchase_after_calibration,
                refunds_applied: summary.refunds_applied,
                ..Exclusions::default()
            },
            ..ClvPartial::default()
        };
        // In chunks: a wasm engine optimises the loop only between calls (`engine::chunks`).
        each_in_chunks(0..summary.len(), |i| {
            let (x, monetary) = (summary.frequency[i], summary.monetary[i]);
            let key =
                (x, summary.age[i].to_bits(), summary.recency[i].to_bits(), monetary.map_or(NO_VALUE, f64::to_bits));
            *partial.histories.entry(key).or_default() += 1;
            if x > 0 {
                match monetary {
                    Some(m) if m > 0.0 && m.is_finite() => {}
                    Some(_) => partial.exclusions.spend_not_positive += 1,
                    None => partial.exclusions.spend_missing += 1,
                }
            }
        });
        partial
    }

    /// Adds another partition's counts (integer sums: any order gives the same total).
    pub fn merge(&mut self, other: &ClvPartial) {
        for (key, count) in &other.histories {
            *self.histories.entry(*key).or_default() += count;
        }
        self.first_purchase = min_of(self.first_purchase, other.first_purchase);
        self.last_event = self.last_event.max(other.last_event);
        self.has_amounts |= other.has_amounts;
        let (mine, theirs) = (&mut self.exclusions, &other.exclusions);
        mine.never_purchased += theirs.never_purchased;
        mine.first_purchase_after_calibration += theirs.first_purchase_after_calibration;
        mine.refunds_applied += theirs.refunds_applied;
        mine.spend_not_positive += theirs.spend_not_positive;
        mine.spend_missing += theirs.spend_missing;
    }

    /// The purchase patterns (x, T, t_x) and the spend model's (x, m) patterns.
    pub fn pattern_counts(&self) -> PatternCounts {
        let mut counts = PatternCounts::default();
        for (&(x, age, recency, value), &count) in &self.histories {
            *counts.purchases.entry((x, age, recency)).or_default() += count;
            let m = f64::from_bits(value);
            if x > 0 && value != NO_VALUE && m > 0.0 && m.is_finite() {
                *counts.spend.entry((x, value)).or_default() += count;
            }
        }
        counts
    }

    pub fn customers(&self) -> u64 {
        self.histories.values().sum()
    }

    pub fn repeat_buyers(&self) -> u64 {
        self.histories.iter().filter(|((x, ..), _)| *x > 0).map(|(_, count)| count).sum()
    }

    /// Enough customers, and some repeat buyers, for the purchase models.
    pub(super) fn check_size(&self) -> Result<(), ClvError> {
        let customers = self.customers() as u32;
        if customers < MIN_CUSTOMERS {
            return Err(ClvError::TooFewCustomers { customers, needed: MIN_CUSTOMERS });
        }
        if self.repeat_buyers() == 0 {
            return Err(ClvError::NoRepeatBuyers { customers });
        }
        Ok(())
    }
}

fn min_of(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
