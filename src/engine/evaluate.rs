//! Runs one scenario on prepared data: scores over the qualifying window month by month, replays the
//! tier rules, keeps the points ledger and prices the benefits. The page, the CLI and the comparison
//! all go through here, so they always agree.

use super::dataset::NO_CODE;
use super::features::catalog::Feature;
use super::features::monthly::MonthlyActivity;
use super::features::table::MonthRange;
use super::features::Activity;
use super::ledger::{run_ledger, CustomerPoints, LedgerInput};
pub(crate) use super::prepared::{measure_over, score_over, window_range};
pub use super::prepared::{EvaluateError, PreparedData};
use super::pricing::{self, OutcomeParts, ScenarioOutcome, Warning};
use super::progress::{Progress, Stage};
use super::replay::{replay, CustomerBounds, MonthStandings, SecondBounds, Standing, Timeline};
use super::risk::{self, GamingContext, RiskReport};
use super::scenario::{Combine, RetainRule, Scenario, Scoring, SegmentSource, Thresholds};
use super::scoring::{
    self, growth_value::LEVEL_CONSTANT, rfm, shares_of_magnitudes, term_magnitudes, ScoreInputs, Scored,
};
use super::tiers::{assign_tiers, resolve_bounds};

/// A scenario applied to the data.
pub struct Evaluated {
    pub outcome: ScenarioOutcome,
    /// Score over the qualifying window ending with the last month.
    pub final_scores: Vec<f64>,
    /// Tier held at the end of the history.
    pub final_tiers: Vec<u8>,
    /// The final scores' terms, for explanations.
    pub scored: Scored,
    /// Entry bounds that apply to each customer (segment overrides resolved).
    pub entry_bounds: BoundsByCustomer,
    /// Retain bounds that apply to each customer.
    pub retain_bounds: BoundsByCustomer,
    /// The second qualifying criterion's bounds, when the rules have one.
    pub second: Option<SecondCriterionBounds>,
    /// The second criterion's measure over the qualifying window ending with the last month (empty
    /// without one).
    pub final_measures: Vec<f64>,
    /// Per-customer points multiplier from segment rules (1 without).
    pub segment_multiplier: Vec<f64>,
    pub segment_of_customer: Option<Vec<String>>,
    pub timeline: Option<Timeline>,
    pub points: Option<CustomerPoints>,
    /// With the scenario's risk option on: the flags, and who was held in the lowest tier.
    pub risk: Option<RiskReport>,
    /// Per customer: held in the lowest tier because of a flag (empty when nobody is excluded).
    pub excluded: Vec<bool>,
}

/// The second criterion's bounds (the same for every customer but the excluded, for whom no
/// bound is in reach).
pub struct SecondCriterionBounds {
    pub combine: Combine,
    pub entry: Vec<f64>,
    pub retain: Vec<f64>,
    out_of_reach: Vec<f64>,
}

impl Evaluated {
    /// The bounds that apply to `customer`, both criteria.
    pub fn bounds_of(&self, customer: usize) -> CustomerBounds<'_> {
        let excluded = self.excluded.get(customer).copied().unwrap_or(false);
        CustomerBounds {
            entry: &self.entry_bounds[customer],
            retain: &self.retain_bounds[customer],
            second: self.second.as_ref().map(|s| s.for_customer(excluded)),
        }
    }

    /// Where `customer` stands at the end of the history.
    pub fn final_standing(&self, customer: usize) -> Standing {
        Standing {
            score: self.final_scores[customer],
            measure: self.final_measures.get(customer).copied().unwrap_or(f64::NAN),
        }
    }
}

impl SecondCriterionBounds {
    fn for_customer(&self, excluded: bool) -> SecondBounds<'_> {
        let (entry, retain) =
            if excluded { (&self.out_of_reach, &self.out_of_reach) } else { (&self.entry, &self.retain) };
        SecondBounds { combine: self.combine, entry, retain }
    }
}

fn second_criterion_bounds(scenario: &Scenario) -> Option<SecondCriterionBounds> {
    scenario.tiers.second_criterion.as_ref().map(|s| SecondCriterionBounds {
        combine: s.combine,
        entry: s.lower_bounds.clone(),
        retain: s.retain().to_vec(),
        out_of_reach: vec![f64::INFINITY; s.lower_bounds.len()],
    })
}

/// Raw models whose terms can swamp each other; flagged when one term is more than this share.
const DOMINANCE_SHARE: f64 = 0.9;
const ACTIVE_WITHIN_SECONDS: i64 = 365 * 86_400;

