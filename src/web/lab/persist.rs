//! The lab's settings in localStorage under their own versioned key, next to the scenarios. Storage
//! may be missing or full: then nothing is stored and the defaults are used.

use web_sys::Storage;

use super::settings::{read_settings, stored_text, LabSettings};

const LAB_KEY: &str = "tierlab.v1.lab";

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored settings, or the defaults; `true` when something was stored but could not be read.
pub fn load() -> (LabSettings, bool) {
    let Some(text) = local_storage().and_then(|s| s.get_item(LAB_KEY).ok().flatten()) else {
        return (LabSettings::default(), false);
    };
    match read_settings(&text) {
        Some(settings) => (settings, false),
        None => (LabSettings::default(), true),
    }
}

pub fn save(settings: &LabSettings) {
    if let (Some(text), Some(storage)) = (stored_text(settings), local_storage()) {
        let _ = storage.set_item(LAB_KEY, &text);
    }
}
