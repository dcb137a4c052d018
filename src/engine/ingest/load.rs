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

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::engine::dataset::{Attribute, Customers, Dataset, EventLog, Measure, NO_CODE};
use crate::engine::progress::{Progress, Stage, Throttle};
use crate::engine::roles::{ColumnRole, DatasetShape, EventKind};

use super::events::event_kind_of;
use super::infer::{sample_text, ColumnProfile, DateHint};
use super::reader::{Record, RecordReader};
use super::report::{
    Delimiter, DuplicatePolicy, IngestError, IssueAction, IssueExample, IssueKind, IssueSummary, LoadSettings,
    MissingPolicy, ValidationReport, ValueType,
};
use super::role_guess::date_hint;
use super::values::{parse_date_or_epoch, parse_number_in, trim_cell, CellFormat, DateOrder};

/// Deterministic hashing (same on every platform and run; maps are never iterated for output).
type Map<K, V> = HashMap<K, V, BuildHasherDefault<std::collections::hash_map::DefaultHasher>>;

/// Longest raw value kept in an issue example, in characters.
const EXAMPLE_CHARS: usize = 80;
const EXAMPLES_PER_ISSUE: usize = 5;

/// Loads the records of `text` (already split by `delimiter`, header per `has_header`, column
/// names `names`) into a dataset according to `settings`.
pub fn load_records(
    text: &str,
    delimiter: Delimiter,
    has_header: bool,
    names: &[String],
    settings: &LoadSettings,
    progress: &mut dyn Progress,
) -> Result<(Dataset, ValidationReport), IngestError> {
    if names.is_empty() {
        return Err(IngestError::NoDataRows);
    }
    check_roles(names, &settings.roles)?;
    let roles = &settings.roles;
    let format = CellFormat {
        date_order: settings.read.date_order,
        decimal_comma: settings.read.decimal_comma.unwrap_or(false),
    };
    let mut builder: Box<dyn RowBuilder> = match settings.shape {
        DatasetShape::EventLog => {
            // Line breaks bound the row count (quoted ones only over-count): reserving once avoids the
            // doubling growth that would leave up to twice the memory allocated per column.
            let rows_hint = text.bytes().filter(|&b| b == b'\n').count() + 1;
            Box::new(EventLogBuilder::new(names, roles, settings.missing, rows_hint, format)?)
        }
        DatasetShape::CustomerTable => {
            let has_other = roles.contains(&ColumnRole::Other);
            let other_types =
                if has_other { other_column_types(text, delimiter, has_header, names, format) } else { Vec::new() };
            Box::new(CustomerTableBuilder::new(names, roles, &other_types, settings.missing, format)?)
        }
    };

    let mut report = ValidationReport::default();
    let mut issues = IssueLog::default();
    let mut notes = Notes::default();
    let mut duplicates = DuplicateFinder::new(text, delimiter);
    let mut reader = RecordReader::new(text, delimiter);
    let mut record = Record::default();
    if has_header {
        reader.next_record(&mut record);
    }
    let mut throttle = Throttle::new(Stage::Parsing, text.len() as u64);
    while reader.next_record(&mut record) {
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
            let duplicate = duplicates.is_duplicate(&record);
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
    }
    throttle.finish(progress);
    report.blank_lines = reader.blank_lines;
    if reader.blank_lines > 0 {
        issues.summaries.push(IssueSummary {
            kind: IssueKind::BlankLine,
            action: IssueAction::Skipped,
            count: reader.blank_lines,
            examples: reader
                .blank_line_examples
                .iter()
                .map(|&line| IssueExample { line, column: None, raw: String::new() })
                .collect(),
        });
    }
    if report.records_read == 0 {
        return Err(IngestError::NoDataRows);
    }
    if report.rows_kept == 0 {
        return Err(IngestError::AllRowsDropped);
    }
    let dataset = builder.finish(&mut report, progress);
    report.issues = issues.summaries;
    Ok((dataset, report))
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

/// Why a row was dropped.
struct Drop {
    kind: IssueKind,
    column: Option<usize>,
    raw: String,
}

impl Drop {
    fn row(kind: IssueKind, raw: String) -> Self {
        Drop { kind, column: None, raw }
    }
    fn cell(kind: IssueKind, column: usize, raw: &str) -> Self {
        Drop { kind, column: Some(column), raw: raw.to_string() }
    }
}

/// Issues about a row that are recorded only if the row is kept.
#[derive(Default)]
struct Notes {
    items: Vec<Note>,
}

struct Note {
    kind: IssueKind,
    action: IssueAction,
    column: Option<usize>,
    raw: String,
}

impl Notes {
    fn clear(&mut self) {
        self.items.clear();
    }
    fn push(&mut self, kind: IssueKind, action: IssueAction, column: Option<usize>, raw: String) {
        self.items.push(Note { kind, action, column, raw });
    }
}

/// Counts per (kind, action) with the first few examples, in order of first occurrence.
#[derive(Default)]
struct IssueLog {
    summaries: Vec<IssueSummary>,
}

impl IssueLog {
    fn record(&mut self, kind: IssueKind, action: IssueAction, line: usize, column: Option<&str>, raw: &str) {
        let index = match self.summaries.iter().position(|s| s.kind == kind && s.action == action) {
            Some(i) => i,
            None => {
                self.summaries.push(IssueSummary { kind, action, count: 0, examples: Vec::new() });
                self.summaries.len() - 1
            }
        };
        let summary = &mut self.summaries[index];
        summary.count += 1;
        if summary.examples.len() < EXAMPLES_PER_ISSUE {
            summary.examples.push(IssueExample {
                line,
                column: column.map(str::to_string),
                raw: raw.chars().take(EXAMPLE_CHARS).collect(),
            });
        }
    }
}

/// Finds records identical (field by field) to an earlier record. Keeps one fingerprint and the
/// byte offset of the first record per fingerprint; on a fingerprint match the earlier record is
/// read again and compared, so a hash collision never drops a row.
struct DuplicateFinder<'a> {
    text: &'a str,
    delimiter: Delimiter,
    seen: Map<u64, (usize, usize)>,
    earlier: Record,
}

