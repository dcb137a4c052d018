//! The one place numbers become text, so money, counts and percentages look the same on every card,
//! table, chart label and tooltip. Pure string work (no browser calls), so it is the same in both
//! languages: both English and Chinese use `,` for thousands and `.` for decimals.

/// `1234567.891` -> `1,234,567.89` (money: always two decimals).
pub fn money(value: f64) -> String {
    fixed(value, 2)
}

/// Whole counts: `20000` -> `20,000`.
pub fn count(value: usize) -> String {
    group_thousands(&value.to_string())
}

/// A signed whole number with an explicit `+` for gains: `-12` / `+1,200` / `0`.
pub fn signed_count(value: i64) -> String {
    let body = group_thousands(&value.unsigned_abs().to_string());
    match value.signum() {
        1 => format!("+{body}"),
        -1 => format!("−{body}"),
        _ => body,
    }
}

/// A money difference with an explicit sign (B − A columns): `+1,234.50` / `−3.00`.
pub fn signed_money(value: f64) -> String {
    signed(value, |v| fixed(v, 2))
}

/// A share given as a 0-1 fraction, shown in percent with one decimal: `0.1234` -> `12.3 %`.
pub fn share(fraction: f64) -> String {
    percent(fraction * 100.0)
}

/// A value already in percent: `12.345` -> `12.3 %`.
pub fn percent(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    format!("{} %", fixed(value, 1))
}

/// A difference of shares (0-1) in percentage points: `+1.5 pp`.
pub fn signed_share_points(fraction: f64) -> String {
    format!("{} pp", signed(fraction * 100.0, |v| fixed(v, 1)))
}

/// Points and other large non-money quantities: no decimals, grouped (`1,234,567`).
pub fn quantity(value: f64) -> String {
    fixed(value, 0)
}

/// A score (growth value) as shown next to tier bounds: up to one decimal.
pub fn score(value: f64) -> String {
    fixed(value, 1)
}

/// A number as a person would write it: grouped, up to two decimals, no trailing zeros (`1,000`, `0.25`).
pub fn plain(value: f64) -> String {
    trim_zeros(&fixed(value, 2))
}

/// File sizes in the units people know: `532 B`, `12.4 KB`, `3.1 MB`.
pub fn bytes(size: usize) -> String {
    const KB: f64 = 1024.0;
    let size_f = size as f64;
    if size_f < KB {
        format!("{size} B")
    } else if size_f < KB * KB {
        format!("{} KB", fixed(size_f / KB, 1))
    } else {
        format!("{} MB", fixed(size_f / (KB * KB), 1))
    }
}

/// Compact axis labels: `950`, `12.5k`, `3.2M`.
pub fn compact(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1e6 {
        format!("{}M", trim_zeros(&format!("{:.1}", value / 1e6)))
    } else if magnitude >= 1e4 {
        format!("{}k", trim_zeros(&format!("{:.1}", value / 1e3)))
    } else {
        trim_zeros(&fixed(value, 2))
    }
}

/// A large figure for a headline, in the reader's way of counting: Chinese counts in 万 (10⁴) and
/// 亿 (10⁸), so `123456789` reads `1.23亿` and `45600` `4.56万`; below 10⁴, and in English, it is
/// `body` of the value (`count`, `money`, ...).
pub fn large(value: f64, lang: crate::ui::i18n::lang::Lang, body: impl Fn(f64) -> String) -> String {
    let magnitude = value.abs();
    if lang == crate::ui::i18n::lang::Lang::En || !value.is_finite() || magnitude < 1e4 {
        return body(value);
    }
    // 99,999,999 rounds to 10000.00万: that is 1亿.
    let in_wan = (magnitude / 1e4 * 100.0).round() / 100.0;
    let (unit, size) = if in_wan >= 1e4 { ("亿", 1e8) } else { ("万", 1e4) };
    let scaled = trim_zeros(&fixed(magnitude / size, 2));
    let sign = if value < 0.0 { "−" } else { "" };
    format!("{sign}{scaled}{unit}")
}

/// `value` rounded to `decimals`, with thousands separators; `–` for NaN / infinity.
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    // `-0.00` is not a number anyone wants to read.
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    if negative {
        out.push('−');
    }
    out.push_str(&group_thousands(int_part));
    if let Some(frac) = frac_part {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `body` of the magnitude with an explicit `+` / `−` (nothing for zero).
pub fn signed(value: f64, body: impl Fn(f64) -> String) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = body(value.abs());
    if text.chars().all(|c| !c.is_ascii_digit() || c == '0') {
        return text;
    }
    if value > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
    }
}

