//! The member list a CRM team imports after choosing a scheme: one row per customer with their score,
//! tier under each scheme and the change, the distance to the next tier (in the score's unit and in
//! spend), points and points about to expire, months in the tier, P(active) and CLV when a CLV fit is
//! published, segment, and risk flags with reasons. Built column by column (each scenario is
//! evaluated, its columns kept, the rest dropped) and written row by row, so a million customers
//! never hold more than the columns themselves. Column definitions: docs/model-notes/members.md.

mod cells;
mod columns;
mod csv;
pub mod labels;
mod list;
mod xlsx;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use cells::Cell;
pub use columns::Column;
pub use csv::write_csv;
pub use list::{
    CodedText, Language, MemberFormat, MemberList, MemberOptions, SchemeColumns, SegmentChoice, SpendBasis,
};
pub use xlsx::write_xlsx;

use super::evaluate::{evaluate, window_range, EvaluateError, Evaluated, PreparedData};
use super::features::catalog::Feature;
use super::features::table::MonthRange;
use super::limits::Limit;
use super::progress::Progress;
use super::replay::NOT_MEMBER;
use super::risk;
use super::scenario::{Combine, CriterionMeasure, Scenario};
use super::scoring::rfm;

/// The columns a published CLV fit adds to the data (the worker's `FitClv` with `publish`).
pub const P_ALIVE_COLUMN: &str = "p_alive";
pub const CLV_COLUMN: &str = "clv";

/// How many schemes one list can hold side by side.
pub const SCENARIOS: Limit = Limit::whole("scenarios", 1.0, 6.0);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MemberError {
    #[error("a member list needs between {min} and {max} scenarios (got {found})")]
    ScenarioCount { found: usize, min: usize, max: usize },
    #[error("scenario {which}: {error}")]
    Evaluate { which: String, error: EvaluateError },
    #[error("there is no text column named {name} to take segments from")]
    UnknownSegmentColumn { name: String },
}

/// Builds the list: every (already validated) scenario evaluated in turn, its columns kept.
pub fn member_list(
    data: &PreparedData,
    scenarios: &[Scenario],
    options: &MemberOptions,
    progress: &mut dyn Progress,
) -> Result<MemberList, MemberError> {
    let (min, max) = (SCENARIOS.min as usize, SCENARIOS.max as usize);
    if !(min..=max).contains(&scenarios.len()) {
        return Err(MemberError::ScenarioCount { found: scenarios.len(), min, max });
    }
    let segment = segment_column(data, &options.segment)?;
    let mut schemes = Vec::with_capacity(scenarios.len());
    for scenario in scenarios {
        let evaluated = evaluate(scenario, data, progress)
            .map_err(|error| MemberError::Evaluate { which: scenario.name.clone(), error })?;
        schemes.push(scheme_columns(scenario, data, evaluated));
    }
    let first = &scenarios[0];
    let risk = risk::assess_for_scenario(data, first, progress)
        .map_err(|error| MemberError::Evaluate { which: first.name.clone(), error })?;
    let mut flag_index = vec![u32::MAX; data.dataset.customer_count()];
    for (i, flagged) in risk.flagged.iter().enumerate() {
        flag_index[flagged.customer as usize] = i as u32;
    }
    let measure =
        |name: &str| data.dataset.customers.measures.iter().find(|m| m.name == name).map(|m| m.values.clone());
    Ok(MemberList {
        options: options.clone(),
        ids: data.dataset.customers.ids.clone(),
        schemes,
        p_active: measure(P_ALIVE_COLUMN),
        clv: measure(CLV_COLUMN),
        segment,
        risk,
        flag_index,
        next_best_benefit: None,
    })
}