impl<'a> DuplicateFinder<'a> {
    fn new(text: &'a str, delimiter: Delimiter) -> Self {
        DuplicateFinder { text, delimiter, seen: Map::default(), earlier: Record::default() }
    }

    fn is_duplicate(&mut self, record: &Record) -> bool {
        let fingerprint = record.fingerprint();
        match self.seen.get(&fingerprint) {
            None => {
                self.seen.insert(fingerprint, (record.start, record.line));
                false
            }
            Some(&(start, line)) => {
                let mut reader = RecordReader::starting_at(self.text, self.delimiter, start, line);
                reader.next_record(&mut self.earlier) && self.earlier.same_fields(record)
            }
        }
    }
}

/// Text values to dense codes, in order of first appearance.
#[derive(Default)]
struct Dictionary {
    codes: Map<String, u32>,
    values: Vec<String>,
}

impl Dictionary {
    /// Code of a (trimmed) value, `NO_CODE` when empty.
    fn code(&mut self, raw: &str) -> u32 {
        let value = trim_cell(raw);
        if value.is_empty() {
            return NO_CODE;
        }
        if let Some(&code) = self.codes.get(value) {
            return code;
        }
        let code = self.values.len() as u32;
        self.codes.insert(value.to_string(), code);
        self.values.push(value.to_string());
        code
    }
}

/// Customer ids to numbers 0.. in order of first appearance.
#[derive(Default)]
struct CustomerIndex {
    numbers: Map<String, u32>,
    ids: Vec<String>,
}

impl CustomerIndex {
    fn get(&self, id: &str) -> Option<u32> {
        self.numbers.get(id).copied()
    }
    /// The customer's number and whether they are new.
    fn get_or_add(&mut self, id: &str) -> (u32, bool) {
        if let Some(n) = self.get(id) {
            return (n, false);
        }
        let n = self.ids.len() as u32;
        self.numbers.insert(id.to_string(), n);
        self.ids.push(id.to_string());
        (n, true)
    }
}

