//! `inspect`, `features` and `sample`: what a file holds, and the sample population.

use std::io::{Read, Write};

use tierlab::engine::explain::feature_stats;
use tierlab::engine::ingest;
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{self, SampleConfig};

use crate::args::{FeaturesArgs, InspectArgs, SampleArgs};
use crate::failure::Failure;
use crate::files::{in_file, print_json, read_source, write_file, write_stdout};
use crate::text_output;

pub fn inspect(args: &InspectArgs) -> Result<(), Failure> {
    let file = args.file.as_path();
    if args.estimate {
        return estimate(file, args.json);
    }
    let options = args.read.options();
    let source = read_source(file, &options)?;
    let inspection = ingest::inspect(&source, &options).map_err(|e| in_file(file, e))?;
    if args.records {
        let names = inspection.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut write_error = None;
        // The layout as inspected (lines skipped, delimiter, header), so records match the columns.
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
    if args.json {
        print_json(&serde_json::json!({ "inspection": inspection, "settings": settings, "report": report }))
    } else {
        write_stdout(&text_output::inspection(file, &inspection, &report))
    }
}

pub fn features(args: &FeaturesArgs) -> Result<(), Failure> {
    let prepared = args.data.load()?;
    let stats = feature_stats(&prepared);
    if args.json {
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

/// `inspect --estimate`: the page's check before reading a file, on the file's first block.
fn estimate(file: &std::path::Path, json: bool) -> Result<(), Failure> {
    use ingest::estimate::{estimate_load, FIRST_BLOCK_BYTES, TAB_MEMORY_LIMIT};
    let cannot_read = |e: std::io::Error| Failure::input(format!("cannot read {}: {e}", file.display()));
    let handle = std::fs::File::open(file).map_err(cannot_read)?;
    let size = handle.metadata().map_err(cannot_read)?.len();
    let mut block = Vec::with_capacity(FIRST_BLOCK_BYTES);
    handle.take(FIRST_BLOCK_BYTES as u64).read_to_end(&mut block).map_err(cannot_read)?;
    let estimate = estimate_load(size, &block);
    if json {
        return print_json(&serde_json::json!({
            "file_bytes": estimate.file_bytes,
            "rows": estimate.rows,
            "customers": estimate.customers,
            "peak_bytes": estimate.peak_bytes,
            "tab_limit_bytes": TAB_MEMORY_LIMIT,
            "fits_in_tab": estimate.fits_in_tab(),
        }));
    }
    let mb = |bytes: u64| bytes as f64 / (1 << 20) as f64;
    let verdict =
        if estimate.fits_in_tab() { "fits in a browser tab" } else { "too big for a browser tab: use the CLI" };
    write_stdout(&format!(
        "{}: {:.1} MB, about {} rows of {} customers; loading, fitting and simulating it needs about {:.0} MB \
         (a tab holds {:.0} MB): {verdict}\n",
        file.display(),
        mb(estimate.file_bytes),
        estimate.rows,
        estimate.customers,
        mb(estimate.peak_bytes),
        mb(TAB_MEMORY_LIMIT),
    ))
}
