//! Reading one cell as a number: plain, with currency marks, thousands separators, brackets for
//! negatives, an exponent, or a decimal comma.

use super::cell::trim_cell;

/// A parsed number and whether it was written as a whole number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    pub is_integer: bool,
}

/// Currency marks that may precede a number (longest first so `US$` wins over `$`).
const CURRENCY_PREFIXES: [&str; 9] = ["US$", "RMB", "CNY", "USD", "¥", "￥", "$", "€", "£"];
/// Marks that may follow a number.
const CURRENCY_SUFFIXES: [&str; 8] = ["元", "RMB", "CNY", "USD", "块", "€", "EUR", "£"];

/// Parses `12`, `-3.5`, `1,234.50`, `¥1,234.50`, `$12`, `￥8`, `12.5元`, `(3.00)`, `1.2E+5`.
/// Thousands separators must group digits by three (`1,23` is not a number).
#[inline]
pub fn parse_number(raw: &str) -> Option<Number> {
    let s = trim_cell(raw);
    if s.is_empty() {
        return None;
    }
    // Fast path: plain ASCII digits with optional sign and point, the common case.
    if let Some(n) = parse_plain(s.as_bytes()) {
        return Some(n);
    }
    parse_decorated(s)
}

/// `parse_number` of a trimmed, non-empty cell that is not a plain number.
fn parse_decorated(s: &str) -> Option<Number> {
    let (s, parenthesised) = match s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (trim_cell(inner), true),
        None => match s.strip_prefix('（').and_then(|r| r.strip_suffix('）')) {
            Some(inner) => (trim_cell(inner), true),
            None => (s, false),
        },
    };
    let (mut negative, mut s) = split_sign(s);
    let mut had_currency = false;
    for prefix in CURRENCY_PREFIXES {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = trim_cell(rest);
            had_currency = true;
            break;
        }
    }
    if had_currency && !negative {
        // `¥-3.00` as well as `-¥3.00`.
        let (neg, rest) = split_sign(s);
        negative = neg;
        s = rest;
    }
    for suffix in CURRENCY_SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = trim_cell(rest);
            break;
        }
    }
    if parenthesised && negative {
        return None;
    }
    let digits = remove_thousands_separators(s)?;
    let mut n = parse_plain(digits.as_bytes())?;
    if digits.starts_with(['-', '+']) {
        return None;
    }
    if negative || parenthesised {
        n.value = -n.value;
    }
    Some(n)
}

fn split_sign(s: &str) -> (bool, &str) {
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        (true, trim_cell(rest))
    } else if let Some(rest) = s.strip_prefix('+') {
        (false, trim_cell(rest))
    } else {
        (false, s)
    }
}

const POWERS_OF_TEN: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// `[+-]digits[.digits][e[+-]digits]` with at least one digit in the mantissa; nothing else.
#[inline]
fn parse_plain(b: &[u8]) -> Option<Number> {
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let mut mantissa_digits = 0;
    let mut is_integer = true;
    // The digits as an integer and how many follow the point, for the exact fast path below.
    let mut digits: u64 = 0;
    let mut fraction_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        digits = digits.wrapping_mul(10).wrapping_add(u64::from(b[i] - b'0'));
        i += 1;
        mantissa_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        is_integer = false;
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            digits = digits.wrapping_mul(10).wrapping_add(u64::from(b[i] - b'0'));
            i += 1;
            mantissa_digits += 1;
            fraction_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return None;
    }
    if i == b.len() && mantissa_digits <= 15 {
        // Up to 15 digits the integer and the power of ten are exact in f64, so one correctly rounded
        // division gives exactly what the full parser would (Clinger's fast path).
        let magnitude = digits as f64 / POWERS_OF_TEN[fraction_digits];
        let value = if b[0] == b'-' { -magnitude } else { magnitude };
        return Some(Number { value, is_integer });
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        is_integer = false;
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    // Only ASCII was accepted above, so this is valid UTF-8 and a valid Rust float literal.
    let text = std::str::from_utf8(b).ok()?;
    let value: f64 = text.parse().ok()?;
    value.is_finite().then_some(Number { value, is_integer })
}

/// `1,234,567.89` -> `1234567.89`; `None` when commas are present but do not group by three.
fn remove_thousands_separators(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !s.contains(',') {
        return Some(std::borrow::Cow::Borrowed(s));
    }
    let (int_part, frac_part) = match s.find('.') {
        Some(p) => (&s[..p], &s[p..]),
        None => (s, ""),
    };
    if frac_part.contains(',') {
        return None;
    }
    let mut groups = int_part.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    out.push_str(first);
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(group);
    }
    out.push_str(frac_part);
    Some(std::borrow::Cow::Owned(out))
}

