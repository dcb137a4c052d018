//! The optimiser split over the pool round by round gives one worker's optimum to the last bit,
//! through JSON as between workers and the page.

use super::decision::tests::small_ranges;
use super::pool_optimise::{PooledSearch, SearchStep};
use super::pool_tests::{posted, worker};
use super::*;
use crate::engine::optimise::SearchRanges;
use crate::engine::progress::Silent;
use crate::engine::scenario::Scenario;

/// The small search of the optimiser's own tests, over two sweeps (more rounds to share out).
fn ranges() -> SearchRanges {
    let mut ranges = small_ranges();
    ranges.search.sweeps = 2;
    ranges
}

/// `request` driven as the page drives it over `workers` fresh workers: the answer, the rounds and
/// the largest number of workers one batch was cut over.
fn pooled(request: &Request, workers: usize) -> (Response, usize, usize) {
    let mut sessions: Vec<Session> = (0..workers).map(|_| worker()).collect();
    let (mut search, first) = PooledSearch::start(request).expect("an optimisation");
    let (mut rounds, mut widest) = (0, 0);
    let mut step = SearchStep::Round(first);
    loop {
        step = match step {
            SearchStep::Round(round) => {
                rounds += 1;
                let answer = posted(sessions[0].handle(posted(round), None, &mut Silent));
                search.on_round(answer, workers)
            }
            SearchStep::Estimate(parts) => {
                widest = widest.max(parts.len());
                let answers = parts
                    .into_iter()
                    .zip(&mut sessions)
                    .map(|(part, session)| posted(session.handle(posted(part), None, &mut Silent)))
                    .collect();
                search.on_estimates(answers)
            }
            SearchStep::Answer(answer) => return (answer, rounds, widest),
        };
    }
}

#[test]
fn the_optimiser_split_over_workers_finds_one_workers_optimum() {
    let request = Request::Optimise { base: Box::new(Scenario::template()), ranges: Box::new(ranges()) };
    let one = worker().handle(request.clone(), None, &mut Silent);
    let Response::Optimised { result } = &one else { panic!("{one:?}") };
    assert!(result.evaluations > 5, "a real search: {} evaluations", result.evaluations);
    for workers in [1, 2, 3, 7] {
        let (split, rounds, widest) = pooled(&request, workers);
        assert_eq!(split, one, "{workers} workers");
        assert_eq!(serde_json::to_string(&split).unwrap(), serde_json::to_string(&one).unwrap());
        // One round per batch of candidates, and the batches were really shared out.
        assert!(rounds > 2, "{rounds} rounds");
        assert_eq!(widest > 1, workers > 1, "{workers} workers: batches cut over {widest}");
    }
}

#[test]
fn a_failed_or_foreign_share_fails_the_optimisation() {
    let request = Request::Optimise { base: Box::new(Scenario::template()), ranges: Box::new(ranges()) };
    let (mut search, first) = PooledSearch::start(&request).unwrap();
    assert!(PooledSearch::start(&Request::FeatureStats).is_none());
    let mut session = worker();
    let answer = session.handle(first, None, &mut Silent);
    let Response::OptimiseNeeds { points, replications } = &answer else { panic!("{answer:?}") };
    assert_eq!((points.len(), *replications), (1, 2), "the starting point first, on the search's futures");
    let SearchStep::Estimate(parts) = search.on_round(answer.clone(), 2) else { panic!() };
    assert_eq!(parts.len(), 1, "one candidate is not shared");
    let failed = Response::Failed { error: UserError::NoData };
    assert_eq!(search.clone().on_estimates(vec![failed.clone()]), SearchStep::Answer(failed));
    let wrong = Response::CandidatesEstimated { estimates: vec![] };
    assert!(matches!(search.on_estimates(vec![wrong]), SearchStep::Answer(Response::Failed { .. })));
    // A worker refuses candidates outside the ranges (a point of the wrong length).
    let Request::Optimise { base, ranges } = request else { unreachable!() };
    let outside = Request::EstimateCandidates { base, ranges, points: vec![vec![1.0]], replications: 2 };
    let answer = session.handle(outside, None, &mut Silent);
    assert!(matches!(answer, Response::Failed { error: UserError::BadRequest { .. } }), "{answer:?}");
}
