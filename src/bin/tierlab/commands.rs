//! What each subcommand does, on top of the engine.

use std::io::Write;
use std::path::Path;

use tierlab::engine::compare::compare;
use tierlab::engine::evaluate::{evaluate, PreparedData};
use tierlab::engine::explain::{explain, feature_stats, find_customer};
use tierlab::engine::ingest::{self, DateOrder, Delimiter, LoadSettings, ReadOptions, SourceText, TextEncoding};
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{self, SampleConfig};
use tierlab::engine::scenario::Scenario;

use crate::args::{Command, Failure, ReadFlags, USAGE};
use crate::options::Options;
use crate::text_output;
use crate::{modelling, simulation};

pub fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Inspect { file, json, records, read } => inspect(&file, json, records, &read),
        Command::Run { data, scenario, settings, json } => {
            let scenario_path = scenario;
            let scenario = read_scenario(&scenario_path)?;
            let prepared = load_data(&data, settings.as_deref())?;
            let evaluated = evaluate(&scenario, &prepared, &mut Silent).map_err(|e| in_file(&scenario_path, e))?;
            if json {
                print_json(&evaluated.outcome)
            } else {
                write_stdout(&text_output::scenario(&evaluated.outcome))
            }
        }
        Command::Compare { data, a, b, settings, json } => {
            let (a_path, b_path) = (a, b);
            let a = read_scenario(&a_path)?;
            let b = read_scenario(&b_path)?;
            let prepared = load_data(&data, settings.as_deref())?;
            let comparison = compare(&a, &b, &prepared, &mut Silent)
                .map_err(|(which, e)| in_file(if which == 'A' { &a_path } else { &b_path }, e))?;
            if json {
                print_json(&comparison)
            } else {
                write_stdout(&text_output::comparison(&comparison))
            }
        }
        Command::Sample { customers, seed, out } => {
            let defaults = SampleConfig::default();
            let config = SampleConfig {
                customers: customers.unwrap_or(defaults.customers),
                seed: seed.unwrap_or(defaults.seed),
                ..defaults
            };
            sample::validate_config(&config).map_err(|e| Failure::input(e.to_string()))?;
            let csv = sample::generate_csv(&config, &mut Silent);
            match out {
                Some(path) => std::fs::write(&path, csv)
                    .map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display()))),
                None => write_stdout(&csv),
            }
        }
        Command::Explain { data, scenario, customer, settings, json } => {
            let scenario_path = scenario;
            let scenario = read_scenario(&scenario_path)?;
            let prepared = load_data(&data, settings.as_deref())?;
            let index = find_customer(&prepared, &customer)
                .ok_or_else(|| Failure::input(format!("{}: no customer with id {customer}", data.display())))?;
            let evaluated = evaluate(&scenario, &prepared, &mut Silent).map_err(|e| in_file(&scenario_path, e))?;
            let explanation = explain(&scenario, &prepared, &evaluated, index);
            if json {
                print_json(&explanation)
            } else {
                write_stdout(&text_output::explanation(&scenario, &explanation))
            }
        }
        Command::Features { data, settings, json } => {
            let prepared = load_data(&data, settings.as_deref())?;
            let stats = feature_stats(&prepared);
            if json {
                print_json(&stats)
            } else {
                write_stdout(&text_output::features(&stats))
            }
        }
        Command::Clv { data, options, out, json } => modelling::clv(&data, &Options(options), out.as_deref(), json),
        Command::Train { data, options, out, json } => modelling::train(&data, &Options(options), out.as_deref(), json),
        Command::Segments { data, options, json } => modelling::segments(&data, &Options(options), json),
        Command::Simulate { data, a, b, options, sensitivity, json } => {
            simulation::run_simulation(&data, &a, &b, &Options(options), sensitivity, json)
        }
        Command::Backtest { data, options, json } => simulation::run_backtest(&data, &Options(options), json),
        Command::ScenarioUpgrade { file } => write_stdout(&(read_scenario(&file)?.to_json() + "\n")),
        Command::ScenarioTemplate { b } => {
            let scenario = if b { Scenario::template_b() } else { Scenario::template() };
            write_stdout(&(scenario.to_json() + "\n"))
        }
        Command::Help => write_stdout(&(USAGE.to_string() + "\n")),
    }
}

