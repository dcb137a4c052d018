//! Spreadsheet workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods), read with calamine (pure Rust, so it runs
//! in the worker too). One sheet becomes tab-separated text with one line per sheet row, so the line
//! numbers of the validation report are the sheet's row numbers, and everything after decoding works
//! as for a CSV file.
//!
//! Cells: numbers as numbers (shortest text that reads back to the same value), date cells as
//! `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, text as it is except that line breaks and tabs inside a
//! cell become spaces (one sheet row stays one line), error cells as Excel shows them (`#N/A`), so
//! a number column reports them as values that are not numbers.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader};

use super::report::IngestError;
use super::write::write_field;

/// The text of one sheet and where it came from.
pub struct SheetText {
    pub text: String,
    /// The sheet read.
    pub sheet: String,
    /// Every sheet of the workbook, in order.
    pub sheets: Vec<String>,
}

/// Reads sheet `wanted` (or the first sheet that has cells) of a workbook as text.
pub fn read_sheet(bytes: Vec<u8>, wanted: Option<&str>) -> Result<SheetText, IngestError> {
    let unreadable = |error: calamine::Error| IngestError::UnreadableWorkbook { detail: error.to_string() };
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let sheets = workbook.sheet_names();
    if let Some(wanted) = wanted {
        if !sheets.iter().any(|s| s == wanted) {
            return Err(IngestError::NoSuchSheet { sheet: wanted.to_string(), sheets });
        }
        let range = workbook.worksheet_range(wanted).map_err(unreadable)?;
        return Ok(SheetText { text: sheet_text(&range), sheet: wanted.to_string(), sheets });
    }
    for name in &sheets {
        let range = workbook.worksheet_range(name).map_err(unreadable)?;
        if !range.is_empty() {
            return Ok(SheetText { text: sheet_text(&range), sheet: name.clone(), sheets });
        }
    }
    Err(IngestError::NoDataRows)
}

/// The sheet as tab-separated lines, line `n` holding sheet row `n` (rows above the first used one
/// are empty lines); columns from the first used one to the last filled one.
fn sheet_text(range: &Range<Data>) -> String {
    let Some((first_row, _)) = range.start() else { return String::new() };
    let mut text = "\n".repeat(first_row as usize);
    let mut cell = String::new();
    // Every row as wide as the widest filled row, as Excel's own CSV export pads them: a row whose
    // last cells are empty has missing values there, not too few fields. Columns right of every
    // filled cell (a used range is often wider) are left out.
    let used = |row: &[Data]| row.iter().rposition(|c| !matches!(c, Data::Empty)).map_or(0, |last| last + 1);
    let width = range.rows().map(used).max().unwrap_or(0);
    for row in range.rows() {
        for (i, value) in row[..width].iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            cell.clear();
            cell_text(value, &mut cell);
            write_field(&mut text, &cell, '\t');
        }
        text.push('\n');
    }
    text
}

fn cell_text(value: &Data, out: &mut String) {
    use std::fmt::Write;
    match value {
        Data::Empty => {}
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            out.extend(s.chars().map(|c| if matches!(c, '\r' | '\n' | '\t') { ' ' } else { c }))
        }
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => {
            let _ = write!(out, "{f}");
        }
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(moment) if moment.is_datetime() => {
            // Milliseconds (rare in exports) are dropped: the engine works in whole seconds.
            let (y, m, d, h, mi, s, milli) = moment.to_ymd_hms_milli();
            if moment.as_f64() < 1.0 {
                // A time of day without a date.
                let _ = write!(out, "{h:02}:{mi:02}:{s:02}");
            } else if (h, mi, s, milli) == (0, 0, 0, 0) {
                let _ = write!(out, "{y:04}-{m:02}-{d:02}");
            } else {
                let _ = write!(out, "{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}");
            }
        }
        // A duration (`[h]:mm`): its length in days, as Excel stores it.
        Data::DateTime(moment) => {
            let _ = write!(out, "{}", moment.as_f64());
        }
        Data::Error(error) => {
            let _ = write!(out, "{error}");
        }
    }
}