/// Scores, tiers, replays and prices one (already validated) scenario.
pub fn evaluate(
    scenario: &Scenario,
    data: &PreparedData,
    progress: &mut dyn Progress,
) -> Result<Evaluated, EvaluateError> {
    let activity = data.activity.as_ref().map_err(|e| EvaluateError::Activity { error: e.clone() })?;
    let source = data.features_for(scenario);
    let mut keys = scenario.scoring_features();
    // The second criterion's measure must be in the data too (a customer table without an order
    // count cannot ask for orders).
    keys.extend(scenario.tiers.second_criterion.as_ref().map(|s| s.measure.feature().into()));
    source.check(&keys)?;
    let segments = customer_segments(scenario, data)?;
    match &data.monthly {
        Some(monthly) => evaluate_history(scenario, data, monthly, activity, segments, progress),
        None => evaluate_snapshot(scenario, data, activity, segments),
    }
}

/// Scores of every customer over the window ending with `month`.
fn score_at(scenario: &Scenario, data: &PreparedData, monthly: &MonthlyActivity, month: usize) -> Scored {
    score_over(scenario, data, monthly, window_range(scenario.tiers.window, month))
}

fn evaluate_history(
    scenario: &Scenario,
    data: &PreparedData,
    monthly: &MonthlyActivity,
    activity: &Activity,
    segments: CustomerSegments,
    progress: &mut dyn Progress,
) -> Result<Evaluated, EvaluateError> {
    let last = monthly.month_count.saturating_sub(1);
    let final_scored = score_at(scenario, data, monthly, last);
    let (risk, excluded) = exclusion(scenario, data, &final_scored.scores, progress);
    let (entry_bounds, retain_bounds, lower_bounds) =
        customer_bounds(scenario, &final_scored.scores, segments.names.as_deref(), &excluded);
    let months = monthly.month_count as u64;
    let second = second_criterion_bounds(scenario);
    let final_measures = measure_over(scenario, data, window_range(scenario.tiers.window, last)).unwrap_or_default();
    let timeline = replay(
        &scenario.tiers,
        monthly,
        |month| {
            if month == last {
                MonthStandings { scores: final_scored.scores.clone(), measures: final_measures.clone() }
            } else {
                MonthStandings {
                    scores: score_at(scenario, data, monthly, month).scores,
                    measures: measure_over(scenario, data, window_range(scenario.tiers.window, month))
                        .unwrap_or_default(),
                }
            }
        },
        |c| CustomerBounds {
            entry: &entry_bounds[c],
            retain: &retain_bounds[c],
            second: second.as_ref().map(|s| s.for_customer(excluded.get(c).copied().unwrap_or(false))),
        },
        |month| progress.report(Stage::Scoring, month as u64 + 1, months),
    );
    let final_tiers: Vec<u8> = (0..monthly.customer_count()).map(|c| timeline.tier_at(last, c)).collect();
    let log = data.dataset.events.as_ref().expect("monthly totals come from an event log");
    let segment_multiplier = segments.multipliers;
    let level_bonus =
        scenario.points.level_bonus.as_ref().map(|b| b.k.iter().map(|k| b.base + k * (b.top - b.base)).collect());
    let (ledger, points) = run_ledger(&LedgerInput {
        log,
        monthly,
        timeline: &timeline,
        rules: &scenario.points,
        benefits: &scenario.benefits,
        segment_multiplier: &segment_multiplier,
        level_bonus,
    });
    progress.report(Stage::Pricing, 1, 1);
    let tallies = pricing::price_timeline(scenario, log, monthly, &timeline, &ledger);
    let active = active_customers(monthly);
    let warnings = scoring_warnings(scenario, &final_scored, &lower_bounds, &excluded);
    let outcome = pricing::outcome(
        OutcomeParts {
            scenario,
            lower_bounds,
            final_tiers: &final_tiers,
            final_scores: &final_scored.scores,
            active: &active,
            history_years: activity.history_years,
            timeline: Some(timeline.summary.clone()),
            points: Some(ledger),
            warnings,
        },
        tallies,
    );
    Ok(Evaluated {
        outcome,
        final_scores: final_scored.scores.clone(),
        final_tiers,
        scored: final_scored,
        entry_bounds,
        retain_bounds,
        second,
        final_measures,
        segment_multiplier,
        segment_of_customer: segments.names,
        timeline: Some(timeline),
        points: Some(points),
        risk,
        excluded,
    })
}

