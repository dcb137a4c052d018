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
/// purchase and the negative amount is a refund.
const ORDERS_CSV: &str = "customer_id,order_date,amount\n\
A,2024-01-01,300\n\
A,2024-06-01,400\n\
A,2024-07-01,-100\n\
A,2024-09-01,200\n\
B,2024-03-01,200\n\
C,2025-01-01,50\n";

#[test]
fn date_order_is_detected_said_and_can_be_forced() {
    let dir = scratch("date-order");
    let file = dir.join("us.csv");
    std::fs::write(&file, "customer_id,order_date,amount\nA,3/15/2026,10\nA,4/1/2026,20\nB,12/31/2025,5\n").unwrap();
    let path = file.to_str().unwrap();
    let shown = stdout(&tierlab(&["inspect", path]));
    assert!(shown.contains("dates       month first"), "{shown}");
    assert!(shown.contains("kept 3, dropped 0"), "{shown}");
    let forced = stdout(&tierlab(&["inspect", path, "--date-order", "day-first"]));
    // Day first, 3/15 and 12/31 are no dates: the column no longer reads as dates.
    assert!(forced.contains("dates       day first"), "{forced}");
    assert!(forced.contains("order_date   text"), "{forced}");
    let european = dir.join("eu.csv");
    std::fs::write(&european, "customer_id;order_date;amount\nA;15.03.2026;1.234,50\nB;01.04.2026;12,5\n").unwrap();
    let shown = stdout(&tierlab(&["inspect", european.to_str().unwrap()]));
    assert!(shown.contains("dates       day first") && shown.contains("decimals    comma"), "{shown}");
    assert!(shown.contains("kept 2, dropped 0"), "{shown}");
    let wrong = tierlab(&["inspect", path, "--date-order", "yyyy"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("unknown date order `yyyy`"));
}

/// Two tiers by growth value on spend alone; Gold from `gold_from` gets 10 %, double points, free
/// shipping and a 50-per-year gift. Written in the version-1 format on purpose: old files must open.
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

/// Cost of one point issued: 1 - 25 % breakage, at 0.01 each.
const POINT_VALUE: f64 = 0.75 * 0.01;

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
    // A reaches 700 at the end of June -> Gold from July. Benefits follow the tier held when buying:
    //  - January 300 and June 400 at Regular: 700 points, no discount;
    //  - the July refund of 100 at Gold takes back 100 points (average earn rate 700/700) and no
    //    discount (average discount rate 0/700);
    //  - September 200 at Gold: 20 discount, 400 points, one free shipping (8).
    // Gold gifts: 50 a year for July 1 .. January 1 = 184 days.
    // Regular: A's 700 + B's 200 + C's 50 = 950 points; revenue 950. Gold revenue -100 + 200 = 100.
    let gold = &outcome["tiers"][1];
    assert_eq!(gold["customers"], 1);
    close(&gold["costs"]["discount"], 20.0);
    close(&gold["costs"]["points_issued"], 300.0);
    close(&gold["costs"]["points"], 300.0 * POINT_VALUE);
    close(&gold["costs"]["shipping"], 8.0);
    close(&gold["costs"]["gifts"], 50.0 * 184.0 / 365.25);
    close(&gold["revenue"], 100.0);
    close(&outcome["tiers"][0]["costs"]["points"], 950.0 * POINT_VALUE);
    let total = 20.0 + 300.0 * POINT_VALUE + 8.0 + 50.0 * 184.0 / 365.25 + 950.0 * POINT_VALUE;
    close(&outcome["totals"]["total"], total);
    close(&outcome["revenue"], 1050.0);
    close(&outcome["margin_after_benefits"], 1050.0 * 0.3 - total);
    close(&outcome["history_years"], 366.0 / 365.25);
    // Points ledger: 700 + 400 + 200 + 50 earned, 100 taken back, nothing redeemed or expired.
    close(&outcome["points"]["totals"]["earned"], 1350.0);
    close(&outcome["points"]["totals"]["outstanding"], 1250.0);
    close(&outcome["points"]["totals"]["liability"], 12.5);
    assert_eq!(outcome["timeline"]["labels"].as_array().unwrap().len(), 13);
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
    // Under B (Gold from 150) customer B (200) joins A in Gold; C (50) stays Regular.
    assert_eq!(c["transitions"], serde_json::json!([[1, 1], [0, 1]]));
    assert_eq!(c["movement"], serde_json::json!({ "up": 1, "down": 0, "same": 2 }));
    // Scenario B by hand. A is Gold from the end of January, B from the end of March.
    //  - A's June 400 at Gold: 40 discount, 800 points, 8 shipping. The July refund of 100 takes back
    //    points at A's average earn rate (300 + 800) / 700 and discount at 40 / 700. September 200:
    //    20 discount, 400 points, 8 shipping.
    //  - Regular points: A's January 300, B's 200, C's 50 = 550.
    //  - Gold gifts: A for Feb 1 .. Jan 1 (335 days), B for Apr 1 .. Jan 1 (275 days).
    let b_total = 550.0 * POINT_VALUE
        + (800.0 - 100.0 * 1100.0 / 700.0 + 400.0) * POINT_VALUE
        + (40.0 - 100.0 * 40.0 / 700.0 + 20.0)
        + 16.0
        + 50.0 * (335.0 + 275.0) / 365.25;
    let a_total = 20.0 + 300.0 * POINT_VALUE + 8.0 + 50.0 * 184.0 / 365.25 + 950.0 * POINT_VALUE;
    close(&c["b"]["totals"]["total"], b_total);
    close(&c["difference"]["costs"]["total"], b_total - a_total);
    let text = Command::new(env!("CARGO_BIN_EXE_tierlab")).args(args(false)).output().unwrap();
    let text = stdout(&text);
    assert!(text.contains("moved up 1, down 0, unchanged 2"), "{text}");
}

