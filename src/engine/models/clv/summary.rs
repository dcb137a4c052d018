//! From an event log to the per-customer statistics the models use, with the conventions of the Python
//! package `lifetimes` (calibration_and_holdout_data), so results can be compared with it:
//!
//! - Time is cut into periods (days, or Monday-to-Sunday weeks like pandas' "W"). Several purchases in
//!   one period count once, and their amounts are added.
//! - frequency x = periods with a purchase up to the calibration end, minus the first one;
//!   recency t_x = periods from the first to the last purchase period; age T = periods from the first
//!   purchase period to the calibration end's period.
//! - monetary value = mean value of the repeat purchase periods (the first purchase is left out).
//! - holdout purchases = distinct periods with a purchase after the calibration end, up to the holdout end.
//! - A purchase belongs to the calibration when its time is at or before `calibration_end` (seconds):
//!   to include a whole calendar day, pass its last second.
//!
//! Beyond lifetimes (which knows neither refunds nor missing amounts):
//! - Refund rows are not purchases. Refunds within the calibration reduce the customer's monetary value
//!   in proportion (monetary × (gross − refunded) / gross), since a refund cannot be tied to one
//!   purchase; a customer whose refunds reach their spend ends with a value <= 0 and is then left out
//!   of the spend model (and counted).
//! - Purchase rows without an amount still count as purchases; a repeat period with no amount at all is
//!   left out of the mean value.

use serde::{Deserialize, Serialize};

use crate::engine::chunks::each_in_chunks;
use crate::engine::dataset::EventLog;
use crate::engine::date::SECONDS_PER_DAY;
use crate::engine::roles::EventKind;

use super::error::ClvError;

/// The unit of recency, age and horizons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    #[default]
    Days,
    /// Calendar weeks from Monday to Sunday.
    Weeks,
}

impl TimeUnit {
    /// Period number of a timestamp (days since 1970-01-01, or weeks since Monday 1969-12-29).
    pub fn period_of(self, seconds: i64) -> i64 {
        let day = seconds.div_euclid(SECONDS_PER_DAY);
        match self {
            TimeUnit::Days => day,
            // 1970-01-01 was a Thursday: shifting by 3 days puts Mondays on multiples of 7.
            TimeUnit::Weeks => (day + 3).div_euclid(7),
        }
    }

    /// First second of a period.
    pub fn period_start(self, period: i64) -> i64 {
        match self {
            TimeUnit::Days => period * SECONDS_PER_DAY,
            TimeUnit::Weeks => (period * 7 - 3) * SECONDS_PER_DAY,
        }
    }

    /// Periods per month for horizons in months, as lifetimes counts them (30 days, 4.345 weeks).
    pub fn periods_per_month(self) -> f64 {
        match self {
            TimeUnit::Days => 30.0,
            TimeUnit::Weeks => 4.345,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
        }
    }
}

/// Per-customer statistics (struct of arrays over the customers included in the calibration).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalibrationSummary {
    /// Index of the customer in the event log.
    pub customer: Vec<u32>,
    pub frequency: Vec<u32>,
    pub recency: Vec<f64>,
    pub age: Vec<f64>,
    /// Mean value of the repeat purchase periods, net of refunds; `None` without repeat purchases
    /// or without any amount on them.
    pub monetary: Vec<Option<f64>>,
    /// Period of the first purchase.
    pub first_period: Vec<i64>,
    /// Holdout purchases (distinct periods) per customer, when a holdout end was given.
    pub holdout_purchases: Option<Vec<u32>>,
    /// Holdout spend (purchases minus refunds) per customer, when a holdout end was given.
    pub holdout_spend: Option<Vec<f64>>,
    pub calibration_end_period: i64,
    pub holdout_end_period: Option<i64>,
    /// Repeat purchase periods of the included customers per period, from `tracking_start_period`
    /// (the earliest first purchase) up to the holdout end (or the calibration end). Counted over the
    /// whole log like lifetimes' expected_cumulative_transactions.
    pub tracking_start_period: i64,
    pub repeat_purchases_per_period: Vec<u32>,
    /// Customers in the log with no purchase at all (only views, carts, refunds, ...).
    pub never_purchased: u32,
    /// Customers whose first purchase comes after the calibration end.
    pub first_purchase_after_calibration: u32,
    /// Included customers whose monetary value was reduced by refunds.
    pub refunds_applied: u32,
}

