//! The optimiser split over the pool. Its coordinate search decides each batch of candidates from
//! the estimates of the earlier ones, so it goes in rounds: the first worker replays the search on
//! the estimates known so far (cheap: nothing is simulated again) up to the first batch it lacks
//! (`Request::OptimiseRound` -> `Response::OptimiseNeeds`); the batch is cut into contiguous shares,
//! one per worker (`Request::EstimateCandidates`), the estimates put back in order and the next
//! round sent with them. A candidate's estimate depends only on the candidate and its futures, so
//! the search takes the same path and reports the same optimum with 1 or N workers. The page keeps
//! the rounds' state (`PooledSearch`); the workers keep none.

use super::pool::split;
use super::state::{validated, Session};
use crate::engine::optimise::{
    estimate_candidates, optimise_round, KnownEstimate, KnownEstimates, Round, SearchRanges,
};
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::SimulationSettings;
use crate::protocol::{Request, Response, UserError};

impl Session {
    /// One round of a pooled optimisation (`Request::OptimiseRound`).
    pub(super) fn optimise_round(
        &mut self,
        base: &Scenario,
        ranges: &SearchRanges,
        known: &KnownEstimates,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        validated(&base.name, base)?;
        ranges.check(base).map_err(|e| UserError::Optimise { error: e.into() })?;
        let (data, baseline, _) = self.baseline(&SimulationSettings::default(), progress)?;
        match optimise_round(base, ranges, data, baseline, None, Some(known), progress) {
            Ok(Round::Done(result)) => Ok(Response::Optimised { result }),
            Ok(Round::Needs { points, replications }) => Ok(Response::OptimiseNeeds { points, replications }),
            Err(error) => Err(UserError::Optimise { error }),
        }
    }

    /// A worker's share of a round's candidates (`Request::EstimateCandidates`).
    pub(super) fn estimate_candidates(
        &mut self,
        base: &Scenario,
        ranges: &SearchRanges,
        points: &[Vec<f64>],
        replications: u32,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        validated(&base.name, base)?;
        let (data, baseline, _) = self.baseline(&SimulationSettings::default(), progress)?;
        estimate_candidates(base, ranges, data, baseline, points, replications)
            .map_err(|error| UserError::Optimise { error })?
            .map(|estimates| Response::CandidatesEstimated { estimates })
            .ok_or_else(|| UserError::BadRequest { message: format!("candidates {points:?} outside the ranges") })
    }
}

/// An `Optimise` request split over the pool, as the page drives it round by round.
#[derive(Clone, Debug)]
pub struct PooledSearch {
    base: Box<Scenario>,
    ranges: Box<SearchRanges>,
    known: KnownEstimates,
    /// The batch being estimated: its candidates, futures and each share's length.
    batch: Option<(Vec<Vec<f64>>, u32, Vec<usize>)>,
}

/// What the page does after a worker's answer to a pooled optimisation.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchStep {
    /// Send `parts[i]` to worker i (a batch of candidates cut into shares).
    Estimate(Vec<Request>),
    /// Send this round to the first worker.
    Round(Request),
    /// The job's answer (the optimum, or why it failed).
    Answer(Response),
}

impl PooledSearch {
    /// The search of an `Optimise` request, and its first round; `None` for any other request.
    pub fn start(request: &Request) -> Option<(PooledSearch, Request)> {
        let Request::Optimise { base, ranges } = request else { return None };
        let search =
            PooledSearch { base: base.clone(), ranges: ranges.clone(), known: KnownEstimates::default(), batch: None };
        let round = search.round();
        Some((search, round))
    }

    fn round(&self) -> Request {
        Request::OptimiseRound {
            base: self.base.clone(),
            ranges: self.ranges.clone(),
            known: Box::new(self.known.clone()),
        }
    }

    /// The first worker's answer to a round: the batch it needs cut over `workers`, or the answer.
    pub fn on_round(&mut self, answer: Response, workers: usize) -> SearchStep {
        let Response::OptimiseNeeds { points, replications } = answer else { return SearchStep::Answer(answer) };
        let shares = split(points.len(), workers);
        if shares.is_empty() || self.batch.is_some() {
            let message = "an optimiser round asked for no candidates".to_string();
            return SearchStep::Answer(Response::Failed { error: UserError::Internal { message } });
        }
        let parts = shares
            .iter()
            .map(|share| Request::EstimateCandidates {
                base: self.base.clone(),
                ranges: self.ranges.clone(),
                points: points[share.clone()].to_vec(),
                replications,
            })
            .collect();
        self.batch = Some((points, replications, shares.iter().map(|s| s.len()).collect()));
        SearchStep::Estimate(parts)
    }

    /// Every share's answer, in worker order: the next round, or the first failure.
    pub fn on_estimates(&mut self, answers: Vec<Response>) -> SearchStep {
        let Some((points, replications, lengths)) = self.batch.take() else {
            let message = "candidate estimates nobody asked for".to_string();
            return SearchStep::Answer(Response::Failed { error: UserError::Internal { message } });
        };
        let mut estimates = Vec::with_capacity(points.len());
        for (answer, length) in answers.into_iter().zip(&lengths) {
            match answer {
                Response::CandidatesEstimated { estimates: share } if share.len() == *length => estimates.extend(share),
                Response::Failed { error } => return SearchStep::Answer(Response::Failed { error }),
                _ => {
                    let message = "a worker of the pool answered with other candidates".to_string();
                    return SearchStep::Answer(Response::Failed { error: UserError::Internal { message } });
                }
            }
        }
        if estimates.len() != points.len() {
            let message = "too few candidate estimates".to_string();
            return SearchStep::Answer(Response::Failed { error: UserError::Internal { message } });
        }
        let found =
            points.into_iter().zip(estimates).map(|(point, estimate)| KnownEstimate { point, replications, estimate });
        self.known.entries.extend(found);
        SearchStep::Round(self.round())
    }
}
