//! Prices a scenario's benefit scheme over the observed history: what each tier's discount, points,
//! free shipping and gifts would have cost on what customers actually bought. Static: nobody changes
//! behaviour here (the simulator adds that).

use serde::{Deserialize, Serialize};

/// Cost of benefits by type, in currency units over the priced period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CostBreakdown {
    pub discount: f64,
    /// Expected cost of redeeming the issued points: issued x (1 - breakage) x point cost.
    pub points: f64,
    pub shipping: f64,
    pub gifts: f64,
    pub total: f64,
    /// Points issued (a count, not money).
    pub points_issued: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierOutcome {
    pub name: String,
    pub customers: usize,
    /// Share of all customers, 0-1.
    pub share: f64,
    /// Net spend of the tier's customers over the history (before the tier discount).
    pub revenue: f64,
    /// Share of all revenue, 0-1.
    pub revenue_share: f64,
    pub orders: u64,
    pub costs: CostBreakdown,
    /// Lowest and highest score in the tier (none when the tier is empty).
    pub score_min: Option<f64>,
    pub score_max: Option<f64>,
}

/// Something the marketer should look at before trusting the scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// The top tier holds more than 15 % of customers: status dilutes (Dreze & Nunes 2009).
    TopTierDilution { tier: String, share: f64 },
    /// No customer reaches this tier.
    EmptyTier { tier: String },
    /// Target shares could not be met because many customers share the same score.
    SharesMissedByTies { tier: String, target: f64, actual: f64 },
    /// Benefits cost more than the gross margin they sit on.
    BenefitsExceedMargin { cost: f64, gross_margin: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioOutcome {
    pub name: String,
    /// Effective lower bound of every tier but the first (computed from shares when needed).
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
    /// Length of the priced history in years (gifts are charged per year); 1 for customer tables.
    pub history_years: f64,
    pub warnings: Vec<Warning>,
}

use super::features::Activity;
use super::scenario::{Scenario, Thresholds};
use super::scoring::score_customers;
use super::tiers::{assign_tiers, resolve_bounds};

/// Share of active members above which the top tier stops feeling exclusive (DOMAIN.md 7: 10-15 %).
pub const DILUTION_SHARE: f64 = 0.15;
/// How far (in share, 0-1) a tier may miss its target share before the user is warned.
const SHARE_TOLERANCE: f64 = 0.02;
/// A member counts as active when they bought within this many days of the end of the history.
const ACTIVE_WITHIN_DAYS: i64 = 365;

/// A scenario applied to the data: the outcome plus each customer's score and tier, which the
/// comparison needs for the transition matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedScenario {
    pub outcome: ScenarioOutcome,
    pub scores: Vec<f64>,
    pub tier_of_customer: Vec<u8>,
}

