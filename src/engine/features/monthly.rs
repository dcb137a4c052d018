//! Per-customer, per-calendar-month totals of an event log, stored sparsely (only months with
//! activity). Everything time-windowed — rolling-window features, tier replay, the points ledger's
//! qualification — sums these instead of rescanning events.

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
    pub totals: Vec<MonthTotals>,
    /// Time of each customer's first event (their join date for tenure and anniversaries).
    pub first_seen: Vec<i64>,
    /// Time of the last event in the log.
    pub as_of: i64,
    /// Whether the log distinguishes payments from orders (then `orders_placed` are checkouts).
    pub has_payments: bool,
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
        for customer in 0..log.customer_count() {
            let rows = log.rows_of(customer);
            monthly.first_seen.push(rows.clone().next().map_or(start, |r| log.time[r]));
            let mut current: Option<(u16, MonthTotals)> = None;
            let mut last_day = i64::MIN;
            for row in rows {
                let time = log.time[row];
                let month = (MonthIndex::of_timestamp(time).0 - first_month.0) as u16;
                if current.as_ref().is_some_and(|(m, _)| *m != month) {
                    let (m, totals) = current.take().expect("checked");
                    monthly.month.push(m);
                    monthly.totals.push(totals);
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
                monthly.month.push(m);
                monthly.totals.push(totals);
            }
            monthly.offsets.push(monthly.month.len() as u32);
        }
        monthly
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
        let mut sum = MonthTotals::default();
        let range = self.offsets[customer] as usize..self.offsets[customer + 1] as usize;
        for entry in range {
            let month = self.month[entry] as usize;
            if month > to {
                break;
            }
            if month >= from {
                sum.add(&self.totals[entry]);
            }
        }
        sum
    }

    /// Time of the last purchase at or before the end of month offset `to` (for recency).
    pub fn last_purchase_until(&self, customer: usize, to: usize) -> Option<i64> {
        let range = self.offsets[customer] as usize..self.offsets[customer + 1] as usize;
        range.filter(|&e| self.month[e] as usize <= to).filter_map(|e| self.totals[e].last_purchase).max()
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
        let feb = monthly.totals[1];
        assert_eq!((feb.purchases, feb.spend, feb.refunds, feb.refunded, feb.active_days), (1, 50.0, 1, 20.0, 2));
        let all = monthly.window_totals(0, 0, 2);
        assert_eq!((all.purchases, all.net_spend(), all.views, all.active_days), (2, 130.0, 3, 4));
        assert_eq!(monthly.window_totals(0, 1, 1).net_spend(), 30.0);
        assert_eq!(monthly.last_purchase_until(0, 0), Some(0));
        assert_eq!(monthly.last_purchase_until(0, 2), Some(40 * 86_400));
        assert_eq!(monthly.join_month(1), 0);
    }
}
