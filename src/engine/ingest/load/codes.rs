//! Text values to dense numbers: dictionary codes of text columns, customer numbers of ids.
//!
//! Each distinct text is stored once, in a `TextList`; the hash table holds only its number, and
//! hashes are FxHash of the bytes (deterministic on every platform, a few cycles per id).

use std::hash::Hasher;

use hashbrown::hash_table::{Entry, HashTable};

use crate::engine::dataset::{TextList, NO_CODE};

use super::super::values::trim_cell;

/// Equality of two texts without a library call for short ones (ids are mostly a few bytes): two
/// overlapping eight-byte words cover up to sixteen bytes.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("eight bytes"));
    match a.len() {
        8..=16 => word(a, 0) == word(b, 0) && word(a, a.len() - 8) == word(b, b.len() - 8),
        _ => a == b,
    }
}

pub(super) fn hash_text(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// Distinct texts numbered 0.. in order of first appearance.
#[derive(Default)]
pub(super) struct Interner {
    pub(super) texts: TextList,
    numbers: HashTable<u32>,
}

impl Interner {
    pub(super) fn get(&self, text: &str) -> Option<u32> {
        let texts = &self.texts;
        self.numbers.find(hash_text(text), |&n| same_text(&texts[n as usize], text)).copied()
    }

    /// The text's number and whether it is new.
    pub(super) fn get_or_add(&mut self, text: &str) -> (u32, bool) {
        let Interner { texts, numbers } = self;
        let entry = numbers.entry(
            hash_text(text),
            |&n| same_text(&texts[n as usize], text),
            |&n| hash_text(&texts[n as usize]),
        );
        match entry {
            Entry::Occupied(found) => (*found.get(), false),
            Entry::Vacant(slot) => {
                let n = texts.push(text) as u32;
                slot.insert(n);
                (n, true)
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        self.texts.len()
    }

    /// The texts, spare capacity released.
    pub(super) fn into_texts(self) -> TextList {
        let mut texts = self.texts;
        texts.shrink_to_fit();
        texts
    }
}

/// Text values to dense codes, in order of first appearance.
#[derive(Default)]
pub(super) struct Dictionary {
    values: Interner,
}

impl Dictionary {
    /// Code of a (trimmed) value, `NO_CODE` when empty.
    pub(super) fn code(&mut self, raw: &str) -> u32 {
        let value = trim_cell(raw);
        if value.is_empty() {
            return NO_CODE;
        }
        self.values.get_or_add(value).0
    }

    pub(super) fn into_values(self) -> TextList {
        self.values.into_texts()
    }
}

/// Customer ids to numbers 0.. in order of first appearance.
pub(super) type CustomerIndex = Interner;
