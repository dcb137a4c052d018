//! Scenarios saved in this browser by an older TierLab (scenario version 1) still open, upgraded;
//! work in progress with a bad value opens too (its problem is shown at the field); unreadable
//! content is refused rather than half-read.
#![cfg(target_arch = "wasm32")]

use tierlab::engine::scenario::{Scenario, Scoring, SCENARIO_VERSION};
use tierlab::web::persist::read_pair;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// One scenario as TierLab 0.1 wrote it into localStorage (points settings inside `economics`).
fn version_1(name: &str, breakage: f64) -> String {
    format!(
        r#"{{"schema":"tierlab.scenario","version":1,"name":"{name}",
        "scoring":{{"model":"growth_value","amount":0.7,"orders":0.2,"interactions":0.1}},
        "tiers":{{"names":["Regular","Gold"],"thresholds":{{"kind":"absolute","lower_bounds":[500]}}}},
        "benefits":[{{"discount_percent":0,"points_multiplier":1,"free_shipping":false,"gift_cost_per_year":0}},
                    {{"discount_percent":10,"points_multiplier":2,"free_shipping":true,"gift_cost_per_year":50}}],
        "economics":{{"points_per_currency_unit":2,"point_cost":0.005,"breakage_percent":{breakage},
                      "shipping_cost_per_order":6,"gross_margin_percent":40}}}}"#
    )
}

#[wasm_bindgen_test]
fn a_version_1_pair_opens_upgraded() {
    let stored = format!(r#"{{"a":{},"b":{}}}"#, version_1("Old A", 30.0), version_1("Old B", 130.0));
    let [a, b] = read_pair(&stored).expect("a version 1 pair reads");
    assert_eq!(a.version, SCENARIO_VERSION);
    assert_eq!(a.name, "Old A");
    assert_eq!(a.points.per_currency_unit, 2.0);
    assert_eq!(a.points.point_cost, 0.005);
    assert_eq!(a.points.breakage_percent, 30.0);
    assert_eq!(a.economics.shipping_cost_per_order, 6.0);
    assert!(a.validate().is_empty(), "{:?}", a.validate());
    // B was saved mid-edit with breakage 130 %: it opens, and says what is wrong where.
    assert_eq!(b.points.breakage_percent, 130.0);
    assert_eq!(b.validate()[0].field, "points.breakage_percent");
}

#[wasm_bindgen_test]
fn the_current_version_round_trips_and_garbage_is_refused() {
    let mut b = Scenario::template();
    b.name = "B".into();
    b.scoring = Scoring::Rfm;
    let stored = serde_json::json!({ "a": Scenario::template(), "b": b }).to_string();
    assert_eq!(read_pair(&stored), Some([Scenario::template(), b]));
    assert_eq!(read_pair("{\"a\": 1}"), None);
    assert_eq!(read_pair("not json"), None);
    // A half-typed number is saved as null by JSON: such a pair does not read back, so it is never saved.
    let half_typed = stored.replacen("\"per_currency_unit\":1.0", "\"per_currency_unit\":null", 1);
    assert_ne!(half_typed, stored, "the template's per_currency_unit is written as 1.0");
    assert_eq!(read_pair(&half_typed), None);
}
