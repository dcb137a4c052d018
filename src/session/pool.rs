//! The simulator's work split over a pool of workers (the page runs one Web Worker per core, each its
//! own wasm instance holding its own copy of the data): which share each worker computes, how the
//! answers are put together, and the worker side of the shares.
//!
//! A simulation is split by replications: replication `r` draws from the same random streams and sums
//! its customers in the same block order whichever worker runs it (`engine::simulate::blocks`), so the
//! shares concatenated in replication order are exactly the sums of one pass. Sensitivity is split by
//! runs (each run a whole simulation), assembled in run order. The first worker finishes the job from
//! the shares (`Request::FinishSimulation` / `Request::FinishSensitivity`), so the page only routes
//! messages. Same seed, same numbers, with 1 or N workers. Both run on the no-program baseline: the
//! first worker fits it (`Request::FitBaseline`) and each helper's share carries it, a few kilobytes
//! the helper rebuilds the per-customer baseline from (`Baseline::of_shipped`) instead of fitting.

use std::ops::Range;

use super::state::{validated_schemes, Session};
use crate::engine::ingest::estimate::LoadEstimate;
use crate::engine::limits::Limit;
use crate::engine::models::segments::{kmeans_runs, merge_best_runs};
use crate::engine::models::supervised::{GrownTrees, RegressionModel};
use crate::engine::progress::{Progress, Stage};
use crate::engine::scenario::Scenario;
use crate::engine::simulate::blocks::PlanTotals;
use crate::engine::simulate::population::PopulationBaseline;
use crate::engine::simulate::sensitivity::{assemble_sensitivity, sensitivity_run_count, sensitivity_runs, RunOutcome};
use crate::engine::simulate::simulation::outline_without_evaluating;
use crate::engine::simulate::SimulationSettings;
use crate::protocol::{Request, Response, UserError};

/// Workers the page runs: at least one; more than eight would mostly add copies of the data (each
/// worker holds its own) for little speed on the machines a marketer has.
pub const WORKERS: Limit = Limit::whole("workers", 1.0, 8.0);

/// How many workers to run: `forced` (the page's `?workers=N`) when it is within `WORKERS`,
/// otherwise the browser's core count (`navigator.hardwareConcurrency`) brought within `WORKERS`.
pub fn pool_size(cores: f64, forced: Option<f64>) -> usize {
    match forced {
        Some(n) if WORKERS.contains(n) && n.fract() == 0.0 => n as usize,
        _ if cores.is_finite() => WORKERS.clamp(cores.floor()) as usize,
        _ => 1,
    }
}

/// What the workers' copies of the data may take together (each worker holds all of it): a
/// 100,000-customer sample affords three workers, CDNOW x 100 one (`affordable_workers`).
pub const POOL_MEMORY_BUDGET: u64 = 3 << 30;

/// The workers a data set affords: at most `size`, no more than `POOL_MEMORY_BUDGET` holds when
/// each needs `per_worker` bytes, and always one.
pub fn affordable_workers(size: usize, per_worker: u64) -> usize {
    let fit = POOL_MEMORY_BUDGET / per_worker.max(1);
    size.min(usize::try_from(fit).unwrap_or(usize::MAX)).max(1)
}

/// One worker's memory for data of `rows` rows and `customers` customers: the load estimate
/// without the file's text, which a worker lets go once loaded.
pub fn worker_bytes(rows: usize, customers: usize) -> u64 {
    LoadEstimate::of(0, rows as u64, customers as u64).peak_bytes
}

/// The worker count the page's address asks for (`?workers=N`, for tests and benchmarks), if any.
pub fn forced_workers(query: &str) -> Option<f64> {
    query.trim_start_matches('?').split('&').find_map(|pair| match pair.split_once('=') {
        Some(("workers", value)) => value.parse().ok(),
        _ => None,
    })
}

/// A job the first worker has been sent and not answered yet, as the pool sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Running {
    /// A load that replaces the data (the sample, a file, the data given back after a restart).
    Loading,
    /// A model lab job that publishes a column (`Request::FitClv` with `publish`, or a request with
    /// `publish_as`).
    Publishing(Request),
    Other,
}

