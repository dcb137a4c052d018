//! The session end to end, request by request, as the page sends them.

use super::*;
use crate::engine::explain::find_customer;
use crate::engine::ingest::{IngestError, ReadOptions};
use crate::engine::models::clv::{ClvModel, ClvSettings};
use crate::engine::models::segments::SegmentParams;
use crate::engine::progress::Silent;
use crate::engine::scenario::{Scenario, ScenarioError, Scoring, SegmentSource, SegmentThresholds, Thresholds};
use crate::engine::simulate::SimulationSettings;

fn compare_request(b_bounds: Vec<f64>) -> Request {
    let a = Scenario::template();
    let mut b = a.clone();
    b.name = "B".into();
    b.tiers.thresholds = Thresholds::Absolute { lower_bounds: b_bounds };
    Request::Compare { a: Box::new(a), b: Box::new(b) }
}

/// Attaches a file the way the page does and loads it with the detected settings.
fn upload(session: &mut Session, name: &str, csv: &str) -> Box<crate::protocol::DataSummary> {
    let inspect = Request::Inspect { file_name: name.into(), options: ReadOptions::default() };
    let Response::Inspected { settings, .. } = session.handle(inspect, Some(csv.as_bytes().to_vec()), &mut Silent)
    else {
        panic!("not inspected")
    };
    let loaded = session.handle(Request::Load { settings: *settings }, None, &mut Silent);
    let Response::Loaded { summary } = loaded else { panic!("not loaded: {loaded:?}") };
    summary
}

#[test]
fn requests_before_data_say_what_is_missing() {
    let mut session = Session::new();
    let answer = session.handle(compare_request(vec![1.0, 2.0, 3.0]), None, &mut Silent);
    assert_eq!(answer, Response::Failed { error: UserError::NoData });
    let inspect = Request::Inspect { file_name: "x.csv".into(), options: ReadOptions::default() };
    assert_eq!(session.handle(inspect, None, &mut Silent), Response::Failed { error: UserError::NoFile });
}

#[test]
fn a_bad_file_keeps_the_loaded_data() {
    let mut session = Session::new();
    let loaded = session.handle(Request::LoadSample { customers: 300, seed: 3 }, None, &mut Silent);
    let Response::Loaded { summary } = loaded else { panic!("{loaded:?}") };
    assert_eq!(summary.customers, 300);
    assert_eq!(summary.report.rows_dropped, 0);
    let xlsx = b"PK\x03\x04 not really a workbook".to_vec();
    let inspect = Request::Inspect { file_name: "book.xlsx".into(), options: ReadOptions::default() };
    let answer = session.handle(inspect, Some(xlsx), &mut Silent);
    assert!(
        matches!(
            &answer,
            Response::Failed { error: UserError::Ingest { error: IngestError::UnreadableWorkbook { .. } } }
        ),
        "{answer:?}"
    );
    let compared = session.handle(compare_request(vec![100.0, 500.0, 1000.0]), None, &mut Silent);
    assert!(matches!(compared, Response::Compared { .. }), "{compared:?}");
}

/// Once loaded, the file's text is let go: loading it again with other settings needs the file
/// again (the page sends it); the sample is generated again.
#[test]
fn a_loaded_file_is_let_go_and_comes_back_with_the_request() {
    let mut session = Session::new();
    let csv = "customer,date,amount\nA,2024-01-01,300\nA,2024-06-01,400\nB,2024-03-01,200\n";
    let inspect = Request::Inspect { file_name: "orders.csv".into(), options: ReadOptions::default() };
    let Response::Inspected { settings, .. } = session.handle(inspect, Some(csv.as_bytes().to_vec()), &mut Silent)
    else {
        panic!("not inspected")
    };
    let load = || Request::Load { settings: (*settings).clone() };
    assert!(matches!(session.handle(load(), None, &mut Silent), Response::Loaded { .. }));
    assert!(session.source.as_ref().is_some_and(|s| s.text.is_none()));
    let again = session.handle(load(), None, &mut Silent);
    assert_eq!(again, Response::Failed { error: UserError::NoFile });
    let Response::Loaded { summary } = session.handle(load(), Some(csv.as_bytes().to_vec()), &mut Silent) else {
        panic!("not loaded again")
    };
    assert_eq!((summary.customers, summary.events, summary.byte_size), (2, 3, csv.len()));

    let sample = session.handle(Request::LoadSample { customers: 50, seed: 3 }, None, &mut Silent);
    let Response::Loaded { summary: first } = sample else { panic!("no sample") };
    let Response::Loaded { summary: second } =
        session.handle(Request::Load { settings: first.settings.clone() }, None, &mut Silent)
    else {
        panic!("the sample does not load again")
    };
    assert_eq!((second.customers, second.events), (first.customers, first.events));
}

