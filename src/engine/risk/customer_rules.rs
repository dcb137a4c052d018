//! The rules read from one customer's own orders and refunds: refund abuse, implausible velocity,
//! orders bunched just above a step, split baskets. A first pass measures the population they are
//! compared with.

use super::robust::median;
use super::{Flag, FlagDetail, FlagKind, PopulationFigures, RefundBasis, RiskSettings};
use crate::engine::dataset::EventLog;
use crate::engine::date::SECONDS_PER_DAY;
use crate::engine::progress::{Progress, Stage, Throttle};
use crate::engine::roles::EventKind;

/// One customer's purchases (time order) and refunds.
#[derive(Default)]
pub(super) struct Orders {
    pub times: Vec<i64>,
    pub amounts: Vec<f64>,
    pub refunds: u32,
    pub refunded: f64,
}

impl Orders {
    fn read(&mut self, log: &EventLog, customer: usize, purchase: EventKind) {
        self.times.clear();
        self.amounts.clear();
        self.refunds = 0;
        self.refunded = 0.0;
        for row in log.rows_of(customer) {
            let amount = log.amount[row];
            match log.kind[row] {
                kind if kind == purchase => {
                    self.times.push(log.time[row]);
                    self.amounts.push(if amount.is_finite() { amount } else { 0.0 });
                }
                EventKind::Refund => {
                    self.refunds += 1;
                    if amount.is_finite() {
                        self.refunded += amount.abs();
                    }
                }
                _ => {}
            }
        }
    }

    fn spend(&self) -> f64 {
        self.amounts.iter().filter(|a| **a > 0.0).sum()
    }

    fn buying_days(&self) -> usize {
        let mut days = 0;
        let mut last = i64::MIN;
        for &t in &self.times {
            let day = t.div_euclid(SECONDS_PER_DAY);
            if day != last {
                days += 1;
                last = day;
            }
        }
        days
    }
}

pub(super) fn apply(
    log: &EventLog,
    settings: &RiskSettings,
    population: &mut PopulationFigures,
    flags: &mut [Vec<Flag>],
    progress: &mut dyn Progress,
) {
    let purchase = log.purchase_kind();
    let customers = log.customer_count();
    let mut orders = Orders::default();
    let (mut purchases, mut refunds, mut spend, mut refunded, mut buying_days) = (0u64, 0u64, 0.0, 0.0, 0u64);
    let mut amounts: Vec<f64> = Vec::new();
    for customer in 0..customers {
        orders.read(log, customer, purchase);
        purchases += orders.times.len() as u64;
        refunds += u64::from(orders.refunds);
        spend += orders.spend();
        refunded += orders.refunded;
        buying_days += orders.buying_days() as u64;
        amounts.extend(orders.amounts.iter().filter(|a| **a > 0.0));
        population.buyers += usize::from(!orders.times.is_empty());
    }
    population.refund_share_of_orders = refunds as f64 / (purchases.max(refunds).max(1)) as f64;
    population.refund_share_of_amount = if spend.max(refunded) > 0.0 { refunded / spend.max(refunded) } else { 0.0 };
    population.purchases_per_buying_day = purchases as f64 / buying_days.max(1) as f64;
    population.median_order_value = median(&amounts);
    drop(amounts);
    let mut throttle = Throttle::new(Stage::Scoring, customers as u64);
    for (customer, customer_flags) in flags.iter_mut().enumerate().take(customers) {
        throttle.tick(customer as u64, progress);
        orders.read(log, customer, purchase);
        customer_flags.extend(refund_abuse(&orders, settings, population));
        customer_flags.extend(velocity(&orders, settings, population));
        customer_flags.extend(step_bunching(&orders, settings));
        customer_flags.extend(split_orders(&orders, settings, population.median_order_value));
    }
    throttle.finish(progress);
}

/// Refund share of orders (refunds / purchases) and of amount (refunded / spent), each capped at 1
/// (refunds of purchases made before the log starts can outnumber the purchases in it).
pub(super) fn refund_abuse(orders: &Orders, settings: &RiskSettings, population: &PopulationFigures) -> Option<Flag> {
    if orders.refunds < settings.refund_min_refunds {
        return None;
    }
    let purchases = orders.times.len() as u32;
    let by_orders = f64::from(orders.refunds) / f64::from(purchases.max(orders.refunds));
    let spend = orders.spend();
    let by_amount = if spend.max(orders.refunded) > 0.0 { orders.refunded / spend.max(orders.refunded) } else { 0.0 };
    let threshold =
        |population_share: f64| (settings.refund_share_multiple * population_share).max(settings.refund_share_floor);
    let candidates = [
        (RefundBasis::Orders, by_orders, population.refund_share_of_orders),
        (RefundBasis::Amount, by_amount, population.refund_share_of_amount),
    ];
    candidates
        .into_iter()
        .filter(|(_, share, population_share)| *share >= threshold(*population_share))
        .max_by(|a, b| (a.1 / threshold(a.2)).total_cmp(&(b.1 / threshold(b.2))))
        .map(|(basis, share, population_share)| Flag {
            kind: FlagKind::RefundAbuse,
            figure: share,
            threshold: threshold(population_share),
            detail: FlagDetail::Refunds { basis, refunds: orders.refunds, purchases, population_share },
        })
}

