//! Native benchmark of reading a user's file: decode, inspect and load, in MB/s of the file, plus the
//! generators of the benchmark files (kept here so the files themselves never enter the repository).
//!
//! ```sh
//! cargo build --release --example bench_ingest
//! target/release/examples/bench_ingest transactions tx.csv            # 1.5M rows, 290k customers, ~39 MB
//! target/release/examples/bench_ingest cdnow cdnow100.txt 100          # CDNOW x 100: 2.36M customers, 7M rows
//! target/release/examples/bench_ingest time tx.csv [--reps 5]          # decode + inspect + load, best of N
//! /usr/bin/time -v target/release/examples/bench_ingest time cdnow100.txt --reps 1   # peak memory
//! target/release/examples/bench_ingest clv cdnow100.csv 1998-06-30   # the tab's steps up to the CLV fit
//! ```
//! Results are recorded in docs/benchmarks.md.

use std::fmt::Write;
use std::path::Path;
use std::time::Instant;

use tierlab::engine::date::civil_from_days;
use tierlab::engine::ingest;
use tierlab::engine::progress::Silent;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let number = |i: usize, default: u64| arg(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    match (arg(0), arg(1)) {
        (Some("transactions"), Some(out)) => write_file(out, &transactions(number(2, 290_000), number(3, 7))),
        (Some("cdnow"), Some(out)) => write_file(out, &cdnow_copies(number(2, 100) as usize)),
        (Some("clv"), Some(file)) => clv_steps(Path::new(file), arg(2).unwrap_or("1998-06-30"), arg(3)),
        (Some("time"), Some(_)) => {
            let reps = args.iter().position(|a| a == "--reps").map_or(3, |i| number(i + 1, 3)) as usize;
            let files = args[1..].iter().take_while(|a| !a.starts_with("--"));
            for file in files {
                time_file(Path::new(file), reps.max(1));
            }
        }
        _ => {
            eprintln!("usage: bench_ingest transactions OUT [customers] [seed] | cdnow OUT [copies] | time FILE... [--reps N] | clv FILE [CALIBRATION-END [HOLDOUT-END]]");
            std::process::exit(2);
        }
    }
}

fn write_file(path: &str, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    let rows = text.bytes().filter(|&b| b == b'\n').count();
    println!("{path}: {:.1} MB, {rows} lines", text.len() as f64 / 1e6);
}

/// Decode + inspect + load with the default settings, `reps` times; prints each step's best time.
/// Wall-clock time moves with whatever else the machine runs; the time this thread spent on a CPU
/// (Linux's `/proc/thread-self/schedstat`) does not, so both are shown and MB/s uses the CPU time.
fn time_file(path: &Path, reps: usize) {
    let read = || std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mb = read().len() as f64 / 1e6;
    let mut best = [(f64::INFINITY, f64::INFINITY); 3];
    let mut facts = String::new();
    for _ in 0..reps {
        // Read afresh each time (not timed), so the process holds the file once, as the page does.
        let bytes = read();
        let clock = Clock::start();
        let source = ingest::decode_owned(bytes, None).expect("decode");
        clock.keep_best(&mut best[0]);
        let clock = Clock::start();
        let inspection = ingest::inspect(&source, &Default::default()).expect("inspect");
        clock.keep_best(&mut best[1]);
        let settings = ingest::default_settings(&inspection);
        let clock = Clock::start();
        let (dataset, report) = ingest::load(&source, &settings, &mut Silent).expect("load");
        clock.keep_best(&mut best[2]);
        facts = format!(
            "{} records, {} kept, {} customers, {} events, dataset {:.0} MB",
            report.records_read,
            report.rows_kept,
            dataset.customer_count(),
            dataset.events.as_ref().map_or(0, |e| e.len()),
            dataset_bytes(&dataset) as f64 / 1e6
        );
    }
    println!("{} ({mb:.1} MB): {facts}", path.display());
    println!("  {:<10} {:>8} {:>8} {:>10}", "step", "wall s", "cpu s", "MB/s (cpu)");
    let total = best.iter().fold((0.0, 0.0), |(w, c), (bw, bc)| (w + bw, c + bc));
    for (label, (wall, cpu)) in ["decode", "inspect", "load", "all three"].iter().zip(best.iter().chain([&total])) {
        println!("  {label:<10} {wall:>8.3} {cpu:>8.3} {:>10.0}", mb / cpu);
    }
}