fn inspect(file: &Path, json: bool, records: bool, flags: &ReadFlags) -> Result<(), Failure> {
    let options = read_options(flags)?;
    let source = read_source(file, &options)?;
    let inspection = ingest::inspect(&source, &options).map_err(|e| in_file(file, e))?;
    if records {
        let names = inspection.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut write_error = None;
        let read = ingest::default_settings(&inspection).read;
        ingest::for_each_record(&source, &read, &mut |_line, fields| {
            if write_error.is_some() {
                return;
            }
            let mut object = serde_json::Map::new();
            for (i, value) in fields.iter().enumerate() {
                // Extra fields beyond the header get positional names rather than being dropped.
                let key = names.get(i).cloned().unwrap_or_else(|| format!("column_{}", i + 1));
                object.insert(key, serde_json::Value::String(value.clone()));
            }
            if let Err(e) = writeln!(out, "{}", serde_json::Value::Object(object)) {
                write_error = Some(e);
            }
        })
        .map_err(|e| in_file(file, e))?;
        return match write_error {
            Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Some(e) => Err(Failure::input(format!("cannot write output: {e}"))),
            None => out.flush().map_err(|e| Failure::input(format!("cannot write output: {e}"))),
        };
    }
    let settings = ingest::default_settings(&inspection);
    let (_, report) = ingest::load(&source, &settings, &mut Silent).map_err(|e| in_file(file, e))?;
    if json {
        print_json(&serde_json::json!({ "inspection": inspection, "settings": settings, "report": report }))
    } else {
        write_stdout(&text_output::inspection(file, &inspection, &report))
    }
}

fn read_options(flags: &ReadFlags) -> Result<ReadOptions, Failure> {
    let delimiter = flags
        .delimiter
        .as_deref()
        .map(|d| match d {
            "comma" | "," => Ok(Delimiter::Comma),
            "tab" | "\\t" => Ok(Delimiter::Tab),
            "semicolon" | ";" => Ok(Delimiter::Semicolon),
            "pipe" | "|" => Ok(Delimiter::Pipe),
            "whitespace" | "space" => Ok(Delimiter::Whitespace),
            other => Err(Failure::usage(format!("unknown delimiter `{other}`"))),
        })
        .transpose()?;
    let encoding = flags
        .encoding
        .as_deref()
        .map(|e| match e.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Ok(TextEncoding::Utf8),
            "gbk" | "gb18030" | "gb2312" => Ok(TextEncoding::Gb18030),
            "utf16" | "utf-16" | "utf-16le" | "utf16le" => Ok(TextEncoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(TextEncoding::Utf16Be),
            other => Err(Failure::usage(format!("unknown encoding `{other}`"))),
        })
        .transpose()?;
    let date_order = flags
        .date_order
        .as_deref()
        .map(|o| match o.to_ascii_lowercase().as_str() {
            "month-first" | "mdy" => Ok(DateOrder::MonthFirst),
            "day-first" | "dmy" => Ok(DateOrder::DayFirst),
            other => Err(Failure::usage(format!("unknown date order `{other}` (month-first or day-first)"))),
        })
        .transpose()?;
    let decimal_comma = flags
        .decimal
        .as_deref()
        .map(|d| match d.to_ascii_lowercase().as_str() {
            "comma" | "," => Ok(true),
            "point" | "." => Ok(false),
            other => Err(Failure::usage(format!("unknown decimal mark `{other}` (point or comma)"))),
        })
        .transpose()?;
    Ok(ReadOptions {
        encoding,
        delimiter,
        has_header: flags.has_header,
        date_order,
        decimal_comma,
        skip_lines: flags.skip_lines,
        sheet: flags.sheet.clone(),
    })
}

fn read_source(file: &Path, options: &ReadOptions) -> Result<SourceText, Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::input(format!("cannot read {}: {e}", file.display())))?;
    ingest::read_source(bytes, options).map_err(|e| in_file(file, e))
}

/// Reads, inspects and loads a data file the way the page does with untouched defaults (or with
/// the given load settings), then prepares what every scenario starts from.
pub(crate) fn load_data(file: &Path, settings_file: Option<&Path>) -> Result<PreparedData, Failure> {
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
    let prepared = PreparedData::new(dataset);
    if let Err(e) = &prepared.activity {
        return Err(in_file(file, e));
    }
    Ok(prepared)
}

pub(crate) fn read_scenario(path: &Path) -> Result<Scenario, Failure> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    Scenario::from_json(&text).map_err(|e| in_file(path, e))
}

pub(crate) fn in_file(path: &Path, error: impl std::fmt::Display) -> Failure {
    Failure::input(format!("{}: {error}", path.display()))
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::input(format!("cannot encode JSON: {e}")))?;
    write_stdout(&(text + "\n"))
}

pub(crate) fn write_stdout(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::input(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}
