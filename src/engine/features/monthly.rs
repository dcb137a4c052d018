//! Per-customer, per-calendar-month totals of an event log, stored sparsely (only months with
//! activity). Everything time-windowed — rolling-window features, tier replay, the points ledger's
//! qualification — sums these instead of rescanning events.

use crate::engine::chunks::each_in_chunks;
use crate::engine::dataset::{EventLog, NO_CODE};
use crate::engine::date::{MonthIndex, SECONDS_PER_DAY};
use crate::engine::roles::EventKind;

use super::sentiment::comment_sentiment;

/// What one customer did in one calendar month.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthTotals {
    /// Completed purchases and their amounts (gross, before refunds).
    pub purchases: u32,
    pub spend: f64,
    /// Refund rows and the amount refunded (positive).
    pub refunds: u32,
    pub refunded: f64,
    pub views: u32,
    pub carts: u32,
    pub favorites: u32,
    /// Orders placed (when the log records payments, an order is a checkout that may not be paid).
    pub orders_placed: u32,
    pub reviews: u32,
    pub rating_sum: f64,
    pub ratings: u32,
    pub positive_comments: u32,
    pub negative_comments: u32,
    pub browse_minutes: f64,
    /// Distinct days with any event.
    pub active_days: u32,
    /// Time of the last purchase in the month.
    pub last_purchase: Option<i64>,
    /// Bit sets of the categories and channels seen (codes folded modulo 64).
    pub categories: u64,
    pub channels: u64,
}

impl MonthTotals {
    pub fn add(&mut self, other: &MonthTotals) {
        self.purchases += other.purchases;
        self.spend += other.spend;
        self.refunds += other.refunds;
        self.refunded += other.refunded;
        self.views += other.views;
        self.carts += other.carts;
        self.favorites += other.favorites;
        self.orders_placed += other.orders_placed;
        self.reviews += other.reviews;
        self.rating_sum += other.rating_sum;
        self.ratings += other.ratings;
        self.positive_comments += other.positive_comments;
        self.negative_comments += other.negative_comments;
        self.browse_minutes += other.browse_minutes;
        self.active_days += other.active_days;
        self.last_purchase = self.last_purchase.max(other.last_purchase);
        self.categories |= other.categories;
        self.channels |= other.channels;
    }

    /// Net spend: purchases minus refunds.
    pub fn net_spend(&self) -> f64 {
        self.spend - self.refunded
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthlyActivity {
    /// The calendar month of the first event; month offsets count from it.
    pub first_month: MonthIndex,
    /// Months from the first to the last event, inclusive.
    pub month_count: usize,
    /// Entries of customer `c` are `offsets[c] .. offsets[c + 1]`, in month order.
    pub offsets: Vec<u32>,
    pub month: Vec<u16>,
    /// The totals of each entry (`totals(entry)`), by field.
    columns: MonthColumns,
    /// Time of each customer's first event (their join date for tenure and anniversaries).
    pub first_seen: Vec<i64>,
    /// Time of the last event in the log.
    pub as_of: i64,
    /// Whether the log distinguishes payments from orders (then `orders_placed` are checkouts).
    pub has_payments: bool,
}

/// A value of one field of the monthly totals, with the value an entry has when nothing was recorded.
pub(crate) trait FieldValue: Copy {
    const NONE: Self;
    fn is_none(self) -> bool;
}

impl FieldValue for u32 {
    const NONE: u32 = 0;
    fn is_none(self) -> bool {
        self == 0
    }
}

impl FieldValue for u64 {
    const NONE: u64 = 0;
    fn is_none(self) -> bool {
        self == 0
    }
}

impl FieldValue for f64 {
    const NONE: f64 = 0.0;
    /// Only +0.0: a stored -0.0 must read back as -0.0.
    fn is_none(self) -> bool {
        self.to_bits() == 0
    }
}

/// A time, `i64::MIN` for none (no event is dated then).
impl FieldValue for i64 {
    const NONE: i64 = i64::MIN;
    fn is_none(self) -> bool {
        self == i64::MIN
    }
}

/// One field of every entry's totals. Entries after the last one with a value are not stored, so a
/// field the data never has (a transaction log has no views, ratings or comments) takes no memory:
/// one 112-byte `MonthTotals` per customer and month was most of what a big file needed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FieldColumn<T> {
    values: Vec<T>,
}

impl<T: FieldValue> FieldColumn<T> {
    /// Sets entry `entry` (entries are set in increasing order).
    pub(crate) fn set(&mut self, entry: usize, value: T) {
        if !value.is_none() {
            self.values.resize(entry, T::NONE);
            self.values.push(value);
        }
    }

