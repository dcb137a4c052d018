//! Upgrades older scenario documents to the current version, one version step at a time, so a
//! file saved by any earlier TierLab still opens.

use serde_json::{json, Value};

use super::{ScenarioError, SCENARIO_SCHEMA, SCENARIO_VERSION};

pub fn to_current(mut value: Value) -> Result<Value, ScenarioError> {
    if value.get("schema").and_then(Value::as_str) != Some(SCENARIO_SCHEMA) {
        return Err(ScenarioError::NotAScenario);
    }
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version == 0 || version > u64::from(SCENARIO_VERSION) {
        return Err(ScenarioError::UnsupportedVersion { found: version, supported: SCENARIO_VERSION });
    }
    if version == 1 {
        value = v1_to_v2(value)?;
    }
    if value["version"] == json!(2) {
        // Version 3 only added `assumptions`, whose defaults (docs/model.md#simulator-assumptions) fill in.
        value["version"] = json!(3);
    }
    if value["version"] == json!(3) {
        value = v3_to_v4(value);
    }
    Ok(value)
}

/// Version 1 kept the points economics in `economics`; version 2 has a `points` section (with
/// pending days, expiry and redemption, which version 1 did not model: no pending period, no
/// expiry, no redemptions) and optional tier movement rules whose defaults match version 1's
/// static tiers.
fn v1_to_v2(mut value: Value) -> Result<Value, ScenarioError> {
    let shape_error = |what: &str| ScenarioError::Shape { message: format!("version 1 document without {what}") };
    let economics =
        value.get_mut("economics").and_then(Value::as_object_mut).ok_or_else(|| shape_error("economics"))?;
    let mut take = |key: &str| economics.remove(key).ok_or_else(|| shape_error(&format!("economics.{key}")));
    let per_currency_unit = take("points_per_currency_unit")?;
    let point_cost = take("point_cost")?;
    let breakage_percent = take("breakage_percent")?;
    value["points"] = json!({
        "per_currency_unit": per_currency_unit,
        "pending_days": 0,
        "expiry": { "kind": "never" },
        "redemption": { "kind": "none" },
        "point_cost": point_cost,
        "breakage_percent": breakage_percent,
    });
    value["version"] = json!(2);
    Ok(value)
}

/// Version 4 added three optional settings whose absence keeps version 3's behaviour: a second
/// qualifying criterion (`tiers.second_criterion`), coupons per tier (`benefits[].coupons`) and
/// the level-growth score. Written out explicitly as "none" so the step is visible.
fn v3_to_v4(mut value: Value) -> Value {
    if let Some(tiers) = value.get_mut("tiers").and_then(Value::as_object_mut) {
        tiers.entry("second_criterion").or_insert(Value::Null);
    }
    if let Some(benefits) = value.get_mut("benefits").and_then(Value::as_array_mut) {
        for tier in benefits.iter_mut().filter_map(Value::as_object_mut) {
            tier.entry("coupons").or_insert(Value::Null);
        }
    }
    value["version"] = json!(4);
    value
}

#[cfg(test)]
mod tests {
    use super::super::Scenario;

    /// A scenario file exactly as TierLab 0.1 (schema version 1) wrote it.
    const VERSION_1: &str = r#"{
      "schema": "tierlab.scenario", "version": 1, "name": "Old",
      "scoring": { "model": "growth_value", "amount": 0.7, "orders": 0.2, "interactions": 0.1 },
      "tiers": { "names": ["Regular", "Gold"], "thresholds": { "kind": "absolute", "lower_bounds": [500] } },
      "benefits": [
        { "discount_percent": 0, "points_multiplier": 1, "free_shipping": false, "gift_cost_per_year": 0 },
        { "discount_percent": 10, "points_multiplier": 2, "free_shipping": true, "gift_cost_per_year": 50 }
      ],
      "economics": { "points_per_currency_unit": 2, "point_cost": 0.005, "breakage_percent": 30,
                     "shipping_cost_per_order": 6, "gross_margin_percent": 40 }
    }"#;

    #[test]
    fn version_1_files_open_with_their_values_moved() {
        let scenario = Scenario::from_json(VERSION_1).unwrap();
        assert_eq!(scenario.version, 4);
        assert_eq!(scenario.assumptions, super::super::Assumptions::default());
        assert_eq!(scenario.points.per_currency_unit, 2.0);
        assert_eq!(scenario.points.point_cost, 0.005);
        assert_eq!(scenario.points.breakage_percent, 30.0);
        assert_eq!(scenario.points.pending_days, 0);
        assert_eq!(scenario.economics.shipping_cost_per_order, 6.0);
        assert_eq!(scenario.economics.gross_margin_percent, 40.0);
        assert_eq!(scenario.tiers.downgrade, super::super::DowngradeRule::default());
    }

    #[test]
    fn invalid_version_1_files_open_unvalidated_with_their_values_moved() {
        // Breakage 130 % is out of range: `from_json` refuses the file, the unvalidated reader
        // still upgrades it so the page can show the problem at the field.
        let broken = VERSION_1.replace("\"breakage_percent\": 30", "\"breakage_percent\": 130");
        assert!(matches!(Scenario::from_json(&broken), Err(super::super::ScenarioError::Invalid(_))));
        let scenario = Scenario::from_json_unvalidated(&broken).unwrap();
        assert_eq!(scenario.version, super::super::SCENARIO_VERSION);
        assert_eq!(scenario.points.breakage_percent, 130.0);
        assert_eq!(scenario.points.per_currency_unit, 2.0);
        assert_eq!(scenario.validate()[0].field, "points.breakage_percent");
    }

    #[test]
    fn foreign_and_future_documents_are_refused() {
        use super::super::ScenarioError;
        assert_eq!(Scenario::from_json("{\"a\":1}"), Err(ScenarioError::NotAScenario));
        let future = Scenario::template().to_json().replace("\"version\": 4", "\"version\": 99");
        assert!(matches!(Scenario::from_json(&future), Err(ScenarioError::UnsupportedVersion { found: 99, .. })));
        assert!(matches!(Scenario::from_json("{ not json"), Err(ScenarioError::Syntax { line: 1, .. })));
    }

    #[test]
    fn version_3_files_open_without_a_second_criterion_or_coupons() {
        // The template as version 3 wrote it: the same document with "version": 3 and none of the
        // version 4 settings.
        let template = Scenario::template();
        let version_3 = template.to_json().replace("\"version\": 4", "\"version\": 3");
        assert!(version_3.contains("\"version\": 3"));
        assert!(!version_3.contains("second_criterion") && !version_3.contains("coupons"));
        let upgraded = Scenario::from_json(&version_3).unwrap();
        assert_eq!(upgraded.version, 4);
        assert_eq!(upgraded.tiers.second_criterion, None);
        assert!(upgraded.benefits.iter().all(|b| b.coupons.is_none()));
        assert_eq!(upgraded, template);
        // And version 4 writes the same document back out (the new settings stay out while unset).
        assert_eq!(upgraded.to_json(), template.to_json());
        // The step itself marks the new settings as unset.
        let value = super::to_current(serde_json::from_str(&version_3).unwrap()).unwrap();
        assert_eq!(value["tiers"]["second_criterion"], serde_json::Value::Null);
        assert_eq!(value["benefits"][0]["coupons"], serde_json::Value::Null);
    }
}
