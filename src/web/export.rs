//! Handing things to the user: a text offered as a file download (the sample CSV, exported scenarios
//! and results) and a text put on the clipboard (a shareable link).

use gloo::timers::callback::Timeout;
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Url};

/// Offers text as a file download (the sample CSV, an exported scenario).
pub fn download_text(file_name: &str, text: &str) {
    download(file_name, "text/plain;charset=utf-8", &text.into());
}

/// Offers a file the worker made (an `ArrayBuffer`: the member list as CSV or .xlsx) as a download.
pub fn download_buffer(file_name: &str, media_type: &str, buffer: &JsValue) {
    download(file_name, media_type, buffer);
}

fn download(file_name: &str, media_type: &str, part: &JsValue) {
    let result = (|| -> Result<(), JsValue> {
        let options = BlobPropertyBag::new();
        options.set_type(media_type);
        let blob = Blob::new_with_u8_array_sequence_and_options(&Array::of1(part), &options)?;
        let url = Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.set_attribute("style", "display:none")?;
        document.body().ok_or("no body")?.append_child(&anchor)?;
        anchor.click();
        anchor.remove();
        // Revoking right away can cancel the download in some browsers; a minute is plenty.
        Timeout::new(60_000, move || {
            let _ = Url::revoke_object_url(&url);
        })
        .forget();
        Ok(())
    })();
    if let Err(error) = result {
        web_sys::console::error_2(&"tierlab: download failed:".into(), &error);
    }
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