    pub(crate) fn get(&self, entry: usize) -> T {
        self.values.get(entry).copied().unwrap_or(T::NONE)
    }

    /// The stored values of `entries` (those past the last stored one are `NONE`).
    fn in_range(&self, entries: &std::ops::Range<usize>) -> &[T] {
        let end = entries.end.min(self.values.len());
        self.values.get(entries.start.min(end)..end).unwrap_or(&[])
    }

    /// Entries stored (up to the last one with a value).
    #[cfg(test)]
    pub(crate) fn stored(&self) -> usize {
        self.values.len()
    }

    pub(crate) fn shrink(&mut self) {
        self.values.shrink_to_fit();
    }
}

/// `MonthTotals` stored by field.
#[derive(Clone, Debug, Default, PartialEq)]
struct MonthColumns {
    purchases: FieldColumn<u32>,
    spend: FieldColumn<f64>,
    refunds: FieldColumn<u32>,
    refunded: FieldColumn<f64>,
    views: FieldColumn<u32>,
    carts: FieldColumn<u32>,
    favorites: FieldColumn<u32>,
    orders_placed: FieldColumn<u32>,
    reviews: FieldColumn<u32>,
    rating_sum: FieldColumn<f64>,
    ratings: FieldColumn<u32>,
    positive_comments: FieldColumn<u32>,
    negative_comments: FieldColumn<u32>,
    browse_minutes: FieldColumn<f64>,
    active_days: FieldColumn<u32>,
    last_purchase: FieldColumn<i64>,
    categories: FieldColumn<u64>,
    channels: FieldColumn<u64>,
}

impl MonthColumns {
    fn set(&mut self, entry: usize, t: &MonthTotals) {
        self.purchases.set(entry, t.purchases);
        self.spend.set(entry, t.spend);
        self.refunds.set(entry, t.refunds);
        self.refunded.set(entry, t.refunded);
        self.views.set(entry, t.views);
        self.carts.set(entry, t.carts);
        self.favorites.set(entry, t.favorites);
        self.orders_placed.set(entry, t.orders_placed);
        self.reviews.set(entry, t.reviews);
        self.rating_sum.set(entry, t.rating_sum);
        self.ratings.set(entry, t.ratings);
        self.positive_comments.set(entry, t.positive_comments);
        self.negative_comments.set(entry, t.negative_comments);
        self.browse_minutes.set(entry, t.browse_minutes);
        self.active_days.set(entry, t.active_days);
        self.last_purchase.set(entry, t.last_purchase.unwrap_or(i64::NONE));
        self.categories.set(entry, t.categories);
        self.channels.set(entry, t.channels);
    }

    fn get(&self, entry: usize) -> MonthTotals {
        let last_purchase = self.last_purchase.get(entry);
        MonthTotals {
            purchases: self.purchases.get(entry),
            spend: self.spend.get(entry),
            refunds: self.refunds.get(entry),
            refunded: self.refunded.get(entry),
            views: self.views.get(entry),
            carts: self.carts.get(entry),
            favorites: self.favorites.get(entry),
            orders_placed: self.orders_placed.get(entry),
            reviews: self.reviews.get(entry),
            rating_sum: self.rating_sum.get(entry),
            ratings: self.ratings.get(entry),
            positive_comments: self.positive_comments.get(entry),
            negative_comments: self.negative_comments.get(entry),
            browse_minutes: self.browse_minutes.get(entry),
            active_days: self.active_days.get(entry),
            last_purchase: (!last_purchase.is_none()).then_some(last_purchase),
            categories: self.categories.get(entry),
            channels: self.channels.get(entry),
        }
    }

