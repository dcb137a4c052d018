//! The points ledger over the event history (docs/model.md, "Points ledger"): points earned on
//! purchases (base rate x tier multiplier x segment multiplier) and other events, a pending period,
//! refunds that take points back, expiry of the oldest points first, redemption, and the liability
//! of what is outstanding. Balance, earned-to-date and qualifying points are kept apart: qualifying
//! points (for tiers) are base points only and never spent.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::dataset::EventLog;
use super::date::{MonthIndex, SECONDS_PER_DAY};
use super::features::monthly::{MonthTotals, MonthlyActivity};
use super::replay::Timeline;
use super::roles::EventKind;
use super::scenario::{Expiry, PointsRules, Redemption, TierBenefits};

/// Month-level flows and end-of-history totals, for charts and KPIs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LedgerSummary {
    /// Per month: points earned (incl. bonuses), redeemed, expired, taken back by refunds.
    pub earned: Vec<f64>,
    pub redeemed: Vec<f64>,
    pub expired: Vec<f64>,
    pub reversed: Vec<f64>,
    /// Points outstanding (spendable + pending) at the end of each month.
    pub outstanding: Vec<f64>,
    /// Points earned net of refunds, by the tier the customer held when earning.
    pub net_earned_by_tier: Vec<f64>,
    pub totals: LedgerTotals,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LedgerTotals {
    pub earned: f64,
    pub redeemed: f64,
    pub expired: f64,
    pub reversed: f64,
    /// Points a refund should have taken back but the customer had already spent.
    pub unrecovered: f64,
    pub outstanding: f64,
    /// Outstanding points x cost per point.
    pub liability: f64,
    /// Liability net of expected breakage.
    pub expected_liability: f64,
    /// Cost of the points redeemed during the history.
    pub redemption_cost: f64,
}

/// How far ahead `CustomerPoints::expiring_soon` looks, in calendar months after the history.
pub const EXPIRING_SOON_MONTHS: usize = 3;

/// Per-customer balances at the end of the history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerPoints {
    pub balance: Vec<f64>,
    pub pending: Vec<f64>,
    pub earned_to_date: Vec<f64>,
    /// Points of the balance that expire at the end of one of the `EXPIRING_SOON_MONTHS` months after
    /// the last month of the history (if not redeemed first).
    pub expiring_soon: Vec<f64>,
}

#[derive(Clone, Copy, Debug)]
struct Lot {
    available_at: i64,
    /// Month offset at whose end the lot expires (`u32::MAX` = never).
    expires_after: u32,
    remaining: f64,
}

pub struct LedgerInput<'a> {
    pub log: &'a EventLog,
    pub monthly: &'a MonthlyActivity,
    pub timeline: &'a Timeline,
    pub rules: &'a PointsRules,
    pub benefits: &'a [TierBenefits],
    /// Segment multiplier per customer (1 when no segment rule applies).
    pub segment_multiplier: &'a [f64],
    /// Yearly bonus points per tier (granted at the end of each December), when configured.
    pub level_bonus: Option<Vec<f64>>,
}