trait RowBuilder {
    /// Adds a record, or says why it must be dropped (then nothing was added).
    fn add(&mut self, record: &Record, notes: &mut Notes) -> Result<(), Drop>;
    /// Applies fills and rescaling, sorts, and hands over the dataset.
    fn finish(self: Box<Self>, report: &mut ValidationReport, progress: &mut dyn Progress) -> Dataset;
}

/// A per-customer column (demographics, aggregates) with its first non-empty value per customer.
enum CustomerColumn {
    Text { column: usize, attribute: Attribute, dictionary: Dictionary },
    Number { column: usize, measure: Measure, decimal_comma: bool },
    Date { column: usize, measure: Measure, order: Option<DateOrder> },
}

impl CustomerColumn {
    fn for_role(
        column: usize,
        name: &str,
        role: ColumnRole,
        value_type: Option<ValueType>,
        format: CellFormat,
    ) -> Self {
        let numeric = role.is_numeric() || matches!(value_type, Some(ValueType::Integer | ValueType::Decimal));
        let date = role.is_date() || matches!(value_type, Some(ValueType::Date | ValueType::DateTime));
        let measure = Measure { name: name.to_string(), role, values: Vec::new() };
        if date {
            CustomerColumn::Date { column, measure, order: format.date_order }
        } else if numeric {
            CustomerColumn::Number { column, measure, decimal_comma: format.decimal_comma }
        } else {
            let attribute = Attribute { name: name.to_string(), role, dictionary: Vec::new(), codes: Vec::new() };
            CustomerColumn::Text { column, attribute, dictionary: Dictionary::default() }
        }
    }

    /// Appends a missing value for a new customer.
    fn push_missing(&mut self) {
        match self {
            CustomerColumn::Text { attribute, .. } => attribute.codes.push(NO_CODE),
            CustomerColumn::Number { measure, .. } | CustomerColumn::Date { measure, .. } => {
                measure.values.push(f64::NAN)
            }
        }
    }

    /// Fills customer `c`'s value from the record if it has none yet.
    fn offer(&mut self, c: usize, record: &Record, notes: &mut Notes) {
        match self {
            CustomerColumn::Text { column, attribute, dictionary } => {
                if attribute.codes[c] == NO_CODE {
                    attribute.codes[c] = dictionary.code(record.field(*column));
                }
            }
            CustomerColumn::Number { column, measure, decimal_comma } => {
                let raw = record.field(*column);
                if measure.values[c].is_nan() && !trim_cell(raw).is_empty() {
                    match parse_number_in(raw, *decimal_comma) {
                        Some(n) => measure.values[c] = n.value,
                        None => notes.push(
                            IssueKind::UnparseableNumber,
                            IssueAction::ValueLeftMissing,
                            Some(*column),
                            raw.to_string(),
                        ),
                    }
                }
            }
            CustomerColumn::Date { column, measure, order } => {
                let raw = record.field(*column);
                if measure.values[c].is_nan() && !trim_cell(raw).is_empty() {
                    match parse_date_or_epoch(raw, *order) {
                        Some(d) => measure.values[c] = d.seconds as f64,
                        None => notes.push(
                            IssueKind::BadDate,
                            IssueAction::ValueLeftMissing,
                            Some(*column),
                            raw.to_string(),
                        ),
                    }
                }
            }
        }
    }

    fn into_parts(self, customers: &mut Customers) {
        match self {
            CustomerColumn::Text { mut attribute, dictionary, .. } => {
                attribute.dictionary = dictionary.values;
                customers.attributes.push(attribute);
            }
            CustomerColumn::Number { measure, .. } | CustomerColumn::Date { measure, .. } => {
                customers.measures.push(measure)
            }
        }
    }
}

/// Roles describing one event (the rest of an event log's roles describe the customer).
fn is_event_role(role: ColumnRole) -> bool {
    matches!(
        role,
        ColumnRole::Timestamp
            | ColumnRole::OrderId
            | ColumnRole::EventType
            | ColumnRole::Amount
            | ColumnRole::Quantity
            | ColumnRole::Category
            | ColumnRole::Channel
            | ColumnRole::Rating
            | ColumnRole::Comment
            | ColumnRole::BrowseMinutes
    )
}

