//! Calibration-vs-holdout check: does the fitted model predict what the customers actually did after
//! the calibration end? Two views, as in Fader, Hardie & Lee (2005) and lifetimes' plots:
//! - per calibration frequency (0, 1, ..., 6, 7+): mean actual vs mean expected holdout purchases;
//! - cumulative repeat purchases of the whole calibration population over time, actual vs the model's
//!   E[X(t)] summed over the customers' first-purchase cohorts (the "tracking" chart).

use serde::{Deserialize, Serialize};

use super::purchase::PurchasePredictor;
use super::summary::{CalibrationSummary, TimeUnit};

/// Calibration frequencies get their own bucket up to this one; higher ones share the last ("7+").
pub const LAST_BUCKET: u32 = 7;

/// The tracking chart costs (periods)² and one series per period: beyond this many periods (about 13
/// years of days; a stray date in 1900 would otherwise make it crawl) it is left out. Weeks fit.
pub const MAX_TRACKING_PERIODS: usize = 5_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HoldoutCheck {
    /// Length of the holdout in periods of the time unit.
    pub duration: f64,
    pub by_frequency: Vec<FrequencyBucket>,
    /// Periods from the earliest first purchase to the holdout end.
    pub span_periods: u64,
    /// `None` when `span_periods` exceeds `MAX_TRACKING_PERIODS`.
    pub tracking: Option<Tracking>,
    /// All customers: total actual and expected holdout purchases.
    pub actual_total: u64,
    pub expected_total: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrequencyBucket {
    /// "0" .. "6", "7+".
    pub label: String,
    pub min_frequency: u32,
    pub customers: u32,
    /// Mean holdout purchases; `None` for an empty bucket.
    pub actual_mean: Option<f64>,
    pub expected_mean: Option<f64>,
}

/// Cumulative repeat purchases, one point per period from the earliest first purchase to the holdout end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tracking {
    pub time_unit: TimeUnit,
    /// Point i covers the periods before `period_end[i]` (seconds since 1970, the start of the next period).
    pub period_end: Vec<i64>,
    pub actual: Vec<u64>,
    /// `None` where the model's prediction failed.
    pub expected: Vec<Option<f64>>,
    /// Index of the point that closes the calibration (covers up to the end of the calibration end's
    /// period): the chart draws its divider there.
    pub calibration_end_index: usize,
}

/// Builds the check from the summary (which must have holdout data) and each customer's expected
/// holdout purchases.
pub fn holdout_check(
    summary: &CalibrationSummary,
    params: &dyn PurchasePredictor,
    expected_holdout: &[Option<f64>],
    unit: TimeUnit,
) -> Option<HoldoutCheck> {
    let actual = summary.holdout_purchases.as_ref()?;
    let holdout_end_period = summary.holdout_end_period?;
    let buckets = LAST_BUCKET as usize + 1;
    let mut customers = vec![0u32; buckets];
    let mut actual_sum = vec![0u64; buckets];
    let mut expected_sum = vec![0.0f64; buckets];
    let mut expected_count = vec![0u32; buckets];
    for i in 0..summary.len() {
        let bucket = summary.frequency[i].min(LAST_BUCKET) as usize;
        customers[bucket] += 1;
        actual_sum[bucket] += u64::from(actual[i]);
        if let Some(e) = expected_holdout[i] {
            expected_sum[bucket] += e;
            expected_count[bucket] += 1;
        }
    }
    let by_frequency = (0..buckets)
        .map(|k| FrequencyBucket {
            label: if k == buckets - 1 { format!("{LAST_BUCKET}+") } else { k.to_string() },
            min_frequency: k as u32,
            customers: customers[k],
            actual_mean: (customers[k] > 0).then(|| actual_sum[k] as f64 / f64::from(customers[k])),
            expected_mean: (expected_count[k] > 0).then(|| expected_sum[k] / f64::from(expected_count[k])),
        })
        .collect();
    Some(HoldoutCheck {
        duration: (holdout_end_period - summary.calibration_end_period) as f64,
        by_frequency,
        span_periods: summary.repeat_purchases_per_period.len() as u64,
        tracking: (summary.repeat_purchases_per_period.len() <= MAX_TRACKING_PERIODS)
            .then(|| tracking(summary, params, unit)),
        actual_total: actual.iter().map(|&a| u64::from(a)).sum(),
        expected_total: expected_holdout.iter().flatten().fold(0.0, |sum, e| sum + e),
    })
}

/// Expected cumulative repeat purchases at point i = Σ over cohorts d < i of (customers whose first
/// purchase is in period d) · E[X(i - d)], like lifetimes' expected_cumulative_transactions.
fn tracking(summary: &CalibrationSummary, params: &dyn PurchasePredictor, unit: TimeUnit) -> Tracking {
    let start = summary.tracking_start_period;
    let points = summary.repeat_purchases_per_period.len();
    let mut cohort = vec![0u32; points];
    for &first in &summary.first_period {
        if let Some(slot) = cohort.get_mut((first - start) as usize) {
            *slot += 1;
        }
    }
    // E[X(τ)] for τ = 1..=points, evaluated once.
    let since_first: Vec<Option<f64>> =
        (1..=points).map(|tau| params.expected_purchases_since_first(tau as f64)).collect();
    let mut expected = Vec::with_capacity(points);
    let mut actual = Vec::with_capacity(points);
    let mut running = 0u64;
    for i in 1..=points {
        running += u64::from(summary.repeat_purchases_per_period[i - 1]);
        actual.push(running);
        let mut total = Some(0.0);
        for d in 0..i {
            if cohort[d] > 0 {
                total = total.zip(since_first[i - d - 1]).map(|(t, e)| t + f64::from(cohort[d]) * e);
            }
        }
        expected.push(total);
    }
    Tracking {
        time_unit: unit,
        period_end: (1..=points).map(|i| unit.period_start(start + i as i64)).collect(),
        actual,
        expected,
        calibration_end_index: (summary.calibration_end_period - start).max(0) as usize,
    }
}
