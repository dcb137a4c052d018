//! Keeps the user's work across reloads: scenarios and language in localStorage (small JSON under a
//! versioned key), the uploaded file itself in IndexedDB (it can be hundreds of MB, far beyond
//! localStorage's quota). Storage may be missing or full (private windows, iframes with storage
//! blocked): every function degrades to "nothing stored" instead of failing the page.

use js_sys::{Object, Promise, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode, Storage};

use crate::engine::ingest::LoadSettings;
use crate::engine::scenario::Scenario;

use super::i18n::Lang;

const LANG_KEY: &str = "tierlab.v1.lang";
const SCENARIOS_KEY: &str = "tierlab.v1.scenarios";
const DB_NAME: &str = "tierlab";
const DB_VERSION: u32 = 1;
const FILE_STORE: &str = "files";
const CURRENT_FILE: &str = "current";

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_lang() -> Option<Lang> {
    let stored = local_storage()?.get_item(LANG_KEY).ok().flatten()?;
    Lang::from_tag(&stored)
}

pub fn save_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANG_KEY, lang.tag());
    }
}

/// The language of the browser, for a first visit.
pub fn browser_lang() -> Lang {
    let language = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if language.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

#[derive(Serialize)]
struct StoredScenarios<'a> {
    a: &'a Scenario,
    b: &'a Scenario,
}

/// What localStorage held: nothing, a usable pair, or something unreadable (ignored with a notice).
pub enum StoredPair {
    Nothing,
    Found(Box<[Scenario; 2]>),
    Corrupt,
}

pub fn load_scenarios() -> StoredPair {
    let Some(text) = local_storage().and_then(|s| s.get_item(SCENARIOS_KEY).ok().flatten()) else {
        return StoredPair::Nothing;
    };
    match read_pair(&text) {
        Some(pair) => StoredPair::Found(Box::new(pair)),
        None => StoredPair::Corrupt,
    }
}

/// Reads the stored pair. Each scenario goes through the scenario reader, so pairs saved by an
/// older TierLab (scenario version 1) are upgraded. Invalid-but-well-formed scenarios are kept:
/// they are work in progress, and the editor shows their problems. Only unreadable content is
/// dropped.
pub fn read_pair(text: &str) -> Option<[Scenario; 2]> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let read = |key: &str| Scenario::from_json_unvalidated(&value.get(key)?.to_string()).ok();
    Some([read("a")?, read("b")?])
}

/// Saves the pair unless it would not read back, e.g. while a field holds a half-typed value (NaN,
/// which JSON writes as `null`): the last complete version is better than a file that cannot be read.
pub fn save_scenarios(a: &Scenario, b: &Scenario) {
    let Ok(text) = serde_json::to_string(&StoredScenarios { a, b }) else { return };
    if read_pair(&text).is_none() {
        return;
    }
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(SCENARIOS_KEY, &text);
    }
}

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

// ---- the Simulator tab -----------------------------------------------------------------------

const SIM_SETTINGS_KEY: &str = "tierlab.v1.simulator";
const LIBRARY_KEY: &str = "tierlab.v1.library";

/// The simulator's form as last used (defaults when nothing or something unreadable is stored).
pub fn load_sim_settings() -> crate::web::sim_state::SimSettings {
    local_storage()
        .and_then(|s| s.get_item(SIM_SETTINGS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn save_sim_settings(settings: &crate::web::sim_state::SimSettings) {
    let Ok(text) = serde_json::to_string(&settings.for_storage()) else { return };
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(SIM_SETTINGS_KEY, &text);
    }
}

/// The saved scenario library. Each entry goes through the scenario reader (older versions are
/// upgraded); an entry that cannot be read is left out rather than losing the whole library.
pub fn load_library() -> Vec<crate::web::sim_state::LibraryEntry> {
    let Some(text) = local_storage().and_then(|s| s.get_item(LIBRARY_KEY).ok().flatten()) else { return Vec::new() };
    read_library(&text)
}

pub fn read_library(text: &str) -> Vec<crate::web::sim_state::LibraryEntry> {
    let Ok(serde_json::Value::Array(entries)) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let name = entry.get("name")?.as_str()?.to_string();
            let scenario = Scenario::from_json_unvalidated(&entry.get("scenario")?.to_string()).ok()?;
            Some(crate::web::sim_state::LibraryEntry { name, scenario })
        })
        .collect()
}

pub fn save_library(library: &[crate::web::sim_state::LibraryEntry]) {
    let Ok(text) = serde_json::to_string(library) else { return };
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LIBRARY_KEY, &text);
    }
}

// ---- model columns published into the loaded data ---------------------------------------------

const PUBLISHED_KEY: &str = "tierlab.v1.published";

/// The requests that published model columns into the loaded data, in order, with the data they
/// belong to (`data`: which sample or file), so a reload can publish them again.
#[derive(Serialize, Deserialize)]
pub struct StoredPublished {
    pub data: String,
    pub requests: Vec<crate::protocol::Request>,
}

/// What was stored, or nothing (also for an unreadable entry: the columns are then simply gone).
pub fn load_published() -> Option<StoredPublished> {
    let text = local_storage()?.get_item(PUBLISHED_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn save_published(stored: &StoredPublished) {
    let Some(storage) = local_storage() else { return };
    if stored.requests.is_empty() {
        let _ = storage.remove_item(PUBLISHED_KEY);
    } else if let Ok(text) = serde_json::to_string(stored) {
        let _ = storage.set_item(PUBLISHED_KEY, &text);
    }
}
