//! Native benchmark of the simulator:
//! `cargo run --release --example bench_simulate -- [customers] [months] [replications]`.
//! Results are recorded in docs/benchmarks.md.

use std::time::Instant;

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, ReadOptions, SourceText};
use tierlab::engine::models::clv::{fit_clv, ClvSettings};
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::{DowngradeRule, DowngradeStep, Evaluation, QualifyingWindow, Scenario};
use tierlab::engine::simulate::baseline::Baseline;
use tierlab::engine::simulate::kpi::Kpi;
use tierlab::engine::simulate::{simulate, SimulationSettings};

fn main() {
    let mut args = std::env::args().skip(1);
    let customers: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let months: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(24);
    let replications: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let csv = generate_csv(&SampleConfig { customers, seed: 42, ..SampleConfig::default() }, &mut Silent);
    let source = SourceText::utf8(csv);
    let inspection = ingest::inspect(&source, &ReadOptions::default()).expect("inspect");
    let (dataset, _) = ingest::load(&source, &ingest::default_settings(&inspection), &mut Silent).expect("load");
    let data = PreparedData::new(dataset);
    // The baseline the CLI and the page use: BG/NBD + Gamma-Gamma fitted to the whole history.
    let start = Instant::now();
    let (log, monthly) = (data.dataset.events.as_ref().expect("an event log"), data.monthly.as_ref().expect("months"));
    let report = fit_clv(log, &ClvSettings::new(monthly.as_of), &mut Silent).expect("BG/NBD fit");
    let baseline = Baseline::from_clv(&data, &report);
    println!("baseline (BG/NBD fit)   {:>8.3} s", start.elapsed().as_secs_f64());
    let a = Scenario::template();
    let mut b = a.clone();
    b.name = "B".into();
    b.tiers.window = QualifyingWindow::RollingMonths { months: 12 };
    b.tiers.downgrade =
        DowngradeRule { evaluation: Evaluation::Quarterly, grace_evaluations: 1, step: DowngradeStep::OneTier };
    b.benefits[3].discount_percent = 12.0;
    let settings = SimulationSettings { months, replications, seed: 7, deterministic: false };
    let start = Instant::now();
    let result = simulate(&a, &b, &data, &baseline, &settings, &mut Silent).expect("simulate");
    let seconds = start.elapsed().as_secs_f64();
    println!("simulate {customers} x {months} months x 3 schemes x {replications} reps: {seconds:.3} s");
    let get = |i: usize, kpi: Kpi| {
        result.schemes[i].totals.iter().find(|k| k.kpi == kpi).map(|k| k.spread.mean).unwrap_or(0.0)
    };
    println!("counterfactual revenue  {:>14.0}", result.counterfactual.revenue.mean);
    println!("A revenue / margin      {:>14.0} {:>14.0}", get(0, Kpi::Revenue), get(0, Kpi::Margin));
    println!("B revenue / margin      {:>14.0} {:>14.0}", get(1, Kpi::Revenue), get(1, Kpi::Margin));
    println!("P(B better on margin)   {:>14.2}", result.b_better_on_margin);
}
