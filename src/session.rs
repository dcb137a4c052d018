//! The worker's state and request handling, free of browser types so it is tested natively.
//! The page sends `Request`s; this answers each with one `Response` (plus progress on the way).

use crate::engine::compare::compare;
use crate::engine::dataset::{Attribute, Measure, NO_CODE};
use crate::engine::evaluate::{evaluate, Evaluated, PreparedData};
use crate::engine::explain::{explain, feature_stats, find_customer};
use crate::engine::features::catalog::FeatureKey;
use crate::engine::ingest::{self, Inspection, LoadSettings, ReadOptions, SourceText, TextEncoding};
use crate::engine::models::clv::{fit_clv, ClvError, ClvReport, ClvSettings};
use crate::engine::models::segments::{segment_customers, SegmentParams, SegmentReport};
use crate::engine::models::supervised::{
    train_classifier, train_regressor, ClassificationModel, EvaluationOptions, RegressionModel, TargetSpec,
    TrainingSet, TrainingSpec,
};
use crate::engine::progress::Progress;
use crate::engine::roles::ColumnRole;
use crate::engine::sample::{self, SampleConfig};
use crate::engine::scenario::{Scenario, ScenarioError};
use crate::engine::simulate::backtest::backtest;
use crate::engine::simulate::baseline::{Baseline, FallbackReason};
use crate::engine::simulate::optimise::{optimise, OptimiserSettings};
use crate::engine::simulate::planner::plan_field_test;
use crate::engine::simulate::sensitivity::sensitivity;
use crate::engine::simulate::{simulate, SimulationSettings};
use crate::protocol::{DataSummary, Request, Response, TierTarget, UserError, TOP_CUSTOMERS};

/// Everything the worker remembers between requests: the attached file, the loaded data and the
/// last evaluated scenario (explanations of one customer after another reuse it).
#[derive(Default)]
pub struct Session {
    source: Option<AttachedSource>,
    data: Option<PreparedData>,
    last_evaluated: Option<(Scenario, Evaluated)>,
    /// Each customer's no-program behaviour, fitted once per dataset for the simulator.
    baseline: Option<(Baseline, Option<FallbackReason>)>,
    /// Columns added from model outputs (they may be replaced; the file's own columns may not).
    published: std::collections::BTreeSet<String>,
}

/// A file that was inspected but maybe not loaded yet.
struct AttachedSource {
    name: String,
    text: SourceText,
    inspection: Inspection,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// Answers one request. `attachment` carries the file bytes of an `Inspect` request.
    pub fn handle(&mut self, request: Request, attachment: Option<Vec<u8>>, progress: &mut dyn Progress) -> Response {
        let answer = match request {
            Request::LoadSample { customers, seed } => self.load_sample(customers, seed, progress),
            Request::Inspect { file_name, options } => self.inspect(file_name, attachment, &options),
            Request::Load { settings } => self.load(settings, progress),
            Request::Compare { a, b } => self.compare(&a, &b, progress),
            Request::Evaluate { scenario } => self.evaluate(&scenario, progress),
            Request::Explain { scenario, customer_id } => self.explain(&scenario, &customer_id, progress),
            Request::FeatureStats => self.data().map(|data| Response::Features { stats: feature_stats(data) }),
            Request::FitClv { settings, publish } => self.fit_clv(&settings, publish, progress),
            Request::TrainValue { spec, model, options, publish_as } => {
                self.train_value(&spec, &model, &options, publish_as, progress)
            }
            Request::TrainTiers { features, target, model, options, publish_as } => {
                self.train_tiers(features, target, &model, &options, publish_as, progress)
            }
            Request::Segment { params, publish_as, names } => self.segment(&params, publish_as, &names, progress),
            Request::Simulate { a, b, settings } => self.simulate(&a, &b, &settings, progress),
            Request::Sensitivity { a, b, settings } => self.sensitivity(&a, &b, &settings, progress),
            Request::Optimise { base, settings, search } => self.optimise(&base, &settings, &search, progress),
            Request::Backtest { calibration_end, replications, seed } => self
                .data()
                .and_then(|data| {
                    backtest(data, calibration_end, replications, seed, progress)
                        .map_err(|error| UserError::Simulate { error })
                })
                .map(|result| Response::Backtested { result: Box::new(result) }),
            Request::PlanFieldTest { inputs, significance, power } => plan_field_test(&inputs, significance, power)
                .map(|plan| Response::FieldTestPlanned { plan: Box::new(plan) })
                .map_err(|error| UserError::FieldTest { error }),
            Request::SampleCsv { customers, seed } => sample_csv(customers, seed, progress),
        };
        answer.unwrap_or_else(|error| Response::Failed { error })
    }

