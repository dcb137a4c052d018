//! A per-customer column (demographics, aggregates) filled from the rows of either shape.

use crate::engine::dataset::{Attribute, Customers, Measure, NO_CODE};
use crate::engine::roles::ColumnRole;

use super::super::reader::Record;
use super::super::report::{IssueAction, IssueKind, ValueType};
use super::super::values::{parse_date_or_epoch, parse_number_in, trim_cell, CellFormat, DateOrder};
use super::codes::Dictionary;
use super::issues::Notes;

/// A per-customer column (demographics, aggregates) with its first non-empty value per customer.
pub(super) enum CustomerColumn {
    Text { column: usize, attribute: Attribute, dictionary: Dictionary },
    Number { column: usize, measure: Measure, decimal_comma: bool },
    Date { column: usize, measure: Measure, order: Option<DateOrder> },
}

impl CustomerColumn {
    pub(super) fn for_role(
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
    pub(super) fn push_missing(&mut self) {
        match self {
            CustomerColumn::Text { attribute, .. } => attribute.codes.push(NO_CODE),
            CustomerColumn::Number { measure, .. } | CustomerColumn::Date { measure, .. } => {
                measure.values.push(f64::NAN)
            }
        }
    }

    /// Fills customer `c`'s value from the record if it has none yet.
    pub(super) fn offer(&mut self, c: usize, record: &Record, notes: &mut Notes) {
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

    pub(super) fn into_parts(self, customers: &mut Customers) {
        match self {
            CustomerColumn::Text { mut attribute, dictionary, .. } => {
                attribute.dictionary = dictionary.into_values().iter().map(str::to_string).collect();
                customers.attributes.push(attribute);
            }
            CustomerColumn::Number { measure, .. } | CustomerColumn::Date { measure, .. } => {
                customers.measures.push(measure)
            }
        }
    }
}
