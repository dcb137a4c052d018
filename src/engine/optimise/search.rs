//! Coordinate search with successive halving of futures (docs/model.md, "Optimiser"): one
//! parameter at a time, the current value and a step either side are simulated on a few futures;
//! the better half goes on to twice as many futures until one is left, which becomes the current
//! value. After every pass over the parameters the step halves. Every estimate is kept (cached by
//! point and futures, so the incumbent is never simulated twice on the same futures) for the
//! cost-vs-margin frontier.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::estimate::{Estimate, Estimator};
use super::ranges::{Objective, SearchEffort};
use super::space::{snap, Space};
use crate::engine::progress::{Progress, Stage};
use crate::engine::scenario::Scenario;
use crate::engine::simulate::SimulateError;

/// First step, as a share of each range's width.
const FIRST_STEP: f64 = 0.5;
/// Whole parameters with at most this many values try all of them in the first pass.
const ALL_WHOLE_VALUES: f64 = 8.0;

/// A point the search simulated, with its estimate on the most futures it got.
#[derive(Clone, Debug, PartialEq)]
pub struct Tried {
    pub point: Vec<f64>,
    pub estimate: Estimate,
}

pub struct SearchOutcome {
    pub best: Vec<f64>,
    pub best_estimate: Estimate,
    pub tried: Vec<Tried>,
    /// Candidate simulations run (a candidate on more futures counts again).
    pub evaluations: usize,
    /// Stopped early on request.
    pub cancelled: bool,
}

/// Candidate estimates computed elsewhere (a pool of workers, each estimating a contiguous share of
/// a batch of candidates), by point and futures: the search replays on them instead of simulating.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KnownEstimates {
    pub entries: Vec<KnownEstimate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownEstimate {
    pub point: Vec<f64>,
    pub replications: u32,
    pub estimate: Estimate,
}

impl KnownEstimates {
    fn lookup(&self) -> HashMap<(Vec<u64>, u32), &Estimate> {
        self.entries.iter().map(|e| ((key(&e.point), e.replications), &e.estimate)).collect()
    }
}

/// Why the search stopped before its end.
#[derive(Debug)]
pub enum SearchStop {
    Simulate(SimulateError),
    /// Replaying on known estimates, the search needs these candidates on `replications` futures
    /// (in the order it would simulate them) before it can go on.
    Needs {
        points: Vec<Vec<f64>>,
        replications: u32,
    },
}

impl From<SimulateError> for SearchStop {
    fn from(error: SimulateError) -> Self {
        SearchStop::Simulate(error)
    }
}

struct Search<'a> {
    space: &'a Space,
    /// Estimates computed elsewhere: candidates are looked up there, never simulated here.
    known: Option<HashMap<(Vec<u64>, u32), &'a Estimate>>,
    base: &'a Scenario,
    estimator: &'a Estimator<'a>,
    objective: Objective,
    cache: HashMap<(Vec<u64>, u32), Estimate>,
    /// Index into `tried` of each point.
    seen: HashMap<Vec<u64>, usize>,
    tried: Vec<Tried>,
    evaluations: usize,
}

fn key(point: &[f64]) -> Vec<u64> {
    point.iter().map(|v| v.to_bits()).collect()
}

