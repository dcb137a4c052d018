//! Where the worker's script comes from: a small Blob script that loads trunk's output by absolute
//! URL, so the page works from any sub-folder of a static host.

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, Url};

/// A Blob script that loads trunk's `worker.js` (wasm-bindgen "no-modules" output) and its wasm by
/// absolute URL. Resolving against `document.baseURI` makes it work from any sub-folder of a
/// static host and inside an iframe.
pub(super) fn worker_script_url() -> Result<String, JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let base = document.base_uri()?.unwrap_or_default();
    let script_url = Url::new_with_base("worker.js", &base)?.href();
    let wasm_url = Url::new_with_base("worker_bg.wasm", &base)?.href();
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