    fn data(&self) -> Result<&PreparedData, UserError> {
        self.data.as_ref().ok_or(UserError::NoData)
    }

    fn load_sample(&mut self, customers: usize, seed: u64, progress: &mut dyn Progress) -> Result<Response, UserError> {
        let config = sample_config(customers, seed)?;
        let csv = sample::generate_csv(&config, progress);
        let text = SourceText { byte_size: csv.len(), text: csv, encoding: TextEncoding::Utf8 };
        let inspection = ingest::inspect(&text, &ReadOptions::default()).map_err(ingest_error)?;
        let settings = ingest::default_settings(&inspection);
        self.source = Some(AttachedSource { name: sample::SAMPLE_FILE_NAME.to_string(), text, inspection });
        self.load(settings, progress)
    }

    fn inspect(&mut self, name: String, bytes: Option<Vec<u8>>, options: &ReadOptions) -> Result<Response, UserError> {
        let bytes = bytes.ok_or(UserError::NoFile)?;
        let text = ingest::decode(&bytes, options.encoding).map_err(ingest_error)?;
        drop(bytes);
        let inspection = ingest::inspect(&text, options).map_err(ingest_error)?;
        let settings = ingest::default_settings(&inspection);
        // The previously loaded data stays usable until this file is loaded successfully.
        self.source = Some(AttachedSource { name, text, inspection: inspection.clone() });
        Ok(Response::Inspected { inspection: Box::new(inspection), settings: Box::new(settings) })
    }

    fn load(&mut self, settings: LoadSettings, progress: &mut dyn Progress) -> Result<Response, UserError> {
        let source = self.source.as_ref().ok_or(UserError::NoFile)?;
        // Delimiter / header overrides change what the columns are: re-inspect with them first.
        let inspection = if settings.read == ReadOptions::default() {
            source.inspection.clone()
        } else {
            ingest::inspect(&source.text, &settings.read).map_err(ingest_error)?
        };
        let (dataset, report) = ingest::load(&source.text, &settings, progress).map_err(ingest_error)?;
        let data = PreparedData::new(dataset);
        let (purchases, revenue) = match &data.activity {
            Ok(a) => (a.orders.iter().map(|&o| o as usize).sum(), a.net_spend.iter().sum()),
            Err(_) => (0, 0.0),
        };
        let summary = DataSummary {
            source_name: source.name.clone(),
            byte_size: source.text.byte_size,
            inspection,
            shape: settings.shape,
            settings,
            report,
            customers: data.dataset.customer_count(),
            events: data.dataset.events.as_ref().map_or(0, |e| e.len()),
            purchases,
            revenue,
            period: data.dataset.events.as_ref().and_then(|e| e.time_span()),
        };
        self.data = Some(data);
        self.last_evaluated = None;
        self.baseline = None;
        self.published.clear();
        Ok(Response::Loaded { summary: Box::new(summary) })
    }

    fn compare(&mut self, a: &Scenario, b: &Scenario, progress: &mut dyn Progress) -> Result<Response, UserError> {
        validated("A", a)?;
        validated("B", b)?;
        let data = self.data()?;
        let comparison = compare(a, b, data, progress)
            .map_err(|(which, error)| UserError::Evaluate { which: which.to_string(), error })?;
        Ok(Response::Compared { comparison: Box::new(comparison) })
    }

    fn evaluate(&mut self, scenario: &Scenario, progress: &mut dyn Progress) -> Result<Response, UserError> {
        let evaluated = self.evaluated(scenario, progress)?;
        Ok(Response::Evaluated { outcome: Box::new(evaluated.outcome.clone()) })
    }

    fn explain(&mut self, scenario: &Scenario, id: &str, progress: &mut dyn Progress) -> Result<Response, UserError> {
        let data = self.data()?;
        let customer = find_customer(data, id).ok_or_else(|| UserError::UnknownCustomer { id: id.to_string() })?;
        self.evaluated(scenario, progress)?;
        let (scenario, evaluated) = self.last_evaluated.as_ref().expect("just evaluated");
        let data = self.data()?;
        Ok(Response::Explained { explanation: Box::new(explain(scenario, data, evaluated, customer)) })
    }

