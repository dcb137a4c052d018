//! What the page keeps in this browser and puts in shared links, as text: the keys and formats, and
//! how each is read back (older versions upgraded, unreadable content refused rather than half-read).
//! `crate::web::persist` does the storing; everything here runs natively.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::scenario::{Scenario, ScenarioError};
use crate::protocol::Request;

use crate::ui::state::scenarios::LibraryEntry;

pub const LANG_KEY: &str = "tierlab.v1.lang";
pub const SCENARIOS_KEY: &str = "tierlab.v1.scenarios";
pub const LAB_KEY: &str = "tierlab.v1.lab";
pub const SIM_SETTINGS_KEY: &str = "tierlab.v1.simulator";
pub const LIBRARY_KEY: &str = "tierlab.v1.library";
pub const PUBLISHED_KEY: &str = "tierlab.v1.published";

/// The key of the `index`-th scenario in a scenario set: `a`, `b`, `c`, ...
fn letter_key(index: usize) -> Option<String> {
    (index < 26).then(|| char::from(b'a' + index as u8).to_string())
}

/// Scenarios keyed by their lower-case letter (`{"a": ..., "b": ...}`): how the page stores and
/// shares them. A and B are always there; further letters follow in order. The second field is the
/// reference scheme's position, written as `"reference": "c"` only when it is not A (so a set with
/// reference A reads the same in an older TierLab, which ignores the key).
pub struct ScenarioSet<'a>(pub Vec<&'a Scenario>, pub usize);

/// The key naming the reference scheme in a scenario set.
const REFERENCE_KEY: &str = "reference";

impl Serialize for ScenarioSet<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (index, scenario) in self.0.iter().enumerate() {
            if let Some(key) = letter_key(index) {
                map.serialize_entry(&key, scenario)?;
            }
        }
        if let Some(reference) = letter_key(self.1).filter(|_| self.1 > 0 && self.1 < self.0.len()) {
            map.serialize_entry(REFERENCE_KEY, &reference)?;
        }
        map.end()
    }
}

impl ScenarioSet<'_> {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why a scenario set could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum SetError {
    /// Not an object holding at least `a` and `b`.
    NotASet,
    /// The scenario under this letter (upper case) could not be read.
    Scenario { which: char, error: ScenarioError },
}

/// Reads a scenario set. Each scenario goes through the scenario reader, so sets written by an older
/// TierLab are upgraded. Invalid-but-well-formed scenarios are kept: they are work in progress, and
/// the editor shows their problems.
pub fn read_scenario_set(value: &Value) -> Result<Vec<Scenario>, SetError> {
    let object = value.as_object().ok_or(SetError::NotASet)?;
    let mut scenarios = Vec::new();
    for index in 0.. {
        let Some(key) = letter_key(index) else { break };
        let Some(scenario) = object.get(&key) else {
            if index < 2 {
                return Err(SetError::NotASet);
            }
            break;
        };
        let which = key.to_ascii_uppercase().chars().next().unwrap_or('?');
        let scenario = Scenario::from_json_unvalidated(&scenario.to_string())
            .map_err(|error| SetError::Scenario { which, error })?;
        scenarios.push(scenario);
    }
    Ok(scenarios)
}

/// The reference scheme's position in a set holding `count` schemes: A when the set names none, or
/// names a letter it does not hold.
pub fn read_reference(value: &Value, count: usize) -> usize {
    let letter = value.get(REFERENCE_KEY).and_then(Value::as_str).unwrap_or("a");
    (0..count).find(|&index| letter_key(index).as_deref() == Some(letter)).unwrap_or(0)
}

/// Whether the scenarios on screen may be stored: not while a field holds a half-typed value (NaN,
/// which JSON writes as `null`), as such a set would not read back; the last complete version is
/// better than something that cannot be read.
pub fn storable(set: &ScenarioSet) -> bool {
    serde_json::from_str(&set.to_json()).ok().is_some_and(|value| read_scenario_set(&value).is_ok())
}

