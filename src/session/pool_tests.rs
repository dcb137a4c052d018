//! The pool's plan and its guarantee: a simulation or sensitivity split over several workers (each
//! its own session holding its own copy of the data, the shares sent as JSON) gives the answer of
//! one worker, to the last bit.

use super::pool::{affordable_workers, forced_workers, pool_size, split, split_request, worker_bytes, PoolProgress};
use super::*;
use crate::engine::progress::{Progress, Silent, Stage};
use crate::engine::scenario::Scenario;
use crate::engine::simulate::baseline_model::BaselineModel;
use crate::engine::simulate::sensitivity::sensitivity_run_count;
use crate::engine::simulate::{SimulationSettings, UntilSure};
use crate::protocol::Envelope;

/// A worker of the pool: a session with the page's sample loaded.
pub(super) fn worker() -> Session {
    let mut session = Session::new();
    let loaded = session.handle(Request::LoadSample { customers: 700, seed: 3 }, None, &mut Silent);
    assert!(matches!(loaded, Response::Loaded { .. }), "{loaded:?}");
    session
}

/// Through JSON, as a message between a worker and the page.
pub(super) fn posted<T: serde::Serialize + serde::de::DeserializeOwned>(value: T) -> T {
    let text = serde_json::to_string(&Envelope { job: 1, body: value }).unwrap();
    serde_json::from_str::<Envelope<T>>(&text).unwrap().body
}

/// `request` split over `workers` fresh workers, finished on the first one, as the page does it:
/// the first worker fits the baseline (when the job needs one) and the helpers' parts carry it.
pub(super) fn pooled(request: &Request, workers: usize) -> Response {
    let mut split = split_request(request, workers).expect("splits");
    assert_eq!(split.parts.len(), workers);
    let mut sessions: Vec<Session> = (0..workers).map(|_| worker()).collect();
    if let Some(fit) = split.baseline_request() {
        split.ship_baseline(posted(sessions[0].handle(posted(fit), None, &mut Silent))).expect("a baseline");
    }
    let answers = split
        .parts
        .iter()
        .zip(&mut sessions)
        .map(|(part, session)| posted(session.handle(posted(part.clone()), None, &mut Silent)))
        .collect();
    let finish = posted(split.finish(answers).expect("every part answered"));
    sessions[0].handle(finish, None, &mut Silent)
}

fn schemes() -> Vec<Scenario> {
    let a = Scenario::template();
    let mut b = Scenario::template_b();
    b.name = "B".into();
    vec![a, b]
}

#[test]
fn shares_are_contiguous_in_order_and_differ_by_at_most_one() {
    assert_eq!(split(20, 2), vec![0..10, 10..20]);
    assert_eq!(split(20, 3), vec![0..7, 7..14, 14..20]);
    assert_eq!(split(31, 8), vec![0..4, 4..8, 8..12, 12..16, 16..20, 20..24, 24..28, 28..31]);
    // Fewer items than workers: one each, no empty shares.
    assert_eq!(split(2, 3), vec![0..1, 1..2]);
    assert_eq!(split(5, 0), vec![0..5]);
    assert!(split(0, 3).is_empty());
}

#[test]
fn the_pool_has_one_worker_per_core_within_its_limits() {
    assert_eq!(pool_size(4.0, None), 4);
    assert_eq!(pool_size(2.0, None), 2);
    assert_eq!(pool_size(64.0, None), 8);
    assert_eq!(pool_size(0.0, None), 1);
    assert_eq!(pool_size(f64::NAN, None), 1);
    // ?workers=N wins when it is a whole number within the limits.
    assert_eq!(pool_size(2.0, Some(3.0)), 3);
    assert_eq!(pool_size(8.0, Some(1.0)), 1);
    assert_eq!(pool_size(2.0, Some(9.0)), 2);
    assert_eq!(pool_size(2.0, Some(0.0)), 2);
    assert_eq!(pool_size(2.0, Some(1.5)), 2);
    assert_eq!(forced_workers("?lang=zh&workers=3"), Some(3.0));
    assert_eq!(forced_workers("workers=x"), None);
    assert_eq!(forced_workers("?embed=1"), None);
}

