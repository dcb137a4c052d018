//! Shareable links: scenarios A and B (never any customer data) as compact JSON, base64url-encoded
//! into the URL fragment. The fragment is never sent to a server, so even the static host does not
//! see it. Reading goes through the scenario reader, so links made by an older TierLab (scenario
//! versions 1 and 2) open upgraded, and a link with bad values opens with its problems shown.

use js_sys::{Function, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::engine::scenario::{Scenario, ScenarioError};

/// `#s=...`: the one fragment key TierLab reads.
pub const FRAGMENT_KEY: &str = "s=";

#[derive(Serialize)]
struct SharedPair<'a> {
    a: &'a Scenario,
    b: &'a Scenario,
}

/// The fragment (without `#`) that carries A and B.
pub fn encode(a: &Scenario, b: &Scenario) -> String {
    let json = serde_json::to_string(&SharedPair { a, b }).unwrap_or_default();
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
        which: &'static str,
        error: ScenarioError,
    },
}

/// A decoded link: both scenarios (upgraded to the current version) and each one's problems.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub scenarios: [Scenario; 2],
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
    let read = |key: &'static str| -> Result<Scenario, LinkError> {
        let scenario = value.get(key).ok_or(LinkError::NotAPair)?;
        Scenario::from_json_unvalidated(&scenario.to_string())
            .map_err(|error| LinkError::Scenario { which: if key == "a" { "A" } else { "B" }, error })
    };
    Ok(Some(Decoded { scenarios: [read("a")?, read("b")?] }))
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

// ---- the browser side -------------------------------------------------------------------------

/// The page's current fragment (`""` when there is none).
pub fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's address with this fragment, for sharing.
pub fn link_with(fragment: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Drops the fragment from the address bar without reloading, so a reload does not load the shared
/// scenarios over the user's edits again.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else { return };
    let href = window.location().href().unwrap_or_default();
    let without = href.split('#').next().unwrap_or_default().to_string();
    // `history.replaceState` through Reflect: the typed binding needs another web-sys feature.
    let call = || -> Result<(), JsValue> {
        let history = Reflect::get(&window, &"history".into())?;
        let replace: Function = Reflect::get(&history, &"replaceState".into())?.dyn_into()?;
        replace.call3(&history, &JsValue::NULL, &"".into(), &without.into())?;
        Ok(())
    };
    let _ = call();
}

/// Copies text to the clipboard; resolves to whether it worked (it can be refused, e.g. in an
/// iframe without permission), so the page can ask the user to copy the shown link instead.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let call = || -> Result<Promise, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let clipboard = Reflect::get(&window.navigator(), &"clipboard".into())?;
        let write: Function = Reflect::get(&clipboard, &"writeText".into())?.dyn_into()?;
        write.call1(&clipboard, &text.into())?.dyn_into::<Promise>()
    };
    match call() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}