/// Parses what a person types into a number field. Accepts `1234.5`, ` 1,234.5 `, `-3`, `12 %`, and a
/// lone decimal comma (`0,5`); refuses words, `NaN`, `inf` and empty text, so a typo is reported
/// instead of silently becoming 0.
pub fn parse_number(text: &str) -> Option<f64> {
    let mut cleaned: String = text.trim().trim_end_matches('%').chars().filter(|c| !c.is_whitespace()).collect();
    if cleaned.is_empty() {
        return None;
    }
    if !cleaned.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | 'e' | 'E')) {
        return None;
    }
    if cleaned.contains(',') {
        let int_part = cleaned.split('.').next().unwrap_or("");
        if is_thousands_grouped(int_part) {
            cleaned = cleaned.replace(',', "");
        } else if !cleaned.contains('.') && cleaned.matches(',').count() == 1 {
            cleaned = cleaned.replace(',', ".");
        } else {
            return None;
        }
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `1,234` or `12,345,678`: groups of exactly three digits after the first.
fn is_thousands_grouped(int_part: &str) -> bool {
    let digits = int_part.trim_start_matches(['-', '+']);
    let mut groups = digits.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    let rest: Vec<&str> = groups.collect();
    first_ok && !rest.is_empty() && rest.iter().all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Rust's own `{}` rendering of a number, as written into `data-value` attributes for tests: full
/// precision and round-trippable.
pub fn raw(value: f64) -> String {
    format!("{value}")
}

/// A scheme as the pickers and legends name it: `C · Points only`, or just `A` when the scenario's
/// name is its letter or empty (the defaults are named A and B; `A · A` says nothing twice).
pub fn scheme_label(letter: impl std::fmt::Display, name: &str) -> String {
    let (letter, name) = (letter.to_string(), name.trim());
    if name.is_empty() || name.eq_ignore_ascii_case(&letter) {
        letter
    } else {
        format!("{letter} · {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheme_named_by_its_letter_is_not_named_twice() {
        assert_eq!(scheme_label('A', "A"), "A");
        assert_eq!(scheme_label("B", " b "), "B");
        assert_eq!(scheme_label('C', ""), "C");
        assert_eq!(scheme_label('C', "Points only"), "C · Points only");
        assert_eq!(scheme_label('A', "A+"), "A · A+");
    }

    #[test]
    fn large_figures_count_in_wan_and_yi_in_chinese() {
        use crate::ui::i18n::lang::Lang;
        assert_eq!(large(123_456_789.0, Lang::Zh, |v| money(v)), "1.23亿");
        assert_eq!(large(45_600.0, Lang::Zh, |v| count(v as usize)), "4.56万");
        assert_eq!(large(20_000.0, Lang::Zh, |v| count(v as usize)), "2万");
        assert_eq!(large(99_999_999.0, Lang::Zh, |v| money(v)), "1亿");
        assert_eq!(large(-1_250_000.0, Lang::Zh, |v| money(v)), "−125万");
        assert_eq!(large(9_999.0, Lang::Zh, |v| count(v as usize)), "9,999");
        assert_eq!(large(123_456_789.0, Lang::En, |v| money(v)), "123,456,789.00");
    }

    #[test]
    fn groups_and_rounds() {
        assert_eq!(money(1234567.891), "1,234,567.89");
        assert_eq!(money(-0.001), "0.00");
        assert_eq!(money(-1500.0), "−1,500.00");
        assert_eq!(count(20000), "20,000");
        assert_eq!(share(0.1234), "12.3 %");
        assert_eq!(signed_money(12.5), "+12.50");
        assert_eq!(signed_money(0.0), "0.00");
        assert_eq!(bytes(2048), "2.0 KB");
        assert_eq!(compact(0.25), "0.25");
        assert_eq!(compact(2500.0), "2,500");
        assert_eq!(compact(12_500.0), "12.5k");
        assert_eq!(compact(1_500_000.0), "1.5M");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_number("1234.5"), Some(1234.5));
        assert_eq!(parse_number(" 1,234.5 "), Some(1234.5));
        assert_eq!(parse_number("1,234"), Some(1234.0));
        assert_eq!(parse_number("0,5"), Some(0.5));
        assert_eq!(parse_number("12 %"), Some(12.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1,2,3"), None);
    }
}
