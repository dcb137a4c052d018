//! The typed build: one streaming pass over the records into the column vectors of a `Dataset`,
//! counting every dropped, filled or doubtful value in the `ValidationReport`.
//!
//! Row accounting: every data record is either kept or dropped for exactly one reason (the first
//! that applies, in this order: wrong field count, duplicate row under `DuplicatePolicy::Drop`,
//! missing customer id, missing or bad event date, duplicate customer id of a customer table,
//! missing or bad required number under `MissingPolicy::DropRow`). Notes about kept rows (unknown
//! event type, negative amount, filled value, ...) are recorded only once the row is kept.
//!
//! Required numbers (what `MissingPolicy` acts on): in an event log, the amount and quantity of a
//! sale (order or pay rows; every row of a log without an event-type column); in a customer table,
//! every numeric column except age. Other numbers are naturally sparse (a view has no amount, a
//! refund row may lack a quantity, most events have no rating, age is optional): missing ones stay
//! NaN, unparseable ones are reported as left missing. Dates other than the event time are never
//! filled (a mean date means nothing): unparseable ones are reported as left missing.

mod builder;
mod cells;
mod codes;
mod customer_column;
mod customer_table;
mod duplicates;
mod event_log;
mod issues;

use crate::engine::chunks::while_in_chunks;
use crate::engine::dataset::Dataset;
use crate::engine::progress::{Progress, Stage, Throttle};
use crate::engine::roles::{ColumnRole, DatasetShape};

use super::contact::contact_id_column;
use super::infer::{sample_text, ColumnProfile, DateHint};
use super::layout::{skipped_lines, Layout};
use super::reader::Record;
use super::report::{
    ContactId, Delimiter, DuplicatePolicy, IngestError, IssueAction, IssueExample, IssueKind, IssueSummary,
    LoadSettings, ValidationReport, ValueType,
};
use super::role_guess::date_hint;
use super::values::CellFormat;

use builder::{Finished, RowBuilder};
use customer_table::CustomerTableBuilder;
use duplicates::{DuplicateFinder, KeptDuplicates};
use event_log::EventLogBuilder;
use issues::{Drop, IssueLog, Notes, EXAMPLES_PER_ISSUE, EXAMPLE_CHARS};

/// Loads the records of `text` (already split by `delimiter`, header per `has_header`, column
/// names `names`) into a dataset according to `settings`.
pub fn load_records(
    text: &str,
    layout: &Layout,
    names: &[String],
    settings: &LoadSettings,
    progress: &mut dyn Progress,
) -> Result<(Dataset, ValidationReport), IngestError> {
    let (delimiter, has_header) = (layout.delimiter, layout.has_header);
    if names.is_empty() {
        return Err(IngestError::NoDataRows);
    }
    check_roles(names, &settings.roles)?;
    let roles = &settings.roles;
    let format = CellFormat {
        date_order: settings.read.date_order,
        decimal_comma: settings.read.decimal_comma.unwrap_or(false),
    };
    // Line breaks bound the row count (quoted ones only over-count): reserving once avoids the
    // doubling growth that would leave up to twice the memory allocated per column.
    let rows_hint = line_breaks(text) + 1;
    // An event-log row's fate depends on its content alone, so with repeats kept they can be found
    // after the build, among the kept rows grouped by customer, instead of hashing every row.
    // That keeps each row's start as 32 bits (half the memory natively), so a text of 4 GiB or
    // more (only natively) hashes every row instead.
    let repeats_after = settings.shape == DatasetShape::EventLog
        && settings.duplicates == DuplicatePolicy::Keep
        && u32::try_from(text.len()).is_ok();
    let mut builder: Box<dyn RowBuilder + '_> = match settings.shape {
        DatasetShape::EventLog => {
            let repeats = repeats_after.then(|| KeptDuplicates::new(text, delimiter));
            Box::new(EventLogBuilder::new(names, roles, settings.missing, rows_hint, format, repeats)?)
        }
        DatasetShape::CustomerTable => {
            let has_other = roles.contains(&ColumnRole::Other);
            let other_types = if has_other {
                other_column_types(layout.body(text), delimiter, has_header, names, format)
            } else {
                Vec::new()
            };
            Box::new(CustomerTableBuilder::new(names, roles, &other_types, settings.missing, format)?)
        }
    };

    let mut report = ValidationReport::default();
    let mut issues = IssueLog::default();
    if layout.skip_lines > 0 {
        issues.summaries.push(IssueSummary {
            kind: IssueKind::PreambleLine,
            action: IssueAction::Skipped,
            count: layout.skip_lines,
            examples: skipped_lines(text, layout, EXAMPLES_PER_ISSUE)
                .into_iter()
                .enumerate()
                .map(|(i, raw)| IssueExample {
                    line: i + 1,
                    column: None,
                    raw: raw.chars().take(EXAMPLE_CHARS).collect(),
                })
                .collect(),
        });
    }
    let mut notes = Notes::default();
    let mut duplicates = (!repeats_after).then(|| DuplicateFinder::new(text, delimiter, rows_hint));
    let mut reader = layout.reader(text);
    let mut record = Record::default();
    if has_header {
        reader.next_record(&mut record);
    }
    let mut throttle = Throttle::new(Stage::Parsing, text.len() as u64);
    // In chunks of records: a wasm engine optimises the loop only between calls (`engine::chunks`).
    while_in_chunks(|| {
        if !reader.next_record(&mut record) {
            return false;
        }
        throttle.tick(reader.position() as u64, progress);
        report.records_read += 1;
        let line = record.line;
        if record.unterminated_quote {
            let tail = record.field(record.len().saturating_sub(1));
            issues.record(IssueKind::UnterminatedQuote, IssueAction::Kept, line, None, tail);
        }
        let outcome = if !field_count_ok(&record, names.len()) {
            Err(Drop::row(IssueKind::WrongFieldCount, record.joined(delimiter)))
        } else {
            let duplicate = duplicates.as_mut().is_some_and(|d| d.is_duplicate(&record));
            if duplicate && settings.duplicates == DuplicatePolicy::Drop {
                Err(Drop::row(IssueKind::DuplicateRow, record.joined(delimiter)))
            } else {
                notes.clear();
                if duplicate {
                    notes.push(IssueKind::DuplicateRow, IssueAction::Kept, None, record.joined(delimiter));
                }
                builder.add(&record, &mut notes)
            }
        };
        match outcome {
            Ok(()) => {
                report.rows_kept += 1;
                for note in &notes.items {
                    let column = note.column.map(|c| names[c].as_str());
                    issues.record(note.kind, note.action, line, column, &note.raw);
                }
            }
            Err(drop) => {
                report.rows_dropped += 1;
                let column = drop.column.map(|c| names[c].as_str());
                issues.record(drop.kind, IssueAction::RowDropped, line, column, &drop.raw);
            }
        }
        true
    });
    throttle.finish(progress);
    report.blank_lines = reader.blank_lines;
    let blank_lines = (reader.blank_lines > 0).then(|| IssueSummary {
        kind: IssueKind::BlankLine,
        action: IssueAction::Skipped,
        count: reader.blank_lines,
        examples: reader
            .blank_line_examples
            .iter()
            .map(|&line| IssueExample { line, column: None, raw: String::new() })
            .collect(),
    });
    if report.records_read == 0 {
        return Err(IngestError::NoDataRows);
    }
    if report.rows_kept == 0 {
        return Err(IngestError::AllRowsDropped);
    }
    let Finished { dataset, repeated_rows } = builder.finish(&mut report, progress);
    if let Some(column) = settings.roles.iter().position(|&r| r == ColumnRole::CustomerId) {
        let ids = dataset.customers.ids.iter().take(CONTACT_SAMPLE);
        report.customer_id_from =
            contact_id_column(&names[column], ids).map(|kind| ContactId { column: names[column].clone(), kind });
    }
    if repeated_rows.count > 0 {
        issues.insert_found_later(
            IssueKind::DuplicateRow,
            IssueAction::Kept,
            repeated_rows.count,
            &repeated_rows.first,
        );
    }
    if let Some(blank) = blank_lines {
        issues.summaries.push(blank);
    }
    report.issues = issues.summaries;
    Ok((dataset, report))
}