pub fn run_ledger(input: &LedgerInput) -> (LedgerSummary, CustomerPoints) {
    let months = input.monthly.month_count;
    let customers = input.log.customer_count();
    let mut summary = LedgerSummary {
        earned: vec![0.0; months],
        redeemed: vec![0.0; months],
        expired: vec![0.0; months],
        reversed: vec![0.0; months],
        outstanding: vec![0.0; months],
        net_earned_by_tier: vec![0.0; input.benefits.len()],
        totals: LedgerTotals::default(),
    };
    let mut per_customer = CustomerPoints {
        balance: vec![0.0; customers],
        pending: vec![0.0; customers],
        earned_to_date: vec![0.0; customers],
        expiring_soon: vec![0.0; customers],
    };
    let purchase = input.log.purchase_kind();
    let first_month = input.monthly.first_month;
    let month_of = |time: i64| (MonthIndex::of_timestamp(time).0 - first_month.0).max(0) as usize;
    for customer in 0..customers {
        let mut account =
            Account { lots: VecDeque::new(), earned_to_date: 0.0, purchase_points: 0.0, purchase_spend: 0.0 };
        let join = input.monthly.join_month(customer);
        let mut next_month_end = join;
        for row in input.log.rows_of(customer) {
            let time = input.log.time[row];
            let month = month_of(time);
            while next_month_end < month {
                account.close_month(input, customer, next_month_end, &mut summary);
                next_month_end += 1;
            }
            let tier = input.timeline.tier_during(month, customer) as usize;
            let multiplier = input.benefits.get(tier).map_or(1.0, |b| b.points_multiplier)
                * input.segment_multiplier.get(customer).copied().unwrap_or(1.0);
            let kind = input.log.kind[row];
            let amount = input.log.amount[row];
            let mut earned = input.rules.per_event.iter().filter(|e| e.event == kind).map(|e| e.points).sum::<f64>();
            if kind == purchase && amount.is_finite() && amount > 0.0 {
                let points = amount * input.rules.per_currency_unit * multiplier;
                earned += points;
                account.purchase_points += points;
                account.purchase_spend += amount;
            }
            if earned > 0.0 {
                let available_at = time + i64::from(input.rules.pending_days) * SECONDS_PER_DAY;
                account.earn(earned, available_at, expiry_month(input.rules.expiry, month, first_month));
                summary.earned[month] += earned;
                summary.net_earned_by_tier[tier] += earned;
                if let Redemption::InBlocks { block } = input.rules.redemption {
                    summary.redeemed[month] += account.redeem_blocks(time, block);
                }
            }
            if kind == EventKind::Refund && amount.is_finite() {
                // Which purchase is refunded is not in the data: points come back at the customer's
                // average earn rate on purchases so far (the current rate if nothing was bought yet).
                let rate = if account.purchase_spend > 0.0 {
                    account.purchase_points / account.purchase_spend
                } else {
                    input.rules.per_currency_unit * multiplier
                };
                let owed = amount.abs() * rate;
                let recovered = account.take_back(owed);
                summary.reversed[month] += recovered;
                summary.net_earned_by_tier[tier] -= recovered;
                summary.totals.unrecovered += owed - recovered;
            }
        }
        while next_month_end < months {
            account.close_month(input, customer, next_month_end, &mut summary);
            next_month_end += 1;
        }
        let end = input.monthly.as_of;
        per_customer.pending[customer] =
            account.lots.iter().filter(|l| l.available_at > end).map(|l| l.remaining).sum();
        per_customer.balance[customer] = account.total();
        let horizon = months.saturating_sub(1) + EXPIRING_SOON_MONTHS;
        per_customer.expiring_soon[customer] =
            account.lots.iter().filter(|l| (l.expires_after as usize) <= horizon).map(|l| l.remaining).sum();
        per_customer.earned_to_date[customer] = account.earned_to_date;
    }
    let t = &mut summary.totals;
    t.earned = summary.earned.iter().sum();
    t.redeemed = summary.redeemed.iter().sum();
    t.expired = summary.expired.iter().sum();
    t.reversed = summary.reversed.iter().sum();
    t.outstanding = summary.outstanding.last().copied().unwrap_or(0.0);
    t.liability = t.outstanding * input.rules.point_cost;
    t.expected_liability = t.liability * (1.0 - input.rules.breakage_percent / 100.0);
    t.redemption_cost = t.redeemed * input.rules.point_cost;
    (summary, per_customer)
}

struct Account {
    /// Oldest first.
    lots: VecDeque<Lot>,
    earned_to_date: f64,
    /// Points earned on purchases and what those purchases cost, for refunds.
    purchase_points: f64,
    purchase_spend: f64,
}

impl Account {
    fn total(&self) -> f64 {
        self.lots.iter().map(|l| l.remaining).sum()
    }

    fn earn(&mut self, points: f64, available_at: i64, expires_after: u32) {
        self.lots.push_back(Lot { available_at, expires_after, remaining: points });
        self.earned_to_date += points;
    }

