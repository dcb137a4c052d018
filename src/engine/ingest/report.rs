//! What ingest found out about a file and what it did to it. Everything here is shown to the user
//! (in either language), so it carries codes and raw values, not English sentences.

use serde::{Deserialize, Serialize};

use super::values::DateOrder;
use crate::engine::limits::RangeError;
use crate::engine::roles::{ColumnRole, DatasetShape};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf8WithBom,
    /// GBK / GB18030 (Chinese Excel exports); GB18030 is a superset of GBK.
    Gb18030,
    /// UTF-16 LE with BOM (Excel "Unicode text").
    Utf16Le,
    /// UTF-16 BE (with or without BOM; some older Mac and Java tools write it).
    Utf16Be,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Tab,
    Semicolon,
    Pipe,
    /// One or more spaces or tabs (fixed-width style exports such as `id date quantity amount`).
    Whitespace,
}

/// The type a column's values were inferred to have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    Empty,
    Integer,
    Decimal,
    Date,
    DateTime,
    Text,
}

/// A kind of contact detail that can stand in for a customer id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    Phone,
}

/// The customer id is taken from a contact column (no column was named like an id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactId {
    pub column: String,
    pub kind: ContactKind,
}

/// The reader's settings; `None` means "detect".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadOptions {
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<Delimiter>,
    pub has_header: Option<bool>,
    /// Day / month order of year-last dates (`3/15/2026`); detected when `None`.
    #[serde(default)]
    pub date_order: Option<DateOrder>,
    /// Whether numbers are written `1.234,50`; detected when `None`.
    #[serde(default)]
    pub decimal_comma: Option<bool>,
    /// The sheet of a workbook to read; the first sheet with data when `None`.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Lines above the header to skip (report titles, export dates); detected when `None`, at most
    /// `layout::SKIP_LINES.max`.
    #[serde(default)]
    pub skip_lines: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// Header text, or `column_1` ... when the file has no header.
    pub name: String,
    pub value_type: ValueType,
    /// The guessed (or user-chosen) role.
    pub role: ColumnRole,
    /// Share of sampled non-empty cells that parse as `value_type` (0-1).
    pub type_confidence: f64,
    /// A few distinct example values, as in the file.
    pub examples: Vec<String>,
}

/// What `inspect` learns from a file before anything is loaded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    pub encoding: TextEncoding,
    pub delimiter: Delimiter,
    pub has_header: bool,
    pub columns: Vec<ColumnInfo>,
    /// The first rows (up to 20) as text, after unquoting.
    pub preview: Vec<Vec<String>>,
    /// Data records in the file (excluding header and blank lines).
    pub record_count: usize,
    pub shape: DatasetShape,
    pub byte_size: usize,
    /// How year-last dates are read (given or detected); `None` when the file has none.
    #[serde(default)]
    pub date_order: Option<DateOrder>,
    /// Whether numbers are read with a decimal comma (given or detected).
    #[serde(default)]
    pub decimal_comma: bool,
    /// Lines above the table that were skipped (given or detected), and the first few of them.
    #[serde(default)]
    pub skipped_lines: usize,
    #[serde(default)]
    pub preamble: Vec<String>,
    /// Set when no column is named like a customer id and an e-mail or phone column was taken as
    /// the customer instead.
    #[serde(default)]
    pub customer_id_from: Option<ContactId>,
    /// For a workbook: the sheet read, and every sheet's name (for choosing another).
    #[serde(default)]
    pub sheet: Option<String>,
    #[serde(default)]
    pub sheets: Vec<String>,
}

/// How the user wants missing values handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// Drop rows with a missing or unparseable required value (customer id, date of an event log).
    /// For other numeric columns: leave them missing.
    DropRow,
    FillMean,
    FillMedian,
    FillMode,
    FillZero,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    Keep,
    /// Drop rows identical to an earlier row in every field.
    Drop,
}