#[test]
fn only_fixed_simulations_and_sensitivity_are_split() {
    let settings = SimulationSettings { months: 3, replications: 4, seed: 9, ..SimulationSettings::default() };
    let simulate = Request::Simulate { schemes: schemes(), reference: 0, settings: settings.clone() };
    assert!(split_request(&simulate, 1).is_none());
    let Request::SimulatePart { replications, .. } = &split_request(&simulate, 3).unwrap().parts[2] else {
        panic!("a simulation part")
    };
    assert_eq!(*replications, 3..4);
    // One replication cannot be shared.
    let one = SimulationSettings { replications: 1, ..settings.clone() };
    assert!(split_request(&Request::Simulate { schemes: schemes(), reference: 0, settings: one }, 4).is_none());
    // "Until sure" decides its next batch from the earlier ones: it runs on one worker.
    let until_sure =
        SimulationSettings { until_sure: Some(UntilSure { relative_error: 0.1, batch: 4, cap: 40 }), ..settings };
    assert!(split_request(&Request::Simulate { schemes: schemes(), reference: 0, settings: until_sure }, 4).is_none());
    assert!(split_request(&Request::FeatureStats, 4).is_none());
}

#[test]
fn a_simulation_split_over_workers_gives_the_numbers_of_one() {
    let settings = SimulationSettings { months: 5, replications: 7, seed: 11, ..SimulationSettings::default() };
    let request = Request::Simulate { schemes: schemes(), reference: 1, settings };
    let one = worker().handle(request.clone(), None, &mut Silent);
    let Response::Simulated { result, .. } = &one else { panic!("{one:?}") };
    assert_eq!(result.settings.replications, 7);
    assert!(result.comparisons[0].difference.iter().any(|d| d.spread.mean != 0.0), "schemes A and B differ");
    for workers in [2, 3, 7] {
        let split = pooled(&request, workers);
        // Equal as values and as the JSON the page receives (every bit of every float).
        assert_eq!(split, one, "{workers} workers");
        assert_eq!(serde_json::to_string(&split).unwrap(), serde_json::to_string(&one).unwrap());
    }
}

#[test]
fn simulating_again_on_the_kept_histories_gives_the_numbers_of_a_fresh_worker() {
    // One worker runs a simulation, then the same schemes over another horizon (both histories
    // kept), then with B changed (A's kept, B's evaluated), then a share of that: each answer is a
    // fresh worker's, to the last bit.
    let settings = SimulationSettings { months: 5, replications: 4, seed: 11, ..SimulationSettings::default() };
    let longer = SimulationSettings { months: 9, ..settings.clone() };
    let mut changed = schemes();
    changed[1].benefits[3].discount_percent = 12.0;
    let requests = [
        Request::Simulate { schemes: schemes(), reference: 0, settings: settings.clone() },
        Request::Simulate { schemes: schemes(), reference: 1, settings: longer.clone() },
        Request::Simulate { schemes: changed.clone(), reference: 0, settings: longer },
        Request::SimulatePart { schemes: changed, reference: 0, settings, replications: 1..3, baseline: None },
    ];
    let mut session = worker();
    for request in &requests {
        let again = serde_json::to_string(&session.handle(request.clone(), None, &mut Silent)).unwrap();
        let fresh = serde_json::to_string(&worker().handle(request.clone(), None, &mut Silent)).unwrap();
        assert_eq!(again, fresh, "{request:?}");
    }
    assert_eq!(session.kept_histories.of(&requests_schemes(&requests[3])).map(|h| h.len()), Some(2));
}

fn requests_schemes(request: &Request) -> Vec<Scenario> {
    match request {
        Request::Simulate { schemes, .. } | Request::SimulatePart { schemes, .. } => schemes.clone(),
        _ => Vec::new(),
    }
}

