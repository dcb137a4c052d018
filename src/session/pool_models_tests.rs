//! The model lab's work split over the pool (k-means runs, forest trees) gives one worker's answer
//! to the last bit, through JSON as between workers and the page; and a column published while a
//! job is split reaches the helpers before their share.

use super::pool::{helper_columns, split_request, Running};
use super::pool_tests::{pooled, posted, worker};
use super::*;
use crate::engine::features::catalog::{Feature, FeatureKey};
use crate::engine::models::segments::{SegmentCount, SegmentParams};
use crate::engine::models::supervised::{
    EvaluationOptions, ForestParams, GrownTrees, RegressionModel, TargetSpec, TrainingSpec,
};
use crate::engine::progress::Silent;
use crate::engine::scenario::{Scenario, Scoring};
use crate::engine::simulate::SimulationSettings;

fn segment_request(publish_as: Option<&str>) -> Request {
    let params = SegmentParams {
        features: vec![Feature::Monetary.into(), Feature::Frequency.into(), Feature::RecencyDays.into()],
        k: SegmentCount::BestSilhouette { min: 2, max: 4 },
        seed: 17,
        restarts: 3,
        silhouette_sample: 300,
        ..SegmentParams::default()
    };
    Request::Segment { params: Box::new(params), publish_as: publish_as.map(String::from), names: vec![] }
}

fn forest_request(publish_as: Option<&str>) -> Request {
    let spec = TrainingSpec {
        features: vec![Feature::Frequency.into(), Feature::RecencyDays.into(), Feature::Views.into()],
        target: TargetSpec::Column { key: Feature::Monetary.into() },
    };
    let model =
        RegressionModel::RandomForest(ForestParams { n_trees: 7, max_depth: 5, seed: 23, ..Default::default() });
    let options = EvaluationOptions { folds: Some(3), ..EvaluationOptions::default() };
    Request::TrainValue { spec: Box::new(spec), model, options, publish_as: publish_as.map(String::from) }
}

fn json(response: &Response) -> String {
    serde_json::to_string(response).unwrap()
}

#[test]
fn segments_split_over_workers_are_one_workers_segments() {
    let request = segment_request(None);
    let one = worker().handle(request.clone(), None, &mut Silent);
    let Response::Segmented { report } = &one else { panic!("{one:?}") };
    // Three k tried (nine runs to share), the customers really spread over the segments.
    assert_eq!(report.curve.len(), 3);
    assert!(report.segments.len() >= 2 && report.segments.iter().all(|s| s.size > 0));
    for workers in [2, 3, 7] {
        let split = pooled(&request, workers);
        assert_eq!(split, one, "{workers} workers");
        assert_eq!(json(&split), json(&one), "{workers} workers");
    }
}

#[test]
fn a_forest_split_over_workers_is_one_workers_forest() {
    let request = forest_request(None);
    let one = worker().handle(request.clone(), None, &mut Silent);
    let Response::TrainedValue { report } = &one else { panic!("{one:?}") };
    // Predictions for every customer, and cross-validated on three folds (each a forest of its own).
    assert_eq!(report.predictions.value.len(), 700);
    assert_eq!(report.cross_validation.as_ref().map(|cv| cv.folds), Some(3));
    assert!(report.predictions.value.iter().any(|v| *v != report.predictions.value[0]));
    for workers in [2, 3, 7] {
        let split = pooled(&request, workers);
        assert_eq!(split, one, "{workers} workers");
        assert_eq!(json(&split), json(&one), "{workers} workers");
    }
    // Another forest seed grows other trees: the shares are not ignored.
    let Request::TrainValue { spec, options, .. } = request else { unreachable!() };
    let model =
        RegressionModel::RandomForest(ForestParams { n_trees: 7, max_depth: 5, seed: 24, ..Default::default() });
    let other = pooled(&Request::TrainValue { spec, model, options, publish_as: None }, 2);
    let Response::TrainedValue { report: other } = &other else { panic!("{other:?}") };
    assert_ne!(other.predictions, report.predictions);
}