fn scheme_columns(scenario: &Scenario, data: &PreparedData, evaluated: Evaluated) -> SchemeColumns {
    let customers = evaluated.final_tiers.len();
    let distance: Vec<f64> = (0..customers)
        .map(|c| {
            let bound = evaluated.entry_bounds[c].get(evaluated.final_tiers[c] as usize).copied().unwrap_or(f64::NAN);
            let score = evaluated.final_scores[c];
            if !bound.is_finite() {
                f64::NAN
            } else if score.is_finite() {
                (bound - score).max(0.0)
            } else {
                bound
            }
        })
        .collect();
    let measure_to_next = measure_to_next(&evaluated);
    let spend_basis = spend_basis(scenario);
    let spend_to_next: Vec<f64> = match spend_basis {
        SpendBasis::ScoreWeight { per_unit } => distance.iter().map(|d| d / per_unit).collect(),
        SpendBasis::OwnScorePerSpend => {
            let spend = window_spend(scenario, data);
            (0..customers)
                .map(|c| {
                    let (score, spent) = (evaluated.final_scores[c], spend.get(c).copied().unwrap_or(f64::NAN));
                    if score > 0.0 && spent > 0.0 {
                        distance[c] * spent / score
                    } else {
                        f64::NAN
                    }
                })
                .collect()
        }
    };
    // With spend as the second criterion, the spend to the next tier is the nearer of the two ways
    // under "or" and the farther under "and".
    let spend_to_next = match (&scenario.tiers.second_criterion, &measure_to_next) {
        (Some(second), Some(measured)) if second.measure == CriterionMeasure::Spend => spend_to_next
            .iter()
            .zip(measured)
            .map(|(&by_score, &by_measure)| match second.combine {
                Combine::Or => by_score.min(by_measure),
                Combine::And => by_score.max(by_measure),
            })
            .collect(),
        _ => spend_to_next,
    };
    let months_in_tier = evaluated.timeline.as_ref().map(|timeline| {
        (0..customers)
            .map(|c| {
                let tier = evaluated.final_tiers[c];
                (0..timeline.months).rev().take_while(|&m| timeline.tier_at(m, c) == tier && tier != NOT_MEMBER).count()
                    as u16
            })
            .collect()
    });
    let excluded = scenario.risk.exclude_flagged.then(|| evaluated.excluded.clone());
    let (points_balance, points_expiring) = match evaluated.points {
        Some(points) => (Some(points.balance), Some(points.expiring_soon)),
        None => (None, None),
    };
    SchemeColumns {
        name: scenario.name.clone(),
        tier_names: scenario.tiers.names.clone(),
        score: evaluated.final_scores,
        tier: evaluated.final_tiers,
        distance,
        measure_to_next,
        spend_to_next,
        spend_basis,
        points_balance,
        points_expiring,
        months_in_tier,
        excluded,
    }
}

/// The second criterion's measure still missing to enter the next tier (NaN at the top or out of
/// reach); `None` without a second criterion.
fn measure_to_next(evaluated: &Evaluated) -> Option<Vec<f64>> {
    evaluated.second.as_ref()?;
    Some(
        (0..evaluated.final_tiers.len())
            .map(|c| {
                let bounds = evaluated.bounds_of(c);
                let next = bounds.second.and_then(|s| s.entry.get(evaluated.final_tiers[c] as usize).copied());
                let measure = evaluated.final_standing(c).measure;
                match next {
                    Some(bound) if bound.is_finite() => {
                        (bound - if measure.is_finite() { measure } else { 0.0 }).max(0.0)
                    }
                    _ => f64::NAN,
                }
            })
            .collect(),
    )
}

/// The score's fixed weight on spend, when it has one.
pub fn spend_basis(scenario: &Scenario) -> SpendBasis {
    use super::scenario::Scoring;
    let monetary = Feature::Monetary.into();
    let per_unit = match &scenario.scoring {
        Scoring::GrowthValue { amount, .. } => Some(*amount),
        Scoring::LevelGrowth { amount, theta, .. } => Some(amount * theta),
        Scoring::LinearPoints { terms, .. } => terms.iter().find(|t| t.feature == monetary).map(|t| t.weight),
        Scoring::Metric { feature } if *feature == monetary => Some(1.0),
        Scoring::QualifyingPoints => Some(scenario.points.per_currency_unit),
        _ => None,
    };
    match per_unit {
        Some(per_unit) if per_unit > 0.0 => SpendBasis::ScoreWeight { per_unit },
        _ => SpendBasis::OwnScorePerSpend,
    }
}

/// Net spend in the scenario's qualifying window at the end of the history.
fn window_spend(scenario: &Scenario, data: &PreparedData) -> Vec<f64> {
    let source = data.features();
    let range = match data.monthly {
        Some(_) => window_range(scenario.tiers.window, source.last_month()),
        None => MonthRange::UpTo { to: 0 },
    };
    source.compute(&[Feature::Monetary.into()], range).map(|mut t| t.columns.remove(0)).unwrap_or_default()
}

fn segment_column(data: &PreparedData, choice: &SegmentChoice) -> Result<Option<CodedText>, MemberError> {
    match choice {
        SegmentChoice::Column { name } => {
            let attribute = data
                .dataset
                .attribute_named(name)
                .ok_or_else(|| MemberError::UnknownSegmentColumn { name: name.clone() })?;
            Ok(Some(CodedText { dictionary: attribute.dictionary.clone(), codes: attribute.codes.clone() }))
        }
        SegmentChoice::Rfm => {
            let keys = [Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()];
            let source = data.features();
            // Data without recency, frequency and spend gets no segment column rather than a wrong one.
            let Ok(table) = source.compute(&keys, MonthRange::UpTo { to: source.last_month() }) else {
                return Ok(None);
            };
            let codes = rfm::codes(&table);
            let dictionary: Vec<String> = rfm::RfmSegment::ALL.iter().map(|s| s.key().to_string()).collect();
            let codes = codes
                .segment
                .iter()
                .map(|s| rfm::RfmSegment::ALL.iter().position(|x| x == s).map_or(u32::MAX, |i| i as u32))
                .collect();
            Ok(Some(CodedText { dictionary, codes }))
        }
    }
}
