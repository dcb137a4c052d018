//! What type each column holds, judged on a sample of its cells.

use std::collections::BTreeSet;

use super::events::event_kind_of;
use super::reader::{Record, RecordReader, RecordStarts};
use super::report::{ContactKind, Delimiter, ValueType};
use super::values::{
    parse_date, parse_date_in, parse_epoch, parse_number_in, trim_cell, year_last_numbers, CellFormat, DateOrder,
};

/// Records always sampled from the top of the file.
pub const HEAD_SAMPLE: usize = 1000;
/// Records sampled evenly from the rest of the file.
const SPREAD_SAMPLE: usize = 1000;
/// Share of non-empty cells that must parse for a column to get a numeric or date type: a few bad
/// cells are reported at load, they should not turn a number column into text.
const TYPE_THRESHOLD: f64 = 0.8;

impl ValueType {
    pub fn is_numeric_or_date(self) -> bool {
        matches!(self, ValueType::Integer | ValueType::Decimal | ValueType::Date | ValueType::DateTime)
    }
}

/// Classifies one cell. Digit strings like `20240305` count as integers here: whether they are
/// dates is decided per column (see `ColumnProfile::value_type`).
pub fn classify(raw: &str) -> ValueType {
    classify_in(raw, CellFormat::default())
}

/// `classify` in the file's format: year-last dates (`3/15/2026`) in its day / month order, numbers
/// with its decimal mark.
pub fn classify_in(raw: &str, format: CellFormat) -> ValueType {
    let s = trim_cell(raw);
    if s.is_empty() {
        return ValueType::Empty;
    }
    if let Some(n) = parse_number_in(s, format.decimal_comma) {
        return if n.is_integer { ValueType::Integer } else { ValueType::Decimal };
    }
    match parse_date_in(s, format.date_order) {
        Some(d) if d.has_time => ValueType::DateTime,
        Some(_) => ValueType::Date,
        None => ValueType::Text,
    }
}

/// Records sampled from a file: the first `HEAD_SAMPLE` plus an even spread over the rest.
#[derive(Clone, Debug, Default)]
pub struct Sample {
    pub rows: Vec<Vec<String>>,
}

/// Collects an even spread of records without knowing the file's length in advance: keeps every
/// `stride`-th record after the head and doubles the stride (dropping every other kept record)
/// whenever the spread grows too large. Deterministic for a given file.
#[derive(Default)]
pub struct Sampler {
    head: Vec<Vec<String>>,
    spread: Vec<(usize, Vec<String>)>,
    stride: usize,
    /// Offset after the head of the next record to keep (a multiple of `stride`).
    next_kept: usize,
}

impl Sampler {
    pub fn new() -> Self {
        Sampler { head: Vec::new(), spread: Vec::new(), stride: 1, next_kept: 0 }
    }

    /// Whether `offer` would keep the `index`-th record (so the caller need not read the others).
    #[inline]
    pub fn wants(&self, index: usize) -> bool {
        index < HEAD_SAMPLE || index - HEAD_SAMPLE >= self.next_kept
    }

    /// Offers the `index`-th data record (0-based); records are offered in order.
    #[inline]
    pub fn offer(&mut self, index: usize, record: &Record) {
        if index < HEAD_SAMPLE {
            self.head.push(record.to_strings());
            return;
        }
        let offset = index - HEAD_SAMPLE;
        if offset < self.next_kept {
            return;
        }
        self.spread.push((offset, record.to_strings()));
        self.next_kept = offset + self.stride;
        if self.spread.len() > SPREAD_SAMPLE {
            self.stride *= 2;
            let stride = self.stride;
            self.spread.retain(|(o, _)| o % stride == 0);
            self.next_kept = offset.next_multiple_of(stride);
            if self.next_kept == offset {
                self.next_kept += stride;
            }
        }
    }

    pub fn finish(self) -> Sample {
        let mut rows = self.head;
        rows.extend(self.spread.into_iter().map(|(_, r)| r));
        Sample { rows }
    }
}

/// Reads the sample of a whole text (data records only, after the header if any).
pub fn sample_text(text: &str, delimiter: Delimiter, has_header: bool) -> Sample {
    scan_records(text, delimiter, has_header, 0, |_, _| {}).0
}

