//! Work split by customer (every customer's rows in one partition): each partition is loaded on
//! the whole history's calendar and evaluated with the whole data's tier bounds, so every
//! per-customer result equals that customer's result in the whole data; partitions return partial
//! sums that the driver merges. Partials travel as CBOR bytes (floats bit for bit; JSON parsing in
//! Rust is not exact to the last bit).

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde::{Deserialize, Serialize};
use tierlab::engine::compare::{comparison_of, transitions};
use tierlab::engine::evaluate::{
    active_customers, dominance_of_magnitudes, evaluate, raw_term_magnitudes, share_warnings_of_counts,
    tiers_by_score, Evaluated, PreparedData,
};
use tierlab::engine::ingest::{self, LoadSettings};
use tierlab::engine::ledger::LedgerSummary;
use tierlab::engine::pricing::{outcome_of_members, CostBreakdown, ScenarioOutcome, TierMembers};
use tierlab::engine::progress::Silent;
use tierlab::engine::replay::TimelineSummary;
use tierlab::engine::scenario::{Scenario, Scoring, SegmentSource, Thresholds};
use tierlab::engine::tiers::resolve_bounds;

use crate::errors::{data_error, scenario_error};
use crate::session::{encode, read_scenario};

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Partition>()?;
    m.add_function(wrap_pyfunction!(load_partition, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_tier_bounds, m)?)?;
    m.add_function(wrap_pyfunction!(merge_evaluations, m)?)?;
    m.add_function(wrap_pyfunction!(merge_comparison, m)?)?;
    Ok(())
}

/// One partition of the customers, loaded on the calendar of the whole history.
#[pyclass(module = "tierlab._native")]
pub struct Partition {
    pub(crate) data: PreparedData,
}

/// Loads one partition's rows (CSV bytes) with the whole file's load settings; `span` is the
/// whole history's first and last event time (None: this partition's own, for a first pass that
/// only asks for its time span).
#[pyfunction]
#[pyo3(signature = (data, settings, span=None))]
pub fn load_partition(py: Python<'_>, data: Vec<u8>, settings: &str, span: Option<(i64, i64)>) -> PyResult<Partition> {
    let settings: LoadSettings =
        serde_json::from_str(settings).map_err(|e| data_error(format!("load settings: {e}")))?;
    py.detach(move || {
        let source = ingest::decode(&data, settings.read.encoding).map_err(|e| data_error(e.to_string()))?;
        let (dataset, _) = ingest::load(&source, &settings, &mut Silent).map_err(|e| data_error(e.to_string()))?;
        if dataset.events.is_none() {
            return Err(data_error("partitioned work needs an event log (a customer table has no history to split)"));
        }
        let span = span.or_else(|| dataset.events.as_ref().and_then(|log| log.time_span()));
        Ok(Partition { data: PreparedData::over_span(dataset, span) })
    })
}

/// The whole data's tier bounds of a scenario from the final scores of every customer (gathered
/// from the partitions): the engine's own rule for target shares and quantiles.
#[pyfunction]
pub fn resolve_tier_bounds(scenario: &str, scores: Vec<f64>) -> PyResult<Vec<f64>> {
    Ok(resolve_bounds(&read_scenario(scenario)?.tiers.thresholds, &scores))
}

/// What a partition knows of one scenario: the parts of its outcome that add up over partitions.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct EvaluationPartial {
    members: TierMembers,
    tallies: Vec<(f64, u64, CostBreakdown)>,
    by_score: Vec<usize>,
    magnitudes: Vec<(String, f64)>,
    history_years: f64,
    timeline: Option<TimelineSummary>,
    points: Option<LedgerSummary>,
}