    /// Evaluates a scenario, reusing the last result when the scenario has not changed.
    fn evaluated(&mut self, scenario: &Scenario, progress: &mut dyn Progress) -> Result<&Evaluated, UserError> {
        validated(&scenario.name, scenario)?;
        let cached = self.last_evaluated.as_ref().is_some_and(|(s, _)| s == scenario);
        if !cached {
            let data = self.data()?;
            let evaluated = evaluate(scenario, data, progress)
                .map_err(|error| UserError::Evaluate { which: scenario.name.clone(), error })?;
            self.last_evaluated = Some((scenario.clone(), evaluated));
        }
        Ok(&self.last_evaluated.as_ref().expect("set above").1)
    }
}

impl Session {
    fn fit_clv(
        &mut self,
        settings: &ClvSettings,
        publish: bool,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let log = self.data()?.dataset.events.as_ref().ok_or(UserError::Clv { error: ClvError::NoPurchases })?;
        let report = fit_clv(log, settings, progress).map_err(|error| UserError::Clv { error })?;
        if publish {
            let n = self.data()?.dataset.customer_count();
            let values = &report.per_customer;
            let column = |pick: &dyn Fn(usize) -> Option<f64>| {
                let mut out = vec![f64::NAN; n];
                for (i, &c) in values.customer.iter().enumerate() {
                    out[c as usize] = pick(i).unwrap_or(f64::NAN);
                }
                out
            };
            let p_alive = column(&|i| Some(values.p_alive[i]));
            let expected = column(&|i| values.expected_purchases_horizon[i]);
            let clv = column(&|i| values.clv[i]);
            self.publish_numeric("p_alive", p_alive)?;
            self.publish_numeric("expected_purchases", expected)?;
            self.publish_numeric("clv", clv)?;
        }
        let top_customers = top_customers_by_clv(&report, &self.data()?.dataset.customers.ids, TOP_CUSTOMERS);
        Ok(Response::ClvFitted { report: Box::new(report), top_customers })
    }

    fn train_value(
        &mut self,
        spec: &TrainingSpec,
        model: &RegressionModel,
        options: &EvaluationOptions,
        publish_as: Option<String>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let set = TrainingSet::build(self.data()?, spec).map_err(|error| UserError::TrainingSet { error })?;
        let report = train_regressor(&set, model, options, progress).map_err(|error| UserError::Model { error })?;
        if let Some(name) = publish_as {
            self.publish_numeric(&name, report.predictions.value.clone())?;
        }
        Ok(Response::TrainedValue { report: Box::new(report) })
    }

    fn train_tiers(
        &mut self,
        features: Vec<FeatureKey>,
        target: TierTarget,
        model: &ClassificationModel,
        options: &EvaluationOptions,
        publish_as: Option<String>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let target = match target {
            TierTarget::Scenario { scenario } => {
                let names = scenario.tiers.names.clone();
                let evaluated = self.evaluated(&scenario, progress)?;
                TargetSpec::Tiers { tiers: evaluated.final_tiers.clone(), names }
            }
            TierTarget::Column { name } => TargetSpec::ClassColumn { name },
        };
        let set = TrainingSet::build(self.data()?, &TrainingSpec { features, target })
            .map_err(|error| UserError::TrainingSet { error })?;
        let report = train_classifier(&set, model, options, progress).map_err(|error| UserError::Model { error })?;
        if let Some(name) = publish_as {
            let classes = report.classes.clone();
            let labels = report
                .predictions
                .class
                .iter()
                .map(|&c| classes.get(c as usize).cloned().unwrap_or_default())
                .collect();
            self.publish_text(&name, labels)?;
        }
        Ok(Response::TrainedTiers { report: Box::new(report) })
    }

    fn segment(
        &mut self,
        params: &SegmentParams,
        publish_as: Option<String>,
        names: &[String],
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let mut report =
            segment_customers(self.data()?, params, progress).map_err(|error| UserError::Segments { error })?;
        if !names.is_empty() {
            rename_segments(&mut report, names)?;
        }
        if let Some(name) = publish_as {
            self.publish_text(&name, report.customer_segment_names())?;
        }
        Ok(Response::Segmented { report: Box::new(report) })
    }

