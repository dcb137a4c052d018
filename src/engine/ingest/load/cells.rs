//! Numbers a row needs or may lack, and what the missing-value policy fills in.

use super::super::reader::Record;
use super::super::report::{IssueAction, IssueKind, MissingPolicy, ValidationReport};
use super::super::values::{parse_number_in, trim_cell};
use super::issues::{Drop, Notes};

/// A number a row needs: its value, or "fill it later" (missing or unparseable under a fill policy).
pub(super) enum Required {
    Value(f64),
    Fill,
}

/// Reads a number a row needs. Missing or unparseable: under `DropRow` the row is dropped (`Err`),
/// under a fill policy the value is filled later (and the note recorded).
#[inline]
pub(super) fn required_number(
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
#[inline]
pub(super) fn optional_number(record: &Record, column: Option<usize>, decimal_comma: bool, notes: &mut Notes) -> f64 {
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
pub(super) fn fill_value(policy: MissingPolicy, present: &mut [f64]) -> f64 {
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
pub(super) fn rating_factor(max: f64) -> Option<f64> {
    if max > 5.0 && max <= 10.0 {
        Some(0.5)
    } else if max > 10.0 && max <= 100.0 {
        Some(0.05)
    } else {
        None
    }
}

pub(super) fn add_filled(report: &mut ValidationReport, name: &str, count: usize) {
    if count > 0 {
        report.filled.push((name.to_string(), count));
    }
}
