//! Seasonality as a change of clock.
//!
//! Customers' purchase and visit processes run in "operational time", in which activity is
//! homogeneous; the clock maps operational time to calendar time hour by hour, spending calendar
//! hours faster where shoppers are busy (evenings, 11.11, 618) and slower where they are not (night,
//! Spring Festival). WHY a clock instead of thinning events: the per-customer process stays an exact
//! BG/NBD process in operational time, so a model fitted to the data can be checked against the
//! generating parameters, while the calendar still shows realistic peaks. Operational time is
//! normalised to the window's calendar length, so rates are "per average day of the window".

use super::vocabulary::{HOUR_WEIGHTS, SPRING_FESTIVALS};
use crate::engine::date::{civil_from_days, days_from_civil};

const SECONDS_PER_HOUR: f64 = 3600.0;

/// Activity multiplier of a calendar day (1 = an ordinary day).
pub fn day_multiplier(days_since_epoch: i64) -> f64 {
    let (_, month, day) = civil_from_days(days_since_epoch);
    let festival = match (month, day) {
        (11, 1..=10) => 1.5, // Double 11 pre-sales
        (11, 11) => 5.0,     // 双十一
        (11, 12) => 1.5,
        (6, 1..=17) => 1.3, // 618 pre-sales
        (6, 18) => 3.0,     // 618
        (12, 12) => 2.0,    // 双十二
        _ => 1.0,
    };
    // Logistics stop around the Spring Festival: shoppers buy less before it and during the holiday.
    let spring = SPRING_FESTIVALS
        .iter()
        .map(|&(y, m, d)| days_since_epoch - days_from_civil(y, m, d))
        .find(|offset| (-10..=14).contains(offset))
        .map_or(1.0, |offset| match offset {
            -10..=-4 => 0.7,
            -3..=6 => 0.45,
            _ => 0.8,
        });
    // 1970-01-01 was a Thursday: weekday 0 = Sunday.
    let weekday = (days_since_epoch + 4).rem_euclid(7);
    let weekend = if weekday == 0 || weekday == 6 { 1.08 } else { 1.0 };
    festival * spring * weekend
}

/// Maps operational seconds to calendar seconds since the window start and back.
pub struct SeasonalClock {
    /// Operational hours elapsed at the start of each calendar hour (one more entry than hours).
    cumulative: Vec<f64>,
    /// Operational hours per calendar hour.
    speed: Vec<f64>,
}

impl SeasonalClock {
    /// A clock for `days` calendar days starting at day number `start_day` (days since 1970-01-01).
    pub fn new(start_day: i64, days: u32) -> SeasonalClock {
        let hours = days as usize * 24;
        let mut speed = Vec::with_capacity(hours);
        for d in 0..i64::from(days) {
            let day_weight = day_multiplier(start_day + d);
            for (hour, &hour_weight) in HOUR_WEIGHTS.iter().enumerate() {
                // Midnight of 11.11 is when pre-sale balances are paid: a spike at 00:00-02:00.
                let midnight_rush = if hour < 2 && is_double_eleven(start_day + d) { 3.0 } else { 1.0 };
                speed.push(day_weight * hour_weight * midnight_rush);
            }
        }
        let total: f64 = speed.iter().sum();
        let scale = hours as f64 / total;
        let mut cumulative = Vec::with_capacity(hours + 1);
        let mut running = 0.0;
        cumulative.push(0.0);
        for s in speed.iter_mut() {
            *s *= scale;
            running += *s;
            cumulative.push(running);
        }
        SeasonalClock { cumulative, speed }
    }

    /// Operational seconds elapsed at calendar second `calendar` (clamped into the window).
    pub fn to_operational(&self, calendar: f64) -> f64 {
        let hours = self.speed.len();
        let position = (calendar / SECONDS_PER_HOUR).clamp(0.0, hours as f64);
        let hour = (position.floor() as usize).min(hours - 1);
        (self.cumulative[hour] + self.speed[hour] * (position - hour as f64)) * SECONDS_PER_HOUR
    }

