//! localStorage through gloo's storage. Storage may be missing (private windows, iframes with
//! storage blocked) or full: gloo throws when there is none at all, so every call first checks that
//! there is one and otherwise reads nothing and stores nothing, instead of failing the page.

use gloo::storage::errors::StorageError;
use gloo::storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

/// What is stored under a key.
pub enum Read<T> {
    Nothing,
    Found(T),
    /// Something is stored, but it cannot be read as `T`.
    Unreadable,
}

impl<T> Read<T> {
    pub fn found(self) -> Option<T> {
        match self {
            Read::Found(value) => Some(value),
            Read::Nothing | Read::Unreadable => None,
        }
    }
}

/// JSON stored under `key`.
pub fn read<T: DeserializeOwned>(key: &str) -> Read<T> {
    if !available() {
        return Read::Nothing;
    }
    match LocalStorage::get(key) {
        Ok(value) => Read::Found(value),
        Err(StorageError::KeyNotFound(_)) => Read::Nothing,
        Err(_) => Read::Unreadable,
    }
}

/// Stores `value` as JSON; a full storage keeps what it had.
pub fn write<T: Serialize>(key: &str, value: &T) {
    if available() {
        let _ = LocalStorage::set(key, value);
    }
}

pub fn remove(key: &str) {
    if available() {
        LocalStorage::delete(key);
    }
}

/// Plain text stored under `key` (the language tag predates JSON values).
pub fn read_text(key: &str) -> Option<String> {
    available().then(|| LocalStorage::raw().get_item(key).ok().flatten()).flatten()
}

pub fn write_text(key: &str, text: &str) {
    if available() {
        let _ = LocalStorage::raw().set_item(key, text);
    }
}

/// Removes every key of this page (`tierlab.` and nothing else: other pages of the same site keep
/// theirs). Returns how many were removed.
pub fn remove_all_of_ours() -> usize {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return 0 };
    let length = storage.length().unwrap_or(0);
    let ours: Vec<String> =
        (0..length).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(KEY_PREFIX)).collect();
    for key in &ours {
        let _ = storage.remove_item(key);
    }
    ours.len()
}

/// Every key the page stores starts with this (`crate::ui::stored`'s keys).
const KEY_PREFIX: &str = "tierlab.";
