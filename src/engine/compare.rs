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