/// A workbook goes through the worker's path as a CSV does: its sheet and title lines are in the
/// inspection, and the settings it returns load it (tests/ingest_workbooks.rs checks the values).
#[test]
fn a_workbook_is_inspected_and_loaded() {
    let mut session = Session::new();
    let xlsx = include_bytes!("../../tests/fixtures/orders_openpyxl.xlsx").to_vec();
    let inspect = Request::Inspect { file_name: "orders.xlsx".into(), options: ReadOptions::default() };
    let Response::Inspected { inspection, settings } = session.handle(inspect, Some(xlsx), &mut Silent) else {
        panic!("not inspected")
    };
    assert_eq!((inspection.sheet.as_deref(), inspection.skipped_lines), (Some("订单"), 2));
    let Response::Loaded { summary } = session.handle(Request::Load { settings: *settings }, None, &mut Silent) else {
        panic!("not loaded")
    };
    assert_eq!((summary.customers, summary.events, summary.report.rows_dropped), (4, 6, 1));
}

#[test]
fn upload_inspect_load_compare() {
    let mut session = Session::new();
    let csv = "customer,date,amount\nA,2024-01-01,300\nA,2024-06-01,400\nB,2024-03-01,200\n";
    let summary = upload(&mut session, "orders.csv", csv);
    assert_eq!((summary.customers, summary.purchases, summary.revenue), (2, 3, 900.0));
    // Growth value (0.7 / 0.2 / 0.1): A = 0.7 * 700 + 0.2 * 2 = 490.4, B = 0.7 * 200 + 0.2 = 140.2.
    // B's bounds 100 / 200 / 1000 put A in tier 2 and B in tier 1.
    let Response::Compared { comparison } =
        session.handle(compare_request(vec![100.0, 200.0, 1000.0]), None, &mut Silent)
    else {
        panic!("not compared")
    };
    assert_eq!(comparison.b.tiers.iter().map(|t| t.customers).collect::<Vec<_>>(), vec![0, 1, 1, 0]);
}

#[test]
fn invalid_scenarios_are_refused_with_their_fields() {
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 50, seed: 1 }, None, &mut Silent);
    let answer = session.handle(compare_request(vec![5.0, 1.0, 9.0]), None, &mut Silent);
    let Response::Failed { error: UserError::Scenario { which, error: ScenarioError::Invalid(problems) } } = answer
    else {
        panic!("{answer:?}")
    };
    assert_eq!(which, "B");
    assert_eq!(problems[0].field, "tiers.thresholds.lower_bounds[1]");
    let zero = session.handle(Request::SampleCsv { customers: 0, seed: 1 }, None, &mut Silent);
    assert!(matches!(zero, Response::Failed { error: UserError::BadRequest { .. } }));
}

