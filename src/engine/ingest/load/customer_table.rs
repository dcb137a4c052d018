//! The customer-table build: one row per customer, the first row of a repeated id kept.

use crate::engine::dataset::{Customers, Dataset};
use crate::engine::progress::Progress;
use crate::engine::roles::{ColumnRole, DatasetShape};

use super::super::reader::Record;
use super::super::report::{IngestError, IssueKind, MissingPolicy, ValidationReport, ValueType};
use super::super::values::{trim_cell, CellFormat};
use super::builder::{Finished, RowBuilder};
use super::cells::{add_filled, fill_value, rating_factor, required_number, Required};
use super::codes::CustomerIndex;
use super::customer_column::CustomerColumn;
use super::duplicates::RepeatedRows;
use super::issues::{Drop, Notes};

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

pub(super) struct CustomerTableBuilder {
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
    pub(super) fn new(
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

    fn finish(mut self: Box<Self>, report: &mut ValidationReport, _progress: &mut dyn Progress) -> Finished {
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
        let mut customers = Customers { ids: self.customers.into_texts(), ..Customers::default() };
        for column in self.columns {
            column.into_parts(&mut customers);
        }
        Finished {
            dataset: Dataset { shape: Some(DatasetShape::CustomerTable), customers, events: None },
            repeated_rows: RepeatedRows::default(),
        }
    }
}