fn evaluate_snapshot(
    scenario: &Scenario,
    data: &PreparedData,
    activity: &Activity,
    segments: CustomerSegments,
) -> Result<Evaluated, EvaluateError> {
    let table = data.features_for(scenario).compute(&scenario.scoring_features(), MonthRange::UpTo { to: 0 })?;
    let qualifying: Option<Vec<f64>> = matches!(scenario.scoring, Scoring::QualifyingPoints)
        .then(|| activity.net_spend.iter().map(|s| (s * scenario.points.per_currency_unit).max(0.0)).collect());
    let inputs = ScoreInputs { qualifying_points: qualifying.as_deref(), membership_months: None };
    let scored = scoring::score(&scenario.scoring, &table, &inputs);
    let (risk, excluded) = exclusion(scenario, data, &scored.scores, &mut super::progress::Silent);
    let (entry_bounds, retain_bounds, lower_bounds) =
        customer_bounds(scenario, &scored.scores, segments.names.as_deref(), &excluded);
    let second = second_criterion_bounds(scenario);
    let final_measures = measure_over(scenario, data, MonthRange::UpTo { to: 0 }).unwrap_or_default();
    let final_tiers: Vec<u8> = (0..scored.scores.len())
        .map(|c| {
            let bounds = CustomerBounds {
                entry: &entry_bounds[c],
                retain: &retain_bounds[c],
                second: second.as_ref().map(|s| s.for_customer(excluded.get(c).copied().unwrap_or(false))),
            };
            let measure = final_measures.get(c).copied().unwrap_or(f64::NAN);
            bounds.entry_tier(Standing { score: scored.scores[c], measure }) as u8
        })
        .collect();
    let tallies = pricing::price_snapshot(scenario, activity, &final_tiers);
    let active: Vec<bool> =
        (0..activity.customer_count()).map(|c| activity.orders[c] > 0 || activity.net_spend[c] > 0.0).collect();
    let warnings = scoring_warnings(scenario, &scored, &lower_bounds, &excluded);
    let outcome = pricing::outcome(
        OutcomeParts {
            scenario,
            lower_bounds,
            final_tiers: &final_tiers,
            final_scores: &scored.scores,
            active: &active,
            history_years: activity.history_years,
            timeline: None,
            points: None,
            warnings,
        },
        tallies,
    );
    Ok(Evaluated {
        outcome,
        final_scores: scored.scores.clone(),
        final_tiers,
        scored,
        entry_bounds,
        retain_bounds,
        second,
        final_measures,
        segment_multiplier: segments.multipliers,
        segment_of_customer: segments.names,
        timeline: None,
        points: None,
        risk,
        excluded,
    })
}

/// With the scenario's risk option on: the flags (threshold gaming judged against the bounds drawn
/// on everybody's final scores) and which customers they keep out of tiering.
fn exclusion(
    scenario: &Scenario,
    data: &PreparedData,
    final_scores: &[f64],
    progress: &mut dyn Progress,
) -> (Option<RiskReport>, Vec<bool>) {
    if !scenario.risk.exclude_flagged {
        return (None, Vec::new());
    }
    let context = data
        .monthly
        .as_ref()
        .map(|_| GamingContext { scenario, bounds: resolve_bounds(&scenario.tiers.thresholds, final_scores) });
    let report = risk::assess(data, &scenario.risk.settings, context, progress);
    let excluded = report.mask(&scenario.risk.exclude_kinds);
    (Some(report), excluded)
}

fn exclusion_warning(excluded: &[bool]) -> Option<Warning> {
    let customers = excluded.iter().filter(|&&x| x).count();
    (customers > 0).then_some(Warning::FlaggedHeldAtBase { customers })
}

/// Tier bounds of every customer (one per tier above the first). Customers share a few sets (the
/// population's, a segment's override, out of reach for the excluded), so each set is stored once
/// with the set of each customer: a vector per customer took more memory than the data itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoundsByCustomer {
    sets: Vec<Vec<f64>>,
    set_of: Vec<u32>,
}

/// The bounds of nobody (the no-program counterfactual's).
pub static NO_BOUNDS: BoundsByCustomer = BoundsByCustomer { sets: Vec::new(), set_of: Vec::new() };

impl BoundsByCustomer {
    pub fn len(&self) -> usize {
        self.set_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.set_of.is_empty()
    }

    pub fn get(&self, customer: usize) -> Option<&[f64]> {
        self.set_of.get(customer).map(|&set| &self.sets[set as usize][..])
    }

    /// The same customers' sets, each changed by `change`.
    fn map_sets(&self, change: impl Fn(&[f64]) -> Vec<f64>) -> BoundsByCustomer {
        BoundsByCustomer { sets: self.sets.iter().map(|set| change(set)).collect(), set_of: self.set_of.clone() }
    }
}

