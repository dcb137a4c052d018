//! A candidate scheme's simulated worth and whether it meets the constraints: several candidates
//! are simulated together on the same futures (common random numbers: the same replication draws
//! the same randomness for every candidate), so their differences are sharp even with few futures.

use serde::{Deserialize, Serialize};

use super::ranges::{Constraints, Objective};
use crate::engine::evaluate::PreparedData;
use crate::engine::features::transform::percentile_of_sorted;
use crate::engine::progress::Silent;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::baseline::Baseline;
use crate::engine::simulate::kpi::{Kpi, Spread};
use crate::engine::simulate::{IncrementalKpi, SchemeResult, SimulateError, Simulation, SimulationSettings, SCHEMES};

/// Demographic groups smaller than this are left out of the fairness constraint (their shares are
/// mostly noise).
const MIN_FAIRNESS_GROUP: f64 = 30.0;

/// A constraint a candidate misses, with the numbers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Violation {
    Budget {
        benefit_cost: f64,
        max: f64,
    },
    TopTierShare {
        share: f64,
        max: f64,
    },
    /// A demographic group clearly (95 %) below the best-served one, at this ratio.
    Fairness {
        ratio: f64,
        min: f64,
    },
    Margin {
        margin: f64,
        min: f64,
    },
}

/// One candidate on `replications` futures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub replications: u32,
    /// Margin after benefits minus the no-program counterfactual's, across futures.
    pub incremental_margin: Spread,
    /// The same in each future, in future order (a cautious objective takes any percentile).
    pub margin_by_future: Vec<f64>,
    /// Margin after benefits (mean).
    pub margin: f64,
    pub benefit_cost: f64,
    /// Share of the members active at the end who are in the top tier.
    pub top_tier_share: f64,
    /// The lowest top-tier or benefit ratio of a demographic group to the best-served group of its
    /// dimension (1 without demographic columns).
    pub fairness_ratio: f64,
    pub violations: Vec<Violation>,
}

impl Estimate {
    /// `margin_by_future`: the scheme's incremental margin in each future it was simulated on.
    pub fn of(scheme: &SchemeResult, margin_by_future: Vec<f64>, constraints: &Constraints) -> Estimate {
        let replications = margin_by_future.len() as u32;
        let total = |kpi: Kpi| scheme.totals.iter().find(|k| k.kpi == kpi).map_or(0.0, |k| k.spread.mean);
        let incremental_margin = scheme
            .incremental
            .iter()
            .find(|i| i.kpi == IncrementalKpi::Margin)
            .map(|i| i.spread.clone())
            .unwrap_or_else(|| Spread::of(&[]));
        let demographic =
            scheme.groups.iter().filter(|g| g.dimension.is_demographic() && g.customers >= MIN_FAIRNESS_GROUP);
        let fairness_ratio = demographic.clone().map(|g| g.top_tier_ratio.min(g.benefit_ratio)).fold(1.0, f64::min);
        // The simulator flags a group only when its shortfall is statistically clear.
        let clear_shortfall = demographic
            .filter(|g| g.flagged)
            .map(|g| g.top_tier_ratio.min(g.benefit_ratio))
            .fold(f64::INFINITY, f64::min);
        let (margin, benefit_cost) = (total(Kpi::Margin), total(Kpi::TotalBenefitCost));
        let c = constraints;
        let mut violations = Vec::new();
        if let Some(max) = c.max_benefit_cost.filter(|max| benefit_cost > *max) {
            violations.push(Violation::Budget { benefit_cost, max });
        }
        if scheme.top_tier_share > c.max_top_tier_share {
            violations.push(Violation::TopTierShare { share: scheme.top_tier_share, max: c.max_top_tier_share });
        }
        if clear_shortfall < c.min_fairness_ratio {
            violations.push(Violation::Fairness { ratio: clear_shortfall, min: c.min_fairness_ratio });
        }
        if let Some(min) = c.min_margin.filter(|min| margin < *min) {
            violations.push(Violation::Margin { margin, min });
        }
        Estimate {
            replications,
            incremental_margin,
            margin_by_future,
            margin,
            benefit_cost,
            top_tier_share: scheme.top_tier_share,
            fairness_ratio,
            violations,
        }
    }

    pub fn feasible(&self) -> bool {
        self.violations.is_empty()
    }

    pub fn objective(&self, objective: Objective) -> f64 {
        match objective {
            Objective::Mean => self.incremental_margin.mean,
            Objective::Cautious { percentile } => {
                let mut sorted = self.margin_by_future.clone();
                sorted.sort_by(f64::total_cmp);
                percentile_of_sorted(&sorted, f64::from(percentile))
            }
        }
    }

    /// Order for choosing: feasible first, then fewer violations, then the higher objective.
    pub fn better_than(&self, other: &Estimate, objective: Objective) -> bool {
        let key = |e: &Estimate| (e.feasible(), std::cmp::Reverse(e.violations.len()));
        match key(self).cmp(&key(other)) {
            std::cmp::Ordering::Equal => self.objective(objective) > other.objective(objective),
            order => order.is_gt(),
        }
    }
}

/// Simulates candidates on a fixed data set, horizon and seed.
pub struct Estimator<'a> {
    pub data: &'a PreparedData,
    pub baseline: &'a Baseline,
    pub constraints: Constraints,
    pub months: u32,
    pub seed: u64,
    /// Native threads (`None`: one per core).
    pub threads: Option<u32>,
}

impl Estimator<'_> {
    fn settings(&self, replications: u32, seed: u64) -> SimulationSettings {
        SimulationSettings {
            months: self.months,
            replications,
            seed,
            deterministic: false,
            until_sure: None,
            threads: self.threads,
            baseline_model: Default::default(),
        }
    }

    /// Every scheme on the futures `0..replications`, in groups as large as one run allows (the
    /// counterfactual is simulated once per group).
    pub fn estimate(&self, schemes: &[Scenario], replications: u32) -> Result<Vec<Estimate>, SimulateError> {
        let settings = self.settings(replications, self.seed);
        let mut estimates = Vec::with_capacity(schemes.len());
        for group in schemes.chunks(SCHEMES.max as usize) {
            let simulation = Simulation::new(group, 0, self.data, self.baseline, &settings, &mut Silent)?;
            let merged = simulation.run_replications(0..replications, &mut Silent);
            let (result, margins) = simulation.result_with_margins(merged);
            estimates.extend(
                result.schemes.iter().zip(margins).map(|(s, futures)| Estimate::of(s, futures, &self.constraints)),
            );
        }
        Ok(estimates)
    }

    /// The settings of a run on seeds the search never used (the search's seed moved by a fixed
    /// odd offset, kept below 2^53).
    pub fn fresh_settings(&self, replications: u32) -> SimulationSettings {
        const FRESH_OFFSET: u64 = 0x5DEE_CE66D;
        let max = SimulationSettings::SEED.max as u64;
        self.settings(replications, (self.seed + FRESH_OFFSET) % max)
    }
}
