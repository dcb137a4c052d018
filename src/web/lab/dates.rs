//! Dates as the model lab's date and month pickers give them (`YYYY-MM-DD`, `YYYY-MM`), and the
//! defaults it proposes from the period of the loaded data.

use crate::engine::date::{civil_from_days, days_from_civil, days_in_month, is_valid_date, SECONDS_PER_DAY};
use crate::engine::models::supervised::YearMonth;

/// `YYYY-MM-DD` as (year, month, day), for real calendar dates only.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    (parts.next().is_none() && is_valid_date(year, month, day)).then_some((year, month, day))
}

/// The last second of a `YYYY-MM-DD` day: everything on that day counts as before it (as the CLI's
/// `--calibration-end` / `--holdout-end` read their dates).
pub fn end_of_day(text: &str) -> Option<i64> {
    let (year, month, day) = parse_date(text)?;
    Some((days_from_civil(year, month, day) + 1) * SECONDS_PER_DAY - 1)
}

/// The calendar date of a timestamp, `YYYY-MM-DD`.
pub fn date_text(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The same day `months` months earlier, moved back to the month's last day when it has fewer days
/// (31 October minus 6 months is 30 April).
pub fn months_before((year, month, day): (i32, u32, u32), months: u32) -> (i32, u32, u32) {
    let index = year * 12 + month as i32 - 1 - months as i32;
    let (y, m) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    (y, m, day.min(days_in_month(y, m)))
}

/// Six months before the last event: the usual split of an event log into a calibration period and
/// a half-year holdout to check the model against.
pub fn default_calibration_end(last_event: i64) -> String {
    let (year, month, day) = civil_from_days(last_event.div_euclid(SECONDS_PER_DAY));
    let (y, m, d) = months_before((year, month, day), 6);
    format!("{y:04}-{m:02}-{d:02}")
}

pub fn parse_month(text: &str) -> Option<YearMonth> {
    let (year, month) = text.trim().split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let month: u32 = month.parse().ok()?;
    ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some(YearMonth { year, month })
}

pub fn month_text(month: YearMonth) -> String {
    format!("{:04}-{:02}", month.year, month.month)
}

/// The latest calibration month that leaves `holdout_months` whole months after it: a last month the
/// data covers only in part would make every customer's holdout spend look smaller than it is.
pub fn default_calibration_month(last_event: i64, holdout_months: u32) -> YearMonth {
    let (year, month, day) = civil_from_days(last_event.div_euclid(SECONDS_PER_DAY));
    let last_whole = if day == days_in_month(year, month) { 0 } else { 1 };
    let (y, m, _) = months_before((year, month, 1), holdout_months + last_whole);
    YearMonth { year: y, month: m }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn end_of_day_is_the_cli_reading_of_a_date() {
        // 2026-04-30 is day 20,573 since 1970 (days_from_civil); its last second is 20,574 × 86,400 − 1.
        assert_eq!(end_of_day("2026-04-30"), Some(20_574 * 86_400 - 1));
        assert_eq!(end_of_day("2026-02-30"), None);
        assert_eq!(end_of_day("30/04/2026"), None);
        assert_eq!(date_text(20_573 * 86_400 + 3_600), "2026-04-30");
    }

    #[test]
    fn six_months_before_keeps_the_day_when_it_can() {
        // Last event on 31 Oct 2026 at 23:44: six months earlier is 30 April (April has 30 days).
        let last = days_from_civil(2026, 10, 31) * 86_400 + 85_457;
        assert_eq!(default_calibration_end(last), "2026-04-30");
        assert_eq!(months_before((2024, 8, 31), 6), (2024, 2, 29));
        assert_eq!(months_before((2025, 3, 15), 6), (2024, 9, 15));
    }

    #[test]
    fn calibration_month_leaves_whole_holdout_months() {
        // Data to 31 Oct: October is whole, 6 months after April end in October.
        let october_end = days_from_civil(2026, 10, 31) * 86_400;
        assert_eq!(default_calibration_month(october_end, 6), YearMonth { year: 2026, month: 4 });
        // Data to 15 Oct: October is partial, so the holdout ends in September and starts in April.
        let mid_october = days_from_civil(2026, 10, 15) * 86_400;
        assert_eq!(default_calibration_month(mid_october, 6), YearMonth { year: 2026, month: 3 });
        assert_eq!(parse_month("2026-04"), Some(YearMonth { year: 2026, month: 4 }));
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(month_text(YearMonth { year: 2026, month: 4 }), "2026-04");
    }
}
