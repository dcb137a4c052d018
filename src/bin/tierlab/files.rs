//! What every command does with files and output: read the data the way the page does, read
//! scenarios, write JSON, text and CSV. Commands use these; this uses no command.

use std::io::Write;
use std::path::{Path, PathBuf};

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, LoadSettings, SourceText, TextEncoding};
use tierlab::engine::progress::Silent;
use tierlab::engine::scenario::Scenario;

use crate::args::SCENARIO_FILES;
use crate::failure::Failure;

pub fn read_source(file: &Path, encoding: Option<TextEncoding>) -> Result<SourceText, Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::input(format!("cannot read {}: {e}", file.display())))?;
    ingest::decode(&bytes, encoding).map_err(|e| in_file(file, e))
}

/// Reads, inspects and loads a data file the way the page does with untouched defaults (or with
/// the given load settings), then prepares what every scenario starts from.
pub fn load_data(file: &Path, settings_file: Option<&Path>) -> Result<PreparedData, Failure> {
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
    let source = read_source(file, read.encoding)?;
    let settings = match settings {
        Some(settings) => settings,
        None => ingest::default_settings(&ingest::inspect(&source, &read).map_err(|e| in_file(file, e))?),
    };
    let (dataset, _report) = ingest::load(&source, &settings, &mut Silent).map_err(|e| in_file(file, e))?;
    let prepared = PreparedData::new(dataset);
    if let Err(e) = &prepared.activity {
        return Err(in_file(file, e));
    }
    Ok(prepared)
}

pub fn read_scenario(path: &Path) -> Result<Scenario, Failure> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    Scenario::from_json(&text).map_err(|e| in_file(path, e))
}

/// The two scenario files of a comparison. The command line takes up to six, for the comparison
/// of more schemes that is being built; until the engine compares them, two it is.
pub fn two_scenarios(paths: &[PathBuf]) -> Result<(&Path, &Path), Failure> {
    let count = paths.len();
    match paths {
        [a, b] => Ok((a, b)),
        _ if SCENARIO_FILES.contains(count as f64) => Err(Failure::usage(format!(
            "comparing more than two scenarios is not available yet: give two scenario files, not {count}"
        ))),
        _ => Err(Failure::usage(format!(
            "expected A.json B.json ({} to {} scenario files), got {count}",
            SCENARIO_FILES.min, SCENARIO_FILES.max
        ))),
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