/// The column-publishing requests a helper must have run before a job split now, in the order the
/// first worker runs them: those answered (`published`), then those still `running` (the first
/// worker runs requests in order, so it holds their columns by the time it reaches the split job,
/// and so must every helper). `None` while new data loads on the first worker: the helpers cannot
/// be given it yet, so the job runs on the first worker alone.
pub fn helper_columns(published: &[Request], running: &[Running]) -> Option<Vec<Request>> {
    let mut requests = published.to_vec();
    for job in running {
        match job {
            Running::Loading => return None,
            Running::Publishing(request) => requests.push(request.clone()),
            Running::Other => {}
        }
    }
    Some(requests)
}

/// `0..total` cut into at most `parts` contiguous, non-empty ranges in order, the first ones one
/// longer when it does not divide evenly.
pub fn split(total: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, total.max(1));
    let (size, extra) = (total / parts, total % parts);
    let mut start = 0;
    (0..parts)
        .map(|i| {
            let end = start + size + usize::from(i < extra);
            let range = start..end;
            start = end;
            range
        })
        .filter(|range| !range.is_empty())
        .collect()
}

/// A request split over the pool: `parts[i]` goes to worker `i`; `finish` turns the answers (in
/// worker order) into the request that completes the job on the first worker.
#[derive(Clone, Debug)]
pub struct Split {
    pub parts: Vec<Request>,
    /// What was split, to put the answers back together.
    request: Request,
    lengths: Vec<usize>,
}

/// The items a request is split by (replications, sensitivity runs, k-means runs, forest trees);
/// `None` for a request that is not split, and for "run until sure" (whose batches depend on what
/// the earlier ones found).
fn split_items(request: &Request) -> Option<usize> {
    match request {
        Request::Simulate { settings, .. } if settings.until_sure.is_none() => Some(settings.replications as usize),
        Request::Sensitivity { .. } => Some(sensitivity_run_count()),
        Request::Segment { params, .. } => Some(kmeans_runs(params)),
        Request::TrainValue { model: RegressionModel::RandomForest(forest), .. } => Some(forest.n_trees),
        _ => None,
    }
}

/// `request`'s share `items` (one of `split(split_items(request), workers)`).
fn part(request: &Request, items: Range<usize>) -> Option<Request> {
    let part = match request.clone() {
        Request::Simulate { schemes, reference, settings } => {
            let replications = items.start as u32..items.end as u32;
            Request::SimulatePart { schemes, reference, settings, replications, baseline: None }
        }
        Request::Sensitivity { schemes, reference, settings } => {
            Request::SensitivityPart { schemes, reference, settings, runs: items, baseline: None }
        }
        Request::Segment { params, .. } => Request::SegmentPart { params, runs: items },
        Request::TrainValue { spec, model: RegressionModel::RandomForest(model), options, .. } => {
            Request::TrainValuePart { spec, model, options, trees: items }
        }
        _ => return None,
    };
    Some(part)
}

/// Splits a simulation, sensitivity analysis, segmentation or random forest training over
/// `workers`; `None` for any other request, for one worker, and when there is one item to share.
pub fn split_request(request: &Request, workers: usize) -> Option<Split> {
    if workers < 2 {
        return None;
    }
    let ranges = split(split_items(request)?, workers);
    if ranges.len() < 2 {
        return None;
    }
    let parts = ranges.iter().map(|range| part(request, range.clone())).collect::<Option<Vec<_>>>()?;
    Some(Split { parts, request: request.clone(), lengths: ranges.iter().map(Range::len).collect() })
}

impl Split {
    /// The stage whose progress the parts report in shares (`PoolProgress`).
    pub fn shared_stage(&self) -> Stage {
        match self.request {
            Request::Simulate { .. } | Request::Sensitivity { .. } => Stage::Simulating,
            _ => Stage::Training,
        }
    }