/// The saved scenario library. Each entry goes through the scenario reader (older versions are
/// upgraded); an entry that cannot be read is left out rather than losing the whole library.
pub fn read_library(value: &Value) -> Vec<LibraryEntry> {
    let Value::Array(entries) = value else { return Vec::new() };
    entries
        .iter()
        .filter_map(|entry| {
            let name = entry.get("name")?.as_str()?.to_string();
            let scenario = Scenario::from_json_unvalidated(&entry.get("scenario")?.to_string()).ok()?;
            Some(LibraryEntry { name, scenario })
        })
        .collect()
}

/// The requests that published model columns into the loaded data, in order, with the data they
/// belong to (`data`: which sample or file), so a reload can publish them again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPublished {
    pub data: String,
    pub requests: Vec<Request>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::{Scoring, SCENARIO_VERSION};

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

    fn read(text: &str) -> Option<Vec<Scenario>> {
        read_scenario_set(&serde_json::from_str(text).ok()?).ok()
    }

    #[test]
    fn a_version_1_pair_opens_upgraded() {
        let stored = format!(r#"{{"a":{},"b":{}}}"#, version_1("Old A", 30.0), version_1("Old B", 130.0));
        let pair = read(&stored).expect("a version 1 pair reads");
        let [a, b] = <[Scenario; 2]>::try_from(pair).unwrap();
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

    #[test]
    fn the_current_version_round_trips_and_garbage_is_refused() {
        let mut b = Scenario::template();
        b.name = "B".into();
        b.scoring = Scoring::Rfm;
        let template = Scenario::template();
        let set = ScenarioSet(vec![&template, &b], 0);
        assert!(storable(&set));
        let stored = set.to_json();
        let a_text = serde_json::to_string(&template).unwrap();
        assert_eq!(
            stored,
            format!(r#"{{"a":{a_text},"b":{}}}"#, serde_json::to_string(&b).unwrap()),
            "the stored format"
        );
        assert_eq!(read(&stored), Some(vec![Scenario::template(), b.clone()]));
        assert_eq!(read("{\"a\": 1}"), None);
        assert_eq!(read("not json"), None);
        // A half-typed number is saved as null by JSON: such a pair does not read back, so it is never saved.
        let half_typed = stored.replacen("\"per_currency_unit\":1.0", "\"per_currency_unit\":null", 1);
        assert_ne!(half_typed, stored, "the template's per_currency_unit is written as 1.0");
        assert_eq!(read(&half_typed), None);
        let mut broken = b.clone();
        broken.points.per_currency_unit = f64::NAN;
        assert!(!storable(&ScenarioSet(vec![&template, &broken], 0)));
    }

    #[test]
    fn more_than_two_scenarios_keep_their_letters() {
        let c = Scenario { name: "C".into(), ..Scenario::template() };
        let (a, b) = (Scenario::template(), Scenario::template_b());
        let set: Value = serde_json::from_str(&ScenarioSet(vec![&a, &b, &c], 0).to_json()).unwrap();
        assert_eq!(set.as_object().unwrap().keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(read_scenario_set(&set).unwrap().len(), 3);
        assert_eq!(read_reference(&set, 3), 0);
        // A reference other than A is named by its letter, and read back; one the set lacks is A.
        let with_c: Value = serde_json::from_str(&ScenarioSet(vec![&a, &b, &c], 2).to_json()).unwrap();
        assert_eq!(with_c["reference"], "c");
        assert_eq!(read_scenario_set(&with_c).unwrap().len(), 3, "the key is not a scenario");
        assert_eq!(read_reference(&with_c, 3), 2);
        assert_eq!(read_reference(&with_c, 2), 0);
        assert_eq!(read_reference(&serde_json::json!({ "reference": 7 }), 3), 0);
        let bad_c = serde_json::json!({ "a": Scenario::template(), "b": Scenario::template(), "c": {"schema": 1} });
        assert!(matches!(read_scenario_set(&bad_c), Err(SetError::Scenario { which: 'C', .. })));
    }

    #[test]
    fn an_unreadable_library_entry_is_left_out() {
        let library = serde_json::json!([
            { "name": "kept", "scenario": Scenario::template() },
            { "name": "broken", "scenario": { "schema": "nonsense" } },
            { "scenario": Scenario::template() },
        ]);
        let entries = read_library(&library);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].name, "kept");
        assert!(read_library(&serde_json::json!({ "not": "a list" })).is_empty());
    }
}