/// Scores, tiers and prices one (already validated) scenario.
pub fn price_scenario(scenario: &Scenario, activity: &Activity) -> PricedScenario {
    let scores = score_customers(&scenario.scoring, activity);
    let lower_bounds = resolve_bounds(&scenario.tiers.thresholds, &scores);
    let tier_of_customer = assign_tiers(&scores, &lower_bounds);
    let tier_count = scenario.tier_count();
    let economics = &scenario.economics;
    let redeemed_share = 1.0 - economics.breakage_percent / 100.0;

    let mut tiers: Vec<TierOutcome> = scenario
        .tiers
        .names
        .iter()
        .map(|name| TierOutcome {
            name: name.clone(),
            customers: 0,
            share: 0.0,
            revenue: 0.0,
            revenue_share: 0.0,
            orders: 0,
            costs: CostBreakdown::default(),
            score_min: None,
            score_max: None,
        })
        .collect();

    for (customer, &tier) in tier_of_customer.iter().enumerate() {
        let benefits = &scenario.benefits[tier as usize];
        let outcome = &mut tiers[tier as usize];
        // Discounts and points apply to what was bought and kept; refunds reverse both, never below zero.
        let spend = activity.net_spend[customer].max(0.0);
        let orders = activity.orders[customer];
        let score = scores[customer];
        outcome.customers += 1;
        outcome.revenue += activity.net_spend[customer];
        outcome.orders += u64::from(orders);
        outcome.costs.discount += spend * benefits.discount_percent / 100.0;
        let points = spend * economics.points_per_currency_unit * benefits.points_multiplier;
        outcome.costs.points_issued += points;
        outcome.costs.points += points * redeemed_share * economics.point_cost;
        if benefits.free_shipping {
            outcome.costs.shipping += f64::from(orders) * economics.shipping_cost_per_order;
        }
        outcome.costs.gifts += benefits.gift_cost_per_year * activity.history_years;
        outcome.score_min = Some(outcome.score_min.map_or(score, |m| m.min(score)));
        outcome.score_max = Some(outcome.score_max.map_or(score, |m| m.max(score)));
    }

    let customers = tier_of_customer.len();
    let revenue: f64 = tiers.iter().map(|t| t.revenue).sum();
    let mut totals = CostBreakdown::default();
    for tier in &mut tiers {
        tier.costs.total = tier.costs.discount + tier.costs.points + tier.costs.shipping + tier.costs.gifts;
        tier.share = ratio(tier.customers as f64, customers as f64);
        tier.revenue_share = ratio(tier.revenue, revenue);
        totals.discount += tier.costs.discount;
        totals.points += tier.costs.points;
        totals.shipping += tier.costs.shipping;
        totals.gifts += tier.costs.gifts;
        totals.points_issued += tier.costs.points_issued;
    }
    totals.total = totals.discount + totals.points + totals.shipping + totals.gifts;
    let gross_margin = revenue * economics.gross_margin_percent / 100.0;

    let mut warnings = Vec::new();
    let active = active_members(activity);
    if let Some(top) = tier_count.checked_sub(1) {
        let active_total = active.iter().filter(|&&a| a).count();
        let active_top = tier_of_customer.iter().zip(&active).filter(|(&t, &a)| a && t as usize == top).count();
        let share = ratio(active_top as f64, active_total as f64);
        if share > DILUTION_SHARE {
            warnings.push(Warning::TopTierDilution { tier: tiers[top].name.clone(), share });
        }
    }
    for tier in &tiers {
        if tier.customers == 0 {
            warnings.push(Warning::EmptyTier { tier: tier.name.clone() });
        }
    }
    if let Thresholds::TargetShares { percent } = &scenario.tiers.thresholds {
        for (tier, target) in tiers.iter().zip(percent) {
            let target = target / 100.0;
            if tier.customers > 0 && (tier.share - target).abs() > SHARE_TOLERANCE {
                warnings.push(Warning::SharesMissedByTies { tier: tier.name.clone(), target, actual: tier.share });
            }
        }
    }
    if totals.total > gross_margin && totals.total > 0.0 {
        warnings.push(Warning::BenefitsExceedMargin { cost: totals.total, gross_margin });
    }

    let orders = tiers.iter().map(|t| t.orders).sum();
    PricedScenario {
        outcome: ScenarioOutcome {
            name: scenario.name.clone(),
            lower_bounds,
            margin_after_benefits: gross_margin - totals.total,
            cost_to_revenue: ratio(totals.total, revenue),
            tiers,
            totals,
            revenue,
            orders,
            gross_margin,
            history_years: activity.history_years,
            warnings,
        },
        scores,
        tier_of_customer,
    }
}

/// Members who bought within the last year of the history (all buyers when dates are unknown).
fn active_members(activity: &Activity) -> Vec<bool> {
    (0..activity.customer_count())
        .map(|c| match (activity.as_of, activity.last_purchase[c]) {
            (Some(as_of), Some(last)) => as_of - last <= ACTIVE_WITHIN_DAYS * 86_400,
            (Some(_), None) if activity.orders[c] == 0 => false,
            _ => activity.orders[c] > 0 || activity.net_spend[c] > 0.0,
        })
        .collect()
}