/// A number a row needs: its value, or "fill it later" (missing or unparseable under a fill policy).
enum Required {
    Value(f64),
    Fill,
}

/// Reads a number a row needs. Missing or unparseable: under `DropRow` the row is dropped (`Err`),
/// under a fill policy the value is filled later (and the note recorded).
fn required_number(
    record: &Record,
    column: usize,
    policy: MissingPolicy,
    decimal_comma: bool,
    notes: &mut Notes,
) -> Result<Required, Drop> {
    let raw = record.field(column);
    let kind = if trim_cell(raw).is_empty() {
        IssueKind::MissingValue
    } else {
        match parse_number_in(raw, decimal_comma) {
            Some(n) => return Ok(Required::Value(n.value)),
            None => IssueKind::UnparseableNumber,
        }
    };
    if policy == MissingPolicy::DropRow {
        return Err(Drop::cell(kind, column, raw));
    }
    notes.push(kind, IssueAction::ValueFilled, Some(column), raw.to_string());
    Ok(Required::Fill)
}

/// A number a row may lack (rating, browse minutes): NaN when empty, noted when unparseable.
fn optional_number(record: &Record, column: Option<usize>, decimal_comma: bool, notes: &mut Notes) -> f64 {
    let Some(column) = column else { return f64::NAN };
    let raw = record.field(column);
    if trim_cell(raw).is_empty() {
        return f64::NAN;
    }
    match parse_number_in(raw, decimal_comma) {
        Some(n) => n.value,
        None => {
            notes.push(IssueKind::UnparseableNumber, IssueAction::ValueLeftMissing, Some(column), raw.to_string());
            f64::NAN
        }
    }
}

/// The value the policy fills with, computed from the values present.
fn fill_value(policy: MissingPolicy, present: &mut [f64]) -> f64 {
    if present.is_empty() {
        return 0.0;
    }
    match policy {
        MissingPolicy::DropRow | MissingPolicy::FillZero => 0.0,
        MissingPolicy::FillMean => present.iter().sum::<f64>() / present.len() as f64,
        MissingPolicy::FillMedian => {
            present.sort_by(f64::total_cmp);
            let n = present.len();
            if n % 2 == 1 {
                present[n / 2]
            } else {
                (present[n / 2 - 1] + present[n / 2]) / 2.0
            }
        }
        MissingPolicy::FillMode => {
            // Most frequent value; the smallest among equally frequent ones.
            present.sort_by(f64::total_cmp);
            let (mut best, mut best_count) = (present[0], 0usize);
            let mut i = 0;
            while i < present.len() {
                let mut j = i;
                while j < present.len() && present[j] == present[i] {
                    j += 1;
                }
                if j - i > best_count {
                    best = present[i];
                    best_count = j - i;
                }
                i = j;
            }
            best
        }
    }
}

/// The factor bringing a rating column to the 0-5 scale, judged by its largest value.
fn rating_factor(max: f64) -> Option<f64> {
    if max > 5.0 && max <= 10.0 {
        Some(0.5)
    } else if max > 10.0 && max <= 100.0 {
        Some(0.05)
    } else {
        None
    }
}

fn add_filled(report: &mut ValidationReport, name: &str, count: usize) {
    if count > 0 {
        report.filled.push((name.to_string(), count));
    }
}

// ----------------------------------------------------------------------------------------------
// Event logs.

struct EventLogBuilder {
    names: Vec<String>,
    missing: MissingPolicy,
    format: CellFormat,
    id: usize,
    time: usize,
    kind: Option<usize>,
    amount: Option<usize>,
    quantity: Option<usize>,
    category: Option<usize>,
    channel: Option<usize>,
    rating: Option<usize>,
    comment: Option<usize>,
    browse: Option<usize>,
    present: Vec<ColumnRole>,
    customer_columns: Vec<CustomerColumn>,
    customers: CustomerIndex,
    kind_cache: Map<String, Option<EventKind>>,
    categories: Dictionary,
    channels: Dictionary,
    comments: Dictionary,
    // One entry per kept row, in file order.
    row_customer: Vec<u32>,
    row_time: Vec<i64>,
    row_kind: Vec<EventKind>,
    row_amount: Vec<f64>,
    row_quantity: Vec<f32>,
    row_category: Vec<u32>,
    row_channel: Vec<u32>,
    row_rating: Vec<f32>,
    row_comment: Vec<u32>,
    row_browse: Vec<f32>,
    /// Rows whose amount / quantity the policy fills.
    fill_amount: Vec<u32>,
    fill_quantity: Vec<u32>,
}

