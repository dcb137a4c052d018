//! What a simulation run reports.

use serde::{Deserialize, Serialize};

use super::baseline::BaselineSource;
use super::groups::GroupStat;
use super::kpi::{KpiStat, MonthlyStat, Spread};
use super::planner::FieldTestInputs;
use super::settings::SimulationSettings;
use super::until_sure::Precision;

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
    /// In the order they were given.
    pub schemes: Vec<SchemeResult>,
    /// The scheme every other one is compared with (index into `schemes`).
    pub reference: usize,
    /// Every other scheme minus the reference, in scheme order.
    pub comparisons: Vec<Comparison>,
    /// The schemes by mean incremental margin, best first.
    pub ranking: Vec<Rank>,
    /// How precisely the run knows its key difference, and for "run until sure" whether it got
    /// there (`settings.replications` holds the replications actually run).
    pub precision: Precision,
}

impl SimulationResult {
    /// The comparison of scheme `scheme` with the reference (`None` for the reference itself).
    pub fn comparison(&self, scheme: usize) -> Option<&Comparison> {
        self.comparisons.iter().find(|c| c.scheme == scheme)
    }

    /// The scheme ranked first.
    pub fn best(&self) -> Option<usize> {
        self.ranking.first().map(|r| r.scheme)
    }
}

/// One scheme against the reference, paired by replication (the same customers drew the same
/// randomness under both).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Index into `schemes`.
    pub scheme: usize,
    /// Scheme minus reference on every KPI.
    pub difference: Vec<KpiStat>,
    /// Scheme minus reference incremental margin (differs from the margin difference only when
    /// their gross margins differ).
    pub incremental_margin: Spread,
    /// Share of replications in which the scheme's margin beats the reference's (ties count half).
    pub chance_better_on_margin: f64,
    /// Per-customer margin mean and variance by month under the reference (`a`) and the scheme
    /// (`b`), for sizing a field test of one against the other.
    pub field_test: FieldTestInputs,
}

/// A scheme's place in the ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rank {
    /// Index into `schemes`.
    pub scheme: usize,
    pub incremental_margin: Spread,
    /// Share of replications in which this scheme has the highest incremental margin (a tie of k
    /// schemes gives each 1/k).
    pub chance_best: f64,
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