impl CalibrationSummary {
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Lets go of the room the per-customer columns grew into while the log was read (up to as much
    /// again as they hold): the summary lives through the whole fit and its predictions, and on
    /// millions of customers that room is tens of MB (docs/benchmarks.md, "The simulation's
    /// baseline without the CLV predictions"). Changes no value.
    pub fn shrink_to_fit(&mut self) {
        self.customer.shrink_to_fit();
        self.frequency.shrink_to_fit();
        self.recency.shrink_to_fit();
        self.age.shrink_to_fit();
        self.monetary.shrink_to_fit();
        self.first_period.shrink_to_fit();
        if let Some(column) = &mut self.holdout_purchases {
            column.shrink_to_fit();
        }
        if let Some(column) = &mut self.holdout_spend {
            column.shrink_to_fit();
        }
    }
}

/// How far after the data's last event a calibration end may lie.
pub const CALIBRATION_GRACE_DAYS: i64 = 31;

/// Builds the summary; `holdout_end` must come after `calibration_end` and not after the data.
pub fn summarize(
    log: &EventLog,
    calibration_end: i64,
    holdout_end: Option<i64>,
    unit: TimeUnit,
) -> Result<CalibrationSummary, ClvError> {
    let purchase = log.purchase_kind();
    let first_purchase = log.time.iter().zip(&log.kind).filter(|(_, &k)| k == purchase).map(|(&t, _)| t).min();
    let last_event = log.time_span().map(|(_, last)| last);
    check_calibration_end(first_purchase, last_event, calibration_end)?;
    let last_event = last_event.unwrap_or(calibration_end);
    if let Some(end) = holdout_end {
        if end <= calibration_end {
            return Err(ClvError::HoldoutEndNotAfterCalibration { calibration_end, holdout_end: end });
        }
        // Compared by period: a date-only export ends at midnight of its last day.
        if unit.period_of(end) > unit.period_of(last_event) {
            return Err(ClvError::HoldoutEndAfterData { holdout_end: end, last_event });
        }
    }
    Ok(summarize_unchecked(log, calibration_end, holdout_end, unit))
}

/// Checks the calibration end against the data's first purchase and last event (of the whole data:
/// a partition's own need not contain it).
pub fn check_calibration_end(
    first_purchase: Option<i64>,
    last_event: Option<i64>,
    calibration_end: i64,
) -> Result<(), ClvError> {
    let Some(first_purchase) = first_purchase else {
        return Err(ClvError::NoPurchases);
    };
    if first_purchase > calibration_end {
        return Err(ClvError::CalibrationEndOutsideData { calibration_end, first_purchase });
    }
    let last_event = last_event.unwrap_or(calibration_end);
    // An export date a few weeks after the last recorded event is plausible (nothing happened since);
    // more than that is a wrong date or a wrong file.
    if calibration_end > last_event + CALIBRATION_GRACE_DAYS * SECONDS_PER_DAY {
        return Err(ClvError::CalibrationEndAfterData { calibration_end, last_event });
    }
    Ok(())
}

/// The summary without the checks of the dates against the data: for one partition of the
/// customers, whose dates are checked against the whole data's by `check_calibration_end`.
pub fn summarize_unchecked(
    log: &EventLog,
    calibration_end: i64,
    holdout_end: Option<i64>,
    unit: TimeUnit,
) -> CalibrationSummary {
    let purchase = log.purchase_kind();
    let cal_period = unit.period_of(calibration_end);
    let holdout_period = holdout_end.map(|end| unit.period_of(end));
    let window_end = holdout_end.unwrap_or(calibration_end);

    let mut summary = CalibrationSummary {
        calibration_end_period: cal_period,
        holdout_end_period: holdout_period,
        holdout_purchases: holdout_end.map(|_| Vec::new()),
        holdout_spend: holdout_end.map(|_| Vec::new()),
        ..CalibrationSummary::default()
    };
    // Repeat-purchase periods for the tracking chart, histogrammed once the earliest period is known.
    let mut repeat_periods: Vec<i64> = Vec::new();
    // Room for every customer from the start: growing by doubling copies each column several
    // times, and in wasm those copies were a tenth of a big file's fit.
    let customers = log.customer_count();
    summary.customer.reserve_exact(customers);
    summary.frequency.reserve_exact(customers);
    summary.recency.reserve_exact(customers);
    summary.age.reserve_exact(customers);
    summary.monetary.reserve_exact(customers);
    summary.first_period.reserve_exact(customers);
    if let Some(counts) = summary.holdout_purchases.as_mut() {
        counts.reserve_exact(customers);
    }
    if let Some(spend) = summary.holdout_spend.as_mut() {
        spend.reserve_exact(customers);
    }

    // In chunks: a wasm engine optimises the loop only between calls (`engine::chunks`).
    each_in_chunks(0..customers, |customer| {
        let rows = log.rows_of(customer);
        let mut cal = PeriodAccumulator::default();
        let mut gross = 0.0;
        let mut refunded = 0.0;
        let mut holdout_last: Option<i64> = None;
        let mut holdout_count = 0u32;
        let mut holdout_spend = 0.0;
        let mut any_purchase = false;
        let mut tracking_last: Option<i64> = None;
        let repeats_before_customer = repeat_periods.len();
        for row in rows {
            let time = log.time[row];
            if time > window_end {
                // Rows are sorted by time: nothing further belongs to the analysed window.
                if log.kind[row] == purchase {
                    any_purchase = true;
                }
                break;
            }
            let amount = log.amount[row];
            let kind = log.kind[row];
            if kind == purchase {
                any_purchase = true;
                let period = unit.period_of(time);
                match tracking_last {
                    Some(last) if last == period => {}
                    Some(_) => {
                        repeat_periods.push(period);
                        tracking_last = Some(period);
                    }
                    None => tracking_last = Some(period),
                }
                if time <= calibration_end {
                    cal.add(period, amount);
                    if amount.is_finite() {
                        gross += amount;
                    }
                } else {
                    if holdout_last != Some(period) {
                        holdout_count += 1;
                        holdout_last = Some(period);
                    }
                    if amount.is_finite() {
                        holdout_spend += amount;
                    }
                }
            } else if kind == EventKind::Refund && amount.is_finite() {
                // Refund rows may carry the amount as negative or positive: a refund always reduces spend.
                if time <= calibration_end {
                    refunded += amount.abs();
                } else {
                    holdout_spend -= amount.abs();
                }
            }
        }
        let Some(first) = cal.first_period else {
            if any_purchase {
                summary.first_purchase_after_calibration += 1;
            } else {
                summary.never_purchased += 1;
            }
            // Their purchases are not part of the calibration population's tracking.
            repeat_periods.truncate(repeats_before_customer);
            return;
        };
        cal.close();
        let frequency = cal.periods - 1;
        let mut monetary = (frequency > 0 && cal.repeat_periods_with_amount > 0)
            .then(|| cal.repeat_value / f64::from(cal.repeat_periods_with_amount));
        if refunded > 0.0 {
            if let Some(value) = monetary.as_mut() {
                summary.refunds_applied += 1;
                if gross > 0.0 {
                    *value *= (gross - refunded) / gross;
                } else {
                    // Nothing positive was bought: the net spend per period is what is left.
                    *value = (gross - refunded) / f64::from(cal.periods);
                }
            }
        }
        summary.customer.push(customer as u32);
        summary.frequency.push(frequency);
        summary.recency.push((cal.last_period - first) as f64);
        summary.age.push((cal_period - first) as f64);
        summary.monetary.push(monetary);
        summary.first_period.push(first);
        if let Some(counts) = summary.holdout_purchases.as_mut() {
            counts.push(holdout_count);
        }
        if let Some(spend) = summary.holdout_spend.as_mut() {
            spend.push(holdout_spend);
        }
    });

    let start = summary.first_period.iter().copied().min().unwrap_or(cal_period);
    let end = holdout_period.unwrap_or(cal_period);
    summary.tracking_start_period = start;
    let mut per_period = vec![0u32; (end - start + 1).max(0) as usize];
    for period in repeat_periods {
        if let Some(slot) = per_period.get_mut((period - start) as usize) {
            *slot += 1;
        }
    }
    summary.repeat_purchases_per_period = per_period;
    summary
}

/// Purchase periods of one customer within the calibration, in time order.
#[derive(Default)]
struct PeriodAccumulator {
    first_period: Option<i64>,
    last_period: i64,
    periods: u32,
    current_value: f64,
    current_has_amount: bool,
    repeat_value: f64,
    repeat_periods_with_amount: u32,
}

impl PeriodAccumulator {
    fn add(&mut self, period: i64, amount: f64) {
        if self.first_period.is_none() {
            self.first_period = Some(period);
            self.last_period = period;
            self.periods = 1;
        } else if period != self.last_period {
            self.close();
            self.last_period = period;
            self.periods += 1;
        }
        if amount.is_finite() {
            self.current_value += amount;
            self.current_has_amount = true;
        }
    }