/// Distinct event-type values remembered for speed; beyond this the rules run per row.
const KIND_CACHE_LIMIT: usize = 10_000;

impl EventLogBuilder {
    fn new(
        names: &[String],
        roles: &[ColumnRole],
        missing: MissingPolicy,
        rows_hint: usize,
        format: CellFormat,
    ) -> Result<Self, IngestError> {
        let find = |role: ColumnRole| roles.iter().position(|&r| r == role);
        let id = find(ColumnRole::CustomerId).ok_or(IngestError::NoCustomerId)?;
        let time = find(ColumnRole::Timestamp).ok_or(IngestError::NoTimestamp)?;
        let present = [
            ColumnRole::EventType,
            ColumnRole::Amount,
            ColumnRole::Quantity,
            ColumnRole::Category,
            ColumnRole::Channel,
            ColumnRole::Rating,
            ColumnRole::Comment,
            ColumnRole::BrowseMinutes,
        ]
        .into_iter()
        .filter(|r| roles.contains(r))
        .collect();
        let customer_columns = roles
            .iter()
            .enumerate()
            .filter(|(_, &role)| {
                !is_event_role(role) && !matches!(role, ColumnRole::CustomerId | ColumnRole::Other | ColumnRole::Ignore)
            })
            .map(|(i, &role)| CustomerColumn::for_role(i, &names[i], role, None, format))
            .collect();
        Ok(EventLogBuilder {
            names: names.to_vec(),
            missing,
            format,
            id,
            time,
            kind: find(ColumnRole::EventType),
            amount: find(ColumnRole::Amount),
            quantity: find(ColumnRole::Quantity),
            category: find(ColumnRole::Category),
            channel: find(ColumnRole::Channel),
            rating: find(ColumnRole::Rating),
            comment: find(ColumnRole::Comment),
            browse: find(ColumnRole::BrowseMinutes),
            present,
            customer_columns,
            customers: CustomerIndex::default(),
            kind_cache: Map::default(),
            categories: Dictionary::default(),
            channels: Dictionary::default(),
            comments: Dictionary::default(),
            row_customer: Vec::with_capacity(rows_hint),
            row_time: Vec::with_capacity(rows_hint),
            row_kind: Vec::with_capacity(rows_hint),
            row_amount: Vec::with_capacity(rows_hint),
            row_quantity: Vec::with_capacity(rows_hint),
            row_category: Vec::with_capacity(rows_hint),
            row_channel: Vec::with_capacity(rows_hint),
            row_rating: Vec::with_capacity(rows_hint),
            row_comment: Vec::with_capacity(rows_hint),
            row_browse: Vec::with_capacity(rows_hint),
            fill_amount: Vec::new(),
            fill_quantity: Vec::new(),
        })
    }

    fn event_kind(&mut self, value: &str) -> Option<EventKind> {
        if let Some(&kind) = self.kind_cache.get(value) {
            return kind;
        }
        let kind = event_kind_of(value);
        if self.kind_cache.len() < KIND_CACHE_LIMIT {
            self.kind_cache.insert(value.to_string(), kind);
        }
        kind
    }
}

