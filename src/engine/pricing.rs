//! Prices a scenario's benefit scheme over the observed history: what each tier's discount, points,
//! free shipping and gifts would have cost on what customers actually bought. Nobody changes
//! behaviour here (the simulator adds that). With an event log the tiers come from the month-by-month
//! replay, so a purchase gets the benefits of the tier held when it was made; a customer table has no
//! time, so its current tiers are priced over its aggregates (one year assumed).

use serde::{Deserialize, Serialize};

use super::dataset::EventLog;
use super::date::MonthIndex;
use super::features::monthly::MonthlyActivity;
use super::features::Activity;
use super::ledger::LedgerSummary;
use super::replay::{Timeline, TimelineSummary};
use super::scenario::Scenario;

/// Cost of benefits by type, in currency units over the priced period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CostBreakdown {
    pub discount: f64,
    /// Expected cost of redeeming the points issued: issued x (1 - breakage) x point cost.
    pub points: f64,
    pub shipping: f64,
    pub gifts: f64,
    /// Coupons redeemed x their value.
    #[serde(default)]
    pub coupons: f64,
    pub total: f64,
    /// Points issued net of refunds (a count, not money).
    pub points_issued: f64,
}

impl CostBreakdown {
    pub fn add(&mut self, other: &CostBreakdown) {
        self.discount += other.discount;
        self.points += other.points;
        self.shipping += other.shipping;
        self.gifts += other.gifts;
        self.coupons += other.coupons;
        self.points_issued += other.points_issued;
    }

    fn close(&mut self) {
        self.total = self.discount + self.points + self.shipping + self.gifts + self.coupons;
    }