#[test]
fn evaluate_explain_and_feature_stats_on_the_sample() {
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 400, seed: 5 }, None, &mut Silent);
    let scenario = Box::new(Scenario::template());
    let Response::Evaluated { outcome } =
        session.handle(Request::Evaluate { scenario: scenario.clone() }, None, &mut Silent)
    else {
        panic!("not evaluated")
    };
    // Every customer is in exactly one tier at the end, and the timeline covers the 24 months.
    assert_eq!(outcome.tiers.iter().map(|t| t.customers).sum::<usize>(), 400);
    assert_eq!(outcome.timeline.as_ref().unwrap().labels.len(), 24);
    let id = crate::engine::sample::customer_id(0);
    let explain = Request::Explain { scenario: scenario.clone(), customer_id: id.clone() };
    let Response::Explained { explanation } = session.handle(explain, None, &mut Silent) else {
        panic!("not explained")
    };
    assert_eq!(explanation.customer_id, id);
    // The score is the sum of its terms (growth value is additive).
    let terms: f64 = explanation.contributions.iter().map(|(_, v)| v).sum();
    assert!((terms - explanation.score).abs() < 1e-6);
    let unknown = Request::Explain { scenario, customer_id: "nobody".into() };
    assert_eq!(
        session.handle(unknown, None, &mut Silent),
        Response::Failed { error: UserError::UnknownCustomer { id: "nobody".into() } }
    );
    let Response::Features { stats } = session.handle(Request::FeatureStats, None, &mut Silent) else { panic!() };
    let frequency = stats.iter().find(|s| s.key.to_string() == "frequency").unwrap();
    assert_eq!(frequency.count + frequency.missing, 400);
}

#[test]
fn simulate_with_the_fitted_baseline_and_plan_a_test() {
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 600, seed: 8 }, None, &mut Silent);
    let a = Scenario::template();
    let mut b = a.clone();
    b.name = "B".into();
    b.benefits[1].discount_percent = 4.0;
    let settings = SimulationSettings { months: 4, replications: 3, seed: 1, ..SimulationSettings::default() };
    let answer = session.handle(Request::Simulate { schemes: vec![a, b], reference: 0, settings }, None, &mut Silent);
    let Response::Simulated { result, baseline_note } = answer else { panic!("{answer:?}") };
    assert_eq!(baseline_note, None);
    assert_eq!(result.baseline, crate::engine::simulate::baseline::BaselineSource::BgNbd);
    assert_eq!(result.month_labels, vec!["2026-11", "2026-12", "2027-01", "2027-02"]);
    let plan = Request::PlanFieldTest {
        inputs: Box::new(result.comparisons[0].field_test.clone()),
        significance: 0.05,
        power: 0.8,
    };
    assert!(matches!(session.handle(plan, None, &mut Silent), Response::FieldTestPlanned { .. }));
    let bad = SimulationSettings { months: 99, replications: 3, seed: 1, ..SimulationSettings::default() };
    let answer = session.handle(
        Request::Simulate { schemes: vec![Scenario::template(); 2], reference: 0, settings: bad },
        None,
        &mut Silent,
    );
    assert!(matches!(answer, Response::Failed { error: UserError::Simulate { .. } }), "{answer:?}");
}

#[test]
fn model_outputs_become_columns_scenarios_can_use() {
    use crate::engine::features::catalog::{Feature, FeatureKey};
    use crate::engine::models::segments::SegmentParams;
    use crate::engine::models::supervised::{EvaluationOptions, RegressionModel, TargetSpec, TrainingSpec};
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 500, seed: 4 }, None, &mut Silent);
    let spec = TrainingSpec {
        features: vec![Feature::Frequency.into(), Feature::RecencyDays.into(), Feature::Views.into()],
        target: TargetSpec::Column { key: Feature::Monetary.into() },
    };
    let train = Request::TrainValue {
        spec: Box::new(spec),
        model: RegressionModel::Linear,
        options: EvaluationOptions::default(),
        publish_as: Some("predicted_value".into()),
    };
    assert!(matches!(session.handle(train, None, &mut Silent), Response::TrainedValue { .. }));
    let mut scenario = Scenario::template();
    scenario.scoring = Scoring::Metric { feature: FeatureKey::Column("predicted_value".into()) };
    let answer = session.handle(Request::Evaluate { scenario: Box::new(scenario) }, None, &mut Silent);
    assert!(matches!(answer, Response::Evaluated { .. }), "{answer:?}");
    let params = SegmentParams {
        features: vec![Feature::Monetary.into(), Feature::Frequency.into(), Feature::RecencyDays.into()],
        ..SegmentParams::default()
    };
    let segment =
        Request::Segment { params: Box::new(params.clone()), publish_as: Some("segment".into()), names: vec![] };
    let answer = session.handle(segment, None, &mut Silent);
    assert!(matches!(answer, Response::Segmented { .. }), "{answer:?}");
    let mut by_segment = Scenario::template();
    by_segment.tiers.segment_thresholds =
        Some(SegmentThresholds { source: SegmentSource::Column { name: "segment".into() }, overrides: vec![] });
    let answer = session.handle(Request::Evaluate { scenario: Box::new(by_segment) }, None, &mut Silent);
    assert!(matches!(answer, Response::Evaluated { .. }), "{answer:?}");
    // A column of the file is never overwritten.
    let clash = Request::Segment { params: Box::new(params), publish_as: Some("gender".into()), names: vec![] };
    assert_eq!(
        session.handle(clash, None, &mut Silent),
        Response::Failed { error: UserError::ColumnName { name: "gender".into() } }
    );
}