/// What the tab does with a file up to the CLV fit, natively, each step's time: decode + inspect, load,
/// prepare (activity and monthly totals), then BG/NBD + Gamma-Gamma with the page's default settings
/// (200 parameter draws for the intervals) and the given calibration end.
/// Load a file, then the CLV fit three ways, each timed: without draws (fit and point predictions),
/// as the page asks (the population totals' intervals and the top customers' intervals) and as the
/// CLI asks (every customer's intervals too). Dates as `YYYY-MM-DD`; with a holdout end the three
/// purchase models are fitted and compared, as the Model lab does by default.
fn clv_steps(path: &Path, calibration_end: &str, holdout_end: Option<&str>) {
    use tierlab::engine::models::clv::{fit_clv, fit_clv_overview, ClvSettings};
    let day = |text: &str| tierlab::engine::date::end_of_day(text).expect("a date like 1998-06-30");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mb = bytes.len() as f64 / 1e6;
    let mut steps = Vec::new();
    let clock = Clock::start();
    let source = ingest::decode_owned(bytes, None).expect("decode");
    let inspection = ingest::inspect(&source, &Default::default()).expect("inspect");
    steps.push(("inspect", clock.elapsed()));
    let clock = Clock::start();
    let (dataset, _) = ingest::load(&source, &ingest::default_settings(&inspection), &mut Silent).expect("load");
    steps.push(("load", clock.elapsed()));
    drop(source);
    let clock = Clock::start();
    let prepared = tierlab::engine::evaluate::PreparedData::new(dataset);
    steps.push(("prepare", clock.elapsed()));
    let log = prepared.dataset.events.as_ref().expect("an event log");
    let mut settings = ClvSettings::new(day(calibration_end));
    settings.holdout_end = holdout_end.map(day);
    let no_draws = ClvSettings { uncertainty_draws: 0, ..settings.clone() };
    let clock = Clock::start();
    let report = fit_clv(log, &no_draws, &mut Silent).expect("fit");
    steps.push(("fit, 0 draws", clock.elapsed()));
    drop(report);
    let clock = Clock::start();
    let overview = fit_clv_overview(log, &settings, &prepared.dataset.customers.ids, 50, &mut Silent).expect("fit");
    steps.push(("page (top)", clock.elapsed()));
    let clock = Clock::start();
    let report = fit_clv(log, &settings, &mut Silent).expect("fit");
    steps.push(("everyone", clock.elapsed()));
    println!("{} ({mb:.1} MB): {} customers, r {:.6}", path.display(), report.customers, report.bgnbd.values[0]);
    println!("  totals' intervals, page: {:?}", overview.report.uncertainty);
    println!("  totals' intervals, everyone: {:?}", report.uncertainty);
    println!("  {:<14} {:>8} {:>8}", "step", "wall s", "cpu s");
    for &(label, (wall, cpu)) in &steps {
        println!("  {label:<14} {wall:>8.3} {cpu:>8.3}");
    }
}

/// Bytes the loaded dataset holds in its columns.
fn dataset_bytes(dataset: &tierlab::engine::dataset::Dataset) -> usize {
    let customers = &dataset.customers;
    let mut bytes = customers.ids.heap_bytes();
    bytes += customers.measures.iter().map(|m| m.values.capacity() * 8).sum::<usize>();
    bytes += customers.attributes.iter().map(|a| a.codes.capacity() * 4).sum::<usize>();
    if let Some(log) = &dataset.events {
        bytes += log.offsets.capacity() * 4 + log.time.capacity() * 8 + log.kind.capacity();
        bytes += log.amount.capacity() * 8 + log.quantity.capacity() * 4;
        bytes += log.category.heap_bytes() + log.channel.heap_bytes() + log.comment.heap_bytes();
        bytes += log.rating.heap_bytes() + log.browse_minutes.heap_bytes();
        bytes += log.categories.heap_bytes() + log.channels.heap_bytes() + log.comments.heap_bytes();
    }
    bytes
}

