//! `inspect`, `features` and `sample`: what a file holds, and the sample population.

use std::io::Write;

use tierlab::engine::explain::feature_stats;
use tierlab::engine::ingest;
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{self, SampleConfig};

use crate::args::{FeaturesArgs, InspectArgs, SampleArgs};
use crate::failure::Failure;
use crate::files::{in_file, load_data, print_json, read_source, write_file, write_stdout};
use crate::text_output;

pub fn inspect(args: &InspectArgs) -> Result<(), Failure> {
    let file = args.file.as_path();
    let options = args.read.options();
    let source = read_source(file, options.encoding)?;
    let inspection = ingest::inspect(&source, &options).map_err(|e| in_file(file, e))?;
    if args.records {
        let names = inspection.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut write_error = None;
        ingest::for_each_record(&source, inspection.delimiter, inspection.has_header, &mut |_line, fields| {
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
    if args.json {
        print_json(&serde_json::json!({ "inspection": inspection, "settings": settings, "report": report }))
    } else {
        write_stdout(&text_output::inspection(file, &inspection, &report))
    }
}

pub fn features(args: &FeaturesArgs) -> Result<(), Failure> {
    let prepared = load_data(&args.data.data, args.data.settings.as_deref())?;
    let stats = feature_stats(&prepared);
    if args.data.json {
        print_json(&stats)
    } else {
        write_stdout(&text_output::features(&stats))
    }
}

pub fn sample(args: &SampleArgs) -> Result<(), Failure> {
    let defaults = SampleConfig::default();
    let config = SampleConfig {
        customers: args.customers.unwrap_or(defaults.customers),
        seed: args.seed.unwrap_or(defaults.seed),
        ..defaults
    };
    sample::validate_config(&config).map_err(|e| Failure::input(e.to_string()))?;
    let csv = sample::generate_csv(&config, &mut Silent);
    match &args.out {
        Some(path) => write_file(path, &csv),
        None => write_stdout(&csv),
    }
}
