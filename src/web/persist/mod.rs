//! Keeps the user's work across reloads, all in one place: language, scenarios, library, simulator
//! and lab settings in localStorage (small JSON under versioned keys, `crate::ui::stored`), the
//! uploaded file in IndexedDB, and scenarios arriving by shared link in the URL fragment. `restore`
//! builds the starting state from them; `use_persistence` (wired once by `App`) saves every change
//! and reopens the stored file.

pub mod file_store;
pub mod fragment;
mod local;
pub mod published;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::engine::scenario::Scenario;
use crate::ui::i18n::{Lang, T};
use crate::ui::lab::{stored_text, LabSettings};
use crate::ui::share_link;
use crate::ui::state::{Action, AppState, Notice, Restored};
use crate::ui::stored::{
    read_library, read_reference, read_scenario_set, storable, ScenarioSet, LAB_KEY, LANG_KEY, LIBRARY_KEY,
    SCENARIOS_KEY, SIM_SETTINGS_KEY,
};

use super::hooks::AppContext;
use local::Read;

/// The language of the browser, for a first visit.
fn browser_lang() -> Lang {
    let language = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if language.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The page as the user left it: what this browser keeps, then the scenarios of a shared link if the
/// address carries one (what was on screen is kept in the library).
pub fn restore() -> AppState {
    let lang = local::read_text(LANG_KEY).and_then(|tag| Lang::from_tag(&tag)).unwrap_or_else(browser_lang);
    let mut restored = Restored::fresh(lang);
    match local::read::<serde_json::Value>(SCENARIOS_KEY) {
        Read::Nothing => {}
        Read::Found(value) => match read_scenario_set(&value) {
            Ok(scenarios) => {
                restored.reference = read_reference(&value, scenarios.len());
                restored.scenarios = scenarios;
            }
            Err(_) => restored.notices.push(Notice::StorageCorrupt),
        },
        Read::Unreadable => restored.notices.push(Notice::StorageCorrupt),
    }
    restored.library =
        local::read::<serde_json::Value>(LIBRARY_KEY).found().map(|v| read_library(&v)).unwrap_or_default();
    restored.sim_settings = local::read(SIM_SETTINGS_KEY).found().unwrap_or_default();
    match local::read::<LabSettings>(LAB_KEY) {
        Read::Nothing => {}
        Read::Found(settings) => restored.lab_settings = settings,
        Read::Unreadable => restored.lab_settings_corrupt = true,
    }
    if !local::available() {
        // Embedded without storage (a sandboxed iframe) or storage turned off: said once, then the
        // page works without keeping anything.
        restored.notices.push(Notice::NoStorage);
    }
    let mut state = AppState::new(restored);
    let fragment = fragment::current();
    if let Some(link) = share_link::decode(&fragment).transpose() {
        let label = T::SimBeforeSharedLink.get(lang).to_string();
        state.reduce(Action::OpenSharedLink { link, label });
        fragment::clear();
    }
    state
}

fn save_scenarios(scenarios: &[std::rc::Rc<Scenario>], reference: usize) {
    let set = ScenarioSet(scenarios.iter().map(|s| &**s).collect(), reference);
    if storable(&set) {
        local::write(SCENARIOS_KEY, &set);
    }
}

fn save_lab_settings(settings: &LabSettings) {
    if stored_text(settings).is_some() {
        local::write(LAB_KEY, settings);
    }
}

/// Saves every change worth keeping, and on first open reopens the file saved in this browser (or
/// else loads the sample).
#[hook]
pub fn use_persistence(context: &AppContext) {
    let state = &context.state;
    {
        let bridge = context.bridge.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match file_store::load_file().await {
                    Some(stored) => bridge.restore_file(stored.file, stored.name, stored.settings),
                    None => bridge.load_sample(),
                }
            });
        });
    }
    use_effect_with(state.lang(), |lang| local::write_text(LANG_KEY, lang.tag()));
    use_effect_with((state.scenarios.scenarios(), state.scenarios.reference().index()), |(scenarios, reference)| {
        save_scenarios(scenarios, *reference)
    });
    use_effect_with(state.scenarios.library.clone(), |library| local::write(LIBRARY_KEY, &**library));
    use_effect_with(state.sim.settings.clone(), |settings| local::write(SIM_SETTINGS_KEY, &settings.for_storage()));
    use_effect_with(state.lab.settings.clone(), |settings| save_lab_settings(settings));
}

/// Whether this browser gives the page storage here (not in a sandboxed iframe, not when turned off).
pub fn storage_available() -> bool {
    local::available()
}

/// "Forget my data": removes the stored file (IndexedDB) and every scenario, library entry and
/// setting (localStorage) from this browser. What is on screen stays until the next reload.
pub async fn forget_all() -> Result<(), JsValue> {
    local::remove_all_of_ours();
    file_store::delete_all().await
}
