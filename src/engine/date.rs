//! Calendar arithmetic on the proleptic Gregorian calendar, without a date crate.
//!
//! Timestamps are seconds since 1970-01-01 00:00 in the file's own (unknown) time zone: exports
//! carry local wall-clock times, and treating them as UTC keeps day and month boundaries where the
//! marketer sees them.

use serde::{Deserialize, Serialize};

pub const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 for a civil date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month 1-12, day 1-31) of a day number.
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether (year, month, day) names a real calendar day in the range exports plausibly use.
pub fn is_valid_date(year: i32, month: u32, day: u32) -> bool {
    (1900..=2200).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// A calendar month as a single ordinal (year * 12 + month - 1), so month arithmetic is integer arithmetic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MonthIndex(pub i32);

impl MonthIndex {
    pub fn from_ymd(year: i32, month: u32) -> Self {
        MonthIndex(year * 12 + month as i32 - 1)
    }
    pub fn of_timestamp(seconds: i64) -> Self {
        let (y, m, _) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
        Self::from_ymd(y, m)
    }
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    pub fn month(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }
    /// First second of the month.
    pub fn start_timestamp(self) -> i64 {
        days_from_civil(self.year(), self.month(), 1) * SECONDS_PER_DAY
    }
    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year(), self.month())
    }
}

/// `YYYY-MM-DD` for a timestamp.
pub fn format_date(seconds: i64) -> String {
    let (y, m, d) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD` as (year, month, day), for real calendar dates only: how the page's date fields and
/// the CLI's date options read a day.
pub fn parse_iso_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    (parts.next().is_none() && is_valid_date(year, month, day)).then_some((year, month, day))
}

/// The last second of a `YYYY-MM-DD` day: a calibration or holdout end given as a day includes that
/// whole day.
pub fn end_of_day(text: &str) -> Option<i64> {
    let (year, month, day) = parse_iso_date(text)?;
    Some((days_from_civil(year, month, day) + 1) * SECONDS_PER_DAY - 1)
}

/// The same day `months` months earlier, moved back to the month's last day when it has fewer days
/// (31 October minus 6 months is 30 April).
pub fn months_before((year, month, day): (i32, u32, u32), months: u32) -> (i32, u32, u32) {
    let index = year * 12 + month as i32 - 1 - months as i32;
    let (y, m) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    (y, m, day.min(days_in_month(y, m)))
}

/// Where a calibration period ends by default, for a CLV fit and a back-test alike: the last day of
/// the month six whole months before the data's last month, so the holdout is six calendar months
/// that the simulator's months line up with.
pub fn default_calibration_end(last_event: i64) -> i64 {
    let month = MonthIndex(MonthIndex::of_timestamp(last_event).0 - 6);
    (days_from_civil(month.year(), month.month(), days_in_month(month.year(), month.month())) + 1) * SECONDS_PER_DAY - 1
}

/// `YYYY-MM-DD HH:MM:SS` for a timestamp.
pub fn format_datetime(seconds: i64) -> String {
    let secs = seconds.rem_euclid(SECONDS_PER_DAY);
    format!("{} {:02}:{:02}:{:02}", format_date(seconds), secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_read_strictly() {
        assert_eq!(parse_iso_date(" 2024-02-29 "), Some((2024, 2, 29)));
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("2024-02"), None);
        assert_eq!(parse_iso_date("2024-02-01-05"), None);
        // 1997-09-30 23:59:59 UTC = 875 663 999 (days_from_civil 10134 * 86400 + 86399).
        assert_eq!(end_of_day("1997-09-30"), Some(875_663_999));
    }

    #[test]
    fn months_before_keeps_the_day_inside_the_month() {
        assert_eq!(months_before((2025, 10, 31), 6), (2025, 4, 30));
        assert_eq!(months_before((2024, 8, 31), 6), (2024, 2, 29));
        assert_eq!(months_before((2024, 3, 15), 15), (2022, 12, 15));
    }

    #[test]
    fn the_default_calibration_end_is_a_month_end_six_months_back() {
        // Last event 1998-06-30 12:00 -> end of 1997-12-31.
        let last = days_from_civil(1998, 6, 30) * SECONDS_PER_DAY + 43_200;
        assert_eq!(default_calibration_end(last), end_of_day("1997-12-31").unwrap());
        let last = days_from_civil(2026, 3, 1) * SECONDS_PER_DAY;
        assert_eq!(format_date(default_calibration_end(last)), "2025-09-30");
    }

    #[test]
    fn known_day_numbers() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 3, 5), 19_787);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn civil_round_trip_over_four_centuries() {
        for days in (-50_000..150_000).step_by(7) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(is_leap_year(2024) && is_leap_year(2000) && !is_leap_year(1900) && !is_leap_year(2023));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert!(!is_valid_date(2023, 2, 29));
        assert!(is_valid_date(2024, 2, 29));
    }

    #[test]
    fn month_index_arithmetic() {
        let jan = MonthIndex::from_ymd(2024, 1);
        assert_eq!(MonthIndex(jan.0 - 1).label(), "2023-12");
        assert_eq!(
            MonthIndex::of_timestamp(days_from_civil(2024, 3, 31) * SECONDS_PER_DAY + 86_399).label(),
            "2024-03"
        );
        assert_eq!(
            format_datetime(days_from_civil(2024, 3, 5) * SECONDS_PER_DAY + 14 * 3600 + 3 * 60),
            "2024-03-05 14:03:00"
        );
    }
}