/// Wall-clock and on-CPU time of one step.
struct Clock {
    wall: Instant,
    cpu: f64,
}

impl Clock {
    fn start() -> Clock {
        Clock { wall: Instant::now(), cpu: thread_cpu_seconds() }
    }

    /// Updates `best` (wall, cpu) with this step's times where they are lower.
    fn keep_best(&self, best: &mut (f64, f64)) {
        let (wall, cpu) = self.elapsed();
        *best = (best.0.min(wall), best.1.min(cpu));
    }

    /// (wall, cpu) seconds since the start.
    fn elapsed(&self) -> (f64, f64) {
        let wall = self.wall.elapsed().as_secs_f64();
        let cpu = thread_cpu_seconds() - self.cpu;
        // Without the CPU clock (not Linux), the wall clock stands in.
        (wall, if cpu > 0.0 { cpu } else { wall })
    }
}

/// Seconds this thread has spent running on a CPU, or 0 where Linux's schedstat is not available.
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// A transaction export (`customer_id,order_date,amount`) in date order, as shops export them:
/// customers with different purchase rates, drop-out and usual spend (BG/NBD + Gamma-Gamma-like).
/// The defaults give about 1.5M rows of 290k customers, 39 MB.
fn transactions(customers: u64, seed: u64) -> String {
    let mut rng = Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    const DAYS: u32 = 730;
    let mut rows: Vec<(u32, u32, u32)> = Vec::new();
    for c in 0..customers as u32 {
        let mut day = (rng.uniform() * 365.0) as u32;
        let rate = -rng.uniform().ln() * 0.03; // purchases per day
        let dropout = 0.03 + 0.25 * rng.uniform();
        let usual = 30.0 + 250.0 * rng.uniform() * rng.uniform();
        loop {
            let amount = usual * (-rng.uniform().ln() - rng.uniform().ln() - rng.uniform().ln()) / 3.0;
            rows.push((day, c, (amount * 100.0).round() as u32));
            if rng.uniform() < dropout {
                break;
            }
            day += (-rng.uniform().ln() / rate.max(1e-4)).ceil() as u32;
            if day >= DAYS {
                break;
            }
        }
    }
    rows.sort_unstable();
    let mut out = String::with_capacity(rows.len() * 27);
    out.push_str("customer_id,order_date,amount\n");
    for (day, c, cents) in rows {
        let (y, m, d) = civil_from_days(19_723 + i64::from(day)); // from 2024-01-01
        let _ = writeln!(out, "C{c},{y}-{m:02}-{d:02},{}.{:02}", cents / 100, cents % 100);
    }
    out
}

/// CDNOW's master file repeated `copies` times, each copy's customer ids shifted by 100,000 so every
/// copy is a new set of customers (CDNOW's ids run to 23,570): one header line, then the copies.
fn cdnow_copies(copies: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cdnow/CDNOW_master.txt");
    let master = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut lines = master.lines();
    let header = lines.next().expect("header line");
    let body: Vec<(u32, &str)> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.trim_start();
            let (id, rest) = l.split_at(l.find(' ').expect("id then fields"));
            (id.parse().expect("numeric id"), rest)
        })
        .collect();
    let mut out = String::with_capacity(master.len() * copies + 1000);
    out.push_str(header);
    out.push_str("\r\n");
    for copy in 0..copies as u32 {
        for (id, rest) in &body {
            let _ = write!(out, " {:07}{rest}\r\n", copy * 100_000 + id);
        }
    }
    out
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants): enough for test data and the
/// same on every machine.
struct Lcg(u64);

impl Lcg {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
}