/// `parse_number` for a file with either decimal mark: with a decimal comma, `1.234,50` is 1234.5
/// and `12,5` is 12.5 (the marks swap roles, grouping by three still checked).
#[inline]
pub fn parse_number_in(raw: &str, decimal_comma: bool) -> Option<Number> {
    if !decimal_comma || !raw.contains([',', '.']) {
        return parse_number(raw);
    }
    parse_swapped(raw)
}

/// `parse_number` with the roles of `,` and `.` exchanged.
fn parse_swapped(raw: &str) -> Option<Number> {
    let swapped: String = raw
        .chars()
        .map(|c| match c {
            ',' => '.',
            '.' => ',',
            other => other,
        })
        .collect();
    parse_number(&swapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        parse_number(s).map(|n| n.value)
    }

    #[test]
    fn plain_and_decorated_numbers() {
        assert_eq!(parse_number("12"), Some(Number { value: 12.0, is_integer: true }));
        assert_eq!(parse_number(" -3.00 "), Some(Number { value: -3.0, is_integer: false }));
        assert_eq!(num("1,234.50"), Some(1234.5));
        assert_eq!(num("¥1,234.50"), Some(1234.5));
        assert_eq!(num("￥1,234,567"), Some(1_234_567.0));
        assert_eq!(num("$12"), Some(12.0));
        assert_eq!(num("US$ 7.25"), Some(7.25));
        assert_eq!(num("12.5元"), Some(12.5));
        assert_eq!(num("RMB 88"), Some(88.0));
        assert_eq!(num("(3.00)"), Some(-3.0));
        assert_eq!(num("-¥3.00"), Some(-3.0));
        assert_eq!(num("¥-3.00"), Some(-3.0));
        assert_eq!(num("+4"), Some(4.0));
        assert_eq!(num(".5"), Some(0.5));
        assert_eq!(num("1.2E+5"), Some(120_000.0));
        assert_eq!(parse_number("00001"), Some(Number { value: 1.0, is_integer: true }));
        assert_eq!(num("\u{3000}42\u{3000}"), Some(42.0));
    }

    /// The exact fast path (up to 15 digits) gives bit for bit what the standard parser gives.
    #[test]
    fn the_fast_path_agrees_with_the_full_parser() {
        let mut state: u64 = 12345;
        for _ in 0..20_000 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let digits = 1 + (state >> 60) as usize % 15;
            let point = (state >> 40) as usize % (digits + 1);
            let mut text: String = (0..digits).map(|k| char::from(b'0' + ((state >> (k * 4)) % 10) as u8)).collect();
            if point < digits {
                text.insert(point, '.');
            }
            if state & 1 == 1 {
                text.insert(0, '-');
            }
            let expected: f64 = text.parse().unwrap();
            assert_eq!(parse_number(&text).map(|n| n.value.to_bits()), Some(expected.to_bits()), "{text}");
        }
        assert_eq!(num("0.1"), Some(0.1));
        assert_eq!(num("123456789012345.6"), Some(123_456_789_012_345.6), "16 digits: the full parser");
    }

    #[test]
    fn things_that_are_not_numbers() {
        for s in ["", " ", "abc", "1,23", "12,34.5", "1.2.3", "nan", "inf", "-", "¥", "1e", "--1", "(-3)", "3-", "1 2"]
        {
            assert_eq!(parse_number(s), None, "{s:?}");
        }
    }

    #[test]
    fn decimal_commas() {
        let value = |s: &str| parse_number_in(s, true).map(|n| n.value);
        assert_eq!(value("12,5"), Some(12.5));
        assert_eq!(value("1.234,50"), Some(1234.5));
        assert_eq!(value("-3,00 €"), Some(-3.0));
        assert_eq!(value("1.234"), Some(1234.0), "a point groups thousands");
        assert_eq!(value("42"), Some(42.0));
        assert_eq!(value("1.23,4"), None, "grouping by three still checked");
        assert_eq!(value("15.03.2026"), None);
        assert_eq!(parse_number_in("12,5", false), None, "without the setting a comma only groups thousands");
        assert_eq!(parse_number_in("1,234.50", false).map(|n| n.value), Some(1234.5));
    }
}
