//! Native benchmark of the scheme optimiser:
//! `cargo run --release --example bench_optimise -- [customers] [threads]`.
//! The template scheme on the sample population with the CLI's BG/NBD baseline, a dozen settings
//! searched (three tier shares, four discounts, four points multipliers, the free-shipping tier,
//! welcome points: 13) with the default effort (3 passes, 4 futures doubling, 12 months, 20
//! confirming futures). Prints wall and CPU time, the candidate simulations and the confirmed gain.
//! Results are recorded in docs/benchmarks.md.

use std::time::Instant;

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, ReadOptions, SourceText};
use tierlab::engine::optimise::{optimise_scheme, SearchRanges, ValueRange};
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::Scenario;
use tierlab::session::fit_baseline;

/// CPU seconds used by the whole process so far (all threads; Linux).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after.split_whitespace().map(|f| f.parse().unwrap_or(0.0)).collect();
    (fields.get(11).copied().unwrap_or(0.0) + fields.get(12).copied().unwrap_or(0.0)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let customers: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let threads: Option<u32> = args.next().and_then(|a| a.parse().ok());
    let csv = generate_csv(&SampleConfig { customers, seed: 42, ..SampleConfig::default() }, &mut Silent);
    let source = SourceText::utf8(csv);
    let inspection = ingest::inspect(&source, &ReadOptions::default()).expect("inspect");
    let (dataset, _) = ingest::load(&source, &ingest::default_settings(&inspection), &mut Silent).expect("load");
    let data = PreparedData::new(dataset);
    // The page's and the CLI's one rule for the no-program baseline.
    let (baseline, _) = fit_baseline(&data, &mut Silent);
    let range = |min: f64, max: f64| ValueRange { min, max };
    let ranges = SearchRanges {
        thresholds: Some(vec![range(10.0, 40.0), range(3.0, 20.0), range(1.0, 10.0)]),
        discount_percent: Some(vec![range(0.0, 3.0), range(0.0, 6.0), range(0.0, 10.0), range(0.0, 15.0)]),
        points_multiplier: Some(vec![range(0.5, 2.0), range(1.0, 3.0), range(1.0, 4.0), range(1.0, 5.0)]),
        free_shipping_from: Some(range(0.0, 4.0)),
        welcome_points: Some(range(0.0, 500.0)),
        ..SearchRanges::default()
    };
    let current = Scenario::template();
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let result = optimise_scheme(&current, &ranges, &data, &baseline, threads, &mut Silent).expect("optimise");
    println!(
        "optimise {customers} customers, {} settings: {:.1} s wall, {:.1} s CPU, {} candidate simulations",
        result.parameters.len(),
        wall.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
        result.evaluations
    );
    let c = &result.confirmation;
    println!(
        "search estimate {:.0}; confirmed on {} fresh futures: current {:.0}, best {:.0}, gain {:.0} [{:.0}, {:.0}], P(better) {:.0} %",
        result.search_estimate.incremental_margin.mean,
        c.replications,
        c.current.incremental_margin.mean,
        c.best.incremental_margin.mean,
        c.gain.mean,
        c.gain.low90,
        c.gain.high90,
        c.chance_better * 100.0
    );
    for change in &result.changes {
        println!("  - {}", change.describe(&current));
    }
}
