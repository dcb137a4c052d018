//! Scenario A against scenario B on the same customers: tiers, who moves where, and what it costs.

use serde::{Deserialize, Serialize};

use super::evaluate::{evaluate, EvaluateError, Evaluated, PreparedData};
use super::pricing::{CostBreakdown, ScenarioOutcome};
use super::progress::Progress;
use super::scenario::Scenario;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub customers: usize,
    pub a: ScenarioOutcome,
    pub b: ScenarioOutcome,
    /// `transitions[i][j]`: customers in tier i under A and tier j under B at the end of the history.
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
    pub revenue: f64,
    pub margin_after_benefits: f64,
    pub cost_to_revenue: f64,
    /// Customers per tier position, B - A (only when tier counts match).
    pub customers_per_tier: Option<Vec<i64>>,
}

/// Evaluates both (already validated) scenarios on the same customers and lines them up.
pub fn compare(
    a: &Scenario,
    b: &Scenario,
    data: &PreparedData,
    progress: &mut dyn Progress,
) -> Result<Comparison, (char, EvaluateError)> {
    let evaluated_a = evaluate(a, data, progress).map_err(|e| ('A', e))?;
    let evaluated_b = evaluate(b, data, progress).map_err(|e| ('B', e))?;
    Ok(compare_evaluated(evaluated_a, evaluated_b))
}

pub fn compare_evaluated(a: Evaluated, b: Evaluated) -> Comparison {
    let tiers_a = a.outcome.tiers.len();
    let tiers_b = b.outcome.tiers.len();
    let mut transitions = vec![vec![0usize; tiers_b]; tiers_a];
    for (&from, &to) in a.final_tiers.iter().zip(&b.final_tiers) {
        transitions[from as usize][to as usize] += 1;
    }
    let comparable = tiers_a == tiers_b;
    let movement = comparable.then(|| {
        let mut movement = Movement { up: 0, down: 0, same: 0 };
        for (&from, &to) in a.final_tiers.iter().zip(&b.final_tiers) {
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
        costs: ob.totals.minus(&oa.totals),
        revenue: ob.revenue - oa.revenue,
        margin_after_benefits: ob.margin_after_benefits - oa.margin_after_benefits,
        cost_to_revenue: ob.cost_to_revenue - oa.cost_to_revenue,
        customers_per_tier: comparable.then(|| {
            oa.tiers.iter().zip(&ob.tiers).map(|(ta, tb)| tb.customers as i64 - ta.customers as i64).collect()
        }),
    };
    Comparison { customers: a.final_tiers.len(), a: a.outcome, b: b.outcome, transitions, movement, difference }
}
