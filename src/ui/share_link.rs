//! Shareable links: the schemes A, B, ... and which one is the reference (never any customer data) as compact JSON, base64url-encoded
//! into the URL fragment. The fragment is never sent to a server, so even the static host does not
//! see it. Reading goes through the scenario reader, so links made by an older TierLab (scenario
//! versions 1 and 2) open upgraded, and a link with bad values opens with its problems shown.

use crate::engine::scenario::{Scenario, ScenarioError};
use crate::ui::stored::{read_reference, read_scenario_set, ScenarioSet, SetError};

/// `#s=...`: the one fragment key TierLab reads.
pub const FRAGMENT_KEY: &str = "s=";

/// The fragment (without `#`) that carries the scenarios (A, B, ...) and the reference's position.
pub fn encode(scenarios: &[&Scenario], reference: usize) -> String {
    let json = ScenarioSet(scenarios.to_vec(), reference).to_json();
    format!("{FRAGMENT_KEY}{}", base64url_encode(json.as_bytes()))
}

/// Why a shared link could not be read at all.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// The text after `s=` is not base64url, or not UTF-8 (a link cut short or mangled by a chat app).
    Damaged,
    /// Readable, but not a pair of scenarios.
    NotAPair,
    Scenario {
        which: char,
        error: ScenarioError,
    },
}

/// A decoded link: its scenarios (A, B, ...), upgraded to the current version.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub scenarios: Vec<Scenario>,
    /// The reference scheme's position (A = 0; links from before there was a choice have none).
    pub reference: usize,
}

