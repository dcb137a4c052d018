//! Every setting where scenario B differs from A, as field paths in the validator's notation
//! (`benefits[3].discount_percent`, `tiers.window`), so the page can name them the way it names
//! validation problems.
//!
//! Compared on the JSON form: it has one shape for every part of a scenario. A setting whose kind
//! changed (a lifetime window became a rolling one, another scoring model) is one change, not a
//! list of fields that exist on one side only; so is a list whose length changed (a tier added).

use serde_json::Value;

use crate::engine::scenario::Scenario;

/// One differing setting: its path and the JSON value on each side (`Null` when absent).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub path: String,
    pub a: Value,
    pub b: Value,
}

/// Fields that identify a scenario rather than configure it.
const IDENTITY: [&str; 3] = ["name", "schema", "version"];

/// Tags that say which kind an either-or setting is.
const TAGS: [&str; 2] = ["kind", "model"];

pub fn differences(a: &Scenario, b: &Scenario) -> Vec<Change> {
    let (Ok(a), Ok(b)) = (serde_json::to_value(a), serde_json::to_value(b)) else { return Vec::new() };
    let mut changes = Vec::new();
    if let (Value::Object(a), Value::Object(b)) = (&a, &b) {
        for key in keys(a, b) {
            if !IDENTITY.contains(&key.as_str()) {
                walk(&key, a.get(&key).unwrap_or(&Value::Null), b.get(&key).unwrap_or(&Value::Null), &mut changes);
            }
        }
    }
    changes
}

/// Keys of both objects, each once, in a stable order (serde_json's map is sorted).
fn keys(a: &serde_json::Map<String, Value>, b: &serde_json::Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    keys
}

fn walk(path: &str, a: &Value, b: &Value, out: &mut Vec<Change>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let kind_changed = TAGS.iter().any(|tag| x.get(*tag) != y.get(*tag));
            if kind_changed {
                out.push(Change { path: path.to_string(), a: a.clone(), b: b.clone() });
                return;
            }
            for key in keys(x, y) {
                let child = format!("{path}.{key}");
                walk(&child, x.get(&key).unwrap_or(&Value::Null), y.get(&key).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                walk(&format!("{path}[{i}]"), p, q, out);
            }
        }
        _ => out.push(Change { path: path.to_string(), a: a.clone(), b: b.clone() }),
    }
}

/// Whether a change at `path` lies at or under `prefix` (`benefits[3].discount_percent` is under
/// `benefits`; `tiers.windows` would not be under `tiers.window`).
pub fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// The top-level part of a path (`benefits[3].discount_percent` -> `benefits`), to group changes by
/// the editor section they belong to.
pub fn root(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or(path)
}
