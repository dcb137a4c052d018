//! What every command does with files and output: read the data the way the page does, read
//! scenarios, write JSON, text and CSV. Commands use these; this uses no command.

use std::io::Write;
use std::path::{Path, PathBuf};

use tierlab::engine::dataset::Dataset;
use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, LoadSettings, ReadOptions, SourceText};
use tierlab::engine::limits::Limit;
use tierlab::engine::progress::Silent;
use tierlab::engine::scenario::Scenario;
use tierlab::engine::simulate::scheme_letter;

use crate::args::{DataArgs, SchemeFiles};
use crate::failure::Failure;

/// A data file as text: a workbook's sheet, or text in the given (else detected) encoding.
pub fn read_source(file: &Path, options: &ReadOptions) -> Result<SourceText, Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::input(format!("cannot read {}: {e}", file.display())))?;
    ingest::read_source(bytes, options).map_err(|e| in_file(file, e))
}

impl DataArgs {
    /// The data file loaded with its load settings when given, else the detected defaults.
    pub fn load(&self) -> Result<PreparedData, Failure> {
        load_data(&self.data, self.settings.as_deref())
    }

    /// The data file read into a dataset only, without the monthly activity scenarios need (CLV
    /// does not use it).
    pub fn load_dataset(&self) -> Result<Dataset, Failure> {
        load_dataset(&self.data, self.settings.as_deref())
    }
}

/// Reads, inspects and loads a data file the way the page does with untouched defaults (or with
/// the given load settings), then prepares what every scenario starts from.
fn load_data(file: &Path, settings_file: Option<&Path>) -> Result<PreparedData, Failure> {
    let prepared = PreparedData::new(load_dataset(file, settings_file)?);
    if let Err(e) = &prepared.activity {
        return Err(in_file(file, e));
    }
    Ok(prepared)
}

/// Reads, inspects and loads a data file as `load_data` does, without preparing what scenarios
/// need (the monthly activity of every customer: CLV does not use it).
fn load_dataset(file: &Path, settings_file: Option<&Path>) -> Result<Dataset, Failure> {
    let settings: Option<LoadSettings> = match settings_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
            Some(
                serde_json::from_str(&text)
                    .map_err(|e| Failure::input(format!("{}: not valid load settings: {e}", path.display())))?,
            )
        }
        None => None,
    };
    let read = settings.as_ref().map(|s| s.read.clone()).unwrap_or_default();
    let source = read_source(file, &read)?;
    let settings = match settings {
        Some(settings) => settings,
        None => ingest::default_settings(&ingest::inspect(&source, &read).map_err(|e| in_file(file, e))?),
    };
    let (dataset, _report) = ingest::load(&source, &settings, &mut Silent).map_err(|e| in_file(file, e))?;
    // The file's text is let go before the caller builds per-customer summaries, so they reuse its memory.
    drop(source);
    Ok(dataset)
}

pub fn read_scenario(path: &Path) -> Result<Scenario, Failure> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    Scenario::from_json(&text).map_err(|e| in_file(path, e))
}

impl SchemeFiles {
    /// The scenario files (as many as `limit` allows) and the index of the reference among them.
    pub fn read(&self, limit: &Limit) -> Result<(Vec<Scenario>, usize), Failure> {
        let schemes = read_scenarios(&self.scenarios, limit)?;
        let reference = reference_among(self.reference, schemes.len())?;
        Ok((schemes, reference))
    }
}

/// The scenario files of a command, as many as `limit` allows (A first), each read and checked.
fn read_scenarios(paths: &[PathBuf], limit: &Limit) -> Result<Vec<Scenario>, Failure> {
    let count = paths.len();
    if !limit.contains(count as f64) {
        return Err(Failure::usage(format!(
            "expected A.json B.json ... ({} to {} scenario files), got {count}",
            limit.min, limit.max
        )));
    }
    paths.iter().map(|path| read_scenario(path)).collect()
}

/// The scheme every other is compared with, when there is such a scheme among `count`.
fn reference_among(reference: usize, count: usize) -> Result<usize, Failure> {
    if reference < count {
        Ok(reference)
    } else {
        Err(Failure::usage(format!(
            "--reference {} names no scheme: there are {count} scenario files (A to {})",
            scheme_letter(reference),
            scheme_letter(count.saturating_sub(1))
        )))
    }
}

pub fn in_file(path: &Path, error: impl std::fmt::Display) -> Failure {
    Failure::input(format!("{}: {error}", path.display()))
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::input(format!("cannot encode JSON: {e}")))?;
    write_stdout(&(text + "\n"))
}

pub fn write_stdout(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::input(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

pub fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text).map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))
}
