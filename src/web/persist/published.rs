//! The model columns published into the loaded data, kept (as the requests that made them, with the
//! data they belong to) so a reload or a fresh worker publishes them again.

use crate::ui::stored::{StoredPublished, PUBLISHED_KEY};

use super::local;

/// What the last visit published, if anything readable.
pub fn load() -> Option<StoredPublished> {
    local::read(PUBLISHED_KEY).found()
}

pub fn save(stored: &StoredPublished) {
    if stored.requests.is_empty() {
        local::remove(PUBLISHED_KEY);
    } else {
        local::write(PUBLISHED_KEY, stored);
    }
}
