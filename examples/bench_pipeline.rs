//! Native benchmark of the page's pipeline: generate the sample, parse and load it, evaluate and
//! compare scenarios. Run: `cargo run --release --example bench_pipeline -- [customers] [seed]`.
//! Results are recorded in docs/benchmarks.md.

use std::time::Instant;

use tierlab::engine::compare::compare;
use tierlab::engine::evaluate::{evaluate, PreparedData};
use tierlab::engine::ingest::{self, ReadOptions, SourceText};
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::{DowngradeRule, DowngradeStep, Evaluation, QualifyingWindow, Scenario};

fn main() {
    let mut args = std::env::args().skip(1);
    let customers: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let timed = |label: &str, start: Instant| println!("{label:<34} {:>8.3} s", start.elapsed().as_secs_f64());

    let start = Instant::now();
    let csv = generate_csv(&SampleConfig { customers, seed, ..SampleConfig::default() }, &mut Silent);
    timed(&format!("generate {customers} customers"), start);
    println!("{:<34} {:>8.1} MB, {} rows", "csv", csv.len() as f64 / 1e6, csv.lines().count() - 1);

    let start = Instant::now();
    let source = SourceText::utf8(csv);
    let inspection = ingest::inspect(&source, &ReadOptions::default()).expect("inspect");
    timed("inspect", start);
    let start = Instant::now();
    let settings = ingest::default_settings(&inspection);
    let (dataset, _) = ingest::load(&source, &settings, &mut Silent).expect("load");
    timed("load (parse + typed columns)", start);
    let start = Instant::now();
    let data = PreparedData::new(dataset);
    timed("prepare (activity + monthly totals)", start);

    let template = Scenario::template();
    let start = Instant::now();
    let a = evaluate(&template, &data, &mut Silent).expect("evaluate");
    timed("evaluate template (24-month replay)", start);
    println!("{:<34} {:>8}", "months replayed", a.outcome.timeline.as_ref().map_or(0, |t| t.labels.len()));

    let mut b = template.clone();
    b.name = "B".into();
    b.tiers.window = QualifyingWindow::RollingMonths { months: 12 };
    b.tiers.downgrade =
        DowngradeRule { evaluation: Evaluation::Quarterly, grace_evaluations: 1, step: DowngradeStep::OneTier };
    let start = Instant::now();
    let comparison = compare(&template, &b, &data, &mut Silent).expect("compare");
    timed("compare A vs B (rolling 12 months)", start);
    println!("{:<34} {:>8.0}", "B - A benefit cost", comparison.difference.costs.total);
}
