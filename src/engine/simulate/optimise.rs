//! Searches tier thresholds and benefit levels around a scheme for the highest incremental margin
//! under the marketer's constraints (top-tier share, benefit budget, minimum retention), and keeps
//! every point it tried so the page can show the frontier.

use serde::{Deserialize, Serialize};

use super::baseline::Baseline;
use super::kpi::Kpi;
use super::{simulate, IncrementalKpi, SimulateError, SimulationSettings};
use crate::engine::evaluate::PreparedData;
use crate::engine::progress::{Progress, Silent, Stage};
use crate::engine::scenario::{Scenario, Thresholds};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptimiserSettings {
    /// Factors on the tier thresholds (above 1 = harder to reach).
    pub threshold_scales: Vec<f64>,
    /// Factors on discounts, extra points and gifts (0 = no benefits, 1 = as designed).
    pub benefit_scales: Vec<f64>,
    pub constraints: Constraints,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Largest acceptable share of customers in the top tier at the end (0-1).
    pub max_top_tier_share: Option<f64>,
    /// Largest acceptable total benefit cost over the horizon.
    pub max_benefit_cost: Option<f64>,
    /// Smallest acceptable retention rate (0-1).
    pub min_retention: Option<f64>,
}

impl Default for OptimiserSettings {
    fn default() -> Self {
        OptimiserSettings {
            threshold_scales: vec![0.6, 0.8, 1.0, 1.25, 1.5],
            benefit_scales: vec![0.0, 0.5, 1.0, 1.5],
            constraints: Constraints { max_top_tier_share: Some(0.15), max_benefit_cost: None, min_retention: None },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub threshold_scale: f64,
    pub benefit_scale: f64,
    pub incremental_margin: f64,
    pub benefit_cost: f64,
    pub top_tier_share: f64,
    pub retention: f64,
    pub feasible: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptimiserResult {
    pub candidates: Vec<Candidate>,
    /// Index of the best feasible candidate.
    pub best: Option<usize>,
    /// The best candidate as a scenario, ready to compare or save.
    pub best_scenario: Option<Scenario>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OptimiseError {
    Simulate {
        error: SimulateError,
    },
    /// A search list is empty, too long or holds a value outside 0-5.
    BadSearch {
        field: String,
    },
}

/// The scheme with thresholds and benefits scaled.
pub fn scaled(base: &Scenario, threshold_scale: f64, benefit_scale: f64) -> Scenario {
    let mut s = base.clone();
    s.tiers.thresholds = match &base.tiers.thresholds {
        Thresholds::Absolute { lower_bounds } => {
            Thresholds::Absolute { lower_bounds: lower_bounds.iter().map(|b| b * threshold_scale).collect() }
        }
        // Harder thresholds shrink every tier above the first; the first absorbs the rest.
        Thresholds::TargetShares { percent } => {
            let mut shares: Vec<f64> = percent.iter().map(|p| p / threshold_scale).collect();
            let upper: f64 = shares[1..].iter().sum();
            let scale_down = if upper > 100.0 { 100.0 / upper } else { 1.0 };
            for share in &mut shares[1..] {
                *share *= scale_down;
            }
            shares[0] = 100.0 - shares[1..].iter().sum::<f64>();
            Thresholds::TargetShares { percent: shares }
        }
        Thresholds::Quantiles { quantiles } => Thresholds::Quantiles {
            quantiles: quantiles.iter().map(|q| (1.0 - (1.0 - q) / threshold_scale).clamp(0.0, 0.999)).collect(),
        },
    };
    for b in &mut s.benefits {
        b.discount_percent = (b.discount_percent * benefit_scale).min(100.0);
        b.points_multiplier = 1.0 + (b.points_multiplier - 1.0) * benefit_scale;
        b.points_multiplier = b.points_multiplier.max(0.0);
        b.gift_cost_per_year *= benefit_scale;
    }
    s.name = format!("{} (thresholds x{threshold_scale}, benefits x{benefit_scale})", base.name);
    s
}

impl OptimiserSettings {
    /// The search lists hold 1 to 12 factors between 0 and 5, threshold factors above 0 (the page
    /// checks its fields with this too).
    pub fn check(&self) -> Result<(), OptimiseError> {
        for (field, values) in [("threshold_scales", &self.threshold_scales), ("benefit_scales", &self.benefit_scales)]
        {
            if values.is_empty()
                || values.len() > 12
                || values.iter().any(|v| !(0.0..=5.0).contains(v) || (field == "threshold_scales" && *v <= 0.0))
            {
                return Err(OptimiseError::BadSearch { field: field.into() });
            }
        }
        Ok(())
    }
}

pub fn optimise(
    base: &Scenario,
    data: &PreparedData,
    baseline: &Baseline,
    simulation: &SimulationSettings,
    settings: &OptimiserSettings,
    progress: &mut dyn Progress,
) -> Result<OptimiserResult, OptimiseError> {
    settings.check()?;
    let total = (settings.threshold_scales.len() * settings.benefit_scales.len()) as u64;
    let mut candidates = Vec::new();
    for &threshold_scale in &settings.threshold_scales {
        for &benefit_scale in &settings.benefit_scales {
            let candidate = scaled(base, threshold_scale, benefit_scale);
            let result = simulate(&candidate, &candidate, data, baseline, simulation, &mut Silent)
                .map_err(|error| OptimiseError::Simulate { error })?;
            let scheme = &result.schemes[0];
            let total_kpi = |kpi: Kpi| scheme.totals.iter().find(|k| k.kpi == kpi).map_or(0.0, |k| k.spread.mean);
            let incremental_margin =
                scheme.incremental.iter().find(|i| i.kpi == IncrementalKpi::Margin).map_or(0.0, |i| i.spread.mean);
            let benefit_cost = total_kpi(Kpi::TotalBenefitCost);
            let retention = total_kpi(Kpi::RetentionRate);
            let c = &settings.constraints;
            let feasible = c.max_top_tier_share.is_none_or(|m| scheme.top_tier_share <= m)
                && c.max_benefit_cost.is_none_or(|m| benefit_cost <= m)
                && c.min_retention.is_none_or(|m| retention >= m);
            candidates.push(Candidate {
                threshold_scale,
                benefit_scale,
                incremental_margin,
                benefit_cost,
                top_tier_share: scheme.top_tier_share,
                retention,
                feasible,
            });
            progress.report(Stage::Simulating, candidates.len() as u64, total);
        }
    }
    let best = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.feasible)
        .max_by(|(_, x), (_, y)| x.incremental_margin.total_cmp(&y.incremental_margin))
        .map(|(i, _)| i);
    let best_scenario = best.map(|i| scaled(base, candidates[i].threshold_scale, candidates[i].benefit_scale));
    Ok(OptimiserResult { candidates, best, best_scenario })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_thresholds_and_benefits() {
        let mut base = Scenario::template();
        base.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![100.0, 500.0, 1000.0] };
        let s = scaled(&base, 1.5, 0.5);
        assert_eq!(s.tiers.thresholds, Thresholds::Absolute { lower_bounds: vec![150.0, 750.0, 1500.0] });
        // Diamond: 8 % -> 4 %, multiplier 2 -> 1.5, gifts 60 -> 30.
        assert_eq!(s.benefits[3].discount_percent, 4.0);
        assert_eq!(s.benefits[3].points_multiplier, 1.5);
        assert_eq!(s.benefits[3].gift_cost_per_year, 30.0);
        assert!(s.validate().is_empty());
        // Shares 60/25/10/5 with thresholds x2: upper tiers halve, the first takes the rest.
        let shares = scaled(&Scenario::template(), 2.0, 1.0);
        assert_eq!(shares.tiers.thresholds, Thresholds::TargetShares { percent: vec![80.0, 12.5, 5.0, 2.5] });
    }
}

impl std::fmt::Display for OptimiseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptimiseError::Simulate { error } => write!(f, "{error}"),
            OptimiseError::BadSearch { field } => {
                write!(f, "{field} needs 1 to 12 factors between 0 and 5 (thresholds above 0)")
            }
        }
    }
}