    /// What to ask the first worker before the parts are sent, for a job on the no-program baseline
    /// (simulation, sensitivity): `FitBaseline`, whose answer goes to `ship_baseline`. The helpers
    /// then rebuild the first worker's baseline instead of each fitting it again.
    pub fn baseline_request(&self) -> Option<Request> {
        match &self.request {
            Request::Simulate { settings, .. } | Request::Sensitivity { settings, .. } => {
                Some(Request::FitBaseline { settings: settings.clone() })
            }
            _ => None,
        }
    }

    /// The parts given the first worker's answer to `baseline_request`: every helper's part (all
    /// but the first, which runs where the baseline is) carries the baseline. An error when the
    /// answer is not a baseline (the first worker's failure, to answer the job with).
    pub fn ship_baseline(&mut self, answer: Response) -> Result<(), UserError> {
        let shipped = match answer {
            Response::BaselineFitted { baseline } => baseline,
            Response::Failed { error } => return Err(error),
            _ => {
                return Err(UserError::Internal { message: "a worker of the pool answered without a baseline".into() })
            }
        };
        for part in self.parts.iter_mut().skip(1) {
            if let Request::SimulatePart { baseline, .. } | Request::SensitivityPart { baseline, .. } = part {
                *baseline = Some(shipped.clone());
            }
        }
        Ok(())
    }

    /// The request that finishes the job, from every part's answer in worker order; the first
    /// failure among them if a part failed.
    pub fn finish(self, answers: Vec<Response>) -> Result<Request, UserError> {
        let wrong = |what: &str| UserError::Internal { message: format!("a worker of the pool answered {what}") };
        if answers.len() != self.lengths.len() {
            return Err(wrong("too few or too many parts"));
        }
        if let Some(error) = answers.iter().find_map(|a| match a {
            Response::Failed { error } => Some(error.clone()),
            _ => None,
        }) {
            return Err(error);
        }
        let shares = answers.into_iter().zip(self.lengths);
        match self.request {
            Request::Simulate { schemes, reference, settings } => {
                let mut sums = Vec::with_capacity(settings.replications as usize);
                for (answer, length) in shares {
                    match answer {
                        Response::SimulatedPart { sums: part } if part.len() == length => sums.extend(part),
                        _ => return Err(wrong("with another number of replications")),
                    }
                }
                Ok(Request::FinishSimulation { schemes, reference, settings, sums })
            }
            Request::Sensitivity { schemes, reference, settings } => {
                let mut outcomes = Vec::with_capacity(sensitivity_run_count());
                for (answer, length) in shares {
                    match answer {
                        Response::SensitivityPartDone { outcomes: part } if part.len() == length => {
                            outcomes.extend(part)
                        }
                        _ => return Err(wrong("with another number of runs")),
                    }
                }
                Ok(Request::FinishSensitivity { schemes, reference, settings, outcomes })
            }
            Request::Segment { params, publish_as, names } => {
                let mut runs = Vec::new();
                for (answer, _) in shares {
                    match answer {
                        Response::SegmentRuns { best } => runs.extend(best),
                        _ => return Err(wrong("without k-means runs")),
                    }
                }
                Ok(Request::FinishSegment { params, publish_as, names, best: merge_best_runs(runs) })
            }
            Request::TrainValue { spec, model: RegressionModel::RandomForest(model), options, publish_as } => {
                let mut grown = Vec::new();
                for (answer, length) in shares {
                    match answer {
                        Response::TreesGrown { trees } if trees.fits.iter().all(|t| t.len() == length) => {
                            grown.push(*trees)
                        }
                        _ => return Err(wrong("with another number of trees")),
                    }
                }
                let trees = GrownTrees::merge(grown).ok_or_else(|| wrong("with different forests"))?;
                Ok(Request::FinishTrainValue { spec, model, options, publish_as, trees: Box::new(trees) })
            }
            _ => Err(wrong("to a request that is not split")),
        }
    }
}

/// Each part's latest progress, shown as one job: the shares of the shared stage (simulating,
/// training) added up. Before any part reaches it, the latest other stage (fitting the baseline,
/// evaluating the schemes) is shown as is.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolProgress {
    parts: Vec<Option<(u64, u64)>>,
    /// The stage the parts share out (`Split::shared_stage`).
    shared: Stage,
}