/// The user's decisions between `inspect` and `load`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadSettings {
    pub read: ReadOptions,
    pub shape: DatasetShape,
    /// One role per column, in file order.
    pub roles: Vec<ColumnRole>,
    pub missing: MissingPolicy,
    pub duplicates: DuplicatePolicy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A numeric column holds something that is not a number.
    UnparseableNumber,
    /// A date column holds something that is not a date.
    BadDate,
    /// An amount below zero (kept, treated as a refund).
    NegativeAmount,
    /// The customer id is empty.
    MissingId,
    /// A value is empty in a column that needs one.
    MissingValue,
    /// The row is identical to an earlier row.
    DuplicateRow,
    /// The row has more or fewer fields than the header.
    WrongFieldCount,
    /// A quote was opened and never closed; the rest of the file was read as one field.
    UnterminatedQuote,
    /// Blank line (skipped; never data).
    BlankLine,
    /// An event type no rule recognises (kept as "other").
    UnknownEventType,
    /// A customer table repeats a customer id: the first row is kept, later ones are dropped.
    DuplicateId,
    /// A line above the header (report title, export date, blank line), skipped.
    PreambleLine,
}

/// What was done about an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueAction {
    RowDropped,
    ValueFilled,
    ValueLeftMissing,
    Kept,
    Skipped,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueExample {
    /// 1-based line in the file where the record starts (what a spreadsheet shows as the row).
    pub line: usize,
    /// Column name, when the issue concerns one field.
    pub column: Option<String>,
    /// The raw value as in the file (truncated to 80 characters).
    pub raw: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueSummary {
    pub kind: IssueKind,
    pub action: IssueAction,
    pub count: usize,
    /// The first few occurrences (at most 5).
    pub examples: Vec<IssueExample>,
}

/// Row accounting: `records_read == rows_kept + sum(rows dropped per reason)`; no row disappears
/// without being counted here.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidationReport {
    pub records_read: usize,
    pub rows_kept: usize,
    pub rows_dropped: usize,
    pub blank_lines: usize,
    pub issues: Vec<IssueSummary>,
    /// Values filled by the missing-value policy, per column name.
    pub filled: Vec<(String, usize)>,
    /// Columns whose values were multiplied by a factor at load, per column name: ratings on a
    /// 10-point scale are halved (0.5), 100-point scales divided by 20 (0.05), to the engine's 0-5.
    #[serde(default)]
    pub rescaled: Vec<(String, f64)>,
    /// Set when the customer id column is an e-mail or phone column (not named like an id).
    #[serde(default)]
    pub customer_id_from: Option<ContactId>,
}

/// Why a file could not be read or loaded at all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IngestError {
    #[error("the file is empty")]
    EmptyFile,
    /// A workbook (.xlsx, .xls, .ods) that could not be read (damaged, password-protected); `detail`
    /// is the reader's own words, shown as they are.
    #[error("the workbook could not be read ({detail}); save the sheet as CSV and load that")]
    UnreadableWorkbook { detail: String },
    /// The sheet asked for is not in the workbook.
    #[error("the workbook has no sheet {sheet:?} (its sheets: {})", sheets.join(", "))]
    NoSuchSheet { sheet: String, sheets: Vec<String> },
    /// Binary content that is not text in any supported encoding.
    #[error("the file is not text (CSV, TSV or TXT)")]
    NotText,
    /// Only a header, or nothing but blank lines.
    #[error("the file has no data rows")]
    NoDataRows,
    /// No column is mapped to the customer id.
    #[error("no column is mapped to the customer id")]
    NoCustomerId,
    /// An event log needs a date column.
    #[error("an event log needs a column mapped to the date / time")]
    NoTimestamp,
    /// A customer table needs at least one measure of value (spend, orders, visits, value, points).
    #[error("a customer table needs a spend, order count, visit count, value or points column")]
    NoMeasures,
    /// Two columns are mapped to a role only one column may carry.
    #[error("role {} is given to several columns: {}", role.key(), columns.join(", "))]
    DuplicateRole { role: ColumnRole, columns: Vec<String> },
    /// The settings name a different number of columns than the file has.
    #[error("the file has {expected} columns but {found} roles were given")]
    RoleCountMismatch { expected: usize, found: usize },
    /// Every row was dropped by the chosen policies.
    #[error("every row was dropped by the chosen policies")]
    AllRowsDropped,
    /// A reader setting is outside its range.
    #[error("{error}")]
    Setting { error: RangeError },
}