/// Goes over every data record of `text` (after the header if any): counts them, samples them, and
/// shows the first `preview` ones to `first` (index, record). Only the records the sample or the
/// preview needs are split into fields. Returns the sample and the record count.
pub fn scan_records(
    text: &str,
    delimiter: Delimiter,
    has_header: bool,
    preview: usize,
    mut first: impl FnMut(usize, &Record),
) -> (Sample, usize) {
    let mut starts = RecordStarts::new(text, delimiter, 0);
    if has_header {
        starts.next();
    }
    let mut sampler = Sampler::new();
    let mut record = Record::default();
    let mut count = 0;
    for start in starts {
        if count < preview || sampler.wants(count) {
            RecordReader::starting_at(text, delimiter, start, 1).next_record(&mut record);
            if count < preview {
                first(count, &record);
            }
            sampler.offer(count, &record);
        }
        count += 1;
    }
    (sampler.finish(), count)
}

/// Whether a cell is shaped like an e-mail address (`name@host.tld`, no spaces) or a phone number
/// (7 to 15 digits, with only `+`, spaces, dashes, dots and brackets besides; Excel's `'` kept for
/// leading zeros allowed in front).
pub fn contact_kind(cell: &str) -> Option<ContactKind> {
    let cell = trim_cell(cell);
    if let Some((name, host)) = cell.split_once('@') {
        let host_ok = host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && !host.contains('@');
        let plain = |s: &str| !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c == ',' || c == ';');
        return (plain(name) && plain(host) && host_ok).then_some(ContactKind::Email);
    }
    let cell = cell.strip_prefix('\'').unwrap_or(cell);
    let digits = cell.bytes().filter(u8::is_ascii_digit).count();
    let phone_chars = cell.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b' ' | b'-' | b'.' | b'(' | b')'));
    let plain_number = cell.bytes().all(|b| b.is_ascii_digit());
    // A bare digit string is a phone number only as an 11-digit mobile starting with 1 or a
    // landline with its 0-prefixed area code (9 to 12 digits); other numbers (amounts, numeric ids,
    // yyyymmdd dates) stay numbers.
    let looks_dialled = if plain_number {
        (digits == 11 && cell.starts_with('1')) || ((9..=12).contains(&digits) && cell.starts_with('0'))
    } else {
        // `2024-03-05` and `05.03.2024` have a phone's characters too.
        parse_date(cell).is_none() && year_last_numbers(cell).is_none()
    };
    (phone_chars
        && (7..=15).contains(&digits)
        && looks_dialled
        && cell.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '('))
    .then_some(ContactKind::Phone)
}

/// Counts of cell classes and a few facts about one column's sampled cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnProfile {
    pub non_empty: usize,
    pub integers: usize,
    pub decimals: usize,
    pub dates: usize,
    pub date_times: usize,
    pub texts: usize,
    /// Integers that read as `YYYYMMDD` / `YYYYMMDDHHMMSS` dates.
    pub compact_dates: usize,
    /// Integers that read as epoch seconds / milliseconds.
    pub epochs: usize,
    pub min: f64,
    pub max: f64,
    /// Distinct non-empty values (trimmed) in the sample.
    pub distinct: usize,
    /// Text cells naming a known event type (`pv`, `buy`, `加购`, ...).
    pub event_words: usize,
    /// Some non-empty value contains a space (ids never do).
    pub has_spaces: bool,
    pub max_chars: usize,
    /// Up to three distinct example values, as in the file.
    pub examples: Vec<String>,
    /// Cells shaped like an e-mail address / a phone number (see `contact_kind`).
    pub emails: usize,
    pub phones: usize,
}