impl RowBuilder for EventLogBuilder {
    fn add(&mut self, record: &Record, notes: &mut Notes) -> Result<(), Drop> {
        let id = trim_cell(record.field(self.id));
        if id.is_empty() {
            return Err(Drop::cell(IssueKind::MissingId, self.id, record.field(self.id)));
        }
        let raw_time = record.field(self.time);
        if trim_cell(raw_time).is_empty() {
            return Err(Drop::cell(IssueKind::MissingValue, self.time, raw_time));
        }
        let time = parse_date_or_epoch(raw_time, self.format.date_order)
            .ok_or_else(|| Drop::cell(IssueKind::BadDate, self.time, raw_time))?;

        let mut kind = match self.kind {
            None => EventKind::Order,
            Some(column) => {
                let raw = record.field(column);
                let value = trim_cell(raw);
                if value.is_empty() {
                    notes.push(IssueKind::MissingValue, IssueAction::Kept, Some(column), String::new());
                    EventKind::Other
                } else {
                    match self.event_kind(value) {
                        Some(kind) => kind,
                        None => {
                            notes.push(IssueKind::UnknownEventType, IssueAction::Kept, Some(column), raw.to_string());
                            EventKind::Other
                        }
                    }
                }
            }
        };
        // A sale must carry its amount and quantity; other events (views, refunds, reviews) may lack them.
        let sale = matches!(kind, EventKind::Order | EventKind::Pay);

        let mut fill_amount = false;
        let mut amount = f64::NAN;
        if let Some(column) = self.amount {
            if sale {
                match required_number(record, column, self.missing, self.format.decimal_comma, notes)? {
                    Required::Value(v) => amount = v,
                    Required::Fill => fill_amount = true,
                }
            } else {
                amount = optional_number(record, Some(column), self.format.decimal_comma, notes);
            }
            if amount < 0.0 && matches!(kind, EventKind::Order | EventKind::Pay) {
                notes.push(
                    IssueKind::NegativeAmount,
                    IssueAction::Kept,
                    Some(column),
                    record.field(column).to_string(),
                );
                kind = EventKind::Refund;
            }
            if kind == EventKind::Refund {
                amount = -amount.abs();
            }
        }
        let mut fill_quantity = false;
        let mut quantity = f64::NAN;
        if let Some(column) = self.quantity {
            if sale {
                match required_number(record, column, self.missing, self.format.decimal_comma, notes)? {
                    Required::Value(v) => quantity = v,
                    Required::Fill => fill_quantity = true,
                }
            } else {
                quantity = optional_number(record, Some(column), self.format.decimal_comma, notes);
            }
        }
        let rating = optional_number(record, self.rating, self.format.decimal_comma, notes);
        let browse = optional_number(record, self.browse, self.format.decimal_comma, notes);

        // The row is kept from here on.
        let (customer, is_new) = self.customers.get_or_add(id);
        if is_new {
            for column in &mut self.customer_columns {
                column.push_missing();
            }
        }
        for column in &mut self.customer_columns {
            column.offer(customer as usize, record, notes);
        }
        let row = self.row_time.len() as u32;
        if fill_amount {
            self.fill_amount.push(row);
        }
        if fill_quantity {
            self.fill_quantity.push(row);
        }
        self.row_customer.push(customer);
        self.row_time.push(time.seconds);
        self.row_kind.push(kind);
        self.row_amount.push(amount);
        self.row_quantity.push(quantity as f32);
        self.row_rating.push(rating as f32);
        self.row_browse.push(browse as f32);
        let code =
            |dict: &mut Dictionary, column: Option<usize>| column.map_or(NO_CODE, |c| dict.code(record.field(c)));
        self.row_category.push(code(&mut self.categories, self.category));
        self.row_channel.push(code(&mut self.channels, self.channel));
        self.row_comment.push(code(&mut self.comments, self.comment));
        Ok(())
    }

