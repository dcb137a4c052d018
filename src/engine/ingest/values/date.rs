//! Reading one cell as a date or date-time: ISO, compact, Chinese, year-last in the file's order,
//! or epoch seconds / milliseconds, each optionally with a time of day.

use serde::{Deserialize, Serialize};

use crate::engine::date::{days_from_civil, is_valid_date, SECONDS_PER_DAY};

use super::cell::trim_cell;

/// A parsed date or date-time: seconds since 1970 in the file's wall-clock time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub seconds: i64,
    /// Whether a time of day was written (`2024-03-05 14:03` vs `2024-03-05`).
    pub has_time: bool,
}

/// Parses the date formats of section 2 of the domain brief:
/// `YYYYMMDD`, `YYYYMMDDHHMMSS`, `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.MM.DD`, `YYYY年M月D日`, each optionally
/// followed by a time `H`, `H:MM`, `H:MM:SS`, `H:MM:SS.fff` after a space or `T`, and optionally a
/// `Z` or `+08:00` offset. Offsets are ignored on purpose: exports carry local wall-clock times and
/// the engine works in the file's own time (see `engine::date`).
pub fn parse_date(raw: &str) -> Option<DateTime> {
    let s = trim_cell(raw);
    let b = s.as_bytes();
    if let Some(date) = iso_date(b) {
        return Some(date);
    }
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return compact_date(b);
    }
    if b.len() == 14 && b.iter().all(u8::is_ascii_digit) {
        let date = compact_date(&b[..8])?;
        let (h, m, sec) = (two_digits(&b[8..10])?, two_digits(&b[10..12])?, two_digits(&b[12..14])?);
        return with_time(date.seconds, h, m, sec);
    }
    let mut cursor = Cursor { b, i: 0 };
    let year = cursor.digits(4, 4)?;
    let chinese = cursor.eat_str("年");
    let separator = if chinese {
        None
    } else {
        let sep = cursor.peek()?;
        if !matches!(sep, b'-' | b'/' | b'.') {
            return None;
        }
        cursor.i += 1;
        Some(sep)
    };
    let month = cursor.digits(1, 2)?;
    if chinese {
        if !cursor.eat_str("月") {
            return None;
        }
    } else if cursor.peek() != separator {
        return None;
    } else {
        cursor.i += 1;
    }
    let day = cursor.digits(1, 2)?;
    if chinese {
        // `日` or `号` closes the day; tolerate it missing.
        let _ = cursor.eat_str("日") || cursor.eat_str("号");
    }
    if !is_valid_date(year as i32, month, day) {
        return None;
    }
    let date_seconds = days_from_civil(year as i32, month, day) * SECONDS_PER_DAY;
    time_tail(&mut cursor, date_seconds)
}

/// Which of the first two numbers of a year-last date (`03/15/2026`, `15.03.2026`) is the month. A
/// file uses one convention throughout, so it is decided once per file (see `infer::date_order`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `M/D/YYYY`, as US spreadsheets write dates.
    MonthFirst,
    /// `D/M/YYYY` or `D.M.YYYY`, as most of Europe writes them.
    DayFirst,
}

/// Like `parse_date`, and with an order also the year-last dates `M/D/YYYY` / `D/M/YYYY` (separators
/// `/`, `-` or `.`, the same one twice), each optionally followed by a time as above.
pub fn parse_date_in(raw: &str, order: Option<DateOrder>) -> Option<DateTime> {
    parse_date(raw).or_else(|| {
        let order = order?;
        let mut cursor = Cursor { b: trim_cell(raw).as_bytes(), i: 0 };
        let (first, second, year, _) = year_last(&mut cursor)?;
        let (month, day) = match order {
            DateOrder::MonthFirst => (first, second),
            DateOrder::DayFirst => (second, first),
        };
        if !is_valid_date(year as i32, month, day) {
            return None;
        }
        time_tail(&mut cursor, days_from_civil(year as i32, month, day) * SECONDS_PER_DAY)
    })
}

/// The two leading numbers and the separator of a cell that reads as a year-last date in at least
/// one order (for deciding the file's order), or `None`.
pub fn year_last_numbers(raw: &str) -> Option<(u32, u32, u8)> {
    let mut cursor = Cursor { b: trim_cell(raw).as_bytes(), i: 0 };
    let (first, second, year, separator) = year_last(&mut cursor)?;
    let valid = is_valid_date(year as i32, first, second) || is_valid_date(year as i32, second, first);
    (valid && time_tail(&mut cursor, 0).is_some()).then_some((first, second, separator))
}

/// `A SEP B SEP YYYY`, leaving the cursor after the year.
fn year_last(cursor: &mut Cursor) -> Option<(u32, u32, u32, u8)> {
    let first = cursor.digits(1, 2)?;
    let separator = cursor.peek().filter(|b| matches!(b, b'/' | b'-' | b'.'))?;
    cursor.i += 1;
    let second = cursor.digits(1, 2)?;
    if !cursor.eat(separator) {
        return None;
    }
    let year = cursor.digits(4, 4)?;
    if cursor.peek().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((first, second, year, separator))
}