impl EvaluationPartial {
    fn of(scenario: &Scenario, data: &PreparedData, evaluated: &Evaluated) -> EvaluationPartial {
        let outcome = &evaluated.outcome;
        let active = data.monthly.as_ref().map(active_customers).unwrap_or_default();
        EvaluationPartial {
            members: TierMembers::count(
                scenario.tier_count(),
                &evaluated.final_tiers,
                &evaluated.final_scores,
                &active,
            ),
            tallies: outcome.tiers.iter().map(|t| (t.revenue, t.orders, t.costs.clone())).collect(),
            by_score: tiers_by_score(scenario, &evaluated.final_scores, &outcome.lower_bounds),
            magnitudes: raw_term_magnitudes(scenario, &evaluated.scored),
            history_years: outcome.history_years,
            timeline: outcome.timeline.clone(),
            points: outcome.points.clone(),
        }
    }

    /// Adds another partition's parts (counts exactly; money in the order partitions come).
    fn absorb(&mut self, other: &EvaluationPartial) {
        self.members.absorb(&other.members);
        for (mine, theirs) in self.tallies.iter_mut().zip(&other.tallies) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
            mine.2.add(&theirs.2);
        }
        for (mine, theirs) in self.by_score.iter_mut().zip(&other.by_score) {
            *mine += theirs;
        }
        for (mine, theirs) in self.magnitudes.iter_mut().zip(&other.magnitudes) {
            mine.1 += theirs.1;
        }
        if let (Some(mine), Some(theirs)) = (&mut self.timeline, &other.timeline) {
            for (month, row) in mine.members.iter_mut().enumerate() {
                for (tier, count) in row.iter_mut().enumerate() {
                    *count += theirs.members[month][tier];
                }
            }
            add_counts(&mut mine.upgrades, &theirs.upgrades);
            add_counts(&mut mine.downgrades, &theirs.downgrades);
        }
        if let (Some(mine), Some(theirs)) = (&mut self.points, &other.points) {
            for (flow, other_flow) in [
                (&mut mine.earned, &theirs.earned),
                (&mut mine.redeemed, &theirs.redeemed),
                (&mut mine.expired, &theirs.expired),
                (&mut mine.reversed, &theirs.reversed),
                (&mut mine.outstanding, &theirs.outstanding),
                (&mut mine.net_earned_by_tier, &theirs.net_earned_by_tier),
            ] {
                flow.iter_mut().zip(other_flow).for_each(|(x, y)| *x += y);
            }
            mine.totals.unrecovered += theirs.totals.unrecovered;
        }
    }

    /// The whole data's outcome: the engine's shares, totals, margins and warnings from the sums.
    fn outcome(mut self, scenario: &Scenario, bounds: Vec<f64>) -> ScenarioOutcome {
        if let Some(points) = &mut self.points {
            points.close_totals(&scenario.points);
        }
        let mut warnings = share_warnings_of_counts(scenario, &self.by_score);
        warnings.extend(dominance_of_magnitudes(self.magnitudes));
        outcome_of_members(
            scenario,
            bounds,
            &self.members,
            self.history_years,
            self.timeline,
            self.points,
            warnings,
            self.tallies,
        )
    }
}

fn add_counts(into: &mut [u32], from: &[u32]) {
    into.iter_mut().zip(from).for_each(|(x, y)| *x += y);
}

