//! The `tierlab` binary end to end on a small hand-checked file: output values, exit codes, messages.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

fn tierlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tierlab")).args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

/// A scratch directory per test (tests run in parallel).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tierlab-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Three customers over 2024-01-01 .. 2025-01-01 (366 days). No event-type column, so every row is a
/// purchase and the negative amount is a refund. Net spend: A 300 + 400 - 100 = 600 (2 orders),
/// B 200 (1 order), C 50 (1 order).
const ORDERS_CSV: &str = "customer_id,order_date,amount\n\
A,2024-01-01,300\n\
A,2024-06-01,400\n\
A,2024-07-01,-100\n\
B,2024-03-01,200\n\
C,2025-01-01,50\n";

/// Two tiers by growth value on spend alone; Gold from 500 gets 10 %, double points, free shipping and
/// a 50-per-year gift.
fn scenario_json(name: &str, gold_from: f64) -> String {
    format!(
        r#"{{
  "schema": "tierlab.scenario", "version": 1, "name": "{name}",
  "scoring": {{ "model": "growth_value", "amount": 1.0, "orders": 0.0, "interactions": 0.0 }},
  "tiers": {{ "names": ["Regular", "Gold"], "thresholds": {{ "kind": "absolute", "lower_bounds": [{gold_from}] }} }},
  "benefits": [
    {{ "discount_percent": 0, "points_multiplier": 1, "free_shipping": false, "gift_cost_per_year": 0 }},
    {{ "discount_percent": 10, "points_multiplier": 2, "free_shipping": true, "gift_cost_per_year": 50 }}
  ],
  "economics": {{ "points_per_currency_unit": 1, "point_cost": 0.01, "breakage_percent": 25,
                  "shipping_cost_per_order": 8, "gross_margin_percent": 30 }}
}}"#
    )
}

fn close(actual: &serde_json::Value, expected: f64) {
    let actual = actual.as_f64().unwrap_or_else(|| panic!("not a number: {actual}"));
    assert!((actual - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{actual} != {expected}");
}

#[test]
fn run_prices_a_hand_checked_scenario() {
    let dir = scratch("run");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    let output = tierlab(&[
        "run",
        "--data",
        dir.join("orders.csv").to_str().unwrap(),
        "--scenario",
        dir.join("a.json").to_str().unwrap(),
        "--json",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let outcome: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let years = 366.0 / 365.25;
    // Gold = customer A: discount 10 % of 600 = 60; points 600 x 2 = 1200 issued, 1200 x 0.75 x 0.01 = 9;
    // shipping 2 orders x 8 = 16; gift 50 per year x 366/365.25 years.
    let gold = &outcome["tiers"][1];
    assert_eq!(gold["customers"], 1);
    close(&gold["costs"]["discount"], 60.0);
    close(&gold["costs"]["points"], 9.0);
    close(&gold["costs"]["shipping"], 16.0);
    close(&gold["costs"]["gifts"], 50.0 * years);
    // Regular = B and C: 250 points issued, cost 250 x 0.75 x 0.01 = 1.875.
    close(&outcome["tiers"][0]["costs"]["points"], 1.875);
    let total = 60.0 + 9.0 + 16.0 + 50.0 * years + 1.875;
    close(&outcome["totals"]["total"], total);
    close(&outcome["revenue"], 850.0);
    close(&outcome["margin_after_benefits"], 850.0 * 0.3 - total);
    close(&outcome["history_years"], years);
}

#[test]
fn compare_shows_who_moves() {
    let dir = scratch("compare");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    std::fs::write(dir.join("b.json"), scenario_json("B", 150.0)).unwrap();
    let args = |json: bool| {
        let mut args = vec![
            "compare".to_string(),
            "--data".into(),
            dir.join("orders.csv").display().to_string(),
            dir.join("a.json").display().to_string(),
            dir.join("b.json").display().to_string(),
        ];
        if json {
            args.push("--json".into());
        }
        args
    };
    let output = Command::new(env!("CARGO_BIN_EXE_tierlab")).args(args(true)).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let c: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    // Under B, customer B (200) joins A (600) in Gold; C (50) stays Regular.
    assert_eq!(c["transitions"], serde_json::json!([[1, 1], [0, 1]]));
    assert_eq!(c["movement"], serde_json::json!({ "up": 1, "down": 0, "same": 2 }));
    // B's extra cost for customer B: discount 20, points 200 x (2 - 1) x 0.75 x 0.01 = 1.5 more,
    // shipping 8, gift 50 x 366/365.25.
    close(&c["difference"]["costs"]["total"], 20.0 + 1.5 + 8.0 + 50.0 * 366.0 / 365.25);
    let text = Command::new(env!("CARGO_BIN_EXE_tierlab")).args(args(false)).output().unwrap();
    let text = stdout(&text);
    assert!(text.contains("moved up 1, down 0, unchanged 2"), "{text}");
}

#[test]
fn bad_inputs_exit_non_zero_with_one_line() {
    let dir = scratch("bad");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    std::fs::write(
        dir.join("broken.json"),
        scenario_json("A", 500.0).replace("\"lower_bounds\": [500]", "\"lower_bounds\": [-1, 5]"),
    )
    .unwrap();
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    let data = dir.join("orders.csv").display().to_string();
    let broken = dir.join("broken.json").display().to_string();
    let valid = dir.join("a.json").display().to_string();
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["run", "--data", &data, "--scenario", &broken], 1, "tiers.thresholds.lower_bounds"),
        (vec!["run", "--data", "/nonexistent.csv", "--scenario", &valid], 1, "cannot read /nonexistent.csv"),
        (vec!["compare", "--data", &data, &broken], 2, "A.json B.json"),
        (vec!["sample", "--customers", "0"], 1, "customers"),
        (vec!["bogus"], 2, "unknown command"),
    ];
    for (args, code, needle) in cases {
        let output = tierlab(&args);
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    }
}

#[test]
fn scenario_template_is_a_valid_scenario() {
    let output = tierlab(&["scenario-template"]);
    assert!(output.status.success());
    let parsed = tierlab::engine::scenario::Scenario::from_json(&stdout(&output)).unwrap();
    assert_eq!(parsed, tierlab::engine::scenario::Scenario::template());
}

#[test]
fn inspect_records_are_the_fields_as_written() {
    let dir = scratch("records");
    // A quoted field with the delimiter, a doubled quote and a line break inside.
    let csv = "id,note,amount\r\n1,\"a, \"\"quoted\"\"\nnote\",\"1,234.50\"\r\n2,plain,7\r\n";
    std::fs::write(dir.join("notes.csv"), csv).unwrap();
    let output = tierlab(&["inspect", dir.join("notes.csv").to_str().unwrap(), "--records"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<serde_json::Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(
        lines,
        vec![
            serde_json::json!({ "id": "1", "note": "a, \"quoted\"\nnote", "amount": "1,234.50" }),
            serde_json::json!({ "id": "2", "note": "plain", "amount": "7" }),
        ]
    );
}