impl PoolProgress {
    pub fn new(parts: usize, shared: Stage) -> PoolProgress {
        PoolProgress { parts: vec![None; parts], shared }
    }

    /// Part `part` reports; the job's progress to show.
    pub fn report(&mut self, part: usize, stage: Stage, done: u64, total: u64) -> (Stage, u64, u64) {
        if stage != self.shared {
            return (stage, done, total);
        }
        if let Some(slot) = self.parts.get_mut(part) {
            *slot = Some((done, total));
        }
        // A part that has not started simulating yet will have about the share of one that has.
        let typical = self.parts.iter().flatten().map(|&(_, total)| total).max().unwrap_or(0);
        let (done, total) = self
            .parts
            .iter()
            .map(|p| p.unwrap_or((0, typical)))
            .fold((0, 0), |(d, t), (done, total)| (d + done, t + total));
        (self.shared, done, total)
    }
}

impl Session {
    /// The summed blocks of `replications` of a simulation (one worker's share).
    pub(super) fn simulate_part(
        &mut self,
        schemes: &[Scenario],
        reference: usize,
        settings: &SimulationSettings,
        replications: Range<u32>,
        shipped: Option<&PopulationBaseline>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        if replications.is_empty() || replications.end > settings.replications {
            let message = format!("replications {replications:?} of {}", settings.replications);
            return Err(UserError::BadRequest { message });
        }
        let (sums, _) =
            self.on_simulation(schemes, reference, settings, shipped, progress, |simulation, progress| {
                simulation.run_replications(replications, progress)
            })?;
        Ok(Response::SimulatedPart { sums })
    }

    /// The simulation's answer from every replication's sums, in replication order.
    pub(super) fn finish_simulation(
        &mut self,
        schemes: &[Scenario],
        reference: usize,
        settings: &SimulationSettings,
        sums: Vec<Vec<PlanTotals>>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let plans = schemes.len() + 1;
        if sums.len() != settings.replications as usize
            || settings.until_sure.is_some()
            || sums.iter().any(|replication| replication.len() != plans)
        {
            let message = format!("{} replications' sums for {} of {plans} plans", sums.len(), settings.replications);
            return Err(UserError::BadRequest { message });
        }
        // The shares evaluated the schemes on the history; the result needs only its outline.
        let (result, baseline_note) = self.on_baseline(schemes, settings, progress, |data, baseline, _| {
            Ok(outline_without_evaluating(schemes, reference, data, baseline, settings)?.result(schemes, sums))
        })?;
        Ok(Response::Simulated { result: Box::new(result), baseline_note })
    }

    /// The outcomes of the sensitivity runs in `runs` (one worker's share).
    pub(super) fn sensitivity_part(
        &mut self,
        schemes: &[Scenario],
        reference: usize,
        settings: &SimulationSettings,
        runs: Range<usize>,
        shipped: Option<&PopulationBaseline>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        if runs.is_empty() || runs.end > sensitivity_run_count() {
            return Err(UserError::BadRequest { message: format!("runs {runs:?} of {}", sensitivity_run_count()) });
        }
        let (outcomes, _) =
            self.on_shipped_baseline(schemes, settings, shipped, progress, |data, baseline, progress| {
                sensitivity_runs(schemes, reference, data, baseline, settings, runs, progress)
            })?;
        Ok(Response::SensitivityPartDone { outcomes })
    }
}

/// The sensitivity answer from every run's outcome, in run order (no data needed).
pub(super) fn finish_sensitivity(
    schemes: &[Scenario],
    reference: usize,
    settings: &SimulationSettings,
    outcomes: &[RunOutcome],
) -> Result<Response, UserError> {
    validated_schemes(schemes)?;
    let message = || format!("{} sensitivity outcomes for {} runs", outcomes.len(), sensitivity_run_count());
    let result = assemble_sensitivity(schemes, reference, settings, outcomes)
        .ok_or_else(|| UserError::BadRequest { message: message() })?;
    Ok(Response::SensitivityDone { result: Box::new(result) })
}
