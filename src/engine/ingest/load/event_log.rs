//! The event-log build: one entry per kept row in file order, then grouped by customer and sorted by
//! time within each customer.

use crate::engine::dataset::{Customers, Dataset, EventLog, NO_CODE};
use crate::engine::progress::{Progress, Stage, Throttle};
use crate::engine::roles::{ColumnRole, DatasetShape, EventKind};

use super::super::events::event_kind_of;
use super::super::reader::Record;
use super::super::report::{IngestError, IssueAction, IssueKind, MissingPolicy, ValidationReport};
use super::super::values::{parse_date_or_epoch, trim_cell, CellFormat};
use super::cells::{add_filled, fill_value, optional_number, rating_factor, required_number, Required};
use super::codes::{CustomerIndex, Dictionary};
use super::customer_column::CustomerColumn;
use super::issues::{Drop, Notes};
use super::{Map, RowBuilder};

pub(super) struct EventLogBuilder {
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
    pub(super) fn new(
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
                !role.describes_event()
                    && !matches!(role, ColumnRole::CustomerId | ColumnRole::Other | ColumnRole::Ignore)
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

    pub(super) fn event_kind(&mut self, value: &str) -> Option<EventKind> {
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