#[test]
fn model_shares_that_do_not_fit_are_refused() {
    let mut session = worker();
    let Request::Segment { params, .. } = segment_request(None) else { unreachable!() };
    // Nine runs: 9..10 is outside, and best runs for two of the three k do not finish it.
    let outside = Request::SegmentPart { params: params.clone(), runs: 8..10 };
    let answer = session.handle(outside, None, &mut Silent);
    assert!(matches!(answer, Response::Failed { error: UserError::BadRequest { .. } }), "{answer:?}");
    let Response::SegmentRuns { best } =
        session.handle(Request::SegmentPart { params: params.clone(), runs: 0..6 }, None, &mut Silent)
    else {
        panic!()
    };
    assert_eq!(best.iter().map(|b| b.k).collect::<Vec<_>>(), [2, 3]);
    let short = Request::FinishSegment { params, publish_as: None, names: vec![], best };
    let answer = session.handle(short, None, &mut Silent);
    assert!(matches!(answer, Response::Failed { error: UserError::BadRequest { .. } }), "{answer:?}");
    // A forest finished from too few trees.
    let Request::TrainValue { spec, model: RegressionModel::RandomForest(model), options, .. } = forest_request(None)
    else {
        unreachable!()
    };
    let part =
        Request::TrainValuePart { spec: spec.clone(), model: model.clone(), options: options.clone(), trees: 0..3 };
    let Response::TreesGrown { trees } = session.handle(part, None, &mut Silent) else { panic!() };
    assert_eq!(trees.fits.len(), 4, "the training rows' forest and one per fold");
    assert!(trees.fits.iter().all(|fit| fit.len() == 3));
    let finish = Request::FinishTrainValue { spec, model, options, publish_as: None, trees };
    let answer = session.handle(finish, None, &mut Silent);
    assert!(matches!(answer, Response::Failed { error: UserError::Model { .. } }), "{answer:?}");
    assert_eq!(GrownTrees::merge([GrownTrees { fits: vec![vec![]] }, GrownTrees { fits: vec![] }]), None);
}

/// A scheme tiering customers by a published column.
fn tiered_by(column: &str) -> Vec<Scenario> {
    let mut scheme = Scenario::template();
    scheme.scoring = Scoring::Metric { feature: FeatureKey::Column(column.into()) };
    vec![scheme]
}

#[test]
fn a_column_published_while_a_job_is_split_reaches_the_helpers_first() {
    // One column published and answered, a second still running on the first worker when the
    // simulation that tiers by it is split.
    let published = vec![segment_request(Some("segment"))];
    let publishing = forest_request(Some("predicted_value"));
    let running = [Running::Other, Running::Publishing(publishing.clone())];
    let columns = helper_columns(&published, &running).expect("no load running");
    assert_eq!(columns, [published[0].clone(), publishing.clone()]);
    // A load running: the helpers cannot be given its data yet, so nothing is split.
    assert_eq!(helper_columns(&published, &[Running::Publishing(publishing.clone()), Running::Loading]), None);

    let settings = SimulationSettings { months: 3, replications: 4, seed: 2, ..SimulationSettings::default() };
    let simulate = Request::Simulate { schemes: tiered_by("predicted_value"), reference: 0, settings };
    let mut first = worker();
    for request in published.iter().chain([&publishing]) {
        assert!(!matches!(first.handle(request.clone(), None, &mut Silent), Response::Failed { .. }));
    }
    let one = first.handle(simulate.clone(), None, &mut Silent);
    assert!(matches!(one, Response::Simulated { .. }), "{one:?}");

    let split = split_request(&simulate, 2).unwrap();
    let mut helper = worker();
    for request in &columns {
        assert!(!matches!(helper.handle(posted(request.clone()), None, &mut Silent), Response::Failed { .. }));
    }
    let answers = vec![
        posted(first.handle(posted(split.parts[0].clone()), None, &mut Silent)),
        posted(helper.handle(posted(split.parts[1].clone()), None, &mut Silent)),
    ];
    let finish = split.clone().finish(answers).expect("both shares answered");
    assert_eq!(first.handle(finish, None, &mut Silent), one);

    // Given only the answered columns, the helper refuses its share (never other numbers).
    let mut behind = worker();
    behind.handle(published[0].clone(), None, &mut Silent);
    let answer = behind.handle(split.parts[1].clone(), None, &mut Silent);
    assert!(matches!(answer, Response::Failed { .. }), "{answer:?}");
    let first_share = first.handle(split.parts[0].clone(), None, &mut Silent);
    assert!(split.finish(vec![first_share, answer]).is_err());
}

#[test]
fn a_share_rerun_on_the_first_worker_gives_the_same_answer() {
    // A helper that never started: its share runs on the first worker instead.
    let request = segment_request(None);
    let one = worker().handle(request.clone(), None, &mut Silent);
    let split = split_request(&request, 3).unwrap();
    let mut first = worker();
    let answers =
        split.parts.iter().map(|part| posted(first.handle(posted(part.clone()), None, &mut Silent))).collect();
    let finish = split.finish(answers).unwrap();
    assert_eq!(first.handle(finish, None, &mut Silent), one);
}