#[test]
fn sensitivity_split_over_workers_gives_the_numbers_of_one() {
    let settings = SimulationSettings { months: 3, replications: 3, seed: 5, ..SimulationSettings::default() };
    let request = Request::Sensitivity { schemes: schemes(), reference: 0, settings };
    let one = worker().handle(request.clone(), None, &mut Silent);
    let Response::SensitivityDone { result } = &one else { panic!("{one:?}") };
    assert_eq!(result.rows.len() * 2 + 1, sensitivity_run_count());
    assert!(result.rows.iter().any(|r| r.difference_at_low != r.difference_at_high));
    let split = pooled(&request, 3);
    assert_eq!(split, one);
    assert_eq!(serde_json::to_string(&split).unwrap(), serde_json::to_string(&one).unwrap());
}

#[test]
fn a_failed_or_missing_share_fails_the_job() {
    let settings = SimulationSettings { months: 2, replications: 4, seed: 1, ..SimulationSettings::default() };
    let request = Request::Simulate { schemes: schemes(), reference: 0, settings: settings.clone() };
    let split = split_request(&request, 2).unwrap();
    let failed = Response::Failed { error: UserError::NoData };
    let mut session = worker();
    let first = session.handle(split.parts[0].clone(), None, &mut Silent);
    assert_eq!(split.clone().finish(vec![first.clone(), failed]), Err(UserError::NoData));
    assert!(matches!(split.clone().finish(vec![first.clone()]), Err(UserError::Internal { .. })));
    // The first share twice is two replications short of the second's.
    let Response::SimulatedPart { sums } = &first else { panic!("{first:?}") };
    assert_eq!(sums.len(), 2);
    let wrong = Response::SimulatedPart { sums: sums[..1].to_vec() };
    assert!(matches!(split.finish(vec![first.clone(), wrong]), Err(UserError::Internal { .. })));
    // A worker refuses shares outside the request and sums of the wrong length.
    let outside = Request::SimulatePart {
        schemes: schemes(),
        reference: 0,
        settings: settings.clone(),
        replications: 3..5,
        baseline: None,
    };
    let answer = session.handle(outside, None, &mut Silent);
    assert!(matches!(answer, Response::Failed { error: UserError::BadRequest { .. } }), "{answer:?}");
    let short = Request::FinishSimulation { schemes: schemes(), reference: 0, settings, sums: sums.clone() };
    let answer = session.handle(short, None, &mut Silent);
    assert!(matches!(answer, Response::Failed { error: UserError::BadRequest { .. } }), "{answer:?}");
}

#[test]
fn progress_adds_up_the_shares() {
    let mut progress = PoolProgress::new(3, Stage::Simulating);
    // Before anything simulates, a stage passes through as it is.
    assert_eq!(progress.report(1, Stage::Training, 2, 5), (Stage::Training, 2, 5));
    // Part 0 is 2 blocks of 10 in; the others count as 10 blocks not started.
    assert_eq!(progress.report(0, Stage::Simulating, 2, 10), (Stage::Simulating, 2, 30));
    assert_eq!(progress.report(2, Stage::Simulating, 5, 10), (Stage::Simulating, 7, 30));
    assert_eq!(progress.report(0, Stage::Simulating, 10, 10), (Stage::Simulating, 15, 30));
}

#[test]
fn big_data_runs_on_fewer_workers() {
    // 160 MiB + 1,830,000 rows x 280 + 100,000 customers x 600 = 167,772,160 + 512,400,000 +
    // 60,000,000 = 740,172,160 bytes; 3 GiB (3,221,225,472) holds 4 of them (4.35).
    assert_eq!(worker_bytes(1_830_000, 100_000), 740_172_160);
    assert_eq!(affordable_workers(8, worker_bytes(1_830_000, 100_000)), 4);
    assert_eq!(affordable_workers(2, worker_bytes(1_830_000, 100_000)), 2);
    // CDNOW x 100 (6,965,900 rows, 2,357,000 customers) needs 3.5 GB: one worker, never none.
    assert_eq!(affordable_workers(8, worker_bytes(6_965_900, 2_357_000)), 1);
    assert_eq!(affordable_workers(8, 0), 8);
}

/// The stages a worker reported.
#[derive(Default)]
struct Stages(Vec<Stage>);