/// The rest of a date cell after the date: nothing, or a time `H`, `H:MM`, `H:MM:SS`, `H:MM:SS.fff`
/// after a space or `T`, optionally with a `Z` or `+08:00` offset (accepted, not applied).
fn time_tail(cursor: &mut Cursor, date_seconds: i64) -> Option<DateTime> {
    if cursor.at_end() {
        return Some(DateTime { seconds: date_seconds, has_time: false });
    }
    match cursor.peek() {
        Some(b'T') | Some(b't') | Some(b' ') => {
            while matches!(cursor.peek(), Some(b' ' | b'T' | b't')) {
                cursor.i += 1;
            }
        }
        _ => return None,
    }
    let hour = cursor.digits(1, 2)?;
    let (mut minute, mut second) = (0, 0);
    if cursor.eat(b':') {
        minute = cursor.digits(2, 2)?;
        if cursor.eat(b':') {
            second = cursor.digits(2, 2)?;
            if cursor.eat(b'.') || cursor.eat(b',') {
                cursor.digits(1, 9)?;
            }
        }
    }
    // Time-zone designator: accepted, not applied (see above); Shopify writes it after a space
    // (`2025-10-07 09:50:26 +0200`).
    if cursor.peek() == Some(b' ') && matches!(cursor.b.get(cursor.i + 1), Some(b'+' | b'-' | b'Z')) {
        cursor.i += 1;
    }
    if cursor.eat(b'Z') || cursor.eat(b'z') {
    } else if cursor.peek() == Some(b'+') || cursor.peek() == Some(b'-') {
        cursor.i += 1;
        cursor.digits(2, 2)?;
        let _ = cursor.eat(b':');
        if !cursor.at_end() {
            cursor.digits(2, 2)?;
        }
    }
    if !cursor.at_end() {
        return None;
    }
    with_time(date_seconds, hour, minute, second)
}

/// Seconds since 1970 from a whole number of epoch seconds (10 digits) or milliseconds (13 digits),
/// as log exports write them. Only used for columns the user (or the header) marked as dates.
pub fn parse_epoch(raw: &str) -> Option<DateTime> {
    let s = trim_cell(raw);
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = s.parse().ok()?;
    let seconds = match s.len() {
        9 | 10 => value,
        13 => value / 1000,
        _ => return None,
    };
    // 1973 .. 2200: a plausible time for an export to record.
    (100_000_000..=7_258_118_400).contains(&seconds).then_some(DateTime { seconds, has_time: true })
}

/// A date in any format `parse_date_in` knows, or epoch seconds / milliseconds.
pub fn parse_date_or_epoch(raw: &str, order: Option<DateOrder>) -> Option<DateTime> {
    parse_date_in(raw, order).or_else(|| parse_epoch(raw))
}

/// The commonest form, `YYYY-MM-DD` (or with `/` or `.`, the same twice), read directly; `None` for
/// anything else, which the general parser then reads (or refuses).
#[inline]
fn iso_date(b: &[u8]) -> Option<DateTime> {
    let [y1, y2, y3, y4, sep, m1, m2, sep2, d1, d2] = *b else { return None };
    if !matches!(sep, b'-' | b'/' | b'.') || sep2 != sep {
        return None;
    }
    let year = (two_digits(&[y1, y2])? * 100 + two_digits(&[y3, y4])?) as i32;
    let (month, day) = (two_digits(&[m1, m2])?, two_digits(&[d1, d2])?);
    is_valid_date(year, month, day)
        .then(|| DateTime { seconds: days_from_civil(year, month, day) * SECONDS_PER_DAY, has_time: false })
}

fn compact_date(b: &[u8]) -> Option<DateTime> {
    let year = (two_digits(&b[0..2])? * 100 + two_digits(&b[2..4])?) as i32;
    let (month, day) = (two_digits(&b[4..6])?, two_digits(&b[6..8])?);
    is_valid_date(year, month, day)
        .then(|| DateTime { seconds: days_from_civil(year, month, day) * SECONDS_PER_DAY, has_time: false })
}

fn with_time(date_seconds: i64, hour: u32, minute: u32, second: u32) -> Option<DateTime> {
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    // A leap second (:60) is shown as :59 rather than rolling into the next minute.
    let second = second.min(59);
    Some(DateTime { seconds: date_seconds + i64::from(hour * 3600 + minute * 60 + second), has_time: true })
}

