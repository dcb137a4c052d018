//! Where the worker's script comes from: a small Blob script that loads trunk's output by absolute
//! URL, so the page works from any sub-folder of a static host and inside any iframe.
//!
//! The worker's files carry a content hash (`scripts/hash_worker.mjs` renames them after trunk's
//! build and names them in `<meta name="tierlab-worker">` / `<meta name="tierlab-worker-wasm">`), so
//! a cached old worker is never paired with a new page. Without those tags (a build without the
//! hook) the plain names are used.

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, Document, Url};

const SCRIPT_META: &str = "tierlab-worker";
const WASM_META: &str = "tierlab-worker-wasm";

/// The file a `<meta name=...>` names, or `fallback`.
fn named_file(document: &Document, meta: &str, fallback: &str) -> String {
    document
        .query_selector(&format!("meta[name=\"{meta}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

/// A Blob script that loads trunk's `worker.js` (wasm-bindgen "no-modules" output) and its wasm by
/// absolute URL. Resolving against `document.baseURI` makes it work from any sub-folder of a
/// static host and inside an iframe; a Blob worker also starts in a sandboxed iframe whose origin
/// is opaque (the host then has to send CORS headers for the wasm, as for the page's own files).
pub(super) fn worker_script_url() -> Result<String, JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let base = document.base_uri()?.unwrap_or_default();
    let script = named_file(&document, SCRIPT_META, "worker.js");
    let wasm = named_file(&document, WASM_META, "worker_bg.wasm");
    let script_url = Url::new_with_base(&script, &base)?.href();
    let wasm_url = Url::new_with_base(&wasm, &base)?.href();
    // A failed wasm load only rejects a promise inside the worker; rethrowing it from a task turns
    // it into an `error` event on the page's side, so start-up failures show at once.
    let source = format!(
        "importScripts({script});\nwasm_bindgen({wasm}).catch((e) => setTimeout(() => {{ throw e; }}));\n",
        script = js_string(&script_url),
        wasm = js_string(&wasm_url)
    );
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&source.into()), &options)?;
    Url::create_object_url_with_blob(&blob)
}

/// A JS string literal (JSON quoting is valid JS).
fn js_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}