impl ColumnProfile {
    pub fn of_column(rows: &[Vec<String>], column: usize, format: CellFormat) -> ColumnProfile {
        let mut p = ColumnProfile { min: f64::INFINITY, max: f64::NEG_INFINITY, ..Default::default() };
        let mut distinct = BTreeSet::new();
        for row in rows {
            let raw = row.get(column).map(String::as_str).unwrap_or("");
            let cell = trim_cell(raw);
            if cell.is_empty() {
                continue;
            }
            p.non_empty += 1;
            p.has_spaces |= cell.contains(' ');
            match contact_kind(cell) {
                Some(ContactKind::Email) => p.emails += 1,
                Some(ContactKind::Phone) => p.phones += 1,
                None => {}
            }
            p.max_chars = p.max_chars.max(cell.chars().count());
            if distinct.insert(cell) && p.examples.len() < 3 {
                p.examples.push(raw.to_string());
            }
            match classify_in(cell, format) {
                ValueType::Integer => {
                    p.integers += 1;
                    if (cell.len() == 8 || cell.len() == 14) && parse_date(cell).is_some() {
                        p.compact_dates += 1;
                    }
                    if parse_epoch(cell).is_some() {
                        p.epochs += 1;
                    }
                }
                ValueType::Decimal => p.decimals += 1,
                ValueType::Date => p.dates += 1,
                ValueType::DateTime => p.date_times += 1,
                ValueType::Text => {
                    p.texts += 1;
                    if event_kind_of(cell).is_some() {
                        p.event_words += 1;
                    }
                }
                ValueType::Empty => {}
            }
            if let Some(n) = parse_number_in(cell, format.decimal_comma) {
                p.min = p.min.min(n.value);
                p.max = p.max.max(n.value);
            }
        }
        p.distinct = distinct.len();
        p
    }

    pub fn share(&self, count: usize) -> f64 {
        if self.non_empty == 0 {
            0.0
        } else {
            count as f64 / self.non_empty as f64
        }
    }

    /// Share of non-empty cells that are numbers.
    pub fn numeric_share(&self) -> f64 {
        self.share(self.integers + self.decimals)
    }

    /// Cells that are dates: written dates, plus integers when the hint allows (see `value_type`).
    fn date_cells(&self, date_hint: DateHint) -> usize {
        let integer_dates = match date_hint {
            // Every integer must be a compact date, or this is a number column with a few lucky values.
            DateHint::HeaderSaysDate if self.integers == self.compact_dates => self.compact_dates,
            DateHint::HeaderSaysDate if self.integers == self.epochs => self.epochs,
            DateHint::NoHeader if self.integers == self.compact_dates => self.compact_dates,
            _ => 0,
        };
        self.dates + self.date_times + integer_dates
    }

    /// Share of non-empty cells that are dates.
    pub fn date_share(&self, date_hint: DateHint) -> f64 {
        self.share(self.date_cells(date_hint))
    }

    /// The column's type and the share of non-empty cells that fit it.
    ///
    /// `date_hint`: the header names a date (`日期`, `order date`) or there is no header at all, so
    /// all-`YYYYMMDD` integers are dates (CDNow's `19970101`) and, with a header, epoch numbers are too.
    /// With a header that does not say "date", 8-digit numbers stay numbers (ids, phone prefixes).
    pub fn value_type(&self, date_hint: DateHint) -> (ValueType, f64) {
        if self.non_empty == 0 {
            return (ValueType::Empty, 0.0);
        }
        let date_cells = self.date_cells(date_hint);
        let date_share = self.share(date_cells);
        if date_cells > 0 && date_share >= TYPE_THRESHOLD {
            let integer_dates = date_cells - self.dates - self.date_times;
            let has_time = self.date_times > 0 || (integer_dates > 0 && integer_dates == self.epochs);
            return (if has_time { ValueType::DateTime } else { ValueType::Date }, date_share);
        }
        let numeric_share = self.numeric_share();
        if numeric_share >= TYPE_THRESHOLD {
            let value_type = if self.decimals > 0 { ValueType::Decimal } else { ValueType::Integer };
            return (value_type, numeric_share);
        }
        (ValueType::Text, 1.0)
    }
}

/// What the header says about whether a column holds dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateHint {
    HeaderSaysDate,
    HeaderSaysOther,
    NoHeader,
}