/// A scenario with the whole data's bounds written in: every customer then gets the tier the whole
/// data gives them. Scores that rank customers against each other month by month cannot be split.
pub(crate) fn with_bounds(text: &str, bounds: Option<Vec<f64>>) -> PyResult<Scenario> {
    let mut scenario = read_scenario(text)?;
    let ranked = matches!(scenario.scoring, Scoring::Rfm | Scoring::WeightedScore { .. })
        || scenario.tiers.segment_thresholds.as_ref().is_some_and(|s| s.source == SegmentSource::Rfm)
        || scenario.points.segment_multipliers.as_ref().is_some_and(|s| s.source == SegmentSource::Rfm);
    if ranked {
        return Err(scenario_error(format!(
            "scenario {}: RFM and weighted scores (and RFM segments) rank customers against the whole population \
             every month, so they cannot be split by customer; use one machine (the CLI) for them",
            scenario.name
        )));
    }
    if scenario.risk.exclude_flagged {
        // Risk flags compare each customer with the whole population (its refund share, purchase
        // velocity, robust outliers), so a partition cannot judge its own customers.
        return Err(scenario_error(format!(
            "scenario {}: keeping flagged customers out of tiering judges every customer against the whole \
             population, so it cannot be split by customer; use one machine (the CLI) for it",
            scenario.name
        )));
    }
    match (&scenario.tiers.thresholds, bounds) {
        (Thresholds::Absolute { .. }, _) => {}
        (_, Some(lower_bounds)) => scenario.tiers.thresholds = Thresholds::Absolute { lower_bounds },
        (_, None) => {
            return Err(scenario_error(format!(
                "scenario {}: tier bounds from shares or quantiles must be resolved on the whole data first",
                scenario.name
            )))
        }
    }
    Ok(scenario)
}

pub fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> PyResult<T> {
    ciborium::from_reader(bytes).map_err(|e| data_error(format!("not a TierLab partition summary: {e}")))
}

pub fn to_bytes<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyBytes>> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).map_err(|e| data_error(format!("cannot encode a summary: {e}")))?;
    Ok(PyBytes::new(py, &out))
}

#[derive(Serialize, Deserialize)]
struct ComparisonPartial {
    schemes: Vec<EvaluationPartial>,
    transitions: Vec<Vec<usize>>,
}

#[pymethods]
impl Partition {
    fn customers(&self) -> usize {
        self.data.dataset.customer_count()
    }

    /// First and last event time of this partition.
    fn time_span(&self) -> Option<(i64, i64)> {
        self.data.dataset.events.as_ref().and_then(|log| log.time_span())
    }

    fn customer_ids(&self) -> Vec<String> {
        self.data.dataset.customers.ids.iter().map(str::to_string).collect()
    }

    /// This partition's CLV history counts (CBOR bytes) under CLV settings (JSON): merge them
    /// with `merge_clv`.
    fn clv_partial<'py>(&self, py: Python<'py>, settings: &str) -> PyResult<Bound<'py, PyBytes>> {
        crate::clv::partial(py, &self.data, settings)
    }

    /// This partition's customers' CLV values (JSON; `customer` indexes `customer_ids`) under the
    /// merged fit (the bytes `merge_clv` returns).
    fn clv_values(&self, py: Python<'_>, settings: &str, model: Vec<u8>) -> PyResult<String> {
        crate::clv::values(py, &self.data, settings, &model)
    }

    /// Each customer's score at the end of the history under a scenario (what bounds from target
    /// shares and quantiles are drawn from).
    fn final_scores(&self, py: Python<'_>, scenario: &str) -> PyResult<Vec<f64>> {
        let scenario = read_scenario(scenario)?;
        let data = &self.data;
        py.detach(|| evaluate(&scenario, data, &mut Silent).map(|e| e.final_scores))
            .map_err(|e| scenario_error(format!("scenario {}: {e}", scenario.name)))
    }

    /// The scenarios on this partition with the whole data's bounds (`None` for absolute
    /// thresholds): the mergeable summary of the comparison (with one scenario, of its evaluation)
    /// and each customer's final score, tier and points balance per scenario.
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        scenarios: Vec<String>,
        bounds: Vec<Option<Vec<f64>>>,
    ) -> PyResult<(Bound<'py, PyBytes>, Vec<(Vec<f64>, Vec<u8>, Vec<f64>)>)> {
        if scenarios.len() != bounds.len() || scenarios.is_empty() {
            return Err(scenario_error("give one bounds entry (or None) per scenario"));
        }
        let scenarios: Vec<Scenario> =
            scenarios.iter().zip(bounds).map(|(s, b)| with_bounds(s, b)).collect::<PyResult<_>>()?;
        let data = &self.data;
        let evaluated = py.detach(|| {
            scenarios
                .iter()
                .map(|s| evaluate(s, data, &mut Silent).map_err(|e| format!("scenario {}: {e}", s.name)))
                .collect::<Result<Vec<_>, _>>()
        });
        let evaluated = evaluated.map_err(scenario_error)?;
        let partial = ComparisonPartial {
            schemes: scenarios.iter().zip(&evaluated).map(|(s, e)| EvaluationPartial::of(s, data, e)).collect(),
            transitions: match evaluated.as_slice() {
                [a, b, ..] => {
                    transitions(&a.final_tiers, a.outcome.tiers.len(), &b.final_tiers, b.outcome.tiers.len())
                }
                _ => Vec::new(),
            },
        };
        let members = evaluated
            .into_iter()
            .map(|e| {
                let balance = e.points.map_or_else(|| vec![0.0; e.final_tiers.len()], |p| p.balance);
                (e.final_scores, e.final_tiers, balance)
            })
            .collect();
        Ok((to_bytes(py, &partial)?, members))
    }
}