    /// Calendar second at which `operational` seconds have elapsed (clamped into the window).
    pub fn to_calendar(&self, operational: f64) -> f64 {
        let hours = self.speed.len();
        let target = (operational / SECONDS_PER_HOUR).clamp(0.0, self.cumulative[hours]);
        // The last hour whose start is at or before the target.
        let hour = self.cumulative.partition_point(|&c| c <= target).saturating_sub(1).min(hours - 1);
        (hour as f64 + (target - self.cumulative[hour]) / self.speed[hour]) * SECONDS_PER_HOUR
    }
}

fn is_double_eleven(days_since_epoch: i64) -> bool {
    let (_, month, day) = civil_from_days(days_since_epoch);
    month == 11 && day == 11
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn festival_days_weekends_and_the_spring_festival() {
        // 2025-11-11 is a Tuesday: 5.0; 2025-11-15 a Saturday: 1.08; 2025-11-12 (Wed): 1.5.
        assert_eq!(day_multiplier(days_from_civil(2025, 11, 11)), 5.0);
        assert_eq!(day_multiplier(days_from_civil(2025, 11, 15)), 1.08);
        assert_eq!(day_multiplier(days_from_civil(2025, 11, 12)), 1.5);
        // 2026-06-18 is a Thursday: 3.0.
        assert_eq!(day_multiplier(days_from_civil(2026, 6, 18)), 3.0);
        // Spring Festival 2026-02-17 (Tuesday): the holiday dip 0.45; 2026-02-10 (Tue, -7): 0.7.
        assert_eq!(day_multiplier(days_from_civil(2026, 2, 17)), 0.45);
        assert_eq!(day_multiplier(days_from_civil(2026, 2, 10)), 0.7);
        // 2026-02-27 (Friday, +10): 0.8; 2026-03-10 (Tuesday, +21): ordinary.
        assert_eq!(day_multiplier(days_from_civil(2026, 2, 27)), 0.8);
        assert_eq!(day_multiplier(days_from_civil(2026, 3, 10)), 1.0);
        // Spring Festival 2025-01-29 seen from late December 2024 is outside the window of effect.
        assert_eq!(day_multiplier(days_from_civil(2024, 12, 31)), 1.0);
    }

    #[test]
    fn clock_round_trips_and_spans_the_window() {
        let start = days_from_civil(2024, 11, 1);
        let clock = SeasonalClock::new(start, 730);
        let end = 730.0 * 86_400.0;
        assert!((clock.to_operational(end) - end).abs() < 1e-3, "operational length equals calendar length");
        for calendar in [0.0, 1.0, 3599.5, 86_400.0 * 10.3, 86_400.0 * 375.7, end - 1.0] {
            let back = clock.to_calendar(clock.to_operational(calendar));
            assert!((back - calendar).abs() < 1e-3, "{calendar} -> {back}");
        }
    }

    #[test]
    fn evenings_and_double_eleven_take_more_operational_time() {
        let start = days_from_civil(2025, 11, 1);
        let clock = SeasonalClock::new(start, 30);
        let hour = |day: f64, h: f64| {
            let t = (day * 24.0 + h) * 3600.0;
            clock.to_operational(t + 3600.0) - clock.to_operational(t)
        };
        // Same weekday (Tuesdays 2025-11-04 and 2025-11-18): 21:00 vs 04:00 is 1.70 / 0.08 = 21.25.
        assert!((hour(17.0, 21.0) / hour(17.0, 4.0) - 21.25).abs() < 1e-9);
        // 11.11 21:00 vs Tuesday 11-18 21:00: 5.0 / 1.0.
        assert!((hour(10.0, 21.0) / hour(17.0, 21.0) - 5.0).abs() < 1e-9);
    }
}
