//! What a simulation run reports.

use serde::{Deserialize, Serialize};

use super::baseline::BaselineSource;
use super::groups::GroupStat;
use super::kpi::{KpiStat, MonthlyStat, Spread};
use super::planner::FieldTestInputs;
use super::settings::SimulationSettings;

/// One scheme's simulated results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemeResult {
    pub name: String,
    pub totals: Vec<KpiStat>,
    /// Scheme minus the no-program counterfactual (revenue, orders, margin, ROI).
    pub incremental: Vec<IncrementalStat>,
    pub monthly: Vec<MonthlyStat>,
    pub tier_names: Vec<String>,
    /// Mean share of customers per tier at the end of each month: `tier_shares[month][tier]`.
    pub tier_shares: Vec<Vec<f64>>,
    /// Mean customers moving from their tier at the start (rows) to the end (columns).
    pub migration: Vec<Vec<f64>>,
    pub groups: Vec<GroupStat>,
    /// The score model cannot move with simulated purchases (it ranks or normalises across
    /// customers); tiers then move only through downgrades.
    pub frozen_scores: bool,
    /// Mean share of active customers in the top tier at the end.
    pub top_tier_share: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncrementalKpi {
    Revenue,
    Orders,
    /// Margin after benefits minus the counterfactual's margin.
    Margin,
    /// Incremental margin per unit of benefit cost.
    Roi,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncrementalStat {
    pub kpi: IncrementalKpi,
    pub spread: Spread,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationResult {
    pub settings: SimulationSettings,
    pub customers: usize,
    pub baseline: BaselineSource,
    /// `YYYY-MM` of each simulated month (`+1`, `+2`, ... for customer tables).
    pub month_labels: Vec<String>,
    pub counterfactual: CounterfactualResult,
    /// A then B.
    pub schemes: Vec<SchemeResult>,
    /// B - A per replication (paired: the same customers drew the same randomness).
    pub difference: Vec<KpiStat>,
    /// Share of replications in which B's margin beats A's.
    pub b_better_on_margin: f64,
    /// Per-customer margin mean and variance by month under A and B, for sizing a field test.
    pub field_test: FieldTestInputs,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterfactualResult {
    pub revenue: Spread,
    pub orders: Spread,
    pub retention_rate: Spread,
    pub conversion_rate: Spread,
    pub monthly_revenue: Vec<Spread>,
    pub monthly_orders: Vec<Spread>,
}