#[test]
fn best_by_holdout_follows_the_model_lab_once_it_has_compared_the_models() {
    use crate::engine::simulate::baseline::BaselineSource;
    use crate::engine::simulate::baseline_model::BaselineModel;
    let mut session = Session::new();
    // 2,000 customers: enough for Pareto/NBD and MBG/NBD to fit (on 400, Pareto/NBD's dropout rate runs off).
    let loaded = session.handle(Request::LoadSample { customers: 2_000, seed: 1 }, None, &mut Silent);
    let Response::Loaded { summary } = loaded else { panic!("not loaded") };
    let (_, last) = summary.period.unwrap();
    let simulate = |session: &mut Session, baseline_model: BaselineModel| {
        let settings =
            SimulationSettings { months: 2, replications: 2, seed: 1, baseline_model, ..SimulationSettings::default() };
        let request = Request::Simulate { schemes: vec![Scenario::template()], reference: 0, settings };
        match session.handle(request, None, &mut Silent) {
            Response::Simulated { result, baseline_note } => (result.baseline, baseline_note),
            other => panic!("{other:?}"),
        }
    };
    // Each named model is the one drawn from.
    assert_eq!(simulate(&mut session, BaselineModel::ParetoNbd), (BaselineSource::ParetoNbd, None));
    assert_eq!(simulate(&mut session, BaselineModel::MbgNbd), (BaselineSource::MbgNbd, None));
    // The lab compares the three by holdout: "best by holdout" then draws from its choice.
    let settings = Box::new(ClvSettings::with_default_calibration(last));
    let Response::ClvFitted { overview } =
        session.handle(Request::FitClv { settings, publish: false }, None, &mut Silent)
    else {
        panic!("not fitted")
    };
    let report = overview.report;
    // (A model that does not converge on the shorter calibration is left out of the comparison.)
    let compared = report.purchase_models.iter().filter(|m| m.holdout.is_some()).count();
    assert!(compared >= 2, "{compared} models compared");
    assert_eq!(session.lab_purchase_model, Some(report.purchase_model));
    let (source, _) = simulate(&mut session, BaselineModel::BestByHoldout);
    assert_eq!(source, BaselineSource::of_model(report.purchase_model));
    // Pretend the lab chose another model: the simulator follows it (and refits its baseline).
    let other =
        [ClvModel::ParetoNbd, ClvModel::MbgNbd, ClvModel::BgNbd].into_iter().find(|&m| m != report.purchase_model);
    session.lab_purchase_model = other;
    assert_eq!(simulate(&mut session, BaselineModel::BestByHoldout).0, BaselineSource::of_model(other.unwrap()));
    // (Without the lab's comparison `BaselineModel::resolve` runs the same comparison on the data; not repeated
    // here, it is three more model fits.)
}

