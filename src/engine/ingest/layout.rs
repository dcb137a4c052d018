//! Where the table starts in a file and how it is split: lines above the header to skip (report
//! titles, export dates, blank lines), the delimiter, and whether the first record is a header.
//!
//! Preamble rule (docs/model-notes/ingest.md): the table starts at the first record that is at least
//! two cells wide and more than half as wide as the records below it. Lines above it are skipped
//! only when that record is a header (a report's title sits above its column names), found within
//! the first 30 lines; a file whose first record is narrow data keeps it (it is reported as a row with
//! the wrong number of fields).

use crate::engine::limits::Limit;

use super::reader::{read_rows, Record, RecordReader};
use super::report::{Delimiter, IngestError, ReadOptions};
use super::sniff::{detect_header, sniff_delimiter, SNIFF_RECORDS};
use super::values::trim_cell;

/// Lines the user may ask to skip above the header.
pub const SKIP_LINES: Limit = Limit::whole("read.skip_lines", 0.0, 1000.0);
/// How far down a header is looked for.
pub const PREAMBLE_SEARCH_LINES: usize = 30;

/// How a file's table is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub delimiter: Delimiter,
    pub has_header: bool,
    /// Physical lines above the table (the header, or the first data record).
    pub skip_lines: usize,
    /// Byte offset where the table starts.
    pub offset: usize,
}

impl Layout {
    /// The text from the table's first line on.
    pub fn body<'a>(&self, text: &'a str) -> &'a str {
        &text[self.offset..]
    }

    /// A reader at the table's first record (line numbers counted from the top of the file).
    pub fn reader<'a>(&self, text: &'a str) -> RecordReader<'a> {
        RecordReader::starting_at(text, self.delimiter, self.offset, self.skip_lines + 1)
    }
}

/// The layout `options` give, the rest detected.
pub fn layout(text: &str, options: &ReadOptions) -> Result<Layout, IngestError> {
    let skip_lines = match options.skip_lines {
        Some(lines) => {
            SKIP_LINES.check_count(lines as u64).map_err(|error| IngestError::Setting { error })?;
            lines
        }
        None => preamble_lines(text, options.delimiter),
    };
    let offset = line_offset(text, skip_lines);
    let body = &text[offset..];
    let delimiter = options.delimiter.unwrap_or_else(|| sniff_delimiter(body));
    let has_header = options.has_header.unwrap_or_else(|| detect_header(&read_rows(body, delimiter, SNIFF_RECORDS)));
    Ok(Layout { delimiter, has_header, skip_lines, offset })
}

/// The skipped lines themselves (as in the file, at most `limit`), for the report.
pub fn skipped_lines(text: &str, layout: &Layout, limit: usize) -> Vec<String> {
    text[..layout.offset].lines().take(limit.min(layout.skip_lines)).map(str::to_string).collect()
}

/// Byte offset of the start of physical line `lines + 1` (`\n`, `\r\n` and a lone `\r` each end a
/// line, as the record reader counts them); the text's length when it has fewer lines.
fn line_offset(text: &str, lines: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    for _ in 0..lines {
        let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[at..]) else { return bytes.len() };
        at += k + 1;
        if bytes[at - 1] == b'\r' && bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
    }
    at
}

/// Lines above the table (0 when the first record starts it), per the rule at the top.
fn preamble_lines(text: &str, delimiter: Option<Delimiter>) -> usize {
    for lines in 0..=PREAMBLE_SEARCH_LINES {
        let offset = line_offset(text, lines);
        if offset >= text.len() {
            break;
        }
        let body = &text[offset..];
        let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(body));
        let rows = read_rows(body, delimiter, SNIFF_RECORDS);
        if !starts_table(&rows) {
            continue;
        }
        if lines > 0 && !detect_header(&rows) {
            // Wide enough but data: look further down for a header, else skip nothing.
            continue;
        }
        // Blank lines between the preamble and the header belong to the preamble.
        let mut first = Record::default();
        RecordReader::starting_at(text, delimiter, offset, lines + 1).next_record(&mut first);
        return first.line - 1;
    }
    0
}

/// Whether the first of `rows` is as wide as a table's first record: at least two filled cells and
/// more than half as many as the commonest count below it.
fn starts_table(rows: &[Vec<String>]) -> bool {
    let filled = |row: &Vec<String>| row.iter().filter(|cell| !trim_cell(cell).is_empty()).count();
    let Some(first) = rows.first().map(filled) else { return false };
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for width in rows[1..].iter().map(filled) {
        match counts.iter_mut().find(|(w, _)| *w == width) {
            Some(entry) => entry.1 += 1,
            None => counts.push((width, 1)),
        }
    }
    let below = counts.iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0))).map_or(first, |c| c.0);
    first >= 2 && first * 2 > below
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(text: &str) -> usize {
        layout(text, &ReadOptions::default()).unwrap().skip_lines
    }

    #[test]
    fn report_titles_and_export_dates_above_the_header_are_skipped() {
        let report = "Sales report\nExported 2026-03-01 09:00\n\nid,date,amount\nc1,2026-01-02,5\nc2,2026-01-03,7\n";
        let found = layout(report, &ReadOptions::default()).unwrap();
        assert_eq!((found.skip_lines, found.delimiter, found.has_header), (3, Delimiter::Comma, true));
        assert!(found.body(report).starts_with("id,date,amount"));
        assert_eq!(skipped_lines(report, &found, 5), ["Sales report", "Exported 2026-03-01 09:00", ""]);
        // An Excel export pads the title row with empty cells; CRLF and a blank line before the header.
        let excel = "Orders,,\r\nStore,Main street,\r\n\r\nid,date,amount\r\nc1,2026-01-02,5\r\n";
        assert_eq!(skip(excel), 3);
        // A semicolon file whose title has a comma.
        assert_eq!(skip("Report, March\nid;date;amount\nc1;2026-01-02;5\nc2;2026-01-03;6\n"), 1);
    }

    #[test]
    fn files_that_start_with_their_table_skip_nothing() {
        assert_eq!(skip("id,date,amount\nc1,2026-01-02,5\n"), 0);
        assert_eq!(skip("00001 19970101  1   11.77\n00002 19970112  1   12.00\n"), 0);
        assert_eq!(skip("ids\n1\n2\n"), 0);
        // A first data row with empty cells is data, not a preamble: nothing is skipped.
        assert_eq!(skip("c1,,,,2024-01-01\nc2,7,3,1,2024-01-02\nc3,8,4,2,2024-01-03\n"), 0);
    }

    #[test]
    fn the_user_can_say_how_many_lines_to_skip() {
        let text = "x\ny\nid,amount\n1,2\n";
        let given = layout(text, &ReadOptions { skip_lines: Some(1), ..ReadOptions::default() }).unwrap();
        assert_eq!((given.skip_lines, given.body(text)), (1, "y\nid,amount\n1,2\n"));
        let too_many = layout(text, &ReadOptions { skip_lines: Some(5000), ..ReadOptions::default() });
        assert!(matches!(too_many, Err(IngestError::Setting { ref error }) if error.field == "read.skip_lines"));
        assert_eq!(line_offset("a\r\nb\rc\nd", 3), 7);
        assert_eq!(line_offset("a\nb", 5), 3);
    }
}
