//! The worker's state and request handling, free of browser types so it is tested natively.
//! The page sends `Request`s; this answers each with one `Response` (plus progress on the way).

use crate::engine::compare::compare;
use crate::engine::dataset::Dataset;
use crate::engine::features::{Activity, ActivityError};
use crate::engine::ingest::{self, Inspection, LoadSettings, ReadOptions, SourceText, TextEncoding};
use crate::engine::progress::Progress;
use crate::engine::sample::{self, SampleConfig};
use crate::engine::scenario::{Scenario, ScenarioError};
use crate::protocol::{DataSummary, Request, Response, UserError};

/// Everything the worker remembers between requests: the attached file and the loaded data.
#[derive(Default)]
pub struct Session {
    source: Option<AttachedSource>,
    data: Option<LoadedData>,
}

/// A file that was inspected but maybe not loaded yet.
struct AttachedSource {
    name: String,
    text: SourceText,
    inspection: Inspection,
}

struct LoadedData {
    /// Kept for the models of later features (explanations, training, simulation).
    #[allow(dead_code)]
    dataset: Dataset,
    activity: Result<Activity, ActivityError>,
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
            Request::Compare { a, b } => self.compare(&a, &b),
            Request::SampleCsv { customers, seed } => sample_csv(customers, seed, progress),
        };
        answer.unwrap_or_else(|error| Response::Failed { error })
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
        let activity = Activity::from_dataset(&dataset);
        let (purchases, revenue) = match &activity {
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
            customers: dataset.customer_count(),
            events: dataset.events.as_ref().map_or(0, |e| e.len()),
            purchases,
            revenue,
            period: dataset.events.as_ref().and_then(|e| e.time_span()),
        };
        self.data = Some(LoadedData { dataset, activity });
        Ok(Response::Loaded { summary: Box::new(summary) })
    }

    fn compare(&self, a: &Scenario, b: &Scenario) -> Result<Response, UserError> {
        for (which, scenario) in [("A", a), ("B", b)] {
            let problems = scenario.validate();
            if !problems.is_empty() {
                return Err(UserError::Scenario { which: which.into(), error: ScenarioError::Invalid(problems) });
            }
        }
        let data = self.data.as_ref().ok_or(UserError::NoData)?;
        let activity = data.activity.as_ref().map_err(|error| UserError::Data { error: error.clone() })?;
        Ok(Response::Compared { comparison: Box::new(compare(a, b, activity)) })
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
    use crate::engine::scenario::Thresholds;

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
}