    /// Redeems whole blocks of spendable points, oldest first.
    fn redeem_blocks(&mut self, time: i64, block: f64) -> f64 {
        let spendable: f64 = self.lots.iter().filter(|l| l.available_at <= time).map(|l| l.remaining).sum();
        let blocks = (spendable / block).floor();
        self.spend_oldest(time, blocks * block)
    }

    fn spend_oldest(&mut self, time: i64, mut amount: f64) -> f64 {
        let wanted = amount;
        for lot in self.lots.iter_mut().filter(|l| l.available_at <= time) {
            let used = lot.remaining.min(amount);
            lot.remaining -= used;
            amount -= used;
            if amount <= 0.0 {
                break;
            }
        }
        self.lots.retain(|l| l.remaining > 0.0);
        wanted - amount.max(0.0)
    }

    /// A refund takes back points, newest (most likely the refunded purchase's, often still pending)
    /// first. Returns what could be taken back.
    fn take_back(&mut self, owed: f64) -> f64 {
        let mut left = owed;
        for lot in self.lots.iter_mut().rev() {
            let used = lot.remaining.min(left);
            lot.remaining -= used;
            left -= used;
            if left <= 0.0 {
                break;
            }
        }
        self.lots.retain(|l| l.remaining > 0.0);
        owed - left.max(0.0)
    }

    fn close_month(&mut self, input: &LedgerInput, customer: usize, month: usize, summary: &mut LedgerSummary) {
        let month_end = input.monthly.month_end(month);
        let first_month = input.monthly.first_month;
        if MonthIndex(first_month.0 + month as i32).month() == 12 {
            if let Some(bonus) = &input.level_bonus {
                let tier = input.timeline.tier_at(month, customer);
                if let Some(points) = bonus.get(tier as usize).filter(|p| **p > 0.0) {
                    self.earn(*points, month_end, expiry_month(input.rules.expiry, month, first_month));
                    summary.earned[month] += points;
                    summary.net_earned_by_tier[tier as usize] += points;
                }
            }
        }
        if let Redemption::MonthlyShare { percent } = input.rules.redemption {
            let spendable: f64 = self.lots.iter().filter(|l| l.available_at <= month_end).map(|l| l.remaining).sum();
            summary.redeemed[month] += self.spend_oldest(month_end, spendable * percent / 100.0);
        }
        let expired: f64 = self.lots.iter().filter(|l| l.expires_after as usize <= month).map(|l| l.remaining).sum();
        self.lots.retain(|l| (l.expires_after as usize) > month);
        summary.expired[month] += expired;
        summary.outstanding[month] += self.total();
    }
}

/// Month offset at whose end points earned in `month` expire (`u32::MAX` = never).
fn expiry_month(expiry: Expiry, month: usize, first_month: MonthIndex) -> u32 {
    match expiry {
        Expiry::Never => u32::MAX,
        Expiry::MonthsAfterEarning { months } => month as u32 + months,
        Expiry::EndOfYear { years_after } => {
            let earned = MonthIndex(first_month.0 + month as i32);
            let december = (earned.year() + years_after as i32) * 12 + 11;
            (december - first_month.0) as u32
        }
    }
}

/// Base points (before any multiplier) in a window of monthly totals: what qualifies for tiers.
/// Matches the ledger: purchase points on net spend plus per-event points.
pub fn qualifying_points(totals: &MonthTotals, rules: &PointsRules, has_payments: bool) -> f64 {
    let per_event = |kind: EventKind| rules.per_event.iter().filter(|e| e.event == kind).map(|e| e.points).sum::<f64>();
    let count = |kind: EventKind| match kind {
        EventKind::View => totals.views,
        EventKind::Cart => totals.carts,
        EventKind::Favorite => totals.favorites,
        EventKind::Order => totals.orders_placed,
        EventKind::Pay if has_payments => totals.purchases,
        EventKind::Pay => 0,
        EventKind::Review => totals.reviews,
        EventKind::Refund => totals.refunds,
        EventKind::Other => 0,
    };
    let events: f64 = EventKind::ALL.iter().map(|&k| per_event(k) * f64::from(count(k))).sum();
    (totals.net_spend() * rules.per_currency_unit + events).max(0.0)
}
