//! A small, fixed simulation whose exact numbers must be the same natively and in the browser
//! (portable RNG and math): shared by tests/simulation_golden.rs and tests/web_simulation.rs.

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, ReadOptions, SourceText};
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::{Assumptions, DowngradeRule, DowngradeStep, Evaluation, QualifyingWindow, Scenario};
use tierlab::engine::simulate::baseline::Baseline;
use tierlab::engine::simulate::kpi::Kpi;
use tierlab::engine::simulate::{SchemeRun, SimulationSettings};

/// Key results of the fixed simulation, with every float written exactly (`{:?}` round-trips).
pub fn fingerprint() -> String {
    fingerprint_with(|_| {})
}

/// The same with the assumptions of both schemes adjusted.
pub fn fingerprint_with(adjust: impl Fn(&mut Assumptions)) -> String {
    let csv = generate_csv(&SampleConfig { customers: 300, seed: 5, ..SampleConfig::default() }, &mut Silent);
    let source = SourceText::utf8(csv);
    let inspection = ingest::inspect(&source, &ReadOptions::default()).expect("inspect");
    let (dataset, _) = ingest::load(&source, &ingest::default_settings(&inspection), &mut Silent).expect("load");
    let data = PreparedData::new(dataset);
    let baseline = Baseline::empirical(&data);
    let mut a = Scenario::template();
    adjust(&mut a.assumptions);
    let mut b = a.clone();
    b.name = "B".into();
    b.tiers.window = QualifyingWindow::RollingMonths { months: 6 };
    b.tiers.downgrade =
        DowngradeRule { evaluation: Evaluation::Monthly, grace_evaluations: 1, step: DowngradeStep::OneTier };
    let settings = SimulationSettings {
        months: 6,
        replications: 3,
        seed: 11,
        deterministic: false,
        ..SimulationSettings::default()
    };
    let result = SchemeRun::new(&[a, b], 0, &data, &baseline, &settings).simulate(&mut Silent).expect("simulate");
    let mut out =
        format!("cf revenue {:?} orders {:?}\n", result.counterfactual.revenue.mean, result.counterfactual.orders.mean);
    for scheme in &result.schemes {
        for kpi in [
            Kpi::Revenue,
            Kpi::Orders,
            Kpi::TotalBenefitCost,
            Kpi::Margin,
            Kpi::PointsIssued,
            Kpi::Upgrades,
            Kpi::Downgrades,
        ] {
            let spread = &scheme.totals.iter().find(|k| k.kpi == kpi).expect("kpi").spread;
            out.push_str(&format!(
                "{} {:?} {:?} {:?} {:?}\n",
                scheme.name, kpi, spread.mean, spread.low95, spread.high95
            ));
        }
    }
    out.push_str(&format!("p(B better) {:?}\n", result.comparisons[0].chance_better_on_margin));
    out
}
