//! CLV on customers split over partitions (machines, Spark tasks), every customer's events in one
//! partition: each partition counts its customers by distinct history (x, T, t_x, mean value) in a
//! `ClvPartial`; the partials merge by integer sums per exact key; `fit_partials` fits the models
//! once on the merged counts and `predict_partition` gives each partition's customers their values
//! with the global parameters. `fit_clv` itself fits through the same counts, so the parameters,
//! the population totals and every customer's values equal the one-machine report to the last bit.
//!
//! Without a holdout: the holdout check adds customers' expected purchases in file order, which no
//! partition knows.

use super::error::ClvError;
use super::partial::NO_VALUE;
pub use super::partial::{ClvPartial, HistoryKey};
use super::patterns::PurchasePatterns;
use super::report::{ClvReport, CustomerValues};
use super::settings::ClvSettings;
use super::summary::{check_calibration_end, summarize_unchecked, CalibrationSummary};
use super::{customer_patterns, fit_population, predict, IntervalsOf};
use crate::engine::dataset::EventLog;

/// One partition's counts (its dates are checked on the merged counts by `fit_partials`).
pub fn partition_partial(log: &EventLog, settings: &ClvSettings) -> ClvPartial {
    ClvPartial::of(&summarize_unchecked(log, settings.calibration_end, None, settings.time_unit), log)
}

/// The report of the merged counts of every partition: what `fit_clv` reports on all of their
/// customers together without a holdout (`settings.holdout_end` is not used), except
/// `per_customer`, which `predict_partition` gives partition by partition.
pub fn fit_partials(total: &ClvPartial, settings: &ClvSettings) -> Result<ClvReport, ClvError> {
    let settings = ClvSettings { holdout_end: None, ..settings.clone() };
    settings.validate()?;
    check_calibration_end(total.first_purchase, total.last_event, settings.calibration_end)?;
    total.check_size()?;
    let purchase_data = PurchasePatterns::from_counts(&total.pattern_counts());
    let mut report = fit_population(total, &purchase_data, &settings, |_| None)?;
    // One row per distinct history, weighted by its customers: the population totals (and the
    // customers without predictions) come out as over every customer.
    let (histories, weights): (Vec<HistoryKey>, Vec<u64>) = total.histories.iter().map(|(k, c)| (*k, *c)).unzip();
    let summary = CalibrationSummary {
        customer: (0..histories.len() as u32).collect(),
        frequency: histories.iter().map(|h| h.0).collect(),
        age: histories.iter().map(|h| f64::from_bits(h.1)).collect(),
        recency: histories.iter().map(|h| f64::from_bits(h.2)).collect(),
        monetary: histories.iter().map(|h| (h.3 != NO_VALUE).then(|| f64::from_bits(h.3))).collect(),
        calibration_end_period: settings.time_unit.period_of(settings.calibration_end),
        ..CalibrationSummary::default()
    };
    // Histories are ordered by (x, T, t_x) like the patterns, so a pattern's index is its rank.
    let mut pattern_of_history = Vec::with_capacity(histories.len());
    let mut pattern = 0u32;
    for (i, h) in histories.iter().enumerate() {
        if i > 0 && (h.0, h.1, h.2) != (histories[i - 1].0, histories[i - 1].1, histories[i - 1].2) {
            pattern += 1;
        }
        pattern_of_history.push(pattern);
    }
    // The totals over every history exactly (the CLI's, to the bit) and nobody's intervals: the
    // partitions give their customers' with `predict_partition`.
    let exact_totals_only = IntervalsOf::Nobody { totals_budget: usize::MAX };
    let predicted =
        predict(summary, Some(&weights), &purchase_data, &pattern_of_history, &settings, &report, exact_totals_only);
    report.exclusions.predictions_unavailable = predicted.unavailable;
    report.uncertainty = predicted.uncertainty;
    Ok(report)
}

/// The per-customer values (with intervals) of one partition's customers under the whole data's
/// report from `fit_partials`: each equals that customer's row of the one-machine report.
/// `customer` indexes the partition's customers.
pub fn predict_partition(
    log: &EventLog,
    settings: &ClvSettings,
    report: &ClvReport,
) -> Result<CustomerValues, ClvError> {
    let settings = ClvSettings { holdout_end: None, ..settings.clone() };
    let summary = summarize_unchecked(log, settings.calibration_end, None, settings.time_unit);
    let (purchase_data, pattern_of_customer) = customer_patterns(&summary)?;
    Ok(predict(summary, None, &purchase_data, &pattern_of_customer, &settings, report, IntervalsOf::Everyone).values)
}