impl Progress for Stages {
    fn report(&mut self, stage: Stage, _: u64, _: u64) {
        self.0.push(stage);
    }
}

#[test]
fn a_share_given_the_first_workers_baseline_fits_nothing_and_gives_the_same_bytes() {
    for model in BaselineModel::ALL {
        let settings =
            SimulationSettings { months: 4, replications: 6, seed: 21, baseline_model: model, ..Default::default() };
        let request = Request::Simulate { schemes: schemes(), reference: 0, settings: settings.clone() };
        let mut split = split_request(&request, 2).unwrap();
        assert_eq!(split.baseline_request(), Some(Request::FitBaseline { settings: settings.clone() }));
        let fitted_own = split.parts[1].clone();
        let shipped = posted(worker().handle(posted(split.baseline_request().unwrap()), None, &mut Silent));
        let Response::BaselineFitted { baseline } = &shipped else { panic!("{shipped:?}") };
        // The model's parameters and a few population figures, not per-customer arrays.
        let bytes = serde_json::to_string(&shipped).unwrap().len();
        assert!(baseline.fit.as_ref().is_some_and(|fit| fit.report.per_customer.customer.is_empty()), "{model:?}");
        assert!(bytes < 20_000, "{model:?}: {bytes} bytes");
        split.ship_baseline(shipped).unwrap();
        let Request::SimulatePart { baseline: Some(_), .. } = &split.parts[1] else { panic!("{:?}", split.parts[1]) };
        assert!(matches!(split.parts[0], Request::SimulatePart { baseline: None, .. }), "the first worker has it");

        let mut own = Stages::default();
        let reference = posted(worker().handle(posted(fitted_own), None, &mut own));
        let mut given = Stages::default();
        let answer = posted(worker().handle(posted(split.parts[1].clone()), None, &mut given));
        assert!(matches!(answer, Response::SimulatedPart { .. }), "{answer:?}");
        assert_eq!(serde_json::to_string(&answer).unwrap(), serde_json::to_string(&reference).unwrap(), "{model:?}");
        // The share that fitted its own baseline trained the CLV models; the one given it did not.
        assert!(own.0.contains(&Stage::Training), "{model:?}: {:?}", own.0);
        assert!(!given.0.contains(&Stage::Training), "{model:?}: {:?}", given.0);
    }
}

#[test]
fn a_worker_answers_a_share_with_another_baseline_from_that_baseline() {
    // The helper simulated on one shipped baseline, then is sent another (the first worker's data
    // or model changed): it rebuilds, never reuses the one it holds.
    let settings = SimulationSettings { months: 3, replications: 4, seed: 2, ..SimulationSettings::default() };
    let request = Request::Simulate { schemes: schemes(), reference: 0, settings: settings.clone() };
    let mut first = worker();
    let fit =
        |first: &mut Session| first.handle(Request::FitBaseline { settings: settings.clone() }, None, &mut Silent);
    let mut split = split_request(&request, 2).unwrap();
    split.ship_baseline(fit(&mut first)).unwrap();
    let mut helper = worker();
    let on_own = helper.handle(split.parts[1].clone(), None, &mut Silent);
    let mut other = worker();
    other.handle(Request::LoadSample { customers: 700, seed: 4 }, None, &mut Silent);
    let mut changed = split_request(&request, 2).unwrap();
    changed.ship_baseline(fit(&mut other)).unwrap();
    assert_ne!(changed.parts[1], split.parts[1]);
    let on_other = helper.handle(changed.parts[1].clone(), None, &mut Silent);
    assert_ne!(on_other, on_own);
    // Back to the first baseline: the first answer again.
    assert_eq!(helper.handle(split.parts[1].clone(), None, &mut Silent), on_own);
    // The first worker's failure to fit is the job's.
    let failed = Response::Failed { error: UserError::NoData };
    assert_eq!(split_request(&request, 2).unwrap().ship_baseline(failed), Err(UserError::NoData));
    assert!(split_request(&request, 2).unwrap().ship_baseline(Response::Ready).is_err());
}