impl std::ops::Index<usize> for BoundsByCustomer {
    type Output = [f64];

    fn index(&self, customer: usize) -> &[f64] {
        &self.sets[self.set_of[customer] as usize]
    }
}

/// Entry and retain bounds per customer, and the population's entry bounds. Target shares and
/// quantiles are resolved on the final scores and then held fixed for the whole replay.
fn customer_bounds(
    scenario: &Scenario,
    final_scores: &[f64],
    segments: Option<&[String]>,
    excluded: &[bool],
) -> (BoundsByCustomer, BoundsByCustomer, Vec<f64>) {
    let is_excluded = |c: usize| excluded.get(c).copied().unwrap_or(false);
    // Excluded customers do not move share- or quantile-based bounds, and no bound is in their reach.
    let population = if excluded.is_empty() {
        resolve_bounds(&scenario.tiers.thresholds, final_scores)
    } else {
        let kept: Vec<f64> =
            final_scores.iter().enumerate().map(|(c, &s)| if is_excluded(c) { f64::NAN } else { s }).collect();
        resolve_bounds(&scenario.tiers.thresholds, &kept)
    };
    let overrides = scenario.tiers.segment_thresholds.as_ref().map_or(&[][..], |s| &s.overrides[..]);
    // Set 0: the population's; 1: out of reach; 2 + i: override i (the first one naming the segment).
    const POPULATION: u32 = 0;
    const OUT_OF_REACH: u32 = 1;
    let mut sets = vec![population.clone(), vec![f64::INFINITY; population.len()]];
    sets.extend(overrides.iter().map(|o| o.lower_bounds.clone()));
    let set_of: Vec<u32> = (0..final_scores.len())
        .map(|c| {
            if is_excluded(c) {
                return OUT_OF_REACH;
            }
            let segment = segments.and_then(|s| s.get(c));
            overrides.iter().position(|o| Some(&o.segment) == segment).map_or(POPULATION, |i| 2 + i as u32)
        })
        .collect();
    let entry = BoundsByCustomer { sets, set_of };
    let retain = entry.map_sets(|bounds| match &scenario.tiers.retain {
        None => bounds.to_vec(),
        Some(RetainRule::Absolute { lower_bounds }) => lower_bounds.clone(),
        Some(RetainRule::FractionOfEntry { fraction }) => bounds.iter().map(|b| b * fraction).collect(),
    });
    (entry, retain, population)
}

/// Each customer's segment and points multiplier. The tier rules' segments and the multipliers may
/// read different sources (say, bounds by city and multipliers by RFM segment): each reads its own.
struct CustomerSegments {
    /// Segment names from the tier rules' source (else from the multipliers'), when a rule needs one.
    names: Option<Vec<String>>,
    /// Each customer's points multiplier (1 without a rule or for a segment it does not name).
    multipliers: Vec<f64>,
}

fn customer_segments(scenario: &Scenario, data: &PreparedData) -> Result<CustomerSegments, EvaluateError> {
    let customers = data.dataset.customer_count();
    let threshold_source = scenario.tiers.segment_thresholds.as_ref().map(|s| &s.source);
    let names = threshold_source.map(|source| segment_names(source, data)).transpose()?;
    let Some(rule) = &scenario.points.segment_multipliers else {
        return Ok(CustomerSegments { names, multipliers: vec![1.0; customers] });
    };
    let multiplier_of = |names: &[String]| -> Vec<f64> {
        let of = |name: &String| rule.multipliers.iter().find(|m| &m.segment == name).map_or(1.0, |m| m.multiplier);
        names.iter().map(of).collect()
    };
    Ok(match names {
        Some(names) if threshold_source == Some(&rule.source) => {
            CustomerSegments { multipliers: multiplier_of(&names), names: Some(names) }
        }
        Some(names) => {
            CustomerSegments { multipliers: multiplier_of(&segment_names(&rule.source, data)?), names: Some(names) }
        }
        None => {
            let names = segment_names(&rule.source, data)?;
            CustomerSegments { multipliers: multiplier_of(&names), names: Some(names) }
        }
    })
}

/// The segment name of each customer under `source`.
fn segment_names(source: &SegmentSource, data: &PreparedData) -> Result<Vec<String>, EvaluateError> {
    let n = data.dataset.customer_count();
    match source {
        SegmentSource::Column { name } => {
            let attribute = data
                .dataset
                .attribute_named(name)
                .ok_or_else(|| EvaluateError::UnknownSegmentColumn { name: name.clone() })?;
            Ok(attribute
                .codes
                .iter()
                .map(|&code| if code == NO_CODE { String::new() } else { attribute.dictionary[code as usize].clone() })
                .collect())
        }
        SegmentSource::Rfm => {
            let keys = [Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()];
            let source = data.features();
            let table = source.compute(&keys, MonthRange::UpTo { to: source.last_month() })?;
            let codes = rfm::codes(&table);
            Ok((0..n).map(|c| codes.segment[c].key().to_string()).collect())
        }
    }
}