/// Customer ids looked at to tell whether they are e-mail addresses or phone numbers.
const CONTACT_SAMPLE: usize = 1000;

/// `\n` bytes in the text (a lone `\r` ends so few lines that it does not matter for sizing).
/// Counted a megabyte at a time by a function of its own: a wasm engine optimises a loop only
/// between calls (`engine::chunks`), and this one would otherwise run in the load's baseline code.
fn line_breaks(text: &str) -> usize {
    text.as_bytes().chunks(1 << 20).map(line_breaks_in).sum()
}

#[inline(never)]
fn line_breaks_in(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// One role per column, unique roles at most once, and the roles a shape cannot do without.
fn check_roles(names: &[String], roles: &[ColumnRole]) -> Result<(), IngestError> {
    if roles.len() != names.len() {
        return Err(IngestError::RoleCountMismatch { expected: names.len(), found: roles.len() });
    }
    for (i, role) in roles.iter().enumerate() {
        if !role.is_unique() || roles[..i].contains(role) {
            continue;
        }
        let columns: Vec<String> =
            roles.iter().zip(names).filter(|(r, _)| *r == role).map(|(_, n)| n.clone()).collect();
        if columns.len() > 1 {
            return Err(IngestError::DuplicateRole { role: *role, columns });
        }
    }
    if !roles.contains(&ColumnRole::CustomerId) {
        return Err(IngestError::NoCustomerId);
    }
    Ok(())
}

/// Types of the columns left as `Other` in a customer table (number, date or text decides whether
/// they become a measure or an attribute), judged on the same sample `inspect` uses.
fn other_column_types(
    text: &str,
    delimiter: Delimiter,
    has_header: bool,
    names: &[String],
    format: CellFormat,
) -> Vec<ValueType> {
    let sample = sample_text(text, delimiter, has_header);
    (0..names.len())
        .map(|i| {
            let hint = if has_header { date_hint(&names[i]) } else { DateHint::NoHeader };
            ColumnProfile::of_column(&sample.rows, i, format).value_type(hint).0
        })
        .collect()
}

/// The record has the header's field count, or more where the extra fields are empty (a trailing
/// delimiter). Short rows and rows with extra values are shifted data: unsafe to place.
fn field_count_ok(record: &Record, columns: usize) -> bool {
    record.len() == columns
        || (record.len() > columns && (columns..record.len()).all(|i| record.field(i).trim().is_empty()))
}
