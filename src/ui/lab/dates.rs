//! Months as the model lab's month picker gives them (`YYYY-MM`), and the calibration month it
//! proposes from the period of the loaded data. Days (`YYYY-MM-DD`) are read and defaulted by
//! `crate::engine::date`, the same way the CLI reads them.

use crate::engine::date::{civil_from_days, days_in_month, months_before, SECONDS_PER_DAY};
use crate::engine::models::supervised::YearMonth;

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
    use crate::engine::date::days_from_civil;

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
