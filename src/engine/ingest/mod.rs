//! From the bytes of a user's export to a `Dataset` and a validation report.
//!
//! `decode` (bytes -> text) -> `inspect` (what is in the file: delimiter, header, column types,
//! role and shape guesses) -> the user reviews `default_settings(&inspection)` -> `load` (typed build
//! and the row accounting).

pub mod contact;
mod decode;
pub mod estimate;
pub mod events;
pub mod infer;
pub mod layout;
mod load;
pub mod reader;
pub mod report;
pub mod role_guess;
pub mod sniff;
pub mod values;
mod workbook;
pub mod write;

pub use decode::{decode, decode_owned, read_source, SourceText};
pub use report::*;
pub use values::{CellFormat, DateOrder};

use crate::engine::dataset::Dataset;
use crate::engine::progress::Progress;
use crate::engine::roles::{ColumnRole, DatasetShape};

use infer::{ColumnProfile, DateHint};
use reader::{read_rows, Record};
use sniff::SNIFF_RECORDS;

/// Data rows shown in `Inspection::preview`.
const PREVIEW_ROWS: usize = 20;
/// Skipped lines shown in `Inspection::preamble`.
const PREAMBLE_SHOWN: usize = 10;

/// Reads the whole file once: delimiter, header, record count, a sample for the column types, the
/// role and shape guesses.
pub fn inspect(source: &SourceText, options: &ReadOptions) -> Result<Inspection, IngestError> {
    let text = source.text.as_str();
    let layout = layout::layout(text, options)?;
    let (delimiter, has_header) = (layout.delimiter, layout.has_header);
    let body = layout.body(text);
    let first_rows = read_rows(body, delimiter, SNIFF_RECORDS);
    if first_rows.is_empty() {
        return Err(IngestError::NoDataRows);
    }
    let names = names_from(&first_rows, has_header);

    let mut preview = Vec::new();
    let (sample, record_count) =
        infer::scan_records(body, delimiter, has_header, PREVIEW_ROWS, |_, record| preview.push(record.to_strings()));
    if record_count == 0 {
        return Err(IngestError::NoDataRows);
    }

    let format = infer::cell_format(&sample.rows, options.date_order, options.decimal_comma);
    let profiles: Vec<ColumnProfile> =
        (0..names.len()).map(|i| ColumnProfile::of_column(&sample.rows, i, format)).collect();
    let typed: Vec<_> = profiles
        .iter()
        .zip(&names)
        .map(|(profile, name)| {
            let hint = if has_header { role_guess::date_hint(name) } else { DateHint::NoHeader };
            profile.value_type(hint)
        })
        .collect();
    let types: Vec<ValueType> = typed.iter().map(|t| t.0).collect();
    let mut roles = if has_header {
        role_guess::roles_from_names(&names, &profiles)
    } else {
        role_guess::roles_from_content(&profiles, &types)
    };
    contact::contact_as_customer(&names, &profiles, &mut roles);
    let customer_id_from = roles.iter().position(|&r| r == ColumnRole::CustomerId).and_then(|i| {
        let values = sample.rows.iter().filter_map(|row| row.get(i)).map(|v| values::trim_cell(v));
        contact::contact_id_column(&names[i], values.filter(|v| !v.is_empty()))
            .map(|kind| ContactId { column: names[i].clone(), kind })
    });
    let shape = guess_shape(&roles, &profiles);
    if shape == DatasetShape::CustomerTable && !roles.contains(&ColumnRole::TotalSpend) {
        // In a table of customers, "消费金额" / "amount" is what the customer spent in total.
        if let Some(role) = roles.iter_mut().find(|r| **r == ColumnRole::Amount) {
            *role = ColumnRole::TotalSpend;
        }
    }
    let columns = names
        .into_iter()
        .zip(profiles)
        .zip(typed)
        .zip(roles)
        .map(|(((name, profile), (value_type, type_confidence)), role)| ColumnInfo {
            name,
            value_type,
            role,
            type_confidence,
            examples: profile.examples,
        })
        .collect();
    Ok(Inspection {
        encoding: source.encoding,
        delimiter,
        has_header,
        columns,
        preview,
        record_count,
        shape,
        byte_size: source.byte_size,
        date_order: format.date_order,
        decimal_comma: format.decimal_comma,
        skipped_lines: layout.skip_lines,
        preamble: layout::skipped_lines(text, &layout, PREAMBLE_SHOWN),
        customer_id_from,
        sheet: source.sheet.clone(),
        sheets: source.sheets.clone(),
    })
}

