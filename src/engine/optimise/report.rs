//! What the optimiser reports besides the best scheme: how it differs from the current one (typed
//! changes the page translates and the CLI words in English), the cost-vs-margin frontier of the
//! candidates it simulated, and the win re-simulated on fresh futures.

use serde::{Deserialize, Serialize};

use super::estimate::Estimate;
use super::search::Tried;
use super::space::{value_of, Parameter, Space};
use crate::engine::scenario::Scenario;
use crate::engine::simulate::kpi::Spread;

/// One setting the best scheme changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemeChange {
    pub parameter: Parameter,
    pub from: f64,
    pub to: f64,
}

impl SchemeChange {
    /// Plain English for the CLI (the page words the typed value itself).
    pub fn describe(&self, scheme: &Scenario) -> String {
        let tier = |t: usize| scheme.tiers.names.get(t).cloned().unwrap_or_else(|| format!("tier {t}"));
        let direction = if self.to > self.from { "raise" } else { "lower" };
        match self.parameter {
            Parameter::Threshold { tier: t } => {
                format!("{direction} the threshold of {} from {} to {}", tier(t), round(self.from), round(self.to))
            }
            Parameter::DiscountPercent { tier: t } => {
                format!("{direction} the discount of {} from {} % to {} %", tier(t), round(self.from), round(self.to))
            }
            Parameter::PointsMultiplier { tier: t } => format!(
                "{direction} the points multiplier of {} from x{} to x{}",
                tier(t),
                round(self.from),
                round(self.to)
            ),
            Parameter::FreeShippingFrom => {
                let from_tier = |t: f64| {
                    let t = t as usize;
                    if t >= scheme.tier_count() {
                        "no tier".to_string()
                    } else {
                        format!("{} and above", tier(t))
                    }
                };
                format!("free shipping for {} instead of {}", from_tier(self.to), from_tier(self.from))
            }
            Parameter::WelcomePoints => {
                format!("{direction} the welcome points from {} to {}", round(self.from), round(self.to))
            }
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Every searched setting whose value differs between the current and the best scheme.
pub fn changes(space: &Space, current: &Scenario, best: &Scenario) -> Vec<SchemeChange> {
    space
        .coordinates
        .iter()
        .map(|(p, _)| SchemeChange { parameter: *p, from: value_of(current, *p), to: value_of(best, *p) })
        .filter(|c| (c.to - c.from).abs() > 1e-9)
        .collect()
}

/// A candidate on the frontier: no other candidate (meeting every constraint but the budget) costs
/// less and earns more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrontierPoint {
    pub benefit_cost: f64,
    pub incremental_margin: Spread,
    pub replications: u32,
    /// Its values, in the order of the searched parameters.
    pub point: Vec<f64>,
}

/// The cost-vs-margin frontier, cheapest first.
pub fn frontier(tried: &[Tried]) -> Vec<FrontierPoint> {
    let mut eligible: Vec<&Tried> = tried
        .iter()
        .filter(|t| t.estimate.violations.iter().all(|v| matches!(v, super::estimate::Violation::Budget { .. })))
        .collect();
    eligible.sort_by(|x, y| {
        x.estimate
            .benefit_cost
            .total_cmp(&y.estimate.benefit_cost)
            .then(y.estimate.incremental_margin.mean.total_cmp(&x.estimate.incremental_margin.mean))
    });
    let mut best_so_far = f64::NEG_INFINITY;
    let mut points = Vec::new();
    for t in eligible {
        let e: &Estimate = &t.estimate;
        if e.incremental_margin.mean > best_so_far {
            best_so_far = e.incremental_margin.mean;
            points.push(FrontierPoint {
                benefit_cost: e.benefit_cost,
                incremental_margin: e.incremental_margin.clone(),
                replications: e.replications,
                point: t.point.clone(),
            });
        }
    }
    points
}

/// The best scheme against the current one on futures the search never saw: this, not the
/// search's own estimate (which favours whichever candidate had lucky futures), is the win.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Confirmation {
    pub seed: u64,
    pub replications: u32,
    pub current: Estimate,
    pub best: Estimate,
    /// Best minus current incremental margin, paired by future.
    pub gain: Spread,
    /// Share of futures in which the best scheme earns the higher margin.
    pub chance_better: f64,
}
