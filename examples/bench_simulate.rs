//! Native benchmark of the simulator:
//! `cargo run --release --example bench_simulate -- [customers] [months] [replications] [threads]`.
//! Runs A, B and no program, then six schemes and no program, on the CLI's BG/NBD baseline; prints
//! wall time and the process's CPU time (a loaded machine stretches the first, not the second).
//! Results are recorded in docs/benchmarks.md.

use std::time::Instant;

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, ReadOptions, SourceText};
use tierlab::engine::models::clv::{fit_clv, ClvModel, ClvSettings};
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::{DowngradeRule, DowngradeStep, Evaluation, QualifyingWindow, Scenario};
use tierlab::engine::simulate::baseline::Baseline;
use tierlab::engine::simulate::kpi::Kpi;
use tierlab::engine::simulate::population::{PopulationBaseline, PopulationFit};
use tierlab::engine::simulate::{SchemeRun, SimulationResult, SimulationSettings};

/// CPU seconds used by the whole process so far (all threads; Linux).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name in parentheses: utime and stime are the 12th and 13th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after.split_whitespace().map(|f| f.parse().unwrap_or(0.0)).collect();
    (fields.get(11).copied().unwrap_or(0.0) + fields.get(12).copied().unwrap_or(0.0)) / 100.0
}

fn timed(label: &str, run: impl FnOnce() -> SimulationResult) -> SimulationResult {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let result = run();
    println!("{label}: {:.3} s wall, {:.2} s CPU", wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    result
}

fn main() {
    let mut args = std::env::args().skip(1);
    let customers: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let months: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(24);
    let replications: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let threads: Option<u32> = args.next().and_then(|a| a.parse().ok());
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
    // What a helper worker of the page's pool does instead: rebuild it from the first worker's fit.
    let fit =
        PopulationFit { report: report.clone(), model: ClvModel::BgNbd, settings: ClvSettings::new(monthly.as_of) };
    let shipped = PopulationBaseline::of_fitted(&data, &baseline, Some(fit), None);
    let start = Instant::now();
    let rebuilt = Baseline::of_shipped(&data, &shipped).expect("rebuilt");
    let bytes = serde_json::to_string(&shipped).map_or(0, |json| json.len());
    let same = rebuilt == baseline;
    println!(
        "baseline rebuilt from the fit ({bytes} bytes of JSON) {:>8.3} s, identical: {same}",
        start.elapsed().as_secs_f64()
    );
    let a = Scenario::template();
    let mut b = a.clone();
    b.name = "B".into();
    b.tiers.window = QualifyingWindow::RollingMonths { months: 12 };
    b.tiers.downgrade =
        DowngradeRule { evaluation: Evaluation::Quarterly, grace_evaluations: 1, step: DowngradeStep::OneTier };
    b.benefits[3].discount_percent = 12.0;
    let settings = SimulationSettings { months, replications, seed: 7, threads, ..SimulationSettings::default() };
    let shown = threads.map_or_else(|| "one per core".to_string(), |t| t.to_string());
    let label = format!("simulate {customers} x {months} months x (A, B, none) x {replications} reps, threads {shown}");
    let result = timed(&label, || {
        SchemeRun::new(&[a.clone(), b.clone()], 0, &data, &baseline, &settings).simulate(&mut Silent).expect("simulate")
    });
    let get = |i: usize, kpi: Kpi| {
        result.schemes[i].totals.iter().find(|k| k.kpi == kpi).map(|k| k.spread.mean).unwrap_or(0.0)
    };
    println!("counterfactual revenue  {:>14.0}", result.counterfactual.revenue.mean);
    println!("A revenue / margin      {:>14.0} {:>14.0}", get(0, Kpi::Revenue), get(0, Kpi::Margin));
    println!("B revenue / margin      {:>14.0} {:>14.0}", get(1, Kpi::Revenue), get(1, Kpi::Margin));
    println!("P(B better on margin)   {:>14.2}", result.comparisons[0].chance_better_on_margin);
    // Six schemes: A, B, the default points scheme, and three variants of A.
    let mut six = vec![a.clone(), b, Scenario::template_b()];
    for (name, discount) in [("C", 10.0), ("D", 4.0), ("E", 0.0)] {
        let mut s = a.clone();
        s.name = name.into();
        s.benefits[3].discount_percent = discount;
        s.benefits[2].points_multiplier = 3.0;
        six.push(s);
    }
    let label =
        format!("simulate {customers} x {months} months x (6 schemes, none) x {replications} reps, threads {shown}");
    let result =
        timed(&label, || SchemeRun::new(&six, 0, &data, &baseline, &settings).simulate(&mut Silent).expect("simulate"));
    let best = result.ranking[0].scheme;
    println!("best: {} (chance {:.2})", result.schemes[best].name, result.ranking[0].chance_best);
}
