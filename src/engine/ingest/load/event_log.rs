//! The event-log build: one entry per kept row in file order, then grouped by customer and sorted by
//! time within each customer.

use crate::engine::chunks::each_in_chunks;
use crate::engine::dataset::{Customers, Dataset, EventLog, MissingValue, OptionalColumn};
use crate::engine::progress::{Progress, Stage, Throttle};
use crate::engine::roles::{ColumnRole, DatasetShape, EventKind};

use super::super::events::event_kind_of;
use super::super::reader::Record;
use super::super::report::{IngestError, IssueAction, IssueKind, MissingPolicy, ValidationReport};
use super::super::values::{parse_date_or_epoch, trim_cell, CellFormat};
use super::builder::{Finished, RowBuilder};
use super::cells::{add_filled, fill_value, optional_number, rating_factor, required_number, Required};
use super::codes::{CustomerIndex, DeferredNumbers, Dictionary};
use super::customer_column::CustomerColumn;
use super::duplicates::{KeptDuplicates, RepeatedRows};
use super::issues::{Drop, Notes};

/// Deterministic hashing (same on every platform and run; maps are never iterated for output).
type Map<K, V> = rustc_hash::FxHashMap<K, V>;

pub(super) struct EventLogBuilder<'a> {
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
    /// Customer numbers given a few rows late (when no customer column needs them at once).
    deferred: DeferredNumbers,
    kind_cache: Map<String, Option<EventKind>>,
    categories: Dictionary,
    channels: Dictionary,
    comments: Dictionary,
    // One entry per kept row, in file order (columns the file lacks stay empty).
    row_customer: Vec<u32>,
    row_time: Vec<i64>,
    row_kind: Vec<EventKind>,
    row_amount: RowColumn<f64>,
    row_quantity: RowColumn<f32>,
    row_category: RowColumn<u32>,
    row_channel: RowColumn<u32>,
    row_rating: RowColumn<f32>,
    row_comment: RowColumn<u32>,
    row_browse: RowColumn<f32>,
    /// Rows whose amount / quantity the policy fills.
    fill_amount: Vec<u32>,
    fill_quantity: Vec<u32>,
    /// Where each kept row starts in the text, when repeated rows are found after the build
    /// (`KeptDuplicates`); empty otherwise.
    /// Offsets fit 32 bits: `load_records` finds repeats this way only in texts under 4 GiB.
    row_start: Vec<u32>,
    repeats: Option<KeptDuplicates<'a>>,
    /// The last time cell read and its value: exports sorted by date repeat it row after row.
    last_time: (String, i64),
}

/// One value per kept row in file order, for a column the file may lack (then nothing is stored
/// and every event reads as missing).
struct RowColumn<T> {
    values: Vec<T>,
    present: bool,
}

impl<T: Copy> RowColumn<T> {
    fn new(column: Option<usize>, rows_hint: usize) -> Self {
        let present = column.is_some();
        RowColumn { values: if present { Vec::with_capacity(rows_hint) } else { Vec::new() }, present }
    }

    #[inline]
    fn push(&mut self, value: T) {
        if self.present {
            self.values.push(value);
        }
    }

    /// The values in `order` (rows grouped by customer); `missing` everywhere when absent.
    fn grouped(self, order: &[u32], missing: T) -> Vec<T> {
        if self.present {
            permute(order, self.values)
        } else {
            vec![missing; order.len()]
        }
    }

    /// As `grouped`, for a column the dataset stores only where some value is present.
    fn grouped_optional(self, order: &[u32]) -> OptionalColumn<T>
    where
        T: MissingValue,
    {
        if self.present {
            permute(order, self.values).into()
        } else {
            OptionalColumn::absent(order.len())
        }
    }
}

impl RowColumn<f64> {
    /// As `grouped`, written over `spare`, a spent column of as many 8-byte values: memory already
    /// in use, where a new vector's pages would each be faulted in and zeroed by the system.
    fn grouped_over(self, order: &[u32], missing: f64, spare: Vec<i64>) -> Vec<f64> {
        if spare.len() != order.len() {
            return self.grouped(order, missing);
        }
        // Collected in place: same size and alignment, from the spare vector's own iterator.
        if self.present {
            spare.into_iter().zip(order).map(|(_, &r)| self.values[r as usize]).collect()
        } else {
            spare.into_iter().map(|_| missing).collect()
        }
    }
}

/// `values` reordered: the `i`-th value of the result is `values[order[i]]`. In chunks: a wasm
/// engine optimises the loop only between calls (`engine::chunks`).
fn permute<T: Copy>(order: &[u32], values: Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(order.len());
    each_in_chunks(0..order.len(), |i| out.push(values[order[i] as usize]));
    out
}