/// Who bought within the last year of an event log's history (the top-tier dilution warning
/// counts them).
pub fn active_customers(monthly: &MonthlyActivity) -> Vec<bool> {
    let last = monthly.month_count.saturating_sub(1);
    (0..monthly.customer_count())
        .map(|c| monthly.last_purchase_until(c, last).is_some_and(|t| monthly.as_of - t <= ACTIVE_WITHIN_SECONDS))
        .collect()
}

/// Customers per tier by final score alone (no history rules): what target shares are checked on.
pub fn tiers_by_score(scenario: &Scenario, scores: &[f64], bounds: &[f64]) -> Vec<usize> {
    let mut counts = vec![0; scenario.tier_count()];
    for tier in assign_tiers(scores, bounds) {
        counts[tier as usize] += 1;
    }
    counts
}

/// Target shares that ties made impossible to meet (checked on the final scores the bounds were
/// drawn from).
/// What the scores and bounds warn about: target shares missed, tiers one criterion decides alone,
/// customers excluded as risky.
fn scoring_warnings(scenario: &Scenario, scored: &Scored, bounds: &[f64], excluded: &[bool]) -> Vec<Warning> {
    let mut warnings = share_warnings(scenario, &scored.scores, bounds);
    warnings.extend(dominance_warnings(scenario, scored));
    warnings.extend(exclusion_warning(excluded));
    warnings
}

fn share_warnings(scenario: &Scenario, scores: &[f64], bounds: &[f64]) -> Vec<Warning> {
    share_warnings_of_counts(scenario, &tiers_by_score(scenario, scores, bounds))
}

/// `share_warnings` from the customers per tier by score (`tiers_by_score`, summed over partitions).
pub fn share_warnings_of_counts(scenario: &Scenario, by_score: &[usize]) -> Vec<Warning> {
    const TOLERANCE: f64 = 0.02;
    let Thresholds::TargetShares { percent } = &scenario.tiers.thresholds else { return vec![] };
    let n = by_score.iter().sum::<usize>().max(1) as f64;
    percent
        .iter()
        .enumerate()
        .filter_map(|(t, target)| {
            let actual = by_score.get(t).copied().unwrap_or(0) as f64 / n;
            let target = target / 100.0;
            ((actual - target).abs() > TOLERANCE && actual > 0.0).then(|| Warning::SharesMissedByTies {
                tier: scenario.tiers.names[t].clone(),
                target,
                actual,
            })
        })
        .collect()
}

/// One raw feature swamping the others (raw features must be normalised: docs/model.md, "Warnings").
fn dominance_warnings(scenario: &Scenario, scored: &Scored) -> Vec<Warning> {
    dominance_of_magnitudes(raw_term_magnitudes(scenario, scored))
}

/// The raw terms' magnitudes (`scoring::term_magnitudes`) of models whose raw features can swamp
/// each other; empty for the others.
pub fn raw_term_magnitudes(scenario: &Scenario, scored: &Scored) -> Vec<(String, f64)> {
    match &scenario.scoring {
        Scoring::GrowthValue { .. } | Scoring::LevelGrowth { .. } | Scoring::LinearPoints { .. } => {
            // Constants (an intercept, level growth's monthly constant) are not features.
            let raw: Vec<_> = scored
                .contributions
                .iter()
                .filter(|c| c.label != "intercept" && c.label != LEVEL_CONSTANT)
                .cloned()
                .collect();
            term_magnitudes(&raw)
        }
        _ => vec![],
    }
}

/// `dominance_warnings` from raw term magnitudes (summed over partitions of the customers).
pub fn dominance_of_magnitudes(magnitudes: Vec<(String, f64)>) -> Vec<Warning> {
    let shares = shares_of_magnitudes(magnitudes);
    let contributing = shares.iter().filter(|(_, s)| *s > 0.0).count();
    shares
        .into_iter()
        .filter(|(_, share)| contributing > 1 && *share > DOMINANCE_SHARE)
        .map(|(feature, share)| Warning::OneFeatureDominates { feature, share })
        .collect()
}

#[cfg(test)]
#[path = "evaluate_tests.rs"]
mod tests;
