//! Scenario A against scenario B on the same customers: tiers, who moves where, and what it costs.

use serde::{Deserialize, Serialize};

use super::pricing::{CostBreakdown, ScenarioOutcome};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub customers: usize,
    pub a: ScenarioOutcome,
    pub b: ScenarioOutcome,
    /// `transitions[i][j]`: customers in tier i under A and tier j under B.
    pub transitions: Vec<Vec<usize>>,
    /// Customers in a higher / lower / the same tier position under B (only when both schemes have
    /// the same number of tiers, since positions are otherwise not comparable).
    pub movement: Option<Movement>,
    /// B minus A.
    pub difference: Difference,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Movement {
    pub up: usize,
    pub down: usize,
    pub same: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    pub costs: CostBreakdown,
    pub margin_after_benefits: f64,
    pub cost_to_revenue: f64,
    /// Customers per tier position, B - A (only when tier counts match).
    pub customers_per_tier: Option<Vec<i64>>,
}

use super::features::Activity;
use super::pricing::{price_scenario, PricedScenario};
use super::scenario::Scenario;

/// Prices both (already validated) scenarios on the same customers and lines them up.
pub fn compare(a: &Scenario, b: &Scenario, activity: &Activity) -> Comparison {
    let priced_a = price_scenario(a, activity);
    let priced_b = price_scenario(b, activity);
    compare_priced(priced_a, priced_b)
}

pub fn compare_priced(a: PricedScenario, b: PricedScenario) -> Comparison {
    let tiers_a = a.outcome.tiers.len();
    let tiers_b = b.outcome.tiers.len();
    let mut transitions = vec![vec![0usize; tiers_b]; tiers_a];
    for (&from, &to) in a.tier_of_customer.iter().zip(&b.tier_of_customer) {
        transitions[from as usize][to as usize] += 1;
    }
    let comparable = tiers_a == tiers_b;
    let movement = comparable.then(|| {
        let mut movement = Movement { up: 0, down: 0, same: 0 };
        for (&from, &to) in a.tier_of_customer.iter().zip(&b.tier_of_customer) {
            match to.cmp(&from) {
                std::cmp::Ordering::Greater => movement.up += 1,
                std::cmp::Ordering::Less => movement.down += 1,
                std::cmp::Ordering::Equal => movement.same += 1,
            }
        }
        movement
    });
    let (oa, ob) = (&a.outcome, &b.outcome);
    let difference = Difference {
        costs: CostBreakdown {
            discount: ob.totals.discount - oa.totals.discount,
            points: ob.totals.points - oa.totals.points,
            shipping: ob.totals.shipping - oa.totals.shipping,
            gifts: ob.totals.gifts - oa.totals.gifts,
            total: ob.totals.total - oa.totals.total,
            points_issued: ob.totals.points_issued - oa.totals.points_issued,
        },
        margin_after_benefits: ob.margin_after_benefits - oa.margin_after_benefits,
        cost_to_revenue: ob.cost_to_revenue - oa.cost_to_revenue,
        customers_per_tier: comparable.then(|| {
            oa.tiers.iter().zip(&ob.tiers).map(|(ta, tb)| tb.customers as i64 - ta.customers as i64).collect()
        }),
    };
    Comparison { customers: a.tier_of_customer.len(), a: a.outcome, b: b.outcome, transitions, movement, difference }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::activity::tests::event_log;
    use crate::engine::roles::EventKind::Pay;
    use crate::engine::scenario::{Scoring, Thresholds};

    #[test]
    fn transitions_and_movement_by_hand() {
        // Spends 50, 150, 250, 350 (growth value with amount weight 1).
        // A: bounds 100 / 200 / 300 -> tiers 0, 1, 2, 3.  B: bounds 200 / 300 / 340 -> 0, 0, 1, 3.
        let data = event_log(&[(0, 0, Pay, 50.0), (1, 0, Pay, 150.0), (2, 0, Pay, 250.0), (3, 0, Pay, 350.0)]);
        let activity = Activity::from_dataset(&data).unwrap();
        let mut a = Scenario::template();
        a.scoring = Scoring::GrowthValue { amount: 1.0, orders: 0.0, interactions: 0.0 };
        a.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![100.0, 200.0, 300.0] };
        let mut b = a.clone();
        b.name = "B".into();
        b.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![200.0, 300.0, 340.0] };
        let c = compare(&a, &b, &activity);
        let expected = vec![vec![1, 0, 0, 0], vec![1, 0, 0, 0], vec![0, 1, 0, 0], vec![0, 0, 0, 1]];
        assert_eq!(c.transitions, expected);
        assert_eq!(c.movement, Some(Movement { up: 0, down: 2, same: 2 }));
        // Counts A: 1, 1, 1, 1; B: 2, 1, 0, 1.
        assert_eq!(c.difference.customers_per_tier, Some(vec![1, 0, -1, 0]));
        // Discounts (template): A gives 0 / 2 / 5 / 8 % -> 0 + 3 + 12.5 + 28 = 43.5;
        // B gives 0 + 0 + 2 % of 250 + 8 % of 350 = 5 + 28 = 33; difference -10.5.
        assert!((c.a.totals.discount - 43.5).abs() < 1e-9);
        assert!((c.b.totals.discount - 33.0).abs() < 1e-9);
        assert!((c.difference.costs.discount + 10.5).abs() < 1e-9);
    }
}