/// The day / month order of the year-last dates among the sampled cells, if there are any: day
/// first when first numbers above 12 tell so (`15/3/2026`), month first when second numbers do
/// (`3/15/2026`); a few cells telling the other way (under 5 %) are typos, reported at load as bad
/// dates. When every date could be read both ways, the separator's custom decides: dots are European
/// (day first), slashes and dashes follow US spreadsheets (month first); the user can switch it.
/// Cells telling both ways in earnest mean these are not dates in one order: `None`.
pub fn date_order(rows: &[Vec<String>]) -> Option<DateOrder> {
    let (mut day_first, mut month_first, mut dots, mut others) = (0usize, 0usize, 0usize, 0usize);
    for (first, second, separator) in rows.iter().flatten().filter_map(|cell| year_last_numbers(cell)) {
        day_first += usize::from(first > 12);
        month_first += usize::from(second > 12);
        if separator == b'.' {
            dots += 1;
        } else {
            others += 1;
        }
    }
    let clearly = |winner: usize, loser: usize| winner > 0 && loser * 20 < winner;
    if clearly(day_first, month_first) {
        Some(DateOrder::DayFirst)
    } else if clearly(month_first, day_first) {
        Some(DateOrder::MonthFirst)
    } else if day_first + month_first > 0 || dots + others == 0 {
        None
    } else if dots > others {
        Some(DateOrder::DayFirst)
    } else {
        Some(DateOrder::MonthFirst)
    }
}

/// Whether the sampled numbers use a decimal comma: some cells read as numbers only that way
/// (`12,5`, `1.234,50`) and hardly any only the other way (`12.5`, `1,234.50`).
pub fn decimal_comma(rows: &[Vec<String>]) -> bool {
    let (mut comma_only, mut point_only) = (0usize, 0usize);
    for cell in rows.iter().flatten().map(|c| trim_cell(c)).filter(|c| c.contains([',', '.'])) {
        match (parse_number_in(cell, false).is_some(), parse_number_in(cell, true).is_some()) {
            (false, true) => comma_only += 1,
            (true, false) => point_only += 1,
            _ => {}
        }
    }
    comma_only > 0 && point_only * 20 < comma_only
}