#[test]
fn a_purchase_model_that_does_not_fit_falls_back_to_bgnbd_with_the_reason() {
    use crate::engine::simulate::baseline::{BaselineSource, FallbackReason};
    use crate::engine::simulate::baseline_model::BaselineModel;
    // 400 sample customers show no sign of dropout: Pareto/NBD's dropout rate runs off to 0 (s and β
    // without bound), so the fit does not converge.
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 400, seed: 3 }, None, &mut Silent);
    let (baseline, note) =
        fit_baseline_with(session.data.as_ref().unwrap(), BaselineModel::ParetoNbd, None, &mut Silent);
    assert_eq!(baseline.source, Some(BaselineSource::BgNbd));
    let Some(FallbackReason::ModelFailed { model, error }) = &note else { panic!("{note:?}") };
    assert_eq!(*model, ClvModel::ParetoNbd);
    assert!(matches!(error, crate::engine::models::clv::ClvError::NotConverged { model: ClvModel::ParetoNbd, .. }));
    // The same baseline as BG/NBD asked for by name.
    let (bgnbd, none) = fit_baseline_with(session.data.as_ref().unwrap(), BaselineModel::BgNbd, None, &mut Silent);
    assert_eq!((bgnbd, none), (baseline, None));
    let text = crate::ui::i18n::baseline_text(BaselineSource::BgNbd, note.as_ref(), crate::ui::i18n::Lang::En);
    assert!(text.contains("(BG/NBD + Gamma-Gamma). Pareto/NBD could not be fitted ("), "{text}");
    assert!(text.ends_with("so BG/NBD is used."), "{text}");
    let zh = crate::ui::i18n::baseline_text(BaselineSource::BgNbd, note.as_ref(), crate::ui::i18n::Lang::Zh);
    assert!(zh.contains("Pareto/NBD 无法拟合（") && zh.ends_with("因此使用 BG/NBD。"), "{zh}");
}

#[test]
fn segments_are_published_under_the_names_the_user_gave() {
    use crate::engine::features::catalog::Feature;
    use crate::engine::models::segments::SegmentCount;
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 300, seed: 4 }, None, &mut Silent);
    let params = Box::new(SegmentParams {
        features: vec![Feature::Monetary.into(), Feature::Frequency.into()],
        k: SegmentCount::Fixed { k: 2 },
        ..SegmentParams::default()
    });
    let names = vec![" vip ".to_string(), "regular".to_string()];
    let request = Request::Segment { params: params.clone(), publish_as: Some("tier_group".into()), names };
    let Response::Segmented { report } = session.handle(request, None, &mut Silent) else { panic!("not segmented") };
    assert_eq!(report.segments.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["vip", "regular"]);
    // The published column holds the new names: a customer's is the name of their segment.
    let mut scenario = Scenario::template();
    scenario.tiers.segment_thresholds =
        Some(SegmentThresholds { source: SegmentSource::Column { name: "tier_group".into() }, overrides: vec![] });
    let id = crate::engine::sample::customer_id(7);
    let index = find_customer(session.data.as_ref().unwrap(), &id).unwrap();
    let explain = Request::Explain { scenario: Box::new(scenario), customer_id: id };
    let Response::Explained { explanation } = session.handle(explain, None, &mut Silent) else { panic!() };
    let expected = ["vip", "regular"][report.labels[index] as usize];
    assert_eq!(explanation.segment.as_deref(), Some(expected));
    // Names that do not fit the segments are refused, and nothing is published with them.
    for names in [vec!["only_one".to_string()], vec!["same".to_string(), "same".to_string()]] {
        let request = Request::Segment { params: params.clone(), publish_as: Some("tier_group".into()), names };
        let answer = session.handle(request, None, &mut Silent);
        assert!(matches!(answer, Response::Failed { error: UserError::BadRequest { .. } }), "{answer:?}");
    }
}

