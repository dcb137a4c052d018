//! Attaching a file or the sample, inspecting it and loading it with the user's settings.

use super::state::{AttachedSource, Session};
use crate::engine::evaluate::PreparedData;
use crate::engine::ingest::{self, LoadSettings, ReadOptions, SourceText};
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
        let text = sample_text(&config, progress);
        let inspection = ingest::inspect(&text, &ReadOptions::default()).map_err(ingest_error)?;
        let settings = ingest::default_settings(&inspection);
        let name = sample::SAMPLE_FILE_NAME.to_string();
        self.source = Some(AttachedSource { name, text: Some(text), inspection, sample: Some(config) });
        self.load(settings, None, progress)
    }

    pub(super) fn inspect(
        &mut self,
        name: String,
        bytes: Option<Vec<u8>>,
        options: &ReadOptions,
    ) -> Result<Response, UserError> {
        let bytes = bytes.ok_or(UserError::NoFile)?;
        let text = ingest::read_source(bytes, options).map_err(ingest_error)?;
        let inspection = ingest::inspect(&text, options).map_err(ingest_error)?;
        let settings = ingest::default_settings(&inspection);
        // The previously loaded data stays usable until this file is loaded successfully.
        self.source = Some(AttachedSource { name, text: Some(text), inspection: inspection.clone(), sample: None });
        Ok(Response::Inspected { inspection: Box::new(inspection), settings: Box::new(settings) })
    }

    /// Loads the attached file (`bytes`: the file again, when it was loaded before and let go).
    pub(super) fn load(
        &mut self,
        settings: LoadSettings,
        bytes: Option<Vec<u8>>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let source = self.source.as_mut().ok_or(UserError::NoFile)?;
        if let Some(bytes) = bytes {
            source.text = Some(ingest::read_source(bytes, &settings.read).map_err(ingest_error)?);
        } else if let (None, Some(config)) = (&source.text, &source.sample) {
            source.text = Some(sample_text(config, progress));
        }
        let source = &*source;
        let text = source.text.as_ref().ok_or(UserError::NoFile)?;
        // Delimiter / header overrides change what the columns are: re-inspect with them first.
        let inspection = if settings.read == ReadOptions::default() {
            source.inspection.clone()
        } else {
            ingest::inspect(text, &settings.read).map_err(ingest_error)?
        };
        let (dataset, report) = ingest::load(text, &settings, progress).map_err(ingest_error)?;
        let (source_name, byte_size) = (source.name.clone(), text.byte_size);
        // The file's text is let go once loaded, before the per-customer summaries are built, so they,
        // the models and the simulator reuse that memory (a wasm instance's memory never shrinks: what
        // is freed late only adds to the peak). A re-load comes with the file: the page attaches it;
        // the sample is generated again.
        if let Some(source) = self.source.as_mut() {
            source.text = None;
        }
        let data = PreparedData::new(dataset);
        let (purchases, revenue) = match &data.activity {
            Ok(a) => (a.orders.iter().map(|&o| o as usize).sum(), a.net_spend.iter().sum()),
            Err(_) => (0, 0.0),
        };
        let summary = DataSummary {
            source_name,
            byte_size,
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
        self.kept_histories.forget();
        self.baseline = None;
        self.lab_purchase_model = None;
        self.published.clear();
        Ok(Response::Loaded { summary: Box::new(summary) })
    }
}

fn sample_config(customers: usize, seed: u64) -> Result<SampleConfig, UserError> {
    let config = SampleConfig { customers, seed, ..SampleConfig::default() };
    sample::validate_config(&config).map_err(|e| UserError::BadRequest { message: e.to_string() })?;
    Ok(config)
}

fn sample_text(config: &SampleConfig, progress: &mut dyn Progress) -> SourceText {
    SourceText::utf8(sample::generate_csv(config, progress))
}

pub(super) fn sample_csv(customers: usize, seed: u64, progress: &mut dyn Progress) -> Result<Response, UserError> {
    let config = sample_config(customers, seed)?;
    Ok(Response::Csv { file_name: sample::SAMPLE_FILE_NAME.to_string(), text: sample::generate_csv(&config, progress) })
}

fn ingest_error(error: ingest::IngestError) -> UserError {
    UserError::Ingest { error }
}
