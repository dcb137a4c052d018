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

#[derive(Serialize, Deserialize)]
struct StoredScenarios {
    a: Scenario,
    b: Scenario,
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
    // Invalid-but-well-formed scenarios are kept: they are work in progress, and the editor shows
    // their problems. Only unreadable content is dropped.
    match serde_json::from_str::<StoredScenarios>(&text) {
        Ok(stored) => StoredPair::Found(Box::new([stored.a, stored.b])),
        Err(_) => StoredPair::Corrupt,
    }
}

/// Saves the pair unless a field holds a non-number (a half-typed value): JSON cannot carry NaN,
/// and the last complete version is better than a file that cannot be read back.
pub fn save_scenarios(a: &Scenario, b: &Scenario) {
    if !all_finite(a) || !all_finite(b) {
        return;
    }
    let stored = StoredScenarios { a: a.clone(), b: b.clone() };
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&stored)) {
        let _ = storage.set_item(SCENARIOS_KEY, &text);
    }
}

fn all_finite(scenario: &Scenario) -> bool {
    use crate::engine::scenario::{Scoring, Thresholds};
    let Scoring::GrowthValue { amount, orders, interactions } = scenario.scoring;
    let thresholds = match &scenario.tiers.thresholds {
        Thresholds::Absolute { lower_bounds } => lower_bounds,
        Thresholds::TargetShares { percent } => percent,
    };
    let e = &scenario.economics;
    let benefits =
        scenario.benefits.iter().flat_map(|b| [b.discount_percent, b.points_multiplier, b.gift_cost_per_year]);
    [amount, orders, interactions, e.points_per_currency_unit, e.point_cost, e.breakage_percent]
        .into_iter()
        .chain([e.shipping_cost_per_order, e.gross_margin_percent])
        .chain(thresholds.iter().copied())
        .chain(benefits)
        .all(f64::is_finite)
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
