//! Attaching a file or the sample, inspecting it and loading it with the user's settings.

use super::state::{AttachedSource, Session};
use crate::engine::evaluate::PreparedData;
use crate::engine::ingest::{self, LoadSettings, ReadOptions, SourceText, TextEncoding};
use crate::engine::progress::Progress;
use crate::engine::sample::{self, SampleConfig};
use crate::protocol::{DataSummary, Response, UserError};

impl Session {
    pub(super) fn load_sample(
        &mut self,
        customers: usize,
        seed: u64,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let config = sample_config(customers, seed)?;
        let csv = sample::generate_csv(&config, progress);
        let text = SourceText { byte_size: csv.len(), text: csv, encoding: TextEncoding::Utf8 };
        let inspection = ingest::inspect(&text, &ReadOptions::default()).map_err(ingest_error)?;
        let settings = ingest::default_settings(&inspection);
        self.source = Some(AttachedSource { name: sample::SAMPLE_FILE_NAME.to_string(), text, inspection });
        self.load(settings, progress)
    }

    pub(super) fn inspect(
        &mut self,
        name: String,
        bytes: Option<Vec<u8>>,
        options: &ReadOptions,
    ) -> Result<Response, UserError> {
        let bytes = bytes.ok_or(UserError::NoFile)?;
        let text = ingest::decode(&bytes, options.encoding).map_err(ingest_error)?;
        drop(bytes);
        let inspection = ingest::inspect(&text, options).map_err(ingest_error)?;
        let settings = ingest::default_settings(&inspection);
        // The previously loaded data stays usable until this file is loaded successfully.
        self.source = Some(AttachedSource { name, text, inspection: inspection.clone() });
        Ok(Response::Inspected { inspection: Box::new(inspection), settings: Box::new(settings) })
    }

    pub(super) fn load(&mut self, settings: LoadSettings, progress: &mut dyn Progress) -> Result<Response, UserError> {
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
}

fn sample_config(customers: usize, seed: u64) -> Result<SampleConfig, UserError> {
    let config = SampleConfig { customers, seed, ..SampleConfig::default() };
    sample::validate_config(&config).map_err(|e| UserError::BadRequest { message: e.to_string() })?;
    Ok(config)
}

pub(super) fn sample_csv(customers: usize, seed: u64, progress: &mut dyn Progress) -> Result<Response, UserError> {
    let config = sample_config(customers, seed)?;
    Ok(Response::Csv { file_name: sample::SAMPLE_FILE_NAME.to_string(), text: sample::generate_csv(&config, progress) })
}

fn ingest_error(error: ingest::IngestError) -> UserError {
    UserError::Ingest { error }
}