    /// Ends the current period: its value joins the repeat mean unless it is the first period.
    fn close(&mut self) {
        if self.periods > 1 && self.current_has_amount {
            self.repeat_value += self.current_value;
            self.repeat_periods_with_amount += 1;
        }
        self.current_value = 0.0;
        self.current_has_amount = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::days_from_civil;
    use crate::engine::roles::EventKind::{Order, Refund, View};

    fn at(y: i32, m: u32, d: u32, hour: i64) -> i64 {
        days_from_civil(y, m, d) * SECONDS_PER_DAY + hour * 3600
    }

    /// One row per (customer, time, kind, amount); customers must be listed in order.
    fn log(rows: &[(usize, i64, EventKind, f64)]) -> EventLog {
        let customers = rows.iter().map(|r| r.0).max().map_or(0, |m| m + 1);
        let mut log = EventLog::default();
        log.offsets.push(0);
        for c in 0..customers {
            for r in rows.iter().filter(|r| r.0 == c) {
                log.push_bare(r.1, r.2, r.3);
            }
            log.offsets.push(log.time.len() as u32);
        }
        log
    }

    #[test]
    fn frequency_recency_age_and_value_by_hand() {
        // Customer 0 buys on Jan 1 (10 + 5, same day -> one period of 15), Jan 4 (20), Jan 10 (40),
        // then Feb 2 (holdout, 7) and Feb 2 again (same holdout period) and Mar 1 (after holdout).
        // Calibration end Jan 31 00:00, holdout end Feb 28 00:00.
        // x = 2 (periods Jan 4, Jan 10), t_x = 9, T = 30, monetary = (20 + 40) / 2 = 30,
        // holdout purchases = 1 period, holdout spend = 7 + 3 = 10.
        let rows = [
            (0, at(2024, 1, 1, 9), Order, 10.0),
            (0, at(2024, 1, 1, 18), Order, 5.0),
            (0, at(2024, 1, 4, 12), Order, 20.0),
            (0, at(2024, 1, 10, 12), Order, 40.0),
            (0, at(2024, 2, 2, 8), Order, 7.0),
            (0, at(2024, 2, 2, 9), Order, 3.0),
            (0, at(2024, 3, 1, 9), Order, 99.0),
            // Customer 1: one purchase in calibration only.
            (1, at(2024, 1, 20, 9), Order, 12.0),
            // Customer 2: first purchase in the holdout -> excluded and counted.
            (2, at(2024, 2, 5, 9), Order, 12.0),
            // Customer 3: only views.
            (3, at(2024, 1, 5, 9), View, f64::NAN),
        ];
        let s = summarize(&log(&rows), at(2024, 1, 31, 0), Some(at(2024, 2, 28, 0)), TimeUnit::Days).unwrap();
        assert_eq!(s.customer, vec![0, 1]);
        assert_eq!(s.frequency, vec![2, 0]);
        assert_eq!(s.recency, vec![9.0, 0.0]);
        assert_eq!(s.age, vec![30.0, 11.0]);
        assert_eq!(s.monetary, vec![Some(30.0), None]);
        assert_eq!(s.holdout_purchases, Some(vec![1, 0]));
        assert_eq!(s.holdout_spend, Some(vec![10.0, 0.0]));
        assert_eq!((s.first_purchase_after_calibration, s.never_purchased), (1, 1));
        // Tracking from Jan 1 to Feb 28 (59 periods): repeats on Jan 4, Jan 10 and Feb 2.
        assert_eq!(s.repeat_purchases_per_period.len(), 59);
        assert_eq!(s.repeat_purchases_per_period[3], 1);
        assert_eq!(s.repeat_purchases_per_period[9], 1);
        assert_eq!(s.repeat_purchases_per_period[32], 1);
        assert_eq!(s.repeat_purchases_per_period.iter().sum::<u32>(), 3);
    }

    #[test]
    fn a_calibration_end_long_after_the_data_is_refused() {
        let rows = [(0, at(2024, 1, 10, 9), Order, 5.0), (0, at(2024, 1, 20, 9), Order, 5.0)];
        // 31 days after the last event (an export date) is accepted, 32 days is not.
        let inside = at(2024, 1, 20, 9) + CALIBRATION_GRACE_DAYS * SECONDS_PER_DAY;
        assert!(summarize(&log(&rows), inside, None, TimeUnit::Days).is_ok());
        assert_eq!(
            summarize(&log(&rows), inside + SECONDS_PER_DAY, None, TimeUnit::Days).unwrap_err(),
            ClvError::CalibrationEndAfterData {
                calibration_end: inside + SECONDS_PER_DAY,
                last_event: at(2024, 1, 20, 9)
            }
        );
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2024-01-01 was a Monday, 2024-01-07 a Sunday.
        let monday = TimeUnit::Weeks.period_of(at(2024, 1, 1, 0));
        assert_eq!(TimeUnit::Weeks.period_of(at(2024, 1, 7, 23)), monday);
        assert_eq!(TimeUnit::Weeks.period_of(at(2024, 1, 8, 0)), monday + 1);
        assert_eq!(TimeUnit::Weeks.period_start(monday), at(2024, 1, 1, 0));
        // Purchases Mon Jan 1 and Sun Jan 7 share a week; Jan 15 is two weeks later.
        let rows = [
            (0, at(2024, 1, 1, 9), Order, 1.0),
            (0, at(2024, 1, 7, 9), Order, 2.0),
            (0, at(2024, 1, 15, 9), Order, 4.0),
        ];
        let s = summarize(&log(&rows), at(2024, 1, 31, 0), None, TimeUnit::Weeks).unwrap();
        assert_eq!((s.frequency[0], s.recency[0], s.age[0], s.monetary[0]), (1, 2.0, 4.0, Some(4.0)));
    }

    #[test]
    fn refunds_reduce_value_in_proportion() {
        // Gross calibration spend 10 + 30 + 60 = 100, refunded 25 -> factor 0.75; repeat mean (30+60)/2 = 45
        // -> 33.75. Customer 1 refunded everything -> value 0 (excluded later from the spend model).
        let rows = [
            (0, at(2024, 1, 1, 9), Order, 10.0),
            (0, at(2024, 1, 2, 9), Order, 30.0),
            (0, at(2024, 1, 3, 9), Order, 60.0),
            (0, at(2024, 1, 4, 9), Refund, -25.0),
            (1, at(2024, 1, 1, 9), Order, 10.0),
            (1, at(2024, 1, 2, 9), Order, 10.0),
            (1, at(2024, 1, 3, 9), Refund, 20.0),
        ];
        let s = summarize(&log(&rows), at(2024, 1, 31, 0), None, TimeUnit::Days).unwrap();
        assert_eq!(s.monetary, vec![Some(33.75), Some(0.0)]);
        assert_eq!(s.refunds_applied, 2);
        assert_eq!(s.frequency, vec![2, 1], "refund rows are not purchases");
    }

    #[test]
    fn missing_amounts_still_count_as_purchases() {
        let rows = [
            (0, at(2024, 1, 1, 9), Order, 5.0),
            (0, at(2024, 1, 2, 9), Order, f64::NAN),
            (0, at(2024, 1, 3, 9), Order, 8.0),
        ];
        let s = summarize(&log(&rows), at(2024, 1, 31, 0), None, TimeUnit::Days).unwrap();
        assert_eq!((s.frequency[0], s.monetary[0]), (2, Some(8.0)));
    }

    #[test]
    fn wrong_dates_are_reported() {
        let rows = [(0, at(2024, 1, 10, 9), Order, 5.0), (0, at(2024, 2, 10, 9), Order, 5.0)];
        let l = log(&rows);
        assert_eq!(
            summarize(&l, at(2024, 1, 1, 0), None, TimeUnit::Days),
            Err(ClvError::CalibrationEndOutsideData {
                calibration_end: at(2024, 1, 1, 0),
                first_purchase: at(2024, 1, 10, 9)
            })
        );
        assert!(matches!(
            summarize(&l, at(2024, 1, 31, 0), Some(at(2024, 1, 20, 0)), TimeUnit::Days),
            Err(ClvError::HoldoutEndNotAfterCalibration { .. })
        ));
        assert!(matches!(
            summarize(&l, at(2024, 1, 31, 0), Some(at(2024, 3, 1, 0)), TimeUnit::Days),
            Err(ClvError::HoldoutEndAfterData { .. })
        ));
        // The last day itself is fine even when the export has no time of day.
        assert!(summarize(&l, at(2024, 1, 31, 0), Some(at(2024, 2, 10, 23)), TimeUnit::Days).is_ok());
        assert_eq!(summarize(&log(&[(0, 0, View, f64::NAN)]), 10, None, TimeUnit::Days), Err(ClvError::NoPurchases));
    }
}
