//! Risk control on data with planted anomalies of every kind (normal customers from the sample
//! generator, plus customers planted with one anomaly each): precision and recall per flag, computed
//! here from the planted truth; the CLI's `risk` command on the same data.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, HashMap};

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, ReadOptions, SourceText, TextEncoding};
use tierlab::engine::progress::Silent;
use tierlab::engine::risk::planted::{generate, Planted, PlantedConfig};
use tierlab::engine::risk::{assess_for_scenario, FlagKind, RiskReport};
use tierlab::engine::scenario::{QualifyingWindow, Scenario, Thresholds};

fn load(csv: String) -> PreparedData {
    let source = SourceText { byte_size: csv.len(), text: csv, encoding: TextEncoding::Utf8 };
    let inspection = ingest::inspect(&source, &ReadOptions::default()).expect("inspect");
    let (dataset, _) = ingest::load(&source, &ingest::default_settings(&inspection), &mut Silent).expect("load");
    PreparedData::new(dataset)
}

/// The scheme the planted gamers game: growth value over the calendar year, bounds 101 / 501 / 1001.
fn calendar_year_scenario(bounds: [f64; 3]) -> Scenario {
    let mut s = Scenario::template();
    s.tiers.window = QualifyingWindow::CalendarYear;
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: bounds.to_vec() };
    s
}

#[derive(Debug)]
struct Score {
    flagged: usize,
    true_positive: usize,
    planted: usize,
    found: usize,
    normal_flagged: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.flagged == 0 {
            1.0
        } else {
            self.true_positive as f64 / self.flagged as f64
        }
    }
    fn recall(&self) -> f64 {
        self.found as f64 / self.planted as f64
    }
}

/// Precision: of the customers flagged with a kind, the share planted with an anomaly that makes
/// that flag true. Recall: of the customers planted with the kind as their anomaly, the share flagged
/// with it. Also the normal customers flagged (false alarms among the sample's population).
fn score(report: &RiskReport, planted: &[(String, Planted)]) -> BTreeMap<FlagKind, Score> {
    let truth: HashMap<&str, Planted> = planted.iter().map(|(id, p)| (id.as_str(), *p)).collect();
    let mut scores = BTreeMap::new();
    for kind in FlagKind::ALL {
        let flagged: Vec<&str> =
            report.flagged.iter().filter(|c| c.flags.iter().any(|f| f.kind == kind)).map(|c| c.id.as_str()).collect();
        let true_positive =
            flagged.iter().filter(|id| truth.get(*id).is_some_and(|p| p.expected().contains(&kind))).count();
        let normal_flagged = flagged.iter().filter(|id| !truth.contains_key(*id)).count();
        let primary: Vec<&str> =
            planted.iter().filter(|(_, p)| p.primary() == kind).map(|(id, _)| id.as_str()).collect();
        let found = primary.iter().filter(|id| flagged.contains(id)).count();
        scores.insert(
            kind,
            Score { flagged: flagged.len(), true_positive, planted: primary.len(), found, normal_flagged },
        );
    }
    scores
}

#[test]
fn planted_anomalies_are_found_with_high_precision_and_recall() {
    let config = PlantedConfig::default();
    let data = generate(&config);
    let prepared = load(data.csv);
    let scenario = calendar_year_scenario(config.gaming_bounds);
    let report = assess_for_scenario(&prepared, &scenario, &mut Silent).expect("assess");
    let scores = score(&report, &data.planted);
    println!("kind                 flagged  planted  found  normal_flagged  precision  recall");
    for (kind, s) in &scores {
        println!(
            "{:<20} {:>7}  {:>7}  {:>5}  {:>14}  {:>9.3}  {:>6.3}",
            kind.key(),
            s.flagged,
            s.planted,
            s.found,
            s.normal_flagged,
            s.precision(),
            s.recall()
        );
    }
    for (kind, s) in &scores {
        assert!(s.recall() >= 0.9, "{kind:?}: recall {:.3} ({s:?})", s.recall());
        assert!(s.precision() >= 0.8, "{kind:?}: precision {:.3} ({s:?})", s.precision());
    }
    // The sample's own customers are rarely flagged: at most 1 % for any kind.
    for (kind, s) in &scores {
        assert!(s.normal_flagged * 100 <= config.normal, "{kind:?}: {} normal customers flagged", s.normal_flagged);
    }
}

#[test]
fn the_cli_lists_flagged_customers_with_reasons() {
    let config = PlantedConfig { normal: 400, per_kind: 5, ..PlantedConfig::default() };
    let data = generate(&config);
    let dir = std::env::temp_dir().join(format!("tierlab-risk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (csv_path, scenario_path) = (dir.join("planted.csv"), dir.join("s.json"));
    std::fs::write(&csv_path, &data.csv).unwrap();
    std::fs::write(&scenario_path, calendar_year_scenario(config.gaming_bounds).to_json()).unwrap();
    let engine =
        assess_for_scenario(&load(data.csv.clone()), &calendar_year_scenario(config.gaming_bounds), &mut Silent)
            .expect("assess");
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_tierlab")).args(args).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let (data_arg, scenario_arg) = (csv_path.to_str().unwrap(), scenario_path.to_str().unwrap());
    let json: RiskReport =
        serde_json::from_str(&run(&["risk", "--data", data_arg, "--scenario", scenario_arg, "--json"])).unwrap();
    let kinds = |r: &RiskReport| -> Vec<(String, Vec<FlagKind>)> {
        r.flagged.iter().map(|c| (c.id.clone(), c.flags.iter().map(|f| f.kind).collect())).collect()
    };
    assert_eq!(kinds(&json), kinds(&engine));
    assert!(!engine.flagged.is_empty());
    let text = run(&["risk", "--data", data_arg, "--scenario", scenario_arg]);
    let burst = engine.flagged.iter().find(|c| c.flags.iter().any(|f| f.kind == FlagKind::Velocity)).unwrap();
    assert!(text.contains(&burst.id) && text.contains("purchases within 24 hours"), "{text}");
    // Without a scenario there is nothing to judge threshold gaming against, and the table says so.
    let text = run(&["risk", "--data", data_arg]);
    assert!(text.contains("not applied: needs --scenario"), "{text}");
}