#[test]
fn compare_takes_more_schemes_against_the_reference() {
    let dir = scratch("compare-three");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    for (file, gold_from) in [("a.json", 500.0), ("b.json", 150.0), ("c.json", 250.0)] {
        std::fs::write(dir.join(file), scenario_json(&file[..1].to_uppercase(), gold_from)).unwrap();
    }
    let path = |file: &str| dir.join(file).display().to_string();
    let (data, a, b, c) = (path("orders.csv"), path("a.json"), path("b.json"), path("c.json"));
    let output = tierlab(&["compare", "--data", &data, &a, &b, &c, "--reference", "B", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let all: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(all["reference"], 1);
    let listed = all["comparisons"].as_array().unwrap();
    assert_eq!(listed.iter().map(|c| c["scheme"].as_u64().unwrap()).collect::<Vec<_>>(), [0, 2]);
    // Under B (Gold from 150) customers A and B are Gold; under A (from 500) and C (from 250) only
    // customer A is (C reaches 250 with A's January 300, B's 200 never does): one moves down.
    for compared in listed {
        assert_eq!(compared["comparison"]["transitions"], serde_json::json!([[1, 0], [1, 1]]));
        assert_eq!(compared["comparison"]["movement"], serde_json::json!({ "up": 0, "down": 1, "same": 2 }));
    }
    // C by hand: customer A's purchases as under B (Gold from the end of January), customer B's
    // March 200 at Regular as under B, so the same costs but for customer B's Gold gifts
    // (Apr 1 .. Jan 1, 275 days).
    close(&listed[1]["comparison"]["difference"]["costs"]["gifts"], -50.0 * 275.0 / 365.25);
    let text = stdout(&tierlab(&["compare", "--data", &data, &a, &b, &c, "--reference", "b"]));
    assert!(text.contains("=== A (A) against B (B)") && text.contains("=== C (C) against B (B)"), "{text}");
}

#[test]
fn simulate_runs_several_schemes_on_the_same_draws() {
    let dir = scratch("simulate-three");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    std::fs::write(dir.join("b.json"), scenario_json("B", 150.0)).unwrap();
    let path = |file: &str| dir.join(file).display().to_string();
    let (data, a, b) = (path("orders.csv"), path("a.json"), path("b.json"));
    // C is A again: on the same draws it must come out exactly as A (common random numbers).
    let output = tierlab(&["simulate", "--data", &data, &a, &b, &a, "--months", "3", "--reps", "4", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let all: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let simulation = &all["simulation"];
    assert_eq!(simulation["schemes"].as_array().unwrap().len(), 3);
    assert_eq!(simulation["schemes"][0]["totals"], simulation["schemes"][2]["totals"]);
    let comparisons = simulation["comparisons"].as_array().unwrap();
    assert_eq!(comparisons.iter().map(|c| c["scheme"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2]);
    for stat in comparisons[1]["difference"].as_array().unwrap() {
        assert_eq!(stat["spread"]["mean"], 0.0, "{stat}");
    }
    let chances: f64 =
        simulation["ranking"].as_array().unwrap().iter().map(|r| r["chance_best"].as_f64().unwrap()).sum();
    assert!((chances - 1.0).abs() < 1e-12, "{chances}");
    let text = stdout(&tierlab(&["simulate", "--data", &data, &a, &b, &a, "--months", "3", "--reps", "4"]));
    assert!(text.contains("C - A") && text.contains("ranking by incremental margin"), "{text}");
}

#[test]
fn simulate_draws_its_baseline_from_the_purchase_model_asked_for() {
    let dir = scratch("baseline-model");
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    let a = dir.join("a.json").display().to_string();
    let sample = |customers: &str, seed: &str, file: &str| {
        let output = tierlab(&["sample", "--customers", customers, "--seed", seed]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        std::fs::write(dir.join(file), &output.stdout).unwrap();
        dir.join(file).display().to_string()
    };
    let run = |data: &str, key: &str| {
        let args = ["simulate", "--data", data, &a, "--months", "2", "--reps", "2", "--baseline-model", key, "--json"];
        let output = tierlab(&args);
        assert!(output.status.success(), "{key}: {}", String::from_utf8_lossy(&output.stderr));
        let all: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        (all["simulation"]["baseline"].clone(), all["baseline_note"].clone())
    };
    // 2,000 sample customers: every model fits.
    let data = sample("2000", "1", "sample.csv");
    for (key, source) in [("bgnbd", "bg_nbd"), ("pareto", "pareto_nbd"), ("mbg", "mbg_nbd")] {
        assert_eq!(run(&data, key), (serde_json::json!(source), serde_json::Value::Null), "{key}");
    }
    // 400: Pareto/NBD does not converge, so BG/NBD is used and the note says why.
    let small = sample("400", "5", "small.csv");
    let (source, note) = run(&small, "pareto");
    assert_eq!(source, "bg_nbd");
    assert_eq!((note["kind"].as_str(), note["model"].as_str()), (Some("model_failed"), Some("pareto_nbd")), "{note}");
    let text = stdout(&tierlab(&[
        "simulate",
        "--data",
        &small,
        &a,
        "--months",
        "2",
        "--reps",
        "2",
        "--baseline-model",
        "pareto",
    ]));
    assert!(text.contains("Pareto/NBD purchase model could not be fitted, so BG/NBD is used"), "{text}");
    let wrong = tierlab(&["simulate", "--data", &data, &a, "--baseline-model", "lifetimes"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("expected bgnbd, pareto, mbg or best"));
}

#[test]
fn explain_names_the_customer_tier_and_distance() {
    let dir = scratch("explain");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    let data = dir.join("orders.csv").display().to_string();
    let scenario = dir.join("a.json").display().to_string();
    let output = tierlab(&["explain", "--data", &data, "--scenario", &scenario, "--customer", "B", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let e: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    // B spent 200: Regular, 300 short of Gold.
    assert_eq!(e["tier_name"], "Regular");
    close(&e["next_tier"]["distance"], 300.0);
    let missing = tierlab(&["explain", "--data", &data, "--scenario", &scenario, "--customer", "Z"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no customer with id Z"));
}

#[test]
fn old_scenarios_upgrade_to_the_current_version() {
    let dir = scratch("upgrade");
    std::fs::write(dir.join("old.json"), scenario_json("Old", 500.0)).unwrap();
    let output = tierlab(&["scenario-upgrade", dir.join("old.json").to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let upgraded = tierlab::engine::scenario::Scenario::from_json(&stdout(&output)).unwrap();
    assert_eq!(upgraded.version, tierlab::engine::scenario::SCENARIO_VERSION);
    assert_eq!(upgraded.points.point_cost, 0.01);
}

/// Each command exits with its status and says what is wrong (the needle) on one line.
fn fails_in_one_line(cases: Vec<(Vec<&str>, i32, &str)>) {
    for (args, code, needle) in cases {
        let output = tierlab(&args);
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    }
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
        // Wrong usage as clap words it, on one line.
        (vec!["compare", "--data", &data, &broken], 2, "expected A.json B.json ... (2 to 6 scenario files), got 1"),
        (vec!["compare", "--data", &data, &valid, &valid, "--reference", "C"], 2, "--reference C names no scheme"),
        (vec!["simulate", "--data", &data, &valid, &valid, &valid, "--reference", "7"], 2, "expected a scheme letter"),
        (vec!["simulate", "--data", &data, &valid, &valid, &valid, &valid, &valid, &valid, &valid], 2, "got 7"),
        (vec!["clv", "--data", &data], 2, "required arguments were not provided: --calibration-end <DATE>"),
        (vec!["clv", "--data", &data, "--calibration-end", "2023-02-29"], 2, "expected a date like 2024-06-30"),
        (vec!["sample", "--customers", "0"], 1, "The sample needs between 1 and 1000000 customers; 0 was requested."),
        (vec!["bogus"], 2, "unrecognized subcommand 'bogus'"),
        (vec![], 2, "no command given"),
    ];
    fails_in_one_line(cases);
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

#[test]
fn inspect_estimate_scales_the_first_megabyte_to_the_file() {
    let dir = scratch("estimate");
    // A 30-byte header and 100,000 rows of 21 bytes (`C00000,2024-01-01,10` and a line break), each
    // customer on two rows in a row: 2,100,030 bytes.
    let mut csv = String::from("customer_id,order_date,amount\n");
    for i in 0..100_000 {
        csv.push_str(&format!("C{:05},2024-01-{:02},{}\n", i / 2, 1 + i % 28, 10 + i % 7));
    }
    std::fs::write(dir.join("orders.csv"), &csv).unwrap();
    let output = tierlab(&["inspect", dir.join("orders.csv").to_str().unwrap(), "--estimate", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let estimate: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    // The first 1,048,576 bytes hold (1,048,576 - 30) / 21 = 49,930 whole rows (1,048,560 bytes) of
    // 24,965 customers: 2,100,030 x 49,930 / 1,048,560 = 99,998.6 -> 99,999 rows, half of them
    // customers: 49,999.5 -> 50,000. Memory: 160 MiB + 2 x 2,100,030 + 280 x 99,999 + 600 x 50,000
    // = 167,772,160 + 4,200,060 + 27,999,720 + 30,000,000 = 229,971,940 bytes.
    assert_eq!(
        estimate,
        serde_json::json!({
            "file_bytes": 2_100_030, "rows": 99_999, "customers": 50_000, "peak_bytes": 229_971_940u64,
            "tab_limit_bytes": 4_294_967_296u64, "fits_in_tab": true,
        })
    );
}

#[test]
fn help_lists_every_command_and_exits_zero() {
    for args in [vec!["help"], vec!["--help"]] {
        let output = tierlab(&args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = stdout(&output);
        for command in ["inspect", "run", "compare", "explain", "features", "clv", "train", "segments", "simulate"] {
            assert!(text.contains(&format!("\n  {command} ")), "{command} missing from {text}");
        }
    }
    let clv = stdout(&tierlab(&["help", "clv"]));
    assert!(clv.contains("--calibration-end <DATE>") && clv.contains("[possible values: days, weeks]"), "{clv}");
}

/// Version 4: Gold from 500 spend and (or: or) 3 orders in the lifetime window; Regular gets a
/// coupon of 5 a month on orders of 250 or more (all used), Gold two of 20 on orders of 100 (half
/// used).
fn two_criteria_json(combine: &str) -> String {
    format!(
        r#"{{
  "schema": "tierlab.scenario", "version": 4, "name": "{combine}",
  "scoring": {{ "model": "growth_value", "amount": 1.0, "orders": 0.0, "interactions": 0.0 }},
  "tiers": {{ "names": ["Regular", "Gold"], "thresholds": {{ "kind": "absolute", "lower_bounds": [500] }},
             "second_criterion": {{ "measure": "orders", "combine": "{combine}", "lower_bounds": [3] }} }},
  "points": {{ "per_currency_unit": 1, "pending_days": 0, "expiry": {{ "kind": "never" }},
              "redemption": {{ "kind": "none" }}, "point_cost": 0.01, "breakage_percent": 25 }},
  "benefits": [
    {{ "discount_percent": 0, "points_multiplier": 1, "free_shipping": false, "gift_cost_per_year": 0,
       "coupons": {{ "value": 5, "min_spend": 250, "per_month": 1, "redemption_percent": 100 }} }},
    {{ "discount_percent": 10, "points_multiplier": 2, "free_shipping": false, "gift_cost_per_year": 0,
       "coupons": {{ "value": 20, "min_spend": 100, "per_month": 2, "redemption_percent": 50 }} }}
  ],
  "economics": {{ "shipping_cost_per_order": 8, "gross_margin_percent": 30 }}
}}"#
    )
}

#[test]
fn two_criteria_and_coupons_through_the_cli() {
    let dir = scratch("two-criteria");
    let data = dir.join("orders.csv");
    std::fs::write(&data, ORDERS_CSV).unwrap();
    let run = |combine: &str| {
        let file = dir.join(format!("{combine}.json"));
        std::fs::write(&file, two_criteria_json(combine)).unwrap();
        let output =
            tierlab(&["run", "--data", data.to_str().unwrap(), "--scenario", file.to_str().unwrap(), "--json"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        (file, serde_json::from_str::<serde_json::Value>(&stdout(&output)).unwrap())
    };
    // "and": A has 700 by June but 2 orders; the third order (September) makes Gold from October,
    // after A's last purchase. Regular coupons: January 300 and June 400 -> 2 x 5 = 10 (September's
    // 200 is below 250); Gold: none.
    let (and_file, and) = run("and");
    assert_eq!(and["tiers"][1]["customers"], 1);
    close(&and["tiers"][0]["costs"]["coupons"], 10.0);
    close(&and["tiers"][1]["costs"]["coupons"], 0.0);
    // "or": 700 spend is enough at the end of June -> Gold from July; September's 200 at Gold uses
    // half a coupon of 20 -> 10.
    let (_, or) = run("or");
    close(&or["tiers"][0]["costs"]["coupons"], 10.0);
    close(&or["tiers"][1]["costs"]["coupons"], 10.0);
    close(&or["totals"]["coupons"], 20.0);
    // B (200 spend, 1 order) under "and": 300 spend and 2 orders to go.
    let output = tierlab(&[
        "explain",
        "--data",
        data.to_str().unwrap(),
        "--scenario",
        and_file.to_str().unwrap(),
        "--customer",
        "B",
    ]);
    let shown = stdout(&output);
    assert!(shown.contains("next tier Gold from 500"), "{shown}");
    assert!(shown.contains("second criterion (orders) from 3"), "{shown}");
    assert!(shown.contains("to go (needed as well)"), "{shown}");
    // A version 3 file of the same scheme without the new settings still opens.
    let old = two_criteria_json("and").replace("\"version\": 4", "\"version\": 3");
    let old: serde_json::Value = serde_json::from_str(&old).unwrap();
    let mut old = old;
    old["tiers"].as_object_mut().unwrap().remove("second_criterion");
    for tier in old["benefits"].as_array_mut().unwrap() {
        tier.as_object_mut().unwrap().remove("coupons");
    }
    let file = dir.join("v3.json");
    std::fs::write(&file, old.to_string()).unwrap();
    let upgraded = stdout(&tierlab(&["scenario-upgrade", file.to_str().unwrap()]));
    assert!(upgraded.contains("\"version\": 4") && !upgraded.contains("coupons"), "{upgraded}");
}

#[test]
fn optimise_writes_a_loadable_best_scheme_within_the_ranges() {
    let dir = scratch("optimise");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    let ranges = r#"{ "thresholds": [{"min": 200, "max": 800}],
        "discount_percent": [{"min": 0, "max": 0}, {"min": 0, "max": 12}],
        "free_shipping_from": {"min": 1, "max": 2},
        "search": {"replications": 2, "sweeps": 1, "confirm_replications": 4, "months": 3, "seed": 5} }"#;
    std::fs::write(dir.join("ranges.json"), ranges).unwrap();
    let path = |file: &str| dir.join(file).display().to_string();
    let (data, a, r, best) = (path("orders.csv"), path("a.json"), path("ranges.json"), path("best.json"));
    let output = tierlab(&["optimise", "--data", &data, &a, "--ranges", &r, "--out", &best, "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let result: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let saved = tierlab::engine::scenario::Scenario::from_json(&std::fs::read_to_string(&best).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(&saved).unwrap(), result["best"]);
    let gold = &saved.benefits[1];
    assert!((0.0..=12.0).contains(&gold.discount_percent) && saved.benefits[0].discount_percent == 0.0);
    let tierlab::engine::scenario::Thresholds::Absolute { lower_bounds } = &saved.tiers.thresholds else { panic!() };
    assert!((200.0..=800.0).contains(&lower_bounds[0]));
    assert_eq!(result["parameters"].as_array().unwrap().len(), 4);
    let confirmation = &result["confirmation"];
    assert_eq!((confirmation["replications"].as_u64(), confirmation["seed"] == 5), (Some(4), false));
    // Plain words for people: what changes, the frontier, the re-simulated win.
    let text = stdout(&tierlab(&["optimise", "--data", &data, &a, "--ranges", &r]));
    assert!(text.contains("changes from A:") && text.contains("re-simulated on 4 fresh futures"), "{text}");
    assert!(text.contains("cost-vs-margin frontier") && text.contains("members active at the end"), "{text}");
    assert!(text.contains("objective: mean of the incremental margin"), "{text}");
    // The cautious objective at the percentile the user picks.
    let text = stdout(&tierlab(&["optimise", "--data", &data, &a, "--ranges", &r, "--percentile", "10"]));
    assert!(text.contains("objective: 10th percentile of the incremental margin"), "{text}");
}

#[test]
fn decision_commands_refuse_wrong_input_in_one_line() {
    let dir = scratch("decision-bad");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    std::fs::write(
        dir.join("too-much.json"),
        r#"{"discount_percent": [{"min": 0, "max": 5}, {"min": 0, "max": 120}]}"#,
    )
    .unwrap();
    std::fs::write(dir.join("typo.json"), r#"{"discounts": []}"#).unwrap();
    std::fs::write(dir.join("empty.json"), "{}").unwrap();
    std::fs::write(dir.join("a-fine.json"), r#"{"discount_percent": [{"min": 0, "max": 5}, {"min": 0, "max": 9}]}"#)
        .unwrap();
    let path = |file: &str| dir.join(file).display().to_string();
    let (data, a) = (path("orders.csv"), path("a.json"));
    let (too_much, typo, empty) = (path("too-much.json"), path("typo.json"), path("empty.json"));
    let fine = path("a-fine.json");
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["optimise", "--data", &data, &a, "--ranges", &too_much],
            1,
            "discount_percent[1].max must be a number between 0 and 100 (got 120)",
        ),
        (vec!["optimise", "--data", &data, &a, "--ranges", &typo], 1, "unknown field `discounts`"),
        (vec!["optimise", "--data", &data, &a, "--ranges", &empty], 1, "the ranges name no setting to search"),
        (
            vec!["optimise", "--data", &data, &a, "--ranges", &fine, "--percentile", "60"],
            1,
            "objective.percentile must be a whole number between 1 and 50 (got 60)",
        ),
        (vec!["recommend", "--data", &data, &a, "--segments", "column:tier"], 1, "no text column named \"tier\""),
        (vec!["recommend", "--data", &data, &a, "--segments", "clusters"], 2, "expected rfm, kmeans or column:NAME"),
        (vec!["affinity", "--data", &data], 1, "the data has no category column"),
    ];
    fails_in_one_line(cases);
}

#[test]
fn recommend_reports_every_segment_and_fills_the_member_list() {
    let dir = scratch("recommend");
    std::fs::write(dir.join("orders.csv"), ORDERS_CSV).unwrap();
    std::fs::write(dir.join("a.json"), scenario_json("A", 500.0)).unwrap();
    let path = |file: &str| dir.join(file).display().to_string();
    let (data, a) = (path("orders.csv"), path("a.json"));
    let output = tierlab(&["recommend", "--data", &data, &a, "--months", "3", "--reps", "4", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let result: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let segments = result["segments"].as_array().unwrap();
    // Three customers, each in one RFM segment: the segment sizes add up to them.
    assert_eq!(segments.iter().map(|s| s["customers"].as_u64().unwrap()).sum::<u64>(), 3);
    for segment in segments {
        // A scheme with gifts tries all five changes; each chance of being best is a share.
        assert_eq!(segment["options"].as_array().unwrap().len(), 5, "{segment}");
        let chances: f64 =
            segment["options"].as_array().unwrap().iter().map(|o| o["chance_best"].as_f64().unwrap()).sum();
        assert!((0.0..=1.0 + 1e-12).contains(&chances), "{chances}");
    }
    assert!(result["affinity"].is_null(), "no category column");
    let list = tierlab(&["members", "--data", &data, &a, "--recommend", "rfm"]);
    assert!(list.status.success(), "{}", String::from_utf8_lossy(&list.stderr));
    let csv = String::from_utf8_lossy(&list.stdout).to_string();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with("next best benefit"), "{header}");
    let words =
        ["leave as is", "discount +2 pp", "free shipping", "points multiplier +0.5", "welcome points", "gift x1.5"];
    for row in csv.lines().skip(1) {
        let last = row.rsplit(',').next().unwrap();
        assert!(words.iter().any(|w| last.starts_with(w)), "{row}");
    }
}

#[test]
fn sample_ratio_flags_a_broken_split() {
    // 5,200 vs 4,800 meant 50/50: chi-square = (200² + 200²) / 5,000 = 16, p = erfc(sqrt 8) = 6.33e-5.
    let broken = tierlab(&["sample-ratio", "--a", "5200", "--b", "4800", "--json"]);
    assert!(broken.status.success());
    let check: serde_json::Value = serde_json::from_str(&stdout(&broken)).unwrap();
    assert_eq!(check["chi_square"], 16.0);
    assert_eq!(check["mismatch"], true);
    let fine = stdout(&tierlab(&["sample-ratio", "--a", "5100", "--b", "4900"]));
    assert!(fine.contains("chi-square 4.000") && fine.contains("no mismatch"), "{fine}");
    let wrong = tierlab(&["sample-ratio", "--a", "1", "--b", "1", "--share-a", "1.5"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("arm_share"), "{}", String::from_utf8_lossy(&wrong.stderr));
}