/// Partition summaries of `Partition.evaluate`, merged in the order given.
fn merged(partials: Vec<Vec<u8>>) -> PyResult<ComparisonPartial> {
    let mut partials = partials.iter().map(|bytes| decode::<ComparisonPartial>(bytes));
    let mut total = partials.next().ok_or_else(|| data_error("no partition summaries to merge"))??;
    for partial in partials {
        let partial = partial?;
        for (mine, theirs) in total.schemes.iter_mut().zip(&partial.schemes) {
            mine.absorb(theirs);
        }
        for (row, other) in total.transitions.iter_mut().zip(&partial.transitions) {
            row.iter_mut().zip(other).for_each(|(x, y)| *x += y);
        }
    }
    Ok(total)
}

/// Each scenario's whole-data outcome and the transitions between the first two.
fn merged_outcomes(
    scenarios: &[String],
    bounds: Vec<Option<Vec<f64>>>,
    partials: Vec<Vec<u8>>,
) -> PyResult<(Vec<ScenarioOutcome>, Vec<Vec<usize>>)> {
    let total = merged(partials)?;
    let outcomes = scenarios
        .iter()
        .zip(bounds)
        .zip(total.schemes)
        .map(|((text, bounds), partial)| {
            let scenario = read_scenario(text)?;
            let lower_bounds = match with_bounds(text, bounds)?.tiers.thresholds {
                Thresholds::Absolute { lower_bounds } => lower_bounds,
                _ => unreachable!("with_bounds writes absolute bounds"),
            };
            Ok(partial.outcome(&scenario, lower_bounds))
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok((outcomes, total.transitions))
}

/// The whole data's outcome of each scenario (`tierlab run --json` of each) from the partitions'
/// summaries; `bounds` as given to the partitions.
#[pyfunction]
pub fn merge_evaluations(
    scenarios: Vec<String>,
    bounds: Vec<Option<Vec<f64>>>,
    partials: Vec<Vec<u8>>,
) -> PyResult<Vec<String>> {
    merged_outcomes(&scenarios, bounds, partials)?.0.iter().map(encode).collect()
}

/// The whole data's comparison of A and B (`tierlab compare --json`) from the partitions' summaries.
#[pyfunction]
pub fn merge_comparison(
    scenarios: Vec<String>,
    bounds: Vec<Option<Vec<f64>>>,
    partials: Vec<Vec<u8>>,
) -> PyResult<String> {
    let (outcomes, transitions) = merged_outcomes(&scenarios, bounds, partials)?;
    let [a, b] = <[ScenarioOutcome; 2]>::try_from(outcomes)
        .map_err(|_| scenario_error("a comparison needs exactly two scenarios"))?;
    encode(&comparison_of(a, b, transitions))
}
