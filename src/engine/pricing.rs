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
    /// Lowest and highest score in the tier (NaN when the tier is empty).
    pub score_min: f64,
    pub score_max: f64,
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