    fn finish(mut self: Box<Self>, report: &mut ValidationReport, progress: &mut dyn Progress) -> Dataset {
        let missing = self.missing;
        if let Some(column) = self.amount {
            if !self.fill_amount.is_empty() {
                // Fill from the purchases' own amounts, not from refunds.
                let mut present: Vec<f64> = self
                    .row_amount
                    .iter()
                    .zip(&self.row_kind)
                    .filter(|(a, k)| !a.is_nan() && matches!(k, EventKind::Order | EventKind::Pay))
                    .map(|(a, _)| *a)
                    .collect();
                let value = fill_value(missing, &mut present);
                for &row in &self.fill_amount {
                    let row = row as usize;
                    self.row_amount[row] = if self.row_kind[row] == EventKind::Refund { -value.abs() } else { value };
                }
                add_filled(report, &self.names[column], self.fill_amount.len());
            }
        }
        if let Some(column) = self.quantity {
            if !self.fill_quantity.is_empty() {
                let mut present: Vec<f64> =
                    self.row_quantity.iter().filter(|q| !q.is_nan()).map(|&q| f64::from(q)).collect();
                let value = fill_value(missing, &mut present) as f32;
                for &row in &self.fill_quantity {
                    self.row_quantity[row as usize] = value;
                }
                add_filled(report, &self.names[column], self.fill_quantity.len());
            }
        }
        if let Some(column) = self.rating {
            let max = self.row_rating.iter().filter(|r| !r.is_nan()).fold(f32::NEG_INFINITY, |m, &r| m.max(r));
            if let Some(factor) = rating_factor(f64::from(max)) {
                for r in &mut self.row_rating {
                    *r *= factor as f32;
                }
                report.rescaled.push((self.names[column].clone(), factor));
            }
        }

        let events = self.row_time.len();
        let customers = self.customers.ids.len();
        let mut throttle = Throttle::new(Stage::Building, customers as u64);
        // Stable counting sort by customer, then a stable sort by time within each customer.
        let mut offsets = vec![0u32; customers + 1];
        for &c in &self.row_customer {
            offsets[c as usize + 1] += 1;
        }
        for c in 0..customers {
            offsets[c + 1] += offsets[c];
        }
        let mut next = offsets.clone();
        let mut order = vec![0u32; events];
        for (row, &c) in self.row_customer.iter().enumerate() {
            order[next[c as usize] as usize] = row as u32;
            next[c as usize] += 1;
        }
        for c in 0..customers {
            throttle.tick(c as u64, progress);
            let rows = &mut order[offsets[c] as usize..offsets[c + 1] as usize];
            rows.sort_by_key(|&r| self.row_time[r as usize]);
        }
        throttle.finish(progress);
        // Each column is reordered and its file-order copy freed before the next, so at most one
        // column exists twice (a million-row file would otherwise briefly need double the memory).
        fn permute<T: Copy>(order: &[u32], values: Vec<T>) -> Vec<T> {
            order.iter().map(|&r| values[r as usize]).collect()
        }
        let log = EventLog {
            offsets,
            time: permute(&order, self.row_time),
            kind: permute(&order, self.row_kind),
            amount: permute(&order, self.row_amount),
            quantity: permute(&order, self.row_quantity),
            category: permute(&order, self.row_category),
            channel: permute(&order, self.row_channel),
            rating: permute(&order, self.row_rating),
            comment: permute(&order, self.row_comment),
            browse_minutes: permute(&order, self.row_browse),
            categories: self.categories.values,
            channels: self.channels.values,
            comments: self.comments.values,
            present: self.present,
        };
        let mut customers = Customers { ids: self.customers.ids, ..Customers::default() };
        for column in self.customer_columns {
            column.into_parts(&mut customers);
        }
        Dataset { shape: Some(DatasetShape::EventLog), customers, events: Some(log) }
    }
}

// ----------------------------------------------------------------------------------------------
// Customer tables.

/// Roles that make a customer table worth scoring.
const VALUE_ROLES: [ColumnRole; 7] = [
    ColumnRole::TotalSpend,
    ColumnRole::AverageOrderValue,
    ColumnRole::OrderCount,
    ColumnRole::VisitCount,
    ColumnRole::CustomerValue,
    ColumnRole::Points,
    ColumnRole::Amount,
];

struct CustomerTableBuilder {
    names: Vec<String>,
    missing: MissingPolicy,
    id: usize,
    columns: Vec<CustomerColumn>,
    /// Per column of `columns`: whether the missing-value policy applies (numbers except age).
    policed: Vec<bool>,
    customers: CustomerIndex,
    /// Parsed numbers of the current row (reused).
    row_numbers: Vec<Option<f64>>,
    /// (index into `columns`, customer) pairs to fill.
    fills: Vec<(usize, u32)>,
}