    /// Adds (or replaces) a model output as a numeric column of the loaded data, so scenarios can
    /// use it as tier basis (`column:<name>`) or feature. Columns of the file are never replaced.
    fn publish_numeric(&mut self, name: &str, values: Vec<f64>) -> Result<(), UserError> {
        let data = self.data.as_mut().ok_or(UserError::NoData)?;
        check_published_name(name, &data.dataset, &self.published)?;
        let customers = &mut data.dataset.customers;
        customers.measures.retain(|m| m.name != name);
        customers.attributes.retain(|a| a.name != name);
        customers.measures.push(Measure { name: name.to_string(), role: ColumnRole::Other, values });
        self.published.insert(name.to_string());
        self.last_evaluated = None;
        Ok(())
    }

    /// Adds (or replaces) a model output as a text column (segments, predicted tiers).
    fn publish_text(&mut self, name: &str, labels: Vec<String>) -> Result<(), UserError> {
        let data = self.data.as_mut().ok_or(UserError::NoData)?;
        check_published_name(name, &data.dataset, &self.published)?;
        let customers = &mut data.dataset.customers;
        customers.measures.retain(|m| m.name != name);
        customers.attributes.retain(|a| a.name != name);
        let mut dictionary: Vec<String> = labels.clone();
        dictionary.sort();
        dictionary.dedup();
        let codes = labels.iter().map(|l| dictionary.binary_search(l).map_or(NO_CODE, |i| i as u32)).collect();
        customers.attributes.push(Attribute { name: name.to_string(), role: ColumnRole::Other, dictionary, codes });
        self.published.insert(name.to_string());
        self.last_evaluated = None;
        Ok(())
    }

    /// BG/NBD + Gamma-Gamma fitted on the whole history when the data allows it, otherwise the
    /// empirical baseline, with the reason.
    fn baseline(
        &mut self,
        progress: &mut dyn Progress,
    ) -> Result<(&PreparedData, &Baseline, Option<FallbackReason>), UserError> {
        if self.baseline.is_none() {
            let data = self.data.as_ref().ok_or(UserError::NoData)?;
            let fitted = match (&data.dataset.events, &data.monthly) {
                (Some(log), Some(monthly)) => match fit_clv(log, &ClvSettings::new(monthly.as_of), progress) {
                    Ok(report) => (Baseline::from_clv(data, &report), None),
                    Err(error) => (Baseline::empirical(data), Some(FallbackReason::FitFailed { error })),
                },
                _ => (Baseline::empirical(data), Some(FallbackReason::NoPurchaseDates)),
            };
            self.baseline = Some(fitted);
        }
        let (baseline, note) = self.baseline.as_ref().expect("set above");
        Ok((self.data.as_ref().ok_or(UserError::NoData)?, baseline, note.clone()))
    }

    fn simulate(
        &mut self,
        a: &Scenario,
        b: &Scenario,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        validated("A", a)?;
        validated("B", b)?;
        let (data, baseline, baseline_note) = self.baseline(progress)?;
        let result =
            simulate(a, b, data, baseline, settings, progress).map_err(|error| UserError::Simulate { error })?;
        Ok(Response::Simulated { result: Box::new(result), baseline_note })
    }

    fn sensitivity(
        &mut self,
        a: &Scenario,
        b: &Scenario,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        validated("A", a)?;
        validated("B", b)?;
        let (data, baseline, _) = self.baseline(progress)?;
        let result =
            sensitivity(a, b, data, baseline, settings, progress).map_err(|error| UserError::Simulate { error })?;
        Ok(Response::SensitivityDone { result: Box::new(result) })
    }

    fn optimise(
        &mut self,
        base: &Scenario,
        settings: &SimulationSettings,
        search: &OptimiserSettings,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        validated(&base.name, base)?;
        let (data, baseline, _) = self.baseline(progress)?;
        let result = optimise(base, data, baseline, settings, search, progress)
            .map_err(|error| UserError::Optimise { error })?;
        Ok(Response::Optimised { result: Box::new(result) })
    }
}