    /// `MonthTotals::add` of every entry of `entries` in order, onto zero, field by field: a field
    /// the data never has costs nothing, and each field's sum is the same sequence of additions
    /// (the entries not stored are zeros, which change no sum that starts at +0.0).
    fn sum(&self, entries: std::ops::Range<usize>) -> MonthTotals {
        let count = |c: &FieldColumn<u32>| c.in_range(&entries).iter().sum::<u32>();
        // A fold from +0.0, as `add` sums onto `MonthTotals::default()` (`Iterator::sum` starts at -0.0).
        let amount = |c: &FieldColumn<f64>| c.in_range(&entries).iter().fold(0.0, |sum, &v| sum + v);
        let bits = |c: &FieldColumn<u64>| c.in_range(&entries).iter().fold(0u64, |set, &v| set | v);
        let last_purchase = self.last_purchase.in_range(&entries).iter().copied().max().unwrap_or(i64::NONE);
        MonthTotals {
            purchases: count(&self.purchases),
            spend: amount(&self.spend),
            refunds: count(&self.refunds),
            refunded: amount(&self.refunded),
            views: count(&self.views),
            carts: count(&self.carts),
            favorites: count(&self.favorites),
            orders_placed: count(&self.orders_placed),
            reviews: count(&self.reviews),
            rating_sum: amount(&self.rating_sum),
            ratings: count(&self.ratings),
            positive_comments: count(&self.positive_comments),
            negative_comments: count(&self.negative_comments),
            browse_minutes: amount(&self.browse_minutes),
            active_days: count(&self.active_days),
            last_purchase: (!last_purchase.is_none()).then_some(last_purchase),
            categories: bits(&self.categories),
            channels: bits(&self.channels),
        }
    }

    /// Gives back what the columns reserved while growing.
    fn shrink(&mut self) {
        self.purchases.shrink();
        self.spend.shrink();
        self.refunds.shrink();
        self.refunded.shrink();
        self.views.shrink();
        self.carts.shrink();
        self.favorites.shrink();
        self.orders_placed.shrink();
        self.reviews.shrink();
        self.rating_sum.shrink();
        self.ratings.shrink();
        self.positive_comments.shrink();
        self.negative_comments.shrink();
        self.browse_minutes.shrink();
        self.active_days.shrink();
        self.last_purchase.shrink();
        self.categories.shrink();
        self.channels.shrink();
    }
}

impl MonthlyActivity {
    pub fn from_events(log: &EventLog) -> MonthlyActivity {
        MonthlyActivity::from_events_over(log, log.time_span())
    }