/// Reads a fragment (with or without `#`). `Ok(None)`: the fragment carries no scenarios.
pub fn decode(fragment: &str) -> Result<Option<Decoded>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(payload) = fragment.split('&').find_map(|part| part.strip_prefix(FRAGMENT_KEY)) else {
        return Ok(None);
    };
    let bytes = base64url_decode(payload).ok_or(LinkError::Damaged)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::Damaged)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|_| LinkError::NotAPair)?;
    let scenarios = read_scenario_set(&value).map_err(|error| match error {
        SetError::NotASet => LinkError::NotAPair,
        SetError::Scenario { which, error } => LinkError::Scenario { which, error },
    })?;
    let reference = read_reference(&value, scenarios.len());
    Ok(Some(Decoded { scenarios, reference }))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 section 5 (URL- and filename-safe), without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for i in 0..symbols {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The inverse of `base64url_encode`; also accepts `=` padding and the standard alphabet's `+` and
/// `/` (a link typed or converted by hand). `None` for anything else.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        } as u32)
    };
    let symbols: &[u8] = text.trim_end_matches('=').as_bytes();
    if symbols.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(symbols.len() * 3 / 4);
    for chunk in symbols.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = chunk.len() - 1;
        for i in 0..bytes {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::SCENARIO_VERSION;

    #[test]
    fn the_share_link_carries_both_scenarios_and_reads_back_the_same() {
        let (a, b) = (Scenario::template(), Scenario::template_b());
        let fragment = encode(&[&a, &b], 0);
        assert!(fragment.starts_with("s="));
        // URL-safe: nothing a browser or chat app would escape or cut at.
        assert!(fragment[2..].chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{fragment}");
        let decoded = decode(&format!("#{fragment}")).unwrap().expect("a fragment with scenarios");
        assert_eq!((decoded.scenarios, decoded.reference), (vec![a, b], 0));
        // Other fragment parts are ignored; no scenarios is not an error.
        assert!(decode(&format!("#x=1&{fragment}")).unwrap().is_some());
        assert_eq!(decode("#results"), Ok(None));
        assert_eq!(decode(""), Ok(None));
        // A link cut short in the middle of a symbol group, or mangled, is refused with a reason.
        assert!(decode(&fragment[..fragment.len() - 5]).is_err());
        assert_eq!(decode("s=%%%"), Err(LinkError::Damaged));
        assert_eq!(decode(&format!("s={}", base64url_encode(b"[1, 2]"))), Err(LinkError::NotAPair));
    }

    #[test]
    fn a_link_made_by_an_older_tierlab_opens_upgraded_with_its_problems() {
        // Scenario version 1 (points settings inside `economics`); B mid-edit with breakage 130 %.
        let v1 = |name: &str, breakage: f64| {
            serde_json::json!({
                "schema": "tierlab.scenario", "version": 1, "name": name,
                "scoring": {"model": "growth_value", "amount": 0.7, "orders": 0.2, "interactions": 0.1},
                "tiers": {"names": ["Regular", "Gold"], "thresholds": {"kind": "absolute", "lower_bounds": [500]}},
                "benefits": [
                    {"discount_percent": 0, "points_multiplier": 1, "free_shipping": false, "gift_cost_per_year": 0},
                    {"discount_percent": 10, "points_multiplier": 2, "free_shipping": true, "gift_cost_per_year": 50}
                ],
                "economics": {"points_per_currency_unit": 2, "point_cost": 0.005, "breakage_percent": breakage,
                              "shipping_cost_per_order": 6, "gross_margin_percent": 40}
            })
        };
        let payload = serde_json::json!({ "a": v1("Old A", 30.0), "b": v1("Old B", 130.0) }).to_string();
        let decoded = decode(&format!("s={}", base64url_encode(payload.as_bytes()))).unwrap().unwrap();
        let [a, b] = <[Scenario; 2]>::try_from(decoded.scenarios).unwrap();
        assert_eq!((a.version, b.version), (SCENARIO_VERSION, SCENARIO_VERSION));
        assert_eq!(a.points.per_currency_unit, 2.0);
        assert_eq!(a.points.breakage_percent, 30.0);
        assert!(a.validate().is_empty());
        assert_eq!(b.validate()[0].field, "points.breakage_percent");
        // A file that is not a scenario at all says so, naming the scenario.
        let bad = serde_json::json!({ "a": v1("Old A", 30.0), "b": {"schema": "other"} }).to_string();
        assert!(matches!(
            decode(&format!("s={}", base64url_encode(bad.as_bytes()))),
            Err(LinkError::Scenario { which: 'B', .. })
        ));
    }

    #[test]
    fn a_link_carries_every_scheme_and_the_reference() {
        let c = Scenario { name: "Points only".into(), ..Scenario::template_b() };
        let d = Scenario { name: "D".into(), ..Scenario::template() };
        let (a, b) = (Scenario::template(), Scenario::template_b());
        let decoded = decode(&encode(&[&a, &b, &c, &d], 2)).unwrap().unwrap();
        assert_eq!(decoded.scenarios, vec![a.clone(), b.clone(), c, d]);
        assert_eq!(decoded.reference, 2);
        // A link written before schemes C-F and the reference choice (just "a" and "b") still opens,
        // with A as the reference.
        let old = serde_json::json!({ "a": a, "b": b }).to_string();
        let decoded = decode(&format!("s={}", base64url_encode(old.as_bytes()))).unwrap().unwrap();
        assert_eq!((decoded.scenarios.len(), decoded.reference), (2, 0));
        assert_eq!(decoded.scenarios[1], Scenario::template_b());
    }

    #[test]
    fn base64url_matches_the_rfc_4648_vectors() {
        // RFC 4648 section 10, in the URL-safe alphabet without padding.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(plain.as_bytes()), coded);
            assert_eq!(base64url_decode(coded).as_deref(), Some(plain.as_bytes()));
        }
        // 0xfb 0xff: '+/' in standard base64, '-_' here; padding and the standard alphabet are accepted.
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("+/8="), Some(vec![0xfb, 0xff]));
        assert_eq!(base64url_decode("Zm9vY"), None, "a single symbol cannot end a group");
        assert_eq!(base64url_decode("Zm9v!"), None);
    }
}