/// The `count` customers with the highest CLV (row in `per_customer`, id), highest first; ties keep
/// the data's order so the list is the same on every run. Customers without a CLV are not listed.
fn top_customers_by_clv(report: &ClvReport, ids: &[String], count: usize) -> Vec<(u32, String)> {
    let values = &report.per_customer;
    let mut rows: Vec<(usize, f64)> = values
        .clv
        .iter()
        .enumerate()
        .filter_map(|(row, clv)| clv.filter(|v| v.is_finite()).map(|v| (row, v)))
        .collect();
    rows.sort_by(|(ra, a), (rb, b)| b.total_cmp(a).then(ra.cmp(rb)));
    rows.into_iter()
        .take(count)
        .filter_map(|(row, _)| {
            let customer = *values.customer.get(row)? as usize;
            Some((row as u32, ids.get(customer)?.clone()))
        })
        .collect()
}

/// The user's names for the segments, one per segment: non-empty and all different (the page checks
/// them at the fields; this guards the column against a request that slipped past).
fn rename_segments(report: &mut SegmentReport, names: &[String]) -> Result<(), UserError> {
    let cleaned: Vec<String> = names.iter().map(|n| n.trim().to_string()).collect();
    let distinct: std::collections::BTreeSet<&String> = cleaned.iter().collect();
    if cleaned.len() != report.segments.len() || cleaned.iter().any(String::is_empty) || distinct.len() != cleaned.len()
    {
        return Err(UserError::BadRequest {
            message: format!(
                "segment names must be {} different, non-empty names, got {:?}",
                report.segments.len(),
                names
            ),
        });
    }
    for (segment, name) in report.segments.iter_mut().zip(cleaned) {
        segment.name = name;
    }
    Ok(())
}

/// A published column may replace an earlier model output but never a column of the file.
fn check_published_name(
    name: &str,
    dataset: &crate::engine::dataset::Dataset,
    published: &std::collections::BTreeSet<String>,
) -> Result<(), UserError> {
    let customers = &dataset.customers;
    let exists =
        customers.measures.iter().any(|m| m.name == name) || customers.attributes.iter().any(|a| a.name == name);
    if name.trim().is_empty() || (exists && !published.contains(name)) {
        return Err(UserError::ColumnName { name: name.to_string() });
    }
    Ok(())
}

fn validated(which: &str, scenario: &Scenario) -> Result<(), UserError> {
    let problems = scenario.validate();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(UserError::Scenario { which: which.into(), error: ScenarioError::Invalid(problems) })
    }
}

fn sample_config(customers: usize, seed: u64) -> Result<SampleConfig, UserError> {
    let config = SampleConfig { customers, seed, ..SampleConfig::default() };
    sample::validate_config(&config).map_err(|e| UserError::BadRequest { message: e.to_string() })?;
    Ok(config)
}

fn sample_csv(customers: usize, seed: u64, progress: &mut dyn Progress) -> Result<Response, UserError> {
    let config = sample_config(customers, seed)?;
    Ok(Response::Csv { file_name: sample::SAMPLE_FILE_NAME.to_string(), text: sample::generate_csv(&config, progress) })
}