/// Most purchases inside any 24 hours, against the customer's own purchases per buying day outside
/// those 24 hours and the population's purchases per buying day.
pub(super) fn velocity(orders: &Orders, settings: &RiskSettings, population: &PopulationFigures) -> Option<Flag> {
    let times = &orders.times;
    let (mut peak, mut peak_start) = (0usize, 0usize);
    let mut end = 0;
    for start in 0..times.len() {
        while end < times.len() && times[end] < times[start] + SECONDS_PER_DAY {
            end += 1;
        }
        if end - start > peak {
            (peak, peak_start) = (end - start, start);
        }
    }
    if (peak as u32) < settings.velocity_min_orders {
        return None;
    }
    let window = times[peak_start]..times[peak_start] + SECONDS_PER_DAY;
    let outside =
        Orders { times: times.iter().copied().filter(|t| !window.contains(t)).collect(), ..Orders::default() };
    let own_rate = match outside.buying_days() {
        0 => f64::NAN,
        days => outside.times.len() as f64 / days as f64,
    };
    let mut threshold = f64::from(settings.velocity_min_orders)
        .max(settings.velocity_population_multiple * population.purchases_per_buying_day);
    if own_rate.is_finite() {
        threshold = threshold.max(settings.velocity_own_multiple * own_rate);
    }
    (peak as f64 >= threshold).then(|| Flag {
        kind: FlagKind::Velocity,
        figure: peak as f64,
        threshold,
        detail: FlagDetail::Velocity {
            window_start: window.start,
            own_rate,
            population_rate: population.purchases_per_buying_day,
        },
    })
}

/// Whether `amount` lies in `[k * step, k * step + margin)` for some k >= 1.
pub(super) fn just_above_step(amount: f64, step: f64, margin_percent: f64) -> bool {
    let k = (amount / step).floor();
    k >= 1.0 && amount - k * step < step * margin_percent / 100.0
}

pub(super) fn step_bunching(orders: &Orders, settings: &RiskSettings) -> Option<Flag> {
    let purchases = orders.amounts.len() as u32;
    let just_above = orders
        .amounts
        .iter()
        .filter(|&&a| just_above_step(a, settings.step_amount, settings.step_margin_percent))
        .count() as u32;
    if just_above < settings.step_min_orders {
        return None;
    }
    let share = f64::from(just_above) / f64::from(purchases);
    (share >= settings.step_share).then_some(Flag {
        kind: FlagKind::StepBunching,
        figure: share,
        threshold: settings.step_share,
        detail: FlagDetail::StepBunching { just_above, purchases, step: settings.step_amount },
    })
}

/// Days with at least `split_min_orders` purchases, each below the population's median order value,
/// that together reach it: one ordinary basket paid as several small orders.
pub(super) fn split_orders(orders: &Orders, settings: &RiskSettings, median_order_value: f64) -> Option<Flag> {
    if !(median_order_value > 0.0) {
        return None;
    }
    let (mut split_days, mut split_orders, mut first_day) = (0u32, 0u32, None);
    let mut start = 0;
    while start < orders.times.len() {
        let day = orders.times[start].div_euclid(SECONDS_PER_DAY);
        let mut end = start;
        while end < orders.times.len() && orders.times[end].div_euclid(SECONDS_PER_DAY) == day {
            end += 1;
        }
        let amounts = &orders.amounts[start..end];
        let count = amounts.len() as u32;
        let all_small = amounts.iter().all(|&a| a < median_order_value);
        let total: f64 = amounts.iter().sum();
        if count >= settings.split_min_orders && all_small && total >= median_order_value {
            split_days += 1;
            split_orders += count;
            first_day.get_or_insert(day * SECONDS_PER_DAY);
        }
        start = end;
    }
    (split_days >= settings.split_min_days).then(|| Flag {
        kind: FlagKind::SplitOrders,
        figure: f64::from(split_days),
        threshold: f64::from(settings.split_min_days),
        detail: FlagDetail::SplitOrders {
            orders: split_orders,
            first_day: first_day.unwrap_or_default(),
            median_order_value,
        },
    })
}