/// The file's cell format as the sample shows it, where `options` does not say.
pub fn cell_format(rows: &[Vec<String>], date_order: Option<DateOrder>, decimal_comma: Option<bool>) -> CellFormat {
    CellFormat {
        date_order: date_order.or_else(|| self::date_order(rows)),
        decimal_comma: decimal_comma.unwrap_or_else(|| self::decimal_comma(rows)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[&str]) -> Vec<Vec<String>> {
        values.iter().map(|v| vec![v.to_string()]).collect()
    }

    fn type_of(values: &[&str], hint: DateHint) -> (ValueType, f64) {
        ColumnProfile::of_column(&column(values), 0, CellFormat::default()).value_type(hint)
    }

    #[test]
    fn the_day_month_order_is_read_from_the_dates_that_tell() {
        let rows = |cells: &[&str]| cells.iter().map(|c| vec![c.to_string(), "x".to_string()]).collect::<Vec<_>>();
        assert_eq!(date_order(&rows(&["3/4/2026", "3/15/2026"])), Some(DateOrder::MonthFirst));
        assert_eq!(date_order(&rows(&["3/4/2026", "15/3/2026 10:00"])), Some(DateOrder::DayFirst));
        // Only ambiguous dates: dots are European, slashes and dashes American.
        assert_eq!(date_order(&rows(&["03.04.2026", "05.06.2026"])), Some(DateOrder::DayFirst));
        assert_eq!(date_order(&rows(&["3/4/2026", "5-6-2026"])), Some(DateOrder::MonthFirst));
        // 15 first in one cell and second in another: not dates in one order.
        assert_eq!(date_order(&rows(&["15/3/2026", "3/15/2026"])), None);
        // One typo among 20 month-first dates that tell: 1 * 20 is not under 20, still undecided; among 21 it is.
        let mut cells = vec!["3/15/2026"; 20];
        cells.push("15/3/2026");
        assert_eq!(date_order(&rows(&cells)), None);
        cells.push("3/16/2026");
        assert_eq!(date_order(&rows(&cells)), Some(DateOrder::MonthFirst));
        assert_eq!(date_order(&rows(&["2026-03-15", "abc"])), None);
        // With the order, the cells count as dates.
        let month_first = CellFormat { date_order: Some(DateOrder::MonthFirst), decimal_comma: false };
        assert_eq!(classify_in("3/15/2026 10:00", month_first), ValueType::DateTime);
        assert_eq!(classify_in("3/15/2026", CellFormat::default()), ValueType::Text);
    }

    #[test]
    fn the_decimal_mark_is_read_from_the_numbers_that_tell() {
        let rows = |cells: &[&str]| cells.iter().map(|c| vec![c.to_string()]).collect::<Vec<_>>();
        assert!(decimal_comma(&rows(&["12,5", "1.234,50", "7", "15.03.2026"])));
        assert!(!decimal_comma(&rows(&["12.5", "1,234.50", "7"])));
        // `1,234` and `1.234` read both ways: nothing to tell, the point stays.
        assert!(!decimal_comma(&rows(&["1,234", "1.234", "7"])));
        assert!(!decimal_comma(&rows(&["12,5", "12.5"])), "one each way: undecided");
        let comma = CellFormat { date_order: None, decimal_comma: true };
        assert_eq!(classify_in("12,5", comma), ValueType::Decimal);
        assert_eq!(classify_in("12,5", CellFormat::default()), ValueType::Text);
    }

    #[test]
    fn cell_classes() {
        assert_eq!(classify(" 42 "), ValueType::Integer);
        assert_eq!(classify("¥1,234.50"), ValueType::Decimal);
        assert_eq!(classify("2024/3/5"), ValueType::Date);
        assert_eq!(classify("2024/3/5 14:03"), ValueType::DateTime);
        assert_eq!(classify("20240305"), ValueType::Integer);
        assert_eq!(classify("北京"), ValueType::Text);
        assert_eq!(classify(""), ValueType::Empty);
    }

    #[test]
    fn column_types() {
        assert_eq!(type_of(&["1", "2", "", "30"], DateHint::HeaderSaysOther), (ValueType::Integer, 1.0));
        assert_eq!(type_of(&["1", "2.5", "¥3"], DateHint::HeaderSaysOther), (ValueType::Decimal, 1.0));
        // Mixed date formats in one column: 3 of 3 dates, one with a time -> DateTime.
        assert_eq!(
            type_of(&["2024/3/5 14:03", "2024-03-05", "20240305"], DateHint::HeaderSaysDate),
            (ValueType::DateTime, 1.0)
        );
        // Same mix without the date-time: 8-digit integers count as dates only with a date hint.
        assert_eq!(type_of(&["2024-03-05", "20240305"], DateHint::NoHeader), (ValueType::Date, 1.0));
        assert_eq!(type_of(&["19970101", "19970112"], DateHint::NoHeader), (ValueType::Date, 1.0));
        assert_eq!(type_of(&["19970101", "19970112"], DateHint::HeaderSaysOther), (ValueType::Integer, 1.0));
        // One non-date integer makes the column numeric.
        assert_eq!(type_of(&["19970101", "12345678"], DateHint::NoHeader), (ValueType::Integer, 1.0));
        // 8 numbers and 2 words: 80 % numeric -> Integer with confidence 0.8.
        let mut values = vec!["7"; 8];
        values.extend(["n/a", "-"]);
        assert_eq!(type_of(&values, DateHint::HeaderSaysOther), (ValueType::Integer, 0.8));
        // 7 of 10: text.
        values[0] = "x";
        assert_eq!(type_of(&values, DateHint::HeaderSaysOther), (ValueType::Text, 1.0));
        assert_eq!(type_of(&["1511544070", "1511561733"], DateHint::HeaderSaysDate), (ValueType::DateTime, 1.0));
        assert_eq!(type_of(&["", " "], DateHint::NoHeader), (ValueType::Empty, 0.0));
    }

    #[test]
    fn profile_facts() {
        let p = ColumnProfile::of_column(&column(&["pv", "buy", "pv", "other thing"]), 0, CellFormat::default());
        assert_eq!((p.non_empty, p.distinct, p.event_words, p.has_spaces), (4, 3, 3, true));
        assert_eq!(p.examples, vec!["pv", "buy", "other thing"]);
    }

    #[test]
    fn sampler_keeps_head_and_an_even_spread() {
        let text: String = (0..5000).map(|i| format!("{i}\n")).collect();
        let sample = sample_text(&text, Delimiter::Comma, false);
        // Head: 0..999. Spread: 4000 records after the head; the stride doubles 1 -> 2 -> 4 as the
        // spread passes 1000 kept, so every 4th: 1000, 1004, ..., 4996 = 1000 records.
        assert_eq!(sample.rows.len(), 2000);
        assert_eq!(sample.rows[999][0], "999");
        assert_eq!(sample.rows[1000][0], "1000");
        assert_eq!(sample.rows[1001][0], "1004");
        assert_eq!(sample.rows[1999][0], "4996");
    }
}