    pub fn minus(&self, other: &CostBreakdown) -> CostBreakdown {
        CostBreakdown {
            discount: self.discount - other.discount,
            points: self.points - other.points,
            shipping: self.shipping - other.shipping,
            gifts: self.gifts - other.gifts,
            coupons: self.coupons - other.coupons,
            total: self.total - other.total,
            points_issued: self.points_issued - other.points_issued,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierOutcome {
    pub name: String,
    /// Members at the end of the history.
    pub customers: usize,
    /// Share of all customers, 0-1.
    pub share: f64,
    /// Net spend made while holding this tier (before the tier discount).
    pub revenue: f64,
    /// Share of all revenue, 0-1.
    pub revenue_share: f64,
    pub orders: u64,
    pub costs: CostBreakdown,
    /// Lowest and highest final score among the tier's members (none when the tier is empty).
    pub score_min: Option<f64>,
    pub score_max: Option<f64>,
}

/// Something the marketer should look at before trusting the scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// The top tier holds more than 15 % of active members: status dilutes (Dreze & Nunes 2009).
    TopTierDilution { tier: String, share: f64 },
    /// No customer is in this tier at the end.
    EmptyTier { tier: String },
    /// Target shares could not be met because many customers share the same score.
    SharesMissedByTies { tier: String, target: f64, actual: f64 },
    /// Benefits cost more than the gross margin they sit on.
    BenefitsExceedMargin { cost: f64, gross_margin: f64 },
    /// One raw feature makes up most of the score, so the other weights barely matter.
    OneFeatureDominates { feature: String, share: f64 },
    /// The scenario keeps flagged customers out of tiering: these customers stay in the lowest tier.
    FlaggedHeldAtBase { customers: usize },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioOutcome {
    pub name: String,
    /// Effective entry bound of every tier but the first (computed from shares when needed; NaN,
    /// null in JSON, when no customer has a score to draw quantiles from).
    #[serde(with = "super::json_float::vec_nan_as_null")]
    pub lower_bounds: Vec<f64>,
    pub tiers: Vec<TierOutcome>,
    pub totals: CostBreakdown,
    pub revenue: f64,
    pub orders: u64,
    /// Revenue x gross margin %.
    pub gross_margin: f64,
    /// Gross margin minus all benefit costs.
    pub margin_after_benefits: f64,
    /// Benefit cost as a share of revenue, 0-1.
    pub cost_to_revenue: f64,
    /// Length of the priced history in years; 1 for customer tables.
    pub history_years: f64,
    /// Tier membership, upgrades and downgrades month by month (event logs only).
    pub timeline: Option<TimelineSummary>,
    /// Points earned, redeemed, expired and outstanding (event logs only).
    pub points: Option<LedgerSummary>,
    pub warnings: Vec<Warning>,
}

/// Money and counts per tier, before shares and totals are worked out.
struct TierTally {
    revenue: f64,
    orders: u64,
    costs: CostBreakdown,
}

fn empty_tallies(tiers: usize) -> Vec<TierTally> {
    (0..tiers).map(|_| TierTally { revenue: 0.0, orders: 0, costs: CostBreakdown::default() }).collect()
}

/// Prices an event log through its tier timeline: each month's purchases with the tier held during
/// that month, gifts per member-month, points from the ledger, coupons on the purchases that could
/// use one.
pub fn price_timeline(
    scenario: &Scenario,
    log: &EventLog,
    monthly: &MonthlyActivity,
    timeline: &Timeline,
    ledger: &LedgerSummary,
) -> Vec<(f64, u64, CostBreakdown)> {
    let mut tallies = empty_tallies(scenario.tier_count());
    if scenario.benefits.iter().any(|b| b.coupons.is_some()) {
        for (tally, cost) in tallies.iter_mut().zip(coupon_costs(scenario, log, monthly, timeline)) {
            tally.costs.coupons = cost;
        }
    }
    let year_fraction = month_year_fractions(monthly);
    for c in 0..monthly.customer_count() {
        // A refund returns the discount the refunded purchase got. Which purchase it was is not in
        // the data, so it is taken back at the customer's average discount rate so far.
        let (mut paid, mut discounted) = (0.0, 0.0);
        for entry in monthly.offsets[c] as usize..monthly.offsets[c + 1] as usize {
            let month = monthly.month[entry] as usize;
            let totals = monthly.totals(entry);
            let tier = timeline.tier_during(month, c) as usize;
            let benefits = &scenario.benefits[tier];
            let tally = &mut tallies[tier];
            tally.revenue += totals.net_spend();
            tally.orders += u64::from(totals.purchases);
            let discount = totals.spend * benefits.discount_percent / 100.0;
            paid += totals.spend;
            discounted += discount;
            let average_rate = if paid > 0.0 { discounted / paid } else { 0.0 };
            tally.costs.discount += discount - totals.refunded * average_rate;
            if benefits.free_shipping {
                tally.costs.shipping += f64::from(totals.purchases) * scenario.economics.shipping_cost_per_order;
            }
        }
        for month in monthly.join_month(c)..monthly.month_count {
            let tier = timeline.tier_during(month, c) as usize;
            tallies[tier].costs.gifts += scenario.benefits[tier].gift_cost_per_year * year_fraction[month];
        }
    }
    let value_of_point = scenario.points.point_cost * (1.0 - scenario.points.breakage_percent / 100.0);
    for (tally, issued) in tallies.iter_mut().zip(&ledger.net_earned_by_tier) {
        tally.costs.points_issued = *issued;
        tally.costs.points = issued * value_of_point;
    }
    tallies.into_iter().map(|t| (t.revenue, t.orders, t.costs)).collect()
}

/// Coupon cost per tier over the history: in each month, the purchases of at least the tier's
/// minimum spend, at most the month's coupons, times the redemption share, times the value
/// (docs/model.md, "Coupons"). A refund does not give a coupon back.
fn coupon_costs(scenario: &Scenario, log: &EventLog, monthly: &MonthlyActivity, timeline: &Timeline) -> Vec<f64> {
    let mut costs = vec![0.0; scenario.tier_count()];
    let purchase = log.purchase_kind();
    let month_of = |time: i64| (MonthIndex::of_timestamp(time).0 - monthly.first_month.0).max(0) as usize;
    for c in 0..log.customer_count() {
        // (month, eligible purchases in it), closed when the next month starts.
        let mut open: Option<(usize, f64)> = None;
        let close = |open: Option<(usize, f64)>, costs: &mut Vec<f64>| {
            if let Some((month, eligible)) = open {
                let tier = timeline.tier_during(month, c) as usize;
                if let Some(coupons) = &scenario.benefits[tier].coupons {
                    costs[tier] += coupons.cost(eligible);
                }
            }
        };
        for row in log.rows_of(c) {
            let amount = log.amount[row];
            if log.kind[row] != purchase || !amount.is_finite() || amount <= 0.0 {
                continue;
            }
            let month = month_of(log.time[row]);
            if open.is_some_and(|(m, _)| m != month) {
                close(open.take(), &mut costs);
            }
            let tier = timeline.tier_during(month, c) as usize;
            let eligible = scenario.benefits[tier].coupons.as_ref().is_some_and(|k| amount >= k.min_spend);
            let (_, count) = open.get_or_insert((month, 0.0));
            *count += if eligible { 1.0 } else { 0.0 };
        }
        close(open, &mut costs);
    }
    costs
}

/// The share of a year each month of the history covers (partial first and last months count
/// partly, so gifts follow the real length of the history).
pub fn month_year_fractions(monthly: &MonthlyActivity) -> Vec<f64> {
    let data_start = monthly.first_seen.iter().copied().min().unwrap_or(0);
    (0..monthly.month_count)
        .map(|month| {
            let start = super::date::MonthIndex(monthly.first_month.0 + month as i32).start_timestamp();
            let to =
                super::date::MonthIndex(monthly.first_month.0 + month as i32 + 1).start_timestamp().min(monthly.as_of);
            ((to - start.max(data_start)).max(0) as f64 / 86_400.0) / 365.25
        })
        .collect()
}

/// Prices a customer table: everyone's current tier applied to their aggregates, gifts for one year.
pub fn price_snapshot(scenario: &Scenario, activity: &Activity, tiers: &[u8]) -> Vec<(f64, u64, CostBreakdown)> {
    let mut tallies = empty_tallies(scenario.tier_count());
    let value_of_point = scenario.points.point_cost * (1.0 - scenario.points.breakage_percent / 100.0);
    for (c, &tier) in tiers.iter().enumerate() {
        let benefits = &scenario.benefits[tier as usize];
        let tally = &mut tallies[tier as usize];
        // Discounts and points apply to what was bought and kept; never below zero.
        let spend = activity.net_spend[c].max(0.0);
        let orders = activity.orders[c];
        tally.revenue += activity.net_spend[c];
        tally.orders += u64::from(orders);
        tally.costs.discount += spend * benefits.discount_percent / 100.0;
        let points = spend * scenario.points.per_currency_unit * benefits.points_multiplier;
        tally.costs.points_issued += points;
        tally.costs.points += points * value_of_point;
        if benefits.free_shipping {
            tally.costs.shipping += f64::from(orders) * scenario.economics.shipping_cost_per_order;
        }
        tally.costs.gifts += benefits.gift_cost_per_year * activity.history_years;
        if let Some(coupons) = &benefits.coupons {
            // Orders are not dated: all of them could use a coupon when the average order reaches
            // the minimum spend, within the coupons of the history's months.
            let average = if orders > 0 { spend / f64::from(orders) } else { 0.0 };
            let eligible = if orders > 0 && average >= coupons.min_spend { f64::from(orders) } else { 0.0 };
            tally.costs.coupons += coupons.cost_over(eligible, 12.0 * activity.history_years);
        }
    }
    tallies.into_iter().map(|t| (t.revenue, t.orders, t.costs)).collect()
}

/// What `outcome` needs besides the per-tier tallies.
pub struct OutcomeParts<'a> {
    pub scenario: &'a Scenario,
    pub lower_bounds: Vec<f64>,
    pub final_tiers: &'a [u8],
    pub final_scores: &'a [f64],
    pub active: &'a [bool],
    pub history_years: f64,
    pub timeline: Option<TimelineSummary>,
    pub points: Option<LedgerSummary>,
    pub warnings: Vec<Warning>,
}

/// Who ends in which tier: members, their score range, and active members (all and in the top
/// tier). Sums of partitions of the customers merge with `absorb`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TierMembers {
    pub customers: Vec<usize>,
    pub score_min: Vec<Option<f64>>,
    pub score_max: Vec<Option<f64>>,
    pub active: usize,
    pub active_top: usize,
}

impl TierMembers {
    pub fn count(tiers: usize, final_tiers: &[u8], final_scores: &[f64], active: &[bool]) -> TierMembers {
        let mut members = TierMembers {
            customers: vec![0; tiers],
            score_min: vec![None; tiers],
            score_max: vec![None; tiers],
            active: 0,
            active_top: 0,
        };
        for (c, (&tier, &score)) in final_tiers.iter().zip(final_scores).enumerate() {
            let t = tier as usize;
            members.customers[t] += 1;
            if score.is_finite() {
                members.score_min[t] = Some(members.score_min[t].map_or(score, |m| m.min(score)));
                members.score_max[t] = Some(members.score_max[t].map_or(score, |m| m.max(score)));
            }
            if active.get(c).copied().unwrap_or(false) {
                members.active += 1;
                members.active_top += usize::from(t + 1 == tiers);
            }
        }
        members
    }

