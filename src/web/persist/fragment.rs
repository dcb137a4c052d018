//! The address's fragment, where shared links carry their scenarios (encoded and decoded in
//! `crate::ui::share_link`): read on start, dropped once read, and written into links to share.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The page's current fragment (`""` when there is none).
pub fn current() -> String {
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
pub fn clear() {
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