/// Every answer must survive the trip to the page as JSON (a NaN written as null and read back
/// into an f64 would make the whole answer unreadable there).
#[test]
fn answers_survive_the_json_trip_to_the_page() {
    use crate::engine::scenario::{Scoring, Thresholds};
    let mut session = Session::new();
    let mut answers = vec![session.handle(Request::LoadSample { customers: 300, seed: 2 }, None, &mut Silent)];
    // The rating model leaves customers without ratings unscored (NaN), quantile bounds too.
    let mut rating = Scenario::template();
    rating.scoring = Scoring::Rating { positive_weight: 0.3, negative_weight: 0.2 };
    rating.tiers.thresholds = Thresholds::Quantiles { quantiles: vec![0.5, 0.8, 0.95] };
    let id = session.data.as_ref().unwrap().dataset.customers.ids[0].to_string();
    answers.push(session.handle(Request::Evaluate { scenario: Box::new(rating.clone()) }, None, &mut Silent));
    answers.push(session.handle(Request::Explain { scenario: Box::new(rating), customer_id: id }, None, &mut Silent));
    answers.push(session.handle(Request::FeatureStats, None, &mut Silent));
    answers.push(session.handle(compare_request(vec![100.0, 500.0, 1000.0]), None, &mut Silent));
    let settings = SimulationSettings { months: 2, replications: 2, seed: 1, ..SimulationSettings::default() };
    let schemes = vec![Scenario::template(); 2];
    answers.push(session.handle(Request::Simulate { schemes, reference: 0, settings }, None, &mut Silent));
    for answer in answers {
        assert!(!matches!(answer, Response::Failed { .. }), "{answer:?}");
        let text = serde_json::to_string(&crate::protocol::Envelope { job: 1, body: &answer }).unwrap();
        let back: crate::protocol::Envelope<Response> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text:.300}"));
        assert_eq!(back.job, 1);
    }
}

#[test]
fn a_customer_table_falls_back_to_the_empirical_baseline() {
    let mut session = Session::new();
    let csv = "customer_id,total_spend,order_count\nA,300,3\nB,50,1\nC,120,2\n";
    upload(&mut session, "customers.csv", csv);
    // No purchase dates: no BG/NBD fit, the empirical baseline with the reason.
    let (baseline, note) = fit_baseline(session.data.as_ref().unwrap(), &mut Silent);
    assert_eq!(baseline.source, Some(crate::engine::simulate::baseline::BaselineSource::Empirical));
    assert_eq!(note, Some(crate::engine::simulate::baseline::FallbackReason::NoPurchaseDates));
    assert_eq!(note.unwrap().to_string(), "a customer table has no purchase dates to fit BG/NBD to");
    assert_eq!(baseline.customer_count(), 3);
}

#[test]
fn member_list_files_and_the_risk_table() {
    use crate::engine::members::{MemberError, MemberFormat, MemberOptions};
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 300, seed: 6 }, None, &mut Silent);
    let scenarios = vec![Scenario::template(), Scenario::template_b()];
    let request = Request::MemberList {
        scenarios: scenarios.clone(),
        format: MemberFormat::Csv,
        options: MemberOptions::default(),
        recommend: None,
    };
    let answer = session.handle(request, None, &mut Silent);
    let Response::File { file_name, size, bytes, .. } = &answer else { panic!("{answer:?}") };
    assert_eq!((file_name.as_str(), *size), ("members.csv", bytes.len()));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert_eq!(text.split("\r\n").filter(|l| !l.is_empty()).count(), 301);
    // The bytes never go into the JSON message.
    let json = serde_json::to_string(&answer).unwrap();
    assert!(json.contains("\"size\"") && !json.contains("bytes"), "{json}");
    let request = Request::MemberList {
        scenarios,
        format: MemberFormat::Xlsx,
        options: MemberOptions::default(),
        recommend: None,
    };
    let Response::File { bytes, .. } = session.handle(request, None, &mut Silent) else { panic!() };
    assert_eq!(&bytes[..2], b"PK");
    let none = Request::MemberList {
        scenarios: vec![],
        format: MemberFormat::Csv,
        options: MemberOptions::default(),
        recommend: None,
    };
    assert_eq!(
        session.handle(none, None, &mut Silent),
        Response::Failed {
            error: UserError::Members { error: MemberError::ScenarioCount { found: 0, min: 1, max: 6 } }
        }
    );
    let Response::RiskAssessed { report } = session.handle(Request::Risk { scenario: None }, None, &mut Silent) else {
        panic!()
    };
    assert_eq!(report.customers, 300);
}

