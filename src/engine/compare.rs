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
    let transitions = transitions(&a.final_tiers, a.outcome.tiers.len(), &b.final_tiers, b.outcome.tiers.len());
    comparison_of(a.outcome, b.outcome, transitions)
}

/// `transitions[i][j]`: customers in tier i under A and tier j under B (sums over partitions of the
/// customers add up to the whole data's).
pub fn transitions(a: &[u8], tiers_a: usize, b: &[u8], tiers_b: usize) -> Vec<Vec<usize>> {
    let mut transitions = vec![vec![0usize; tiers_b]; tiers_a];
    for (&from, &to) in a.iter().zip(b) {
        transitions[from as usize][to as usize] += 1;
    }
    transitions
}

/// The comparison of two outcomes on the same customers, given who moved where.
pub fn comparison_of(oa: ScenarioOutcome, ob: ScenarioOutcome, transitions: Vec<Vec<usize>>) -> Comparison {
    let comparable = oa.tiers.len() == ob.tiers.len();
    let movement = comparable.then(|| {
        let mut movement = Movement { up: 0, down: 0, same: 0 };
        for (from, row) in transitions.iter().enumerate() {
            for (to, &count) in row.iter().enumerate() {
                match to.cmp(&from) {
                    std::cmp::Ordering::Greater => movement.up += count,
                    std::cmp::Ordering::Less => movement.down += count,
                    std::cmp::Ordering::Equal => movement.same += count,
                }
            }
        }
        movement
    });
    let difference = Difference {
        costs: ob.totals.minus(&oa.totals),
        revenue: ob.revenue - oa.revenue,
        margin_after_benefits: ob.margin_after_benefits - oa.margin_after_benefits,
        cost_to_revenue: ob.cost_to_revenue - oa.cost_to_revenue,
        customers_per_tier: comparable.then(|| {
            oa.tiers.iter().zip(&ob.tiers).map(|(ta, tb)| tb.customers as i64 - ta.customers as i64).collect()
        }),
    };
    let customers = transitions.iter().flatten().sum();
    Comparison { customers, a: oa, b: ob, transitions, movement, difference }
}