/// `numerator / denominator`, 0 when the denominator is 0 (an empty tier has no share of anything).
fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::activity::tests::event_log;
    use crate::engine::roles::EventKind::*;
    use crate::engine::scenario::{Scoring, TierBenefits, TierRules};

    fn two_tier_scenario() -> Scenario {
        let mut s = Scenario::template();
        s.scoring = Scoring::GrowthValue { amount: 1.0, orders: 0.0, interactions: 0.0 };
        s.tiers = TierRules {
            names: vec!["Regular".into(), "Gold".into()],
            thresholds: Thresholds::Absolute { lower_bounds: vec![500.0] },
        };
        s.benefits = vec![
            TierBenefits {
                discount_percent: 0.0,
                points_multiplier: 1.0,
                free_shipping: false,
                gift_cost_per_year: 0.0,
            },
            TierBenefits {
                discount_percent: 10.0,
                points_multiplier: 2.0,
                free_shipping: true,
                gift_cost_per_year: 50.0,
            },
        ];
        s
    }

    #[test]
    fn prices_a_hand_checked_history() {
        // History spans day 0 .. day 730.5 = 2 years.
        // Customer 0: pays 300 and 400, refunds 100 -> net 600, 2 orders -> Gold (>= 500).
        // Customer 1: pays 200 -> Regular. Customer 2: views only -> Regular.
        let mut data = event_log(&[
            (0, 0, Pay, 300.0),
            (0, 100, Pay, 400.0),
            (0, 200, Refund, -100.0),
            (1, 50, Pay, 200.0),
            (2, 730, View, f64::NAN),
        ]);
        let log = data.events.as_mut().unwrap();
        let last = log.time.len() - 1;
        log.time[last] += 43_200;
        let activity = Activity::from_dataset(&data).unwrap();
        let priced = price_scenario(&two_tier_scenario(), &activity);
        let o = &priced.outcome;
        assert_eq!(priced.tier_of_customer, vec![1, 0, 0]);
        assert_eq!(o.revenue, 800.0);
        // Gold: discount 10 % of 600 = 60; points 600 * 1 pt * 2 = 1200 issued, 75 % redeemed at 0.01
        // = 9; shipping 2 orders * 8 = 16; gifts 50 per year * 2 years = 100. Total 185.
        let gold = &o.tiers[1].costs;
        assert!((gold.discount - 60.0).abs() < 1e-9);
        assert!((gold.points_issued - 1200.0).abs() < 1e-9);
        assert!((gold.points - 9.0).abs() < 1e-9);
        assert!((gold.shipping - 16.0).abs() < 1e-9);
        assert!((gold.gifts - 100.0).abs() < 1e-9);
        assert!((gold.total - 185.0).abs() < 1e-9);
        // Regular: points 200 * 1 = 200 issued, cost 200 * 0.75 * 0.01 = 1.5.
        assert!((o.tiers[0].costs.points - 1.5).abs() < 1e-9);
        assert!((o.totals.total - 186.5).abs() < 1e-9);
        // Gross margin 30 % of 800 = 240; after benefits 53.5; cost / revenue = 186.5 / 800.
        assert!((o.gross_margin - 240.0).abs() < 1e-9);
        assert!((o.margin_after_benefits - 53.5).abs() < 1e-9);
        assert!((o.cost_to_revenue - 186.5 / 800.0).abs() < 1e-12);
        assert_eq!(o.tiers[1].share, 1.0 / 3.0);
        assert_eq!(o.tiers[1].revenue_share, 600.0 / 800.0);
        // Neither buyer bought in the last 365 days of the history: nobody is active, so no dilution.
        assert!(!o.warnings.iter().any(|w| matches!(w, Warning::TopTierDilution { .. })));
    }

    #[test]
    fn a_crowded_top_tier_among_active_members_is_flagged() {
        // Customers 0 and 1 buy in the last year, customer 2 bought two years before the end.
        // Active: 0 (Gold) and 1 (Regular) -> top-tier share 1 / 2 = 50 % > 15 %.
        let data = event_log(&[(0, 700, Pay, 900.0), (1, 690, Pay, 20.0), (2, 0, Pay, 1000.0)]);
        let activity = Activity::from_dataset(&data).unwrap();
        let priced = price_scenario(&two_tier_scenario(), &activity);
        assert!(priced.outcome.warnings.contains(&Warning::TopTierDilution { tier: "Gold".into(), share: 0.5 }));
    }

    #[test]
    fn empty_tiers_are_flagged() {
        let data = event_log(&[(0, 0, Pay, 10.0), (1, 10, Pay, 20.0)]);
        let activity = Activity::from_dataset(&data).unwrap();
        let priced = price_scenario(&two_tier_scenario(), &activity);
        assert_eq!(priced.outcome.warnings, vec![Warning::EmptyTier { tier: "Gold".into() }]);
    }
}