fn ingest_error(error: ingest::IngestError) -> UserError {
    UserError::Ingest { error }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ingest::IngestError;
    use crate::engine::progress::Silent;
    use crate::engine::scenario::{Scoring, SegmentSource, SegmentThresholds, Thresholds};

    fn compare_request(b_bounds: Vec<f64>) -> Request {
        let a = Scenario::template();
        let mut b = a.clone();
        b.name = "B".into();
        b.tiers.thresholds = Thresholds::Absolute { lower_bounds: b_bounds };
        Request::Compare { a: Box::new(a), b: Box::new(b) }
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
        assert_eq!(answer, Response::Failed { error: UserError::Ingest { error: IngestError::ExcelWorkbook } });
        let compared = session.handle(compare_request(vec![100.0, 500.0, 1000.0]), None, &mut Silent);
        assert!(matches!(compared, Response::Compared { .. }), "{compared:?}");
    }

    #[test]
    fn upload_inspect_load_compare() {
        let mut session = Session::new();
        let csv = "customer,date,amount\nA,2024-01-01,300\nA,2024-06-01,400\nB,2024-03-01,200\n";
        let inspect = Request::Inspect { file_name: "orders.csv".into(), options: ReadOptions::default() };
        let Response::Inspected { settings, .. } = session.handle(inspect, Some(csv.as_bytes().to_vec()), &mut Silent)
        else {
            panic!("not inspected")
        };
        let Response::Loaded { summary } = session.handle(Request::Load { settings: *settings }, None, &mut Silent)
        else {
            panic!("not loaded")
        };
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
        let a = Box::new(Scenario::template());
        let mut b = a.clone();
        b.name = "B".into();
        b.benefits[1].discount_percent = 4.0;
        let settings = SimulationSettings { months: 4, replications: 3, seed: 1, deterministic: false };
        let answer = session.handle(Request::Simulate { a, b, settings }, None, &mut Silent);
        let Response::Simulated { result, baseline_note } = answer else { panic!("{answer:?}") };
        assert_eq!(baseline_note, None);
        assert_eq!(result.baseline, crate::engine::simulate::baseline::BaselineSource::BgNbd);
        assert_eq!(result.month_labels, vec!["2026-11", "2026-12", "2027-01", "2027-02"]);
        let plan =
            Request::PlanFieldTest { inputs: Box::new(result.field_test.clone()), significance: 0.05, power: 0.8 };
        assert!(matches!(session.handle(plan, None, &mut Silent), Response::FieldTestPlanned { .. }));
        let bad = SimulationSettings { months: 99, replications: 3, seed: 1, deterministic: false };
        let answer = session.handle(
            Request::Simulate { a: Box::new(Scenario::template()), b: Box::new(Scenario::template()), settings: bad },
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
    fn a_clv_fit_names_its_most_valuable_customers() {
        let mut session = Session::new();
        let loaded = session.handle(Request::LoadSample { customers: 400, seed: 3 }, None, &mut Silent);
        let Response::Loaded { summary } = loaded else { panic!("not loaded") };
        let (_, last) = summary.period.unwrap();
        let settings = Box::new(ClvSettings::new(last - 180 * 86_400));
        let Response::ClvFitted { report, top_customers } =
            session.handle(Request::FitClv { settings, publish: false }, None, &mut Silent)
        else {
            panic!("not fitted")
        };
        // Independently: every customer's CLV, sorted from the highest; the list is its head.
        let v = &report.per_customer;
        let mut all: Vec<(f64, String)> = (0..v.customer.len())
            .filter_map(|row| v.clv[row].map(|clv| (clv, summary_id(&session, v.customer[row]))))
            .collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        assert_eq!(top_customers.len(), TOP_CUSTOMERS.min(all.len()));
        for (rank, (row, id)) in top_customers.iter().enumerate() {
            assert_eq!(v.clv[*row as usize], Some(all[rank].0), "rank {rank}");
            assert_eq!(id, &summary_id(&session, v.customer[*row as usize]));
        }
        assert!(all[0].0 >= all[TOP_CUSTOMERS - 1].0);
    }

    fn summary_id(session: &Session, customer: u32) -> String {
        session.data.as_ref().unwrap().dataset.customers.ids[customer as usize].clone()
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
        let Response::Segmented { report } = session.handle(request, None, &mut Silent) else {
            panic!("not segmented")
        };
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
        let id = session.data.as_ref().unwrap().dataset.customers.ids[0].clone();
        answers.push(session.handle(Request::Evaluate { scenario: Box::new(rating.clone()) }, None, &mut Silent));
        answers.push(session.handle(
            Request::Explain { scenario: Box::new(rating), customer_id: id },
            None,
            &mut Silent,
        ));
        answers.push(session.handle(Request::FeatureStats, None, &mut Silent));
        answers.push(session.handle(compare_request(vec![100.0, 500.0, 1000.0]), None, &mut Silent));
        let settings = SimulationSettings { months: 2, replications: 2, seed: 1, deterministic: false };
        let template = Box::new(Scenario::template());
        answers.push(session.handle(
            Request::Simulate { a: template.clone(), b: template, settings },
            None,
            &mut Silent,
        ));
        for answer in answers {
            assert!(!matches!(answer, Response::Failed { .. }), "{answer:?}");
            let text = serde_json::to_string(&crate::protocol::Envelope { job: 1, body: &answer }).unwrap();
            let back: crate::protocol::Envelope<Response> =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text:.300}"));
            assert_eq!(back.job, 1);
        }
    }
}