    /// Monthly totals on the calendar of a larger history `span` (first and last event time): a
    /// partition of the customers then counts months and "as of" exactly as the whole data does.
    pub fn from_events_over(log: &EventLog, span: Option<(i64, i64)>) -> MonthlyActivity {
        let Some((start, end)) = span else {
            return MonthlyActivity { offsets: vec![0; log.customer_count() + 1], ..Default::default() };
        };
        let first_month = MonthIndex::of_timestamp(start);
        let month_count = (MonthIndex::of_timestamp(end).0 - first_month.0 + 1) as usize;
        let purchase = log.purchase_kind();
        let sentiment_of_comment: Vec<i8> = log.comments.iter().map(|c| comment_sentiment(c)).collect();
        let mut monthly = MonthlyActivity {
            first_month,
            month_count,
            offsets: Vec::with_capacity(log.customer_count() + 1),
            first_seen: Vec::with_capacity(log.customer_count()),
            as_of: end,
            has_payments: purchase == EventKind::Pay,
            ..Default::default()
        };
        monthly.offsets.push(0);
        // In chunks: a wasm engine optimises the loop only between calls (`engine::chunks`).
        each_in_chunks(0..log.customer_count(), |customer| {
            let rows = log.rows_of(customer);
            monthly.first_seen.push(rows.clone().next().map_or(start, |r| log.time[r]));
            let mut current: Option<(u16, MonthTotals)> = None;
            let mut last_day = i64::MIN;
            for row in rows {
                let time = log.time[row];
                let month = (MonthIndex::of_timestamp(time).0 - first_month.0) as u16;
                if current.as_ref().is_some_and(|(m, _)| *m != month) {
                    let (m, totals) = current.take().expect("checked");
                    monthly.push_entry(m, &totals);
                }
                let (_, totals) = current.get_or_insert((month, MonthTotals::default()));
                let day = time.div_euclid(SECONDS_PER_DAY);
                if day != last_day {
                    totals.active_days += 1;
                    last_day = day;
                }
                let amount = log.amount[row];
                let kind = log.kind[row];
                if kind == purchase {
                    totals.purchases += 1;
                    if amount.is_finite() {
                        totals.spend += amount;
                    }
                    totals.last_purchase = totals.last_purchase.max(Some(time));
                }
                match kind {
                    EventKind::View => totals.views += 1,
                    EventKind::Cart => totals.carts += 1,
                    EventKind::Favorite => totals.favorites += 1,
                    EventKind::Order => totals.orders_placed += 1,
                    EventKind::Review => totals.reviews += 1,
                    EventKind::Refund => {
                        totals.refunds += 1;
                        if amount.is_finite() {
                            totals.refunded += amount.abs();
                        }
                    }
                    EventKind::Pay | EventKind::Other => {}
                }
                let rating = log.rating[row];
                if rating.is_finite() {
                    totals.rating_sum += f64::from(rating);
                    totals.ratings += 1;
                }
                let comment = log.comment[row];
                if comment != NO_CODE {
                    match sentiment_of_comment.get(comment as usize) {
                        Some(1) => totals.positive_comments += 1,
                        Some(-1) => totals.negative_comments += 1,
                        _ => {}
                    }
                }
                let minutes = log.browse_minutes[row];
                if minutes.is_finite() {
                    totals.browse_minutes += f64::from(minutes);
                }
                if log.category[row] != NO_CODE {
                    totals.categories |= 1 << (log.category[row] % 64);
                }
                if log.channel[row] != NO_CODE {
                    totals.channels |= 1 << (log.channel[row] % 64);
                }
            }
            if let Some((m, totals)) = current {
                monthly.push_entry(m, &totals);
            }
            monthly.offsets.push(monthly.month.len() as u32);
        });
        monthly.month.shrink_to_fit();
        monthly.columns.shrink();
        monthly
    }

    fn push_entry(&mut self, month: u16, totals: &MonthTotals) {
        self.columns.set(self.month.len(), totals);
        self.month.push(month);
    }

    /// What a customer did in one month: entry `entry` (of `offsets[c] .. offsets[c + 1]`).
    pub fn totals(&self, entry: usize) -> MonthTotals {
        self.columns.get(entry)
    }

    pub fn customer_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Month offset (from `first_month`) of a customer's first event.
    pub fn join_month(&self, customer: usize) -> usize {
        (MonthIndex::of_timestamp(self.first_seen[customer]).0 - self.first_month.0).max(0) as usize
    }

    /// Sum of a customer's totals over month offsets `from ..= to`.
    pub fn window_totals(&self, customer: usize, from: usize, to: usize) -> MonthTotals {
        let range = self.offsets[customer] as usize..self.offsets[customer + 1] as usize;
        // Entries are in month order: the window is one run of them, summed field by field.
        let months = &self.month[range.clone()];
        let end = months.iter().position(|&m| m as usize > to).unwrap_or(months.len());
        let start = months[..end].iter().position(|&m| m as usize >= from).unwrap_or(end);
        if months[start..end].iter().all(|&m| m as usize >= from) {
            return self.columns.sum(range.start + start..range.start + end);
        }
        let mut sum = MonthTotals::default();
        for entry in range {
            let month = self.month[entry] as usize;
            if month > to {
                break;
            }
            if month >= from {
                sum.add(&self.totals(entry));
            }
        }
        sum
    }

    /// Time of the last purchase at or before the end of month offset `to` (for recency).
    pub fn last_purchase_until(&self, customer: usize, to: usize) -> Option<i64> {
        let range = self.offsets[customer] as usize..self.offsets[customer + 1] as usize;
        range
            .filter(|&e| self.month[e] as usize <= to)
            .map(|e| self.columns.last_purchase.get(e))
            .filter(|time| !time.is_none())
            .max()
    }