fn two_digits(b: &[u8]) -> Option<u32> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => Some(u32::from(a - b'0') * 10 + u32::from(c - b'0')),
        _ => None,
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }
    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn eat_str(&mut self, s: &str) -> bool {
        if self.b[self.i..].starts_with(s.as_bytes()) {
            self.i += s.len();
            true
        } else {
            false
        }
    }
    /// Between `min` and `max` ASCII digits as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        let mut value: u32 = 0;
        while self.i < self.b.len() && self.i - start < max && self.b[self.i].is_ascii_digit() {
            value = value * 10 + u32::from(self.b[self.i] - b'0');
            self.i += 1;
        }
        (self.i - start >= min).then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seconds for a civil date-time, computed independently of `days_from_civil`: days counted
    /// by hand from known anchors (2024-01-01 is day 19723 since 1970: 54 years, 13 leap days).
    fn at(days: i64, h: i64, m: i64, s: i64) -> i64 {
        days * 86_400 + h * 3600 + m * 60 + s
    }

    #[test]
    fn date_formats() {
        // 2024-03-05 = 2024-01-01 (day 19723) + 31 (Jan) + 29 (Feb, leap) + 4 = day 19787.
        let d = at(19_787, 0, 0, 0);
        for s in ["20240305", "2024-03-05", "2024/3/5", "2024/03/05", "2024.03.05", "2024年3月5日", "2024-3-5"] {
            assert_eq!(parse_date(s), Some(DateTime { seconds: d, has_time: false }), "{s:?}");
        }
        let t = Some(DateTime { seconds: at(19_787, 14, 3, 0), has_time: true });
        for s in [
            "2024/3/5 14:03",
            "2024-03-05 14:03:00",
            "2024-03-05T14:03:00",
            "2024-03-05T14:03:00Z",
            "20240305140300",
            "2024-03-05 14:03:00.250",
            "2024-03-05T14:03:00+08:00",
            "2024-03-05 14:03:00 +0800",
            "2024-03-05 14:03:00 -0500",
        ] {
            assert_eq!(parse_date(s), t, "{s:?}");
        }
        // Tianchi-style hour only: "2014-12-06 02". 2014-01-01 is 44 * 365 + 11 leap days (1972..2012)
        // = 16071; + 334 (Jan-Nov 2014) + 5 = day 16410.
        assert_eq!(parse_date("2014-12-06 02"), Some(DateTime { seconds: at(16_410, 2, 0, 0), has_time: true }));
        // CDNow: 1997-01-01 is 27 * 365 + 7 leap days (1972..1996) = day 9862.
        assert_eq!(parse_date("19970101"), Some(DateTime { seconds: at(9_862, 0, 0, 0), has_time: false }));
    }

    #[test]
    fn invalid_dates() {
        for s in [
            "2023-02-29",
            "20231301",
            "12345678",
            "2024-13-01",
            "2024/3/5 25:00",
            "2024-03-05 14:3",
            "2024-03",
            "05/03/2024",
            "2024-03-05x",
            "18991231",
            "2024-03/05",
            "abc",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }

    #[test]
    fn year_last_dates_in_either_order() {
        // 2024-03-05 is day 19787 (see date_formats).
        let d = Some(DateTime { seconds: at(19_787, 0, 0, 0), has_time: false });
        for s in ["3/5/2024", "03/05/2024", "3-5-2024"] {
            assert_eq!(parse_date_in(s, Some(DateOrder::MonthFirst)), d, "{s:?}");
        }
        for s in ["5/3/2024", "05.03.2024", "5-3-2024"] {
            assert_eq!(parse_date_in(s, Some(DateOrder::DayFirst)), d, "{s:?}");
        }
        let t = Some(DateTime { seconds: at(19_787, 14, 3, 0), has_time: true });
        assert_eq!(parse_date_in("3/5/2024 14:03", Some(DateOrder::MonthFirst)), t);
        assert_eq!(parse_date_in("05.03.2024 14:03:00", Some(DateOrder::DayFirst)), t);
        // Year-first formats read the same in any order; year-last ones need an order.
        assert_eq!(parse_date_in("2024-03-05", Some(DateOrder::DayFirst)), d);
        assert_eq!(parse_date_in("3/5/2024", None), None);
        for (s, order) in [
            ("3/15/2024", DateOrder::DayFirst),
            ("15/3/2024", DateOrder::MonthFirst),
            ("2/30/2024", DateOrder::MonthFirst),
            ("3/5-2024", DateOrder::MonthFirst),
            ("3/5/24", DateOrder::MonthFirst),
            ("3/5/20245", DateOrder::MonthFirst),
            ("3/5/2024x", DateOrder::MonthFirst),
        ] {
            assert_eq!(parse_date_in(s, Some(order)), None, "{s:?} {order:?}");
        }
        assert_eq!(year_last_numbers("12/31/2025 23:59"), Some((12, 31, b'/')));
        assert_eq!(year_last_numbers("31.12.2025"), Some((31, 12, b'.')));
        assert_eq!(year_last_numbers("13/13/2025"), None, "valid in neither order");
        assert_eq!(year_last_numbers("2025/12/31"), None, "year first");
    }

    #[test]
    fn epoch_numbers() {
        // 1511544070 is 2017-11-24 17:21:10 UTC (Taobao UserBehavior's first row).
        assert_eq!(parse_epoch("1511544070").map(|d| d.seconds), Some(1_511_544_070));
        assert_eq!(parse_epoch("1511544070123").map(|d| d.seconds), Some(1_511_544_070));
        assert_eq!(parse_epoch("123"), None);
        assert_eq!(parse_date_or_epoch("2024-03-05", None).map(|d| d.seconds), Some(at(19_787, 0, 0, 0)));
    }
}
