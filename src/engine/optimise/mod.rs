//! Decision support over the simulator (docs/model.md, "Optimiser" and "Next-best benefit"):
//! a search over the whole scheme within ranges the marketer sets, the next-best benefit of each
//! customer segment, and category affinity per segment.

pub mod affinity;
pub mod estimate;
pub mod ranges;
pub mod recommend;
pub mod report;
pub mod search;
pub mod segments;
pub mod space;

use serde::{Deserialize, Serialize};

pub use self::estimate::{Estimate, Estimator, Violation};
pub use self::ranges::{Constraints, Objective, RangesError, SearchEffort, SearchRanges, ValueRange};
pub use self::report::{Confirmation, FrontierPoint, SchemeChange};
pub use self::search::{KnownEstimate, KnownEstimates, SearchStop};
pub use self::space::{Parameter, Space};
use crate::engine::evaluate::PreparedData;
use crate::engine::progress::{Progress, Silent};
use crate::engine::scenario::Scenario;
use crate::engine::simulate::baseline::Baseline;
use crate::engine::simulate::{SimulateError, Simulation};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OptimiseError {
    #[error(transparent)]
    Ranges(#[from] RangesError),
    /// The ranges open nothing to search.
    #[error("the ranges name no setting to search")]
    NothingToSearch,
    /// Neither the current values moved into the ranges nor the middle of every range make a
    /// valid scheme (thresholds out of order, target shares over 100 %).
    #[error("the ranges leave no valid scheme to start from (thresholds out of order or target shares over 100 %)")]
    NoValidStart,
    #[error("{error}")]
    Simulate { error: SimulateError },
}

impl From<SimulateError> for OptimiseError {
    fn from(error: SimulateError) -> Self {
        OptimiseError::Simulate { error }
    }
}

/// What `optimise_scheme` reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemeOptimum {
    /// The searched parameters, in the order of every point's values.
    pub parameters: Vec<Parameter>,
    /// What the search maximised.
    pub objective: Objective,
    /// The best scheme found, ready to load, save or compare.
    pub best: Scenario,
    pub best_point: Vec<f64>,
    /// The search's own estimate of the best scheme (optimistic: it won on these futures).
    pub search_estimate: Estimate,
    pub changes: Vec<SchemeChange>,
    pub frontier: Vec<FrontierPoint>,
    pub confirmation: Confirmation,
    /// Candidate simulations the search ran.
    pub evaluations: usize,
    /// The search was cancelled; the best so far is reported.
    pub cancelled: bool,
}

/// Searches the settings `ranges` opens around `current` for the highest objective meeting the
/// constraints, then re-simulates the best and the current scheme on fresh futures.
pub fn optimise_scheme(
    current: &Scenario,
    ranges: &SearchRanges,
    data: &PreparedData,
    baseline: &Baseline,
    threads: Option<u32>,
    progress: &mut dyn Progress,
) -> Result<SchemeOptimum, OptimiseError> {
    match optimise_round(current, ranges, data, baseline, threads, None, progress)? {
        Round::Done(optimum) => Ok(*optimum),
        Round::Needs { .. } => unreachable!("a search that simulates needs nothing"),
    }
}

/// Where a search replaying on known estimates got to (`optimise_round`).
#[derive(Debug)]
pub enum Round {
    Done(Box<SchemeOptimum>),
    /// The candidates to estimate next (on `replications` futures, in order; `estimate_candidates`
    /// in contiguous shares, put back in order) before the search can go on.
    Needs {
        points: Vec<Vec<f64>>,
        replications: u32,
    },
}

/// The estimator of a search over `ranges`.
fn estimator<'a>(
    ranges: &SearchRanges,
    data: &'a PreparedData,
    baseline: &'a Baseline,
    threads: Option<u32>,
) -> Estimator<'a> {
    let effort = &ranges.search;
    Estimator {
        data,
        baseline,
        constraints: ranges.constraints.clone(),
        months: effort.months,
        seed: effort.seed,
        threads,
    }
}

/// Candidate `points` of the search over `ranges` around `current`, each on futures
/// `0..replications`: a worker's share of one batch of the search (`Round::Needs`). A candidate's
/// estimate depends only on the candidate and its futures, not on the others simulated with it.
pub fn estimate_candidates(
    current: &Scenario,
    ranges: &SearchRanges,
    data: &PreparedData,
    baseline: &Baseline,
    points: &[Vec<f64>],
    replications: u32,
) -> Result<Option<Vec<Estimate>>, OptimiseError> {
    ranges.check(current)?;
    let space = Space::of(ranges);
    let Some(schemes) = points
        .iter()
        .map(|p| (p.len() == space.len()).then(|| space.apply(current, p)).flatten())
        .collect::<Option<Vec<_>>>()
    else {
        return Ok(None);
    };
    Ok(Some(estimator(ranges, data, baseline, None).estimate(&schemes, replications)?))
}

/// `optimise_scheme`; with `known`, the search replays on those estimates and, at the first batch
/// of candidates they lack, stops and says which (`Round::Needs`).
pub fn optimise_round(
    current: &Scenario,
    ranges: &SearchRanges,
    data: &PreparedData,
    baseline: &Baseline,
    threads: Option<u32>,
    known: Option<&KnownEstimates>,
    progress: &mut dyn Progress,
) -> Result<Round, OptimiseError> {
    ranges.check(current)?;
    let space = Space::of(ranges);
    if space.is_empty() {
        return Err(OptimiseError::NothingToSearch);
    }
    let effort = &ranges.search;
    let estimator = estimator(ranges, data, baseline, threads);
    let start = space.starting_point(current).ok_or(OptimiseError::NoValidStart)?;
    let searched =
        search::coordinate_search(&space, current, start, &estimator, ranges.objective, effort, known, progress);
    let outcome = match searched {
        Ok(outcome) => outcome,
        Err(SearchStop::Simulate(error)) => return Err(error.into()),
        Err(SearchStop::Needs { points, replications }) => return Ok(Round::Needs { points, replications }),
    };
    let mut best = space.apply(current, &outcome.best).expect("the search keeps valid points");
    best.name = format!("{} (optimised)", current.name);
    let fresh = estimator.fresh_settings(effort.confirm_replications);
    let schemes = [current.clone(), best.clone()];
    let simulation = Simulation::new(&schemes, 0, data, baseline, &fresh, &mut Silent)?;
    let (result, mut margins) =
        simulation.result_with_margins(simulation.run_replications(0..fresh.replications, &mut Silent));
    let comparison = result.comparison(1).expect("two schemes compare");
    let best_margins = margins.pop().expect("two schemes");
    let current_margins = margins.pop().expect("two schemes");
    let confirmation = Confirmation {
        seed: fresh.seed,
        replications: fresh.replications,
        current: Estimate::of(&result.schemes[0], current_margins, &ranges.constraints),
        best: Estimate::of(&result.schemes[1], best_margins, &ranges.constraints),
        gain: comparison.incremental_margin.clone(),
        chance_better: comparison.chance_better_on_margin,
    };
    Ok(Round::Done(Box::new(SchemeOptimum {
        parameters: space.coordinates.iter().map(|(p, _)| *p).collect(),
        objective: ranges.objective,
        changes: report::changes(&space, current, &best),
        best,
        best_point: outcome.best,
        search_estimate: outcome.best_estimate,
        frontier: report::frontier(&outcome.tried),
        confirmation,
        evaluations: outcome.evaluations,
        cancelled: outcome.cancelled,
    })))
}

#[cfg(test)]
mod tests;
