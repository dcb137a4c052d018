//! The simulator's work split over a pool of workers (the page runs one Web Worker per core, each its
//! own wasm instance holding its own copy of the data): which share each worker computes, how the
//! answers are put together, and the worker side of the shares.
//!
//! A simulation is split by replications: replication `r` draws from the same random streams and sums
//! its customers in the same block order whichever worker runs it (`engine::simulate::blocks`), so the
//! shares concatenated in replication order are exactly the sums of one pass. Sensitivity is split by
//! runs (each run a whole simulation), assembled in run order. The first worker finishes the job from
//! the shares (`Request::FinishSimulation` / `Request::FinishSensitivity`), so the page only routes
//! messages. Same seed, same numbers, with 1 or N workers.

use std::ops::Range;

use super::state::{validated_schemes, Session};
use crate::engine::ingest::estimate::LoadEstimate;
use crate::engine::limits::Limit;
use crate::engine::progress::{Progress, Stage};
use crate::engine::scenario::Scenario;
use crate::engine::simulate::blocks::PlanTotals;
use crate::engine::simulate::sensitivity::{assemble_sensitivity, sensitivity_run_count, sensitivity_runs, RunOutcome};
use crate::engine::simulate::{Simulation, SimulationSettings};
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

/// What a split request was, to put the answers back together.
#[derive(Clone, Debug)]
enum Job {
    Simulation,
    Sensitivity,
}

/// A request split over the pool: `parts[i]` goes to worker `i`; `finish` turns the answers (in
/// worker order) into the request that completes the job on the first worker.
#[derive(Clone, Debug)]
pub struct Split {
    pub parts: Vec<Request>,
    job: Job,
    schemes: Vec<Scenario>,
    reference: usize,
    settings: SimulationSettings,
    lengths: Vec<usize>,
}

/// Splits a simulation or sensitivity request over `workers`; `None` for any other request, for one
/// worker, and for "run until sure" (whose batches depend on what the earlier ones found).
pub fn split_request(request: &Request, workers: usize) -> Option<Split> {
    if workers < 2 {
        return None;
    }
    let (job, schemes, reference, settings) = match request {
        Request::Simulate { schemes, reference, settings } if settings.until_sure.is_none() => {
            (Job::Simulation, schemes, *reference, settings)
        }
        Request::Sensitivity { schemes, reference, settings } => (Job::Sensitivity, schemes, *reference, settings),
        _ => return None,
    };
    let total = match job {
        Job::Simulation => settings.replications as usize,
        Job::Sensitivity => sensitivity_run_count(),
    };
    let ranges = split(total, workers);
    if ranges.len() < 2 {
        return None;
    }
    let (schemes, settings) = (schemes.clone(), settings.clone());
    let parts = ranges
        .iter()
        .map(|range| match job {
            Job::Simulation => Request::SimulatePart {
                schemes: schemes.clone(),
                reference,
                settings: settings.clone(),
                replications: range.start as u32..range.end as u32,
            },
            Job::Sensitivity => Request::SensitivityPart {
                schemes: schemes.clone(),
                reference,
                settings: settings.clone(),
                runs: range.clone(),
            },
        })
        .collect();
    Some(Split { parts, job, schemes, reference, settings, lengths: ranges.iter().map(Range::len).collect() })
}

impl Split {
    /// The request that finishes the job, from every part's answer in worker order; the first
    /// failure among them if a part failed.
    pub fn finish(self, answers: Vec<Response>) -> Result<Request, UserError> {
        let wrong = |what: &str| UserError::Internal { message: format!("a worker of the pool answered {what}") };
        if answers.len() != self.lengths.len() {
            return Err(wrong("too few or too many parts"));
        }
        let Split { job, schemes, reference, settings, lengths, .. } = self;
        match job {
            Job::Simulation => {
                let mut sums = Vec::with_capacity(settings.replications as usize);
                for (answer, length) in answers.into_iter().zip(lengths) {
                    match answer {
                        Response::SimulatedPart { sums: part } if part.len() == length => sums.extend(part),
                        Response::Failed { error } => return Err(error),
                        _ => return Err(wrong("with another number of replications")),
                    }
                }
                Ok(Request::FinishSimulation { schemes, reference, settings, sums })
            }
            Job::Sensitivity => {
                let mut outcomes = Vec::with_capacity(sensitivity_run_count());
                for (answer, length) in answers.into_iter().zip(lengths) {
                    match answer {
                        Response::SensitivityPartDone { outcomes: part } if part.len() == length => {
                            outcomes.extend(part)
                        }
                        Response::Failed { error } => return Err(error),
                        _ => return Err(wrong("with another number of runs")),
                    }
                }
                Ok(Request::FinishSensitivity { schemes, reference, settings, outcomes })
            }
        }
    }
}

/// Each part's latest progress, shown as one job: the simulated shares added up. Before any part
/// simulates, the latest other stage (fitting the baseline, evaluating the schemes) is shown as is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolProgress {
    parts: Vec<Option<(u64, u64)>>,
}

impl PoolProgress {
    pub fn new(parts: usize) -> PoolProgress {
        PoolProgress { parts: vec![None; parts] }
    }

    /// Part `part` reports; the job's progress to show.
    pub fn report(&mut self, part: usize, stage: Stage, done: u64, total: u64) -> (Stage, u64, u64) {
        if stage != Stage::Simulating {
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
        (Stage::Simulating, done, total)
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
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        if replications.is_empty() || replications.end > settings.replications {
            let message = format!("replications {replications:?} of {}", settings.replications);
            return Err(UserError::BadRequest { message });
        }
        let (sums, _) = self.on_baseline(schemes, settings, progress, |data, baseline, progress| {
            let simulation = Simulation::new(schemes, reference, data, baseline, settings, progress)?;
            Ok(simulation.run_replications(replications, progress))
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
        let (result, baseline_note) = self.on_baseline(schemes, settings, progress, |data, baseline, progress| {
            Ok(Simulation::new(schemes, reference, data, baseline, settings, progress)?.result(sums))
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
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        if runs.is_empty() || runs.end > sensitivity_run_count() {
            return Err(UserError::BadRequest { message: format!("runs {runs:?} of {}", sensitivity_run_count()) });
        }
        let (outcomes, _) = self.on_baseline(schemes, settings, progress, |data, baseline, progress| {
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