#[test]
fn every_scheme_is_replayed_beside_the_reference() {
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 300, seed: 5 }, None, &mut Silent);
    let a = Scenario::template();
    let Request::Compare { b, .. } = compare_request(vec![200.0, 800.0, 2000.0]) else { unreachable!() };
    let c = Scenario { name: "C".into(), ..Scenario::template_b() };
    let schemes = vec![a.clone(), (*b).clone(), c.clone()];
    let answer = session.handle(Request::CompareSchemes { schemes: schemes.clone(), reference: 1 }, None, &mut Silent);
    let Response::SchemesCompared { reference, comparisons } = answer else { panic!("{answer:?}") };
    assert_eq!(reference, 1);
    assert_eq!(comparisons.iter().map(|c| c.scheme).collect::<Vec<_>>(), [0, 2]);
    // Each is exactly what the pairwise comparison of the reference with that scheme gives.
    for (entry, other) in comparisons.iter().zip([&a, &c]) {
        let pair = Request::Compare { a: b.clone(), b: Box::new(other.clone()) };
        let Response::Compared { comparison } = session.handle(pair, None, &mut Silent) else { panic!() };
        assert_eq!(entry.comparison, *comparison);
    }
    // Problems name the scheme by its letter; a reference or a count out of range is refused.
    let mut broken = c.clone();
    broken.points.breakage_percent = 130.0;
    let answer = session.handle(
        Request::CompareSchemes { schemes: vec![a.clone(), a.clone(), broken], reference: 0 },
        None,
        &mut Silent,
    );
    assert!(
        matches!(&answer, Response::Failed { error: UserError::Scenario { which, .. } } if which == "C"),
        "{answer:?}"
    );
    let answer = session.handle(Request::CompareSchemes { schemes: schemes.clone(), reference: 3 }, None, &mut Silent);
    assert!(matches!(answer, Response::Failed { error: UserError::BadRequest { .. } }), "{answer:?}");
    let seven = vec![a; 7];
    let answer = session.handle(Request::CompareSchemes { schemes: seven, reference: 0 }, None, &mut Silent);
    assert!(matches!(answer, Response::Failed { error: UserError::Simulate { .. } }), "{answer:?}");
}

#[test]
fn the_back_test_draws_from_the_simulators_purchase_model() {
    use crate::engine::date::days_from_civil;
    use crate::engine::simulate::backtest::backtest_model;
    use crate::engine::simulate::baseline::BaselineSource;
    use crate::engine::simulate::baseline_model::BaselineModel;
    let mut session = Session::new();
    session.handle(Request::LoadSample { customers: 2_000, seed: 1 }, None, &mut Silent);
    // The sample ends on 2026-10-31: calibrate through April, compare May to October.
    let calibration_end = days_from_civil(2026, 4, 30) * 86_400;
    let request = |model: &str| {
        let text =
            format!(r#"{{"type":"backtest","calibration_end":{calibration_end},"replications":3,"seed":5{model}}}"#);
        serde_json::from_str::<Request>(&text).expect("a back-test request")
    };
    let mut answer = |request| match session.handle(request, None, &mut Silent) {
        Response::Backtested { result } => result,
        other => panic!("{other:?}"),
    };
    // A request from before the choice reads as BG/NBD.
    let old = answer(request(""));
    assert_eq!(old.baseline, BaselineSource::BgNbd);
    let mbg = answer(request(r#","baseline_model":"mbg_nbd""#));
    assert_eq!((mbg.baseline, mbg.fallback_reason.clone()), (BaselineSource::MbgNbd, None));
    let direct =
        backtest_model(session.data.as_ref().unwrap(), calibration_end, BaselineModel::MbgNbd, 3, 5, &mut Silent);
    assert_eq!(serde_json::to_value(&*mbg).unwrap(), serde_json::to_value(direct.unwrap()).unwrap());
    assert_ne!(mbg.total_orders.mean, old.total_orders.mean);
}