/// An event log when rows are events of repeating customers (a date column and an id that repeats
/// in the sample) or when an event-type column says so; otherwise one row per customer.
fn guess_shape(roles: &[ColumnRole], profiles: &[ColumnProfile]) -> DatasetShape {
    if roles.contains(&ColumnRole::EventType) {
        return DatasetShape::EventLog;
    }
    let ids_repeat = roles
        .iter()
        .position(|&r| r == ColumnRole::CustomerId)
        .is_some_and(|i| profiles[i].distinct < profiles[i].non_empty);
    if roles.contains(&ColumnRole::Timestamp) && ids_repeat {
        DatasetShape::EventLog
    } else {
        DatasetShape::CustomerTable
    }
}

/// The settings `load` uses unless the user changes them.
///
/// Missing values: `DropRow`, so nothing invented enters the data unless the user asks for a fill.
/// Duplicates: `Drop` for customer tables and for event logs with an order id (an identical row is
/// then certainly the same record exported twice); `Keep` for other event logs, where identical rows
/// are usually real repeat events (two same-priced purchases on one day in a date-only log, several
/// page views in one second) and dropping them would understate sales. Counted either way.
pub fn default_settings(inspection: &Inspection) -> LoadSettings {
    let roles: Vec<ColumnRole> = inspection.columns.iter().map(|c| c.role).collect();
    let duplicates = if inspection.shape == DatasetShape::CustomerTable || roles.contains(&ColumnRole::OrderId) {
        DuplicatePolicy::Drop
    } else {
        DuplicatePolicy::Keep
    };
    LoadSettings {
        read: ReadOptions {
            encoding: Some(inspection.encoding),
            delimiter: Some(inspection.delimiter),
            has_header: Some(inspection.has_header),
            date_order: inspection.date_order,
            decimal_comma: Some(inspection.decimal_comma),
            skip_lines: Some(inspection.skipped_lines),
            sheet: inspection.sheet.clone(),
        },
        shape: inspection.shape,
        roles,
        missing: MissingPolicy::DropRow,
        duplicates,
    }
}

/// Builds the dataset. Lines to skip, delimiter and header come from `settings.read` (detected when
/// `None`); `settings.read.encoding` is not used here: `source` is already decoded.
pub fn load(
    source: &SourceText,
    settings: &LoadSettings,
    progress: &mut dyn Progress,
) -> Result<(Dataset, ValidationReport), IngestError> {
    let text = source.text.as_str();
    let layout = layout::layout(text, &settings.read)?;
    let names = names_from(&read_rows(layout.body(text), layout.delimiter, SNIFF_RECORDS), layout.has_header);
    load::load_records(text, &layout, &names, settings, progress)
}

/// Streams every data record (after the header and any lines above it) as unquoted field strings
/// with its 1-based starting line; used by `tierlab inspect --records`.
pub fn for_each_record(
    source: &SourceText,
    options: &ReadOptions,
    f: &mut dyn FnMut(usize, &[String]),
) -> Result<(), IngestError> {
    let layout = layout::layout(&source.text, options)?;
    let mut reader = layout.reader(&source.text);
    let mut record = Record::default();
    if layout.has_header {
        reader.next_record(&mut record);
    }
    while reader.next_record(&mut record) {
        f(record.line, &record.to_strings());
    }
    Ok(())
}

/// Column names: the header's (empty ones become `column_N`, repeated ones get `_2`, `_3`), or
/// `column_1`, `column_2`, ... when there is no header (as many as most of the first records have).
pub fn header_names(source: &SourceText, delimiter: Delimiter, has_header: bool) -> Vec<String> {
    names_from(&read_rows(&source.text, delimiter, SNIFF_RECORDS), has_header)
}

fn names_from(first_rows: &[Vec<String>], has_header: bool) -> Vec<String> {
    let Some(first) = first_rows.first() else { return Vec::new() };
    if !has_header {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for row in first_rows {
            match counts.iter_mut().find(|(n, _)| *n == row.len()) {
                Some(entry) => entry.1 += 1,
                None => counts.push((row.len(), 1)),
            }
        }
        let columns = counts.iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0))).map_or(0, |c| c.0);
        return (1..=columns).map(|i| format!("column_{i}")).collect();
    }
    let mut names: Vec<String> = Vec::with_capacity(first.len());
    for (i, cell) in first.iter().enumerate() {
        let base = values::trim_cell(cell);
        let base = if base.is_empty() { format!("column_{}", i + 1) } else { base.to_string() };
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}
