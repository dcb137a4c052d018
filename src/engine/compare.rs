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
    /// For each scenario that keeps flagged customers out of tiering: what that changes.
    #[serde(default)]
    pub exclusion: Vec<ExclusionEffect>,
}

/// One scenario with and without holding its flagged customers in the lowest tier (nobody changes
/// behaviour here: the same purchases are priced under both).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExclusionEffect {
    /// `A` or `B`.
    pub which: String,
    pub scenario: String,
    /// Customers flagged with any kind, and those held in the lowest tier (flagged with a kind the
    /// scenario excludes).
    pub flagged: usize,
    pub excluded: usize,
    pub with_exclusion: ExclusionSide,
    pub without_exclusion: ExclusionSide,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExclusionSide {
    pub customers_per_tier: Vec<usize>,
    #[serde(with = "super::json_float::vec_nan_as_null")]
    pub lower_bounds: Vec<f64>,
    pub costs: CostBreakdown,
    pub margin_after_benefits: f64,
    /// Outstanding points x cost per point at the end (event logs only).
    pub points_liability: Option<f64>,
}

impl ExclusionSide {
    fn of(outcome: &ScenarioOutcome) -> ExclusionSide {
        ExclusionSide {
            customers_per_tier: outcome.tiers.iter().map(|t| t.customers).collect(),
            lower_bounds: outcome.lower_bounds.clone(),
            costs: outcome.totals.clone(),
            margin_after_benefits: outcome.margin_after_benefits,
            points_liability: outcome.points.as_ref().map(|p| p.totals.liability),
        }
    }
}

/// Re-evaluates a scenario that excludes flagged customers without the exclusion, to show the effect.
fn exclusion_effect(
    which: char,
    scenario: &Scenario,
    evaluated: &Evaluated,
    data: &PreparedData,
    progress: &mut dyn Progress,
) -> Result<Option<ExclusionEffect>, EvaluateError> {
    let Some(report) = evaluated.risk.as_ref().filter(|_| scenario.risk.exclude_flagged) else { return Ok(None) };
    let mut plain = scenario.clone();
    plain.risk.exclude_flagged = false;
    let without = evaluate(&plain, data, progress)?;
    Ok(Some(ExclusionEffect {
        which: which.to_string(),
        scenario: scenario.name.clone(),
        flagged: report.flagged.len(),
        excluded: evaluated.excluded.iter().filter(|&&x| x).count(),
        with_exclusion: ExclusionSide::of(&evaluated.outcome),
        without_exclusion: ExclusionSide::of(&without.outcome),
    }))
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
    let mut exclusion = Vec::new();
    exclusion.extend(exclusion_effect('A', a, &evaluated_a, data, progress).map_err(|e| ('A', e))?);
    exclusion.extend(exclusion_effect('B', b, &evaluated_b, data, progress).map_err(|e| ('B', e))?);
    let mut comparison = compare_evaluated(evaluated_a, evaluated_b);
    comparison.exclusion = exclusion;
    Ok(comparison)
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
    Comparison {
        customers: a.final_tiers.len(),
        a: a.outcome,
        b: b.outcome,
        transitions,
        movement,
        difference,
        exclusion: Vec::new(),
    }
}