    /// The last second of month offset `month`, capped at the end of the data.
    pub fn month_end(&self, month: usize) -> i64 {
        let next = MonthIndex(self.first_month.0 + month as i32 + 1);
        (next.start_timestamp() - 1).min(self.as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::activity::tests::event_log;
    use crate::engine::roles::EventKind::*;

    #[test]
    fn months_are_summed_per_customer() {
        // Day 0 = 1970-01-01. Customer 0: January view + pay 100; February (day 40) pay 50 and a
        // refund of 20; March (day 70) two views on one day. Customer 1: one view on day 10.
        let data = event_log(&[
            (0, 0, View, f64::NAN),
            (0, 0, Pay, 100.0),
            (0, 40, Pay, 50.0),
            (0, 41, Refund, -20.0),
            (0, 70, View, f64::NAN),
            (0, 70, View, f64::NAN),
            (1, 10, View, f64::NAN),
        ]);
        let monthly = MonthlyActivity::from_events(data.events.as_ref().unwrap());
        assert_eq!(monthly.month_count, 3);
        assert_eq!(monthly.offsets, vec![0, 3, 4]);
        assert_eq!(monthly.month, vec![0, 1, 2, 0]);
        let feb = monthly.totals(1);
        assert_eq!((feb.purchases, feb.spend, feb.refunds, feb.refunded, feb.active_days), (1, 50.0, 1, 20.0, 2));
        let all = monthly.window_totals(0, 0, 2);
        assert_eq!((all.purchases, all.net_spend(), all.views, all.active_days), (2, 130.0, 3, 4));
        assert_eq!(monthly.window_totals(0, 1, 1).net_spend(), 30.0);
        assert_eq!(monthly.last_purchase_until(0, 0), Some(0));
        assert_eq!(monthly.last_purchase_until(0, 2), Some(40 * 86_400));
        assert_eq!(monthly.join_month(1), 0);
    }

    #[test]
    fn only_the_fields_the_data_has_are_stored() {
        // A purchase log: customer 0 pays 10 on day 0 and 20 on day 40 (two entries), customer 1
        // pays 5 on day 3 and refunds 5 on day 70 (entries 2 and 3; the refund month has no purchase).
        let data = event_log(&[(0, 0, Pay, 10.0), (0, 40, Pay, 20.0), (1, 3, Pay, 5.0), (1, 70, Refund, -5.0)]);
        let monthly = MonthlyActivity::from_events(data.events.as_ref().unwrap());
        let columns = &monthly.columns;
        assert_eq!(columns.purchases.values, vec![1, 1, 1]);
        assert_eq!(columns.spend.values, vec![10.0, 20.0, 5.0]);
        assert_eq!(columns.active_days.values, vec![1, 1, 1, 1]);
        assert_eq!(columns.last_purchase.values, vec![0, 40 * 86_400, 3 * 86_400]);
        // The refund is the only one: stored up to its entry, the entries before it read 0.
        assert_eq!(columns.refunds.values, vec![0, 0, 0, 1]);
        assert_eq!(columns.refunded.values, vec![0.0, 0.0, 0.0, 5.0]);
        for empty in [&columns.views, &columns.carts, &columns.ratings, &columns.positive_comments] {
            assert!(empty.values.is_empty());
        }
        assert!(columns.rating_sum.values.is_empty() && columns.categories.values.is_empty());
        // Entries past a column's end read as nothing recorded.
        let refund_month = monthly.totals(3);
        assert_eq!((refund_month.purchases, refund_month.spend, refund_month.last_purchase), (0, 0.0, None));
        assert_eq!((refund_month.refunds, refund_month.net_spend(), refund_month.active_days), (1, -5.0, 1));
        assert_eq!(monthly.last_purchase_until(1, 2), Some(3 * 86_400));
    }

    #[test]
    fn a_negative_zero_is_kept() {
        let mut column = FieldColumn::<f64>::default();
        column.set(0, 0.0);
        column.set(1, -0.0);
        assert_eq!(column.values.len(), 2);
        assert!(column.get(1).is_sign_negative() && column.get(0).is_sign_positive());
        assert_eq!(column.get(2).to_bits(), 0);
    }
}
