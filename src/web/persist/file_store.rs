//! The uploaded file itself, kept in IndexedDB (it can be hundreds of MB, far beyond localStorage's
//! quota) with the settings it was loaded with, so the next visit opens it again. IndexedDB may be
//! missing (private windows): then nothing is stored.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

use crate::engine::ingest::LoadSettings;

const DB_NAME: &str = "tierlab";
const DB_VERSION: u32 = 1;
const FILE_STORE: &str = "files";
const CURRENT_FILE: &str = "current";

/// The file the user last loaded, as stored in IndexedDB.
pub struct StoredFile {
    pub file: Blob,
    pub name: String,
    pub settings: LoadSettings,
}

/// Resolves when an IndexedDB request succeeds (with its result) or fails.
async fn request_done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let success_target = request.clone();
        let on_success = Closure::once_into_js(move |_event: web_sys::Event| {
            let result = success_target.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &event);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open_db() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("IndexedDB unavailable"))?;
    let open: IdbOpenDbRequest = factory.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|db| db.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(FILE_STORE) {
                let _ = db.create_object_store(FILE_STORE);
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = request_done(&open).await?;
    drop(upgrade);
    db.dyn_into::<IdbDatabase>()
}

/// Stores the file and the settings it was loaded with, replacing any earlier one.
pub async fn save_file(file: &Blob, name: &str, settings: &LoadSettings) -> Result<(), JsValue> {
    let db = open_db().await?;
    let record = Object::new();
    Reflect::set(&record, &"file".into(), file)?;
    Reflect::set(&record, &"name".into(), &name.into())?;
    let settings = serde_json::to_string(settings).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Reflect::set(&record, &"settings".into(), &settings.into())?;
    let transaction = db.transaction_with_str_and_mode(FILE_STORE, IdbTransactionMode::Readwrite)?;
    let request = transaction.object_store(FILE_STORE)?.put_with_key(&record, &CURRENT_FILE.into())?;
    request_done(&request).await?;
    db.close();
    Ok(())
}

/// Forgets the stored file (the user switched to the sample), so a reload shows the sample.
pub async fn clear_file() -> Result<(), JsValue> {
    let db = open_db().await?;
    let transaction = db.transaction_with_str_and_mode(FILE_STORE, IdbTransactionMode::Readwrite)?;
    let request = transaction.object_store(FILE_STORE)?.delete(&CURRENT_FILE.into())?;
    request_done(&request).await?;
    db.close();
    Ok(())
}

/// The stored file, if any and readable.
pub async fn load_file() -> Option<StoredFile> {
    let db = open_db().await.ok()?;
    let transaction = db.transaction_with_str(FILE_STORE).ok()?;
    let request = transaction.object_store(FILE_STORE).ok()?.get(&CURRENT_FILE.into()).ok()?;
    let record = request_done(&request).await.ok()?;
    db.close();
    if record.is_undefined() || record.is_null() {
        return None;
    }
    let file = Reflect::get(&record, &"file".into()).ok()?.dyn_into::<Blob>().ok()?;
    let name = Reflect::get(&record, &"name".into()).ok()?.as_string()?;
    let settings_text = Reflect::get(&record, &"settings".into()).ok()?.as_string()?;
    let settings = serde_json::from_str(&settings_text).ok()?;
    Some(StoredFile { file, name, settings })
}

/// Deletes the whole database (the stored file and anything a later version adds to it). Resolves
/// once the browser has deleted it, or at once where there is no IndexedDB.
pub async fn delete_all() -> Result<(), JsValue> {
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else { return Ok(()) };
    let request = factory.delete_database(DB_NAME)?;
    request_done(&request).await.map(|_| ())
}