impl CustomerTableBuilder {
    fn new(
        names: &[String],
        roles: &[ColumnRole],
        other_types: &[ValueType],
        missing: MissingPolicy,
        format: CellFormat,
    ) -> Result<Self, IngestError> {
        let id = roles.iter().position(|&r| r == ColumnRole::CustomerId).ok_or(IngestError::NoCustomerId)?;
        if !roles.iter().any(|r| VALUE_ROLES.contains(r)) {
            return Err(IngestError::NoMeasures);
        }
        let columns: Vec<CustomerColumn> = roles
            .iter()
            .enumerate()
            .filter(|(_, &role)| !matches!(role, ColumnRole::CustomerId | ColumnRole::Ignore))
            .map(|(i, &role)| {
                let value_type = (role == ColumnRole::Other).then(|| other_types.get(i).copied()).flatten();
                CustomerColumn::for_role(i, &names[i], role, value_type, format)
            })
            .collect();
        let policed = columns
            .iter()
            .map(|c| matches!(c, CustomerColumn::Number { measure, .. } if measure.role != ColumnRole::Age))
            .collect();
        let row_numbers = vec![None; columns.len()];
        Ok(CustomerTableBuilder {
            names: names.to_vec(),
            missing,
            id,
            columns,
            policed,
            customers: CustomerIndex::default(),
            row_numbers,
            fills: Vec::new(),
        })
    }
}

impl RowBuilder for CustomerTableBuilder {
    fn add(&mut self, record: &Record, notes: &mut Notes) -> Result<(), Drop> {
        let id = trim_cell(record.field(self.id));
        if id.is_empty() {
            return Err(Drop::cell(IssueKind::MissingId, self.id, record.field(self.id)));
        }
        if self.customers.get(id).is_some() {
            return Err(Drop::cell(IssueKind::DuplicateId, self.id, record.field(self.id)));
        }
        // Required numbers first: a row dropped by the policy must leave no trace.
        for (k, column) in self.columns.iter().enumerate() {
            self.row_numbers[k] = None;
            if let (CustomerColumn::Number { column, decimal_comma, .. }, true) = (column, self.policed[k]) {
                match required_number(record, *column, self.missing, *decimal_comma, notes)? {
                    Required::Value(v) => self.row_numbers[k] = Some(v),
                    Required::Fill => {}
                }
            }
        }
        let (customer, _) = self.customers.get_or_add(id);
        for (k, column) in self.columns.iter_mut().enumerate() {
            column.push_missing();
            if self.policed[k] {
                match (self.row_numbers[k], &mut *column) {
                    (Some(v), CustomerColumn::Number { measure, .. }) => measure.values[customer as usize] = v,
                    _ => self.fills.push((k, customer)),
                }
            } else {
                column.offer(customer as usize, record, notes);
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, report: &mut ValidationReport, _progress: &mut dyn Progress) -> Dataset {
        for (k, column) in self.columns.iter_mut().enumerate() {
            let CustomerColumn::Number { column: file_column, measure, .. } = column else { continue };
            let to_fill: Vec<u32> = self.fills.iter().filter(|(c, _)| *c == k).map(|&(_, customer)| customer).collect();
            if !to_fill.is_empty() {
                let mut present: Vec<f64> = measure.values.iter().copied().filter(|v| !v.is_nan()).collect();
                let value = fill_value(self.missing, &mut present);
                for customer in &to_fill {
                    measure.values[*customer as usize] = value;
                }
                add_filled(report, &self.names[*file_column], to_fill.len());
            }
            if measure.role == ColumnRole::Rating {
                let max = measure.values.iter().copied().filter(|v| !v.is_nan()).fold(f64::NEG_INFINITY, f64::max);
                if let Some(factor) = rating_factor(max) {
                    measure.values.iter_mut().for_each(|v| *v *= factor);
                    report.rescaled.push((self.names[*file_column].clone(), factor));
                }
            }
        }
        let mut customers = Customers { ids: self.customers.ids, ..Customers::default() };
        for column in self.columns {
            column.into_parts(&mut customers);
        }
        Dataset { shape: Some(DatasetShape::CustomerTable), customers, events: None }
    }
}