/// Distinct event-type values remembered for speed; beyond this the rules run per row.
const KIND_CACHE_LIMIT: usize = 10_000;

impl<'a> EventLogBuilder<'a> {
    pub(super) fn new(
        names: &[String],
        roles: &[ColumnRole],
        missing: MissingPolicy,
        rows_hint: usize,
        format: CellFormat,
        repeats: Option<KeptDuplicates<'a>>,
    ) -> Result<Self, IngestError> {
        let find = |role: ColumnRole| roles.iter().position(|&r| r == role);
        let id = find(ColumnRole::CustomerId).ok_or(IngestError::NoCustomerId)?;
        let time = find(ColumnRole::Timestamp).ok_or(IngestError::NoTimestamp)?;
        // The optional facts of an event (time and order id are not facts models look for).
        let present = ColumnRole::ALL
            .iter()
            .copied()
            .filter(|&r| r.describes_event() && !matches!(r, ColumnRole::Timestamp | ColumnRole::OrderId))
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
            deferred: DeferredNumbers::default(),
            kind_cache: Map::default(),
            categories: Dictionary::default(),
            channels: Dictionary::default(),
            comments: Dictionary::default(),
            row_customer: Vec::with_capacity(rows_hint),
            row_time: Vec::with_capacity(rows_hint),
            row_kind: Vec::with_capacity(rows_hint),
            row_amount: RowColumn::new(find(ColumnRole::Amount), rows_hint),
            row_quantity: RowColumn::new(find(ColumnRole::Quantity), rows_hint),
            row_category: RowColumn::new(find(ColumnRole::Category), rows_hint),
            row_channel: RowColumn::new(find(ColumnRole::Channel), rows_hint),
            row_rating: RowColumn::new(find(ColumnRole::Rating), rows_hint),
            row_comment: RowColumn::new(find(ColumnRole::Comment), rows_hint),
            row_browse: RowColumn::new(find(ColumnRole::BrowseMinutes), rows_hint),
            fill_amount: Vec::new(),
            fill_quantity: Vec::new(),
            row_start: if repeats.is_some() { Vec::with_capacity(rows_hint) } else { Vec::new() },
            repeats,
            last_time: (String::new(), 0),
        })
    }

    /// An amount or quantity: required of a sale (the value, or NaN and `true` when the policy fills
    /// it), optional for other events. NaN when the column is absent.
    fn event_number(
        &self,
        record: &Record,
        column: Option<usize>,
        sale: bool,
        notes: &mut Notes,
    ) -> Result<(f64, bool), Drop> {
        let Some(column) = column else { return Ok((f64::NAN, false)) };
        if !sale {
            return Ok((optional_number(record, Some(column), self.format.decimal_comma, notes), false));
        }
        Ok(match required_number(record, column, self.missing, self.format.decimal_comma, notes)? {
            Required::Value(v) => (v, false),
            Required::Fill => (f64::NAN, true),
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

impl RowBuilder for EventLogBuilder<'_> {
    fn add(&mut self, record: &Record, notes: &mut Notes) -> Result<(), Drop> {
        let id = trim_cell(record.field(self.id));
        if id.is_empty() {
            return Err(Drop::cell(IssueKind::MissingId, self.id, record.field(self.id)));
        }
        // The id's table slot is fetched while the rest of the row is read.
        let lookup = self.customers.look_ahead(id);
        let raw_time = record.field(self.time);
        if trim_cell(raw_time).is_empty() {
            return Err(Drop::cell(IssueKind::MissingValue, self.time, raw_time));
        }
        let time = if raw_time == self.last_time.0 {
            self.last_time.1
        } else {
            let time = parse_date_or_epoch(raw_time, self.format.date_order)
                .ok_or_else(|| Drop::cell(IssueKind::BadDate, self.time, raw_time))?
                .seconds;
            self.last_time.0.clear();
            self.last_time.0.push_str(raw_time);
            self.last_time.1 = time;
            time
        };

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

        let (mut amount, fill_amount) = self.event_number(record, self.amount, sale, notes)?;
        if let Some(column) = self.amount {
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
        let (quantity, fill_quantity) = self.event_number(record, self.quantity, sale, notes)?;
        let rating = optional_number(record, self.rating, self.format.decimal_comma, notes);
        let browse = optional_number(record, self.browse, self.format.decimal_comma, notes);

        // The row is kept from here on.
        if self.customer_columns.is_empty() {
            // Nothing else needs the customer's number now: it is given a few rows later.
            self.deferred.push(&mut self.customers, id, lookup, &mut self.row_customer);
        } else {
            let (customer, is_new) = self.customers.get_or_add_looked_up(id, lookup);
            if is_new {
                for column in &mut self.customer_columns {
                    column.push_missing();
                }
            }
            for column in &mut self.customer_columns {
                column.offer(customer as usize, record, notes);
            }
            self.row_customer.push(customer);
        }
        let row = self.row_time.len() as u32;
        if fill_amount {
            self.fill_amount.push(row);
        }
        if fill_quantity {
            self.fill_quantity.push(row);
        }
        self.row_time.push(time);
        if self.repeats.is_some() {
            self.row_start.push(record.start as u32);
        }
        self.row_kind.push(kind);
        self.row_amount.push(amount);
        self.row_quantity.push(quantity as f32);
        self.row_rating.push(rating as f32);
        self.row_browse.push(browse as f32);
        if let Some(c) = self.category {
            self.row_category.push(self.categories.code(record.field(c)));
        }
        if let Some(c) = self.channel {
            self.row_channel.push(self.channels.code(record.field(c)));
        }
        if let Some(c) = self.comment {
            self.row_comment.push(self.comments.code(record.field(c)));
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, report: &mut ValidationReport, progress: &mut dyn Progress) -> Finished {
        let missing = self.missing;
        self.deferred.finish(&mut self.customers, &mut self.row_customer);
        // The ids' lookup table goes before the columns are regrouped (at the peak of the load).
        let ids = std::mem::take(&mut self.customers).into_texts();
        if let Some(column) = self.amount {
            if !self.fill_amount.is_empty() {
                // Fill from the purchases' own amounts, not from refunds.
                let mut present: Vec<f64> = self
                    .row_amount
                    .values
                    .iter()
                    .zip(&self.row_kind)
                    .filter(|(a, k)| !a.is_nan() && matches!(k, EventKind::Order | EventKind::Pay))
                    .map(|(a, _)| *a)
                    .collect();
                let value = fill_value(missing, &mut present);
                for &row in &self.fill_amount {
                    let row = row as usize;
                    self.row_amount.values[row] =
                        if self.row_kind[row] == EventKind::Refund { -value.abs() } else { value };
                }
                add_filled(report, &self.names[column], self.fill_amount.len());
            }
        }
        if let Some(column) = self.quantity {
            if !self.fill_quantity.is_empty() {
                let mut present: Vec<f64> =
                    self.row_quantity.values.iter().filter(|q| !q.is_nan()).map(|&q| f64::from(q)).collect();
                let value = fill_value(missing, &mut present) as f32;
                for &row in &self.fill_quantity {
                    self.row_quantity.values[row as usize] = value;
                }
                add_filled(report, &self.names[column], self.fill_quantity.len());
            }
        }
        if let Some(column) = self.rating {
            let max = self.row_rating.values.iter().filter(|r| !r.is_nan()).fold(f32::NEG_INFINITY, |m, &r| m.max(r));
            if let Some(factor) = rating_factor(f64::from(max)) {
                for r in &mut self.row_rating.values {
                    *r *= factor as f32;
                }
                report.rescaled.push((self.names[column].clone(), factor));
            }
        }

        let Grouped { offsets, order, time, spare } =
            group_by_customer(self.row_customer, self.row_time, ids.len(), progress);
        let log = EventLog {
            offsets,
            time,
            kind: permute(&order, self.row_kind),
            amount: self.row_amount.grouped_over(&order, f64::NAN, spare),
            quantity: self.row_quantity.grouped(&order, f32::NAN),
            category: self.row_category.grouped_optional(&order),
            channel: self.row_channel.grouped_optional(&order),
            rating: self.row_rating.grouped_optional(&order),
            comment: self.row_comment.grouped_optional(&order),
            browse_minutes: self.row_browse.grouped_optional(&order),
            categories: self.categories.into_values(),
            channels: self.channels.into_values(),
            comments: self.comments.into_values(),
            present: self.present,
        };
        let repeated_rows = match self.repeats {
            Some(repeats) => repeats.find(&log, &order, &self.row_start),
            None => RepeatedRows::default(),
        };
        let mut customers = Customers { ids, ..Customers::default() };
        for column in self.customer_columns {
            column.into_parts(&mut customers);
        }
        Finished {
            dataset: Dataset { shape: Some(DatasetShape::EventLog), customers, events: Some(log) },
            repeated_rows,
        }
    }
}

/// The order that groups rows by customer (in customer order) and sorts each customer's rows by
/// time, keeping file order among equal times; with it the customers' row offsets and the times in
/// that order. Each column is reordered later and its file-order copy freed before the next, so at
/// most one column exists twice (a million-row file would otherwise briefly need double the memory);
/// the file-order times are handed back spent, for the amounts to be reordered into.
fn group_by_customer(
    row_customer: Vec<u32>,
    row_time: Vec<i64>,
    customers: usize,
    progress: &mut dyn Progress,
) -> Grouped {
    let events = row_time.len();
    let mut throttle = Throttle::new(Stage::Building, customers as u64);
    // Counting sort by customer.
    // The loops over rows and customers run in chunks: a wasm engine optimises them only between
    // calls (`engine::chunks`).
    let mut offsets = vec![0u32; customers + 1];
    each_in_chunks(0..events, |row| offsets[row_customer[row] as usize + 1] += 1);
    each_in_chunks(0..customers, |c| offsets[c + 1] += offsets[c]);
    let mut next = offsets.clone();
    let (first, last) = row_time.iter().fold((i64::MAX, i64::MIN), |(lo, hi), &t| (lo.min(t), hi.max(t)));
    let span = last.saturating_sub(first);
    if (0..=i64::from(u32::MAX)).contains(&span) {
        // Time since the first event (under 136 years) and row number in one u64: sorting the keys
        // sorts by time, then file order, reading nothing but the keys themselves.
        let mut keys = vec![0u64; events];
        each_in_chunks(0..events, |row| {
            let c = row_customer[row] as usize;
            keys[next[c] as usize] = ((row_time[row] - first) as u64) << 32 | row as u64;
            next[c] += 1;
        });
        drop(next);
        each_in_chunks(0..customers, |c| {
            throttle.tick(c as u64, progress);
            keys[offsets[c] as usize..offsets[c + 1] as usize].sort_unstable();
        });
        throttle.finish(progress);
        // The order takes the customer numbers' memory (read for the last time above): pages
        // already in use, where a new vector's would each be faulted in and zeroed by the system.
        let mut order = row_customer;
        each_in_chunks(0..events, |row| order[row] = keys[row] as u32);
        // The times take the keys' own memory (same size: collected in place), not fresh pages.
        let time = keys.into_iter().map(|k| first + (k >> 32) as i64).collect();
        return Grouped { offsets, order, time, spare: row_time };
    }
    let mut order = vec![0u32; events];
    for (row, &c) in row_customer.iter().enumerate() {
        order[next[c as usize] as usize] = row as u32;
        next[c as usize] += 1;
    }
    for c in 0..customers {
        throttle.tick(c as u64, progress);
        order[offsets[c] as usize..offsets[c + 1] as usize].sort_by_key(|&r| row_time[r as usize]);
    }
    throttle.finish(progress);
    let time = permute(&order, row_time);
    Grouped { offsets, order, time, spare: Vec::new() }
}

/// Rows grouped by customer (`group_by_customer`).
struct Grouped {
    /// Each customer's first row; one past the last row at the end.
    offsets: Vec<u32>,
    /// The file-order row of each grouped row.
    order: Vec<u32>,
    time: Vec<i64>,
    /// The file-order times, spent: memory for a grouped column of 8-byte values (or empty).
    spare: Vec<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(values: &[f64]) -> Vec<u64> {
        values.iter().map(|v| v.to_bits()).collect()
    }

    /// Reordering over a spent column gives each row's value (by hand: rows 2, 0, 3, 1), in the spent
    /// column's own memory; an absent column reads as missing; a spent column of another length is
    /// not used.
    #[test]
    fn grouped_over_a_spent_column() {
        let order = [2u32, 0, 3, 1];
        let column = || RowColumn { values: vec![10.0, 11.5, -12.0, f64::NAN], present: true };
        let expected = bits(&[-12.0, 10.0, f64::NAN, 11.5]);
        let spare = vec![7i64; 4];
        let spare_memory = spare.as_ptr() as usize;
        let grouped = column().grouped_over(&order, f64::NAN, spare);
        assert_eq!(bits(&grouped), expected);
        assert_eq!(grouped.as_ptr() as usize, spare_memory);
        assert_eq!(bits(&column().grouped_over(&order, f64::NAN, vec![7; 3])), expected);
        let absent = RowColumn::<f64>::new(None, 4).grouped_over(&order, f64::NAN, vec![7; 4]);
        assert_eq!(bits(&absent), bits(&[f64::NAN; 4]));
    }
}