    /// Adds another partition's members (counts add, score ranges widen).
    pub fn absorb(&mut self, other: &TierMembers) {
        let widen = |a: Option<f64>, b: Option<f64>, pick: fn(f64, f64) -> f64| match (a, b) {
            (Some(x), Some(y)) => Some(pick(x, y)),
            (x, y) => x.or(y),
        };
        for t in 0..self.customers.len() {
            self.customers[t] += other.customers[t];
            self.score_min[t] = widen(self.score_min[t], other.score_min[t], f64::min);
            self.score_max[t] = widen(self.score_max[t], other.score_max[t], f64::max);
        }
        self.active += other.active;
        self.active_top += other.active_top;
    }
}

/// Shares, totals, margins and warnings from the per-tier tallies.
pub fn outcome(parts: OutcomeParts, tallies: Vec<(f64, u64, CostBreakdown)>) -> ScenarioOutcome {
    let members = TierMembers::count(tallies.len(), parts.final_tiers, parts.final_scores, parts.active);
    outcome_of_members(
        parts.scenario,
        parts.lower_bounds,
        &members,
        parts.history_years,
        parts.timeline,
        parts.points,
        parts.warnings,
        tallies,
    )
}

/// `outcome` from tier members counted beforehand (by partitions of the customers, merged).
#[allow(clippy::too_many_arguments)]
pub fn outcome_of_members(
    scenario: &Scenario,
    lower_bounds: Vec<f64>,
    members: &TierMembers,
    history_years: f64,
    timeline: Option<TimelineSummary>,
    points: Option<LedgerSummary>,
    mut warnings: Vec<Warning>,
    tallies: Vec<(f64, u64, CostBreakdown)>,
) -> ScenarioOutcome {
    let customers: usize = members.customers.iter().sum();
    let revenue: f64 = tallies.iter().map(|t| t.0).sum();
    let mut totals = CostBreakdown::default();
    let mut tiers = Vec::with_capacity(tallies.len());
    for (index, (tier_revenue, orders, mut costs)) in tallies.into_iter().enumerate() {
        costs.close();
        totals.add(&costs);
        tiers.push(TierOutcome {
            name: scenario.tiers.names[index].clone(),
            customers: members.customers[index],
            share: ratio(members.customers[index] as f64, customers as f64),
            revenue: tier_revenue,
            revenue_share: ratio(tier_revenue, revenue),
            orders,
            costs,
            score_min: members.score_min[index],
            score_max: members.score_max[index],
        });
    }
    totals.close();
    let gross_margin = revenue * scenario.economics.gross_margin_percent / 100.0;
    if let Some(top) = tiers.len().checked_sub(1) {
        let share = ratio(members.active_top as f64, members.active as f64);
        if share > DILUTION_SHARE {
            warnings.push(Warning::TopTierDilution { tier: tiers[top].name.clone(), share });
        }
    }
    for tier in &tiers {
        if tier.customers == 0 {
            warnings.push(Warning::EmptyTier { tier: tier.name.clone() });
        }
    }
    if totals.total > gross_margin && totals.total > 0.0 {
        warnings.push(Warning::BenefitsExceedMargin { cost: totals.total, gross_margin });
    }
    let orders = tiers.iter().map(|t| t.orders).sum();
    ScenarioOutcome {
        name: scenario.name.clone(),
        lower_bounds,
        margin_after_benefits: gross_margin - totals.total,
        cost_to_revenue: ratio(totals.total, revenue),
        tiers,
        totals,
        revenue,
        orders,
        gross_margin,
        history_years,
        timeline,
        points,
        warnings,
    }
}

/// Share of active members above which the top tier stops feeling exclusive (docs/model.md, "Pricing": 10-15 %).
pub const DILUTION_SHARE: f64 = 0.15;

/// `numerator / denominator`, 0 when the denominator is 0 (an empty tier has no share of anything).
pub fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}