impl Search<'_> {
    /// Estimates of `points` on `replications` futures, simulating only those not yet known.
    fn estimate(&mut self, points: &[Vec<f64>], replications: u32) -> Result<Vec<Estimate>, SearchStop> {
        let missing: Vec<&Vec<f64>> =
            points.iter().filter(|p| !self.cache.contains_key(&(key(p), replications))).collect();
        let estimates = match &self.known {
            None => {
                let schemes: Vec<Scenario> = missing
                    .iter()
                    .map(|p| self.space.apply(self.base, p).expect("only valid points are estimated"))
                    .collect();
                self.estimator.estimate(&schemes, replications)?
            }
            Some(known) => {
                let found: Option<Vec<Estimate>> =
                    missing.iter().map(|p| known.get(&(key(p), replications)).map(|e| (*e).clone())).collect();
                found.ok_or_else(|| SearchStop::Needs {
                    points: missing.iter().map(|p| (*p).clone()).collect(),
                    replications,
                })?
            }
        };
        self.evaluations += missing.len();
        for (point, estimate) in missing.into_iter().zip(estimates) {
            self.cache.insert((key(point), replications), estimate);
        }
        let known: Vec<Estimate> = points.iter().map(|p| self.cache[&(key(p), replications)].clone()).collect();
        for (point, estimate) in points.iter().zip(&known) {
            match self.seen.get(&key(point)) {
                Some(&i) if self.tried[i].estimate.replications >= replications => {}
                Some(&i) => self.tried[i].estimate = estimate.clone(),
                None => {
                    self.seen.insert(key(point), self.tried.len());
                    self.tried.push(Tried { point: point.clone(), estimate: estimate.clone() });
                }
            }
        }
        Ok(known)
    }

    /// Successive halving: all candidates on `replications` futures, the better half on twice as
    /// many, ... until one is left. Returns it with its last estimate.
    fn halve(&mut self, mut alive: Vec<Vec<f64>>, replications: u32) -> Result<(Vec<f64>, Estimate), SearchStop> {
        let mut futures = replications;
        loop {
            let estimates = self.estimate(&alive, futures)?;
            let mut ranked: Vec<(Vec<f64>, Estimate)> = alive.into_iter().zip(estimates).collect();
            // A stable sort on "better than": ties keep the earlier candidate (the incumbent first).
            ranked.sort_by(|(_, x), (_, y)| {
                if x.better_than(y, self.objective) {
                    std::cmp::Ordering::Less
                } else if y.better_than(x, self.objective) {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            });
            if ranked.len() == 1 {
                return Ok(ranked.pop().expect("one candidate"));
            }
            ranked.truncate(ranked.len().div_ceil(2));
            alive = ranked.into_iter().map(|(p, _)| p).collect();
            futures = futures.saturating_mul(2);
        }
    }

    /// The values coordinate `k` tries around `current` with `step` (a share of its range).
    fn values(&self, k: usize, current: f64, step: f64, first_sweep: bool) -> Vec<f64> {
        let (parameter, range) = self.space.coordinates[k];
        let mut values = vec![current];
        if parameter.is_whole() && first_sweep && range.width() < ALL_WHOLE_VALUES {
            values.extend((range.min as i64..=range.max as i64).map(|v| v as f64));
        } else {
            let delta = (step * range.width()).max(if parameter.is_whole() { 1.0 } else { 0.0 });
            values.push(snap(parameter, range.clamp(current - delta)));
            values.push(snap(parameter, range.clamp(current + delta)));
        }
        let mut unique: Vec<f64> = Vec::new();
        for v in values {
            if !unique.contains(&v) {
                unique.push(v);
            }
        }
        unique
    }
}

/// Searches `space` around `base` from the valid point `start` for the best objective under the
/// constraints; with `known`, replays on those estimates and stops at the first batch of candidates
/// they lack (`SearchStop::Needs`).
#[allow(clippy::too_many_arguments)]
pub fn coordinate_search(
    space: &Space,
    base: &Scenario,
    start: Vec<f64>,
    estimator: &Estimator,
    objective: Objective,
    effort: &SearchEffort,
    known: Option<&KnownEstimates>,
    progress: &mut dyn Progress,
) -> Result<SearchOutcome, SearchStop> {
    let mut search = Search {
        known: known.map(KnownEstimates::lookup),
        space,
        base,
        estimator,
        objective,
        cache: HashMap::new(),
        seen: HashMap::new(),
        tried: Vec::new(),
        evaluations: 0,
    };
    let mut best = start;
    let mut best_estimate = search.estimate(std::slice::from_ref(&best), effort.replications)?.remove(0);
    let steps = (effort.sweeps as usize * space.len()).max(1) as u64;
    let mut step = FIRST_STEP;
    let mut cancelled = false;
    'sweeps: for sweep in 0..effort.sweeps as usize {
        for k in 0..space.len() {
            if progress.cancelled() {
                cancelled = true;
                break 'sweeps;
            }
            let candidates: Vec<Vec<f64>> = search
                .values(k, best[k], step, sweep == 0)
                .into_iter()
                .map(|v| {
                    let mut p = best.clone();
                    p[k] = v;
                    p
                })
                .filter(|p| space.apply(base, p).is_some())
                .collect();
            if candidates.len() > 1 {
                (best, best_estimate) = search.halve(candidates, effort.replications)?;
            }
            progress.report(Stage::Simulating, (sweep * space.len() + k + 1) as u64, steps);
        }
        step /= 2.0;
    }
    Ok(SearchOutcome { best, best_estimate, tried: search.tried, evaluations: search.evaluations, cancelled })
}
