//! Text values to dense numbers: dictionary codes of text columns, customer numbers of ids.
//!
//! Each distinct text is stored once, in a `TextList`. The hash table holds, beside each text's
//! number, a 64-bit key of the text: the whole text when it is short (up to 7 bytes, or up to 14
//! digits), so most ids are found and compared without reading the list at all — looking a text up
//! in the list costs cache misses, which dominated loading files with a few hundred thousand
//! customers. Longer texts keep a prefix in the key and are confirmed against the list.
//! Hashes are deterministic on every platform: the key (or FxHash of a long text's bytes) mixed by
//! MurmurHash3's finaliser.

use std::hash::Hasher;

use crate::engine::dataset::{TextList, NO_CODE};

use super::super::values::trim_cell;

/// A text's key: for a text the key holds entirely (`is_whole`), equal keys mean equal texts.
/// The top byte says how the other seven were filled: 0..=7 the text's length (its bytes follow),
/// `DIGITS + n` an `n`-digit text (as nibbles), `PREFIX` the first seven bytes of a longer text.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key(u64);

const DIGITS: u64 = 0x40;
const PREFIX: u64 = 0xFF;
const PAYLOAD: u64 = (1 << 56) - 1;

impl Key {
    #[inline]
    fn of(text: &str) -> Key {
        let b = text.as_bytes();
        if b.len() <= 7 {
            return Key(short_word(b) | (b.len() as u64) << 56);
        }
        if b.len() <= 14 && b.iter().all(u8::is_ascii_digit) {
            let nibbles = b.iter().fold(0u64, |acc, &d| acc << 4 | u64::from(d - b'0'));
            return Key(nibbles | (DIGITS + b.len() as u64) << 56);
        }
        let word = u64::from_le_bytes(b[..8].try_into().expect("eight bytes"));
        Key((word & PAYLOAD) | PREFIX << 56)
    }

    #[inline]
    fn is_whole(self) -> bool {
        self.0 >> 56 != PREFIX
    }

    /// The text of a whole key (`Key::of` backwards), spelt into `buffer`.
    fn spelt(self, buffer: &mut [u8; 14]) -> &str {
        debug_assert!(self.is_whole());
        let tag = self.0 >> 56;
        let len = if tag <= 7 {
            buffer[..8].copy_from_slice(&self.0.to_le_bytes());
            tag as usize
        } else {
            let n = (tag - DIGITS) as usize;
            for k in 0..n {
                buffer[n - 1 - k] = b'0' + (self.0 >> (4 * k) & 0xF) as u8;
            }
            n
        };
        std::str::from_utf8(&buffer[..len]).expect("a whole key holds all of a text's bytes")
    }

    /// The table's hash: mixed from the key when it is the whole text, else from the text.
    #[inline]
    fn hash(self, text: &str) -> u64 {
        if self.is_whole() {
            mix(self.0)
        } else {
            hash_text(text)
        }
    }
}

/// Up to seven bytes as a little-endian word, the bytes above them zero. Two overlapping reads of
/// fixed size (the shared bytes are the same in both) instead of a copy of variable length, which
/// compiles to a call to `memcpy` once per row of a file.
#[inline]
fn short_word(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!(n <= 7);
    if n >= 4 {
        let low = u32::from_le_bytes(b[..4].try_into().expect("four bytes"));
        let high = u32::from_le_bytes(b[n - 4..].try_into().expect("four bytes"));
        u64::from(low) | u64::from(high) << ((n - 4) * 8)
    } else if n > 0 {
        u64::from(b[0]) | u64::from(b[n / 2]) << (n / 2 * 8) | u64::from(b[n - 1]) << ((n - 1) * 8)
    } else {
        0
    }
}

fn hash_text(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    mix(hasher.finish())
}

/// MurmurHash3's finaliser: every bit of the result depends on every bit of `k`. Ids that differ
/// only in their last characters (`C100001`, `C100002`) differ only in a key's high bytes, which a
/// bare multiply never carries into the low bits the table indexes by.
#[inline]
fn mix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// One entry of the table: a text's key, the low half of its hash (so growing never reads a
/// text) and its number; sixteen bytes, four to a cache line.
#[derive(Clone, Copy)]
struct Slot {
    key: Key,
    hash: u32,
    number: u32,
}

const EMPTY: Slot = Slot { key: Key(0), hash: 0, number: u32::MAX };

/// A text's key and the low half of its hash.
#[derive(Clone, Copy)]
pub(super) struct Lookup {
    key: Key,
    hash: u32,
}

impl Lookup {
    #[inline]
    fn of(text: &str) -> Lookup {
        let key = Key::of(text);
        Lookup { key, hash: key.hash(text) as u32 }
    }
}

/// Asks the processor to bring `slot`'s cache line in (a hint: nothing is read, nothing can fail).
#[inline]
fn prefetch(slot: &Slot) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults or changes memory, and the pointer is to a live slot.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((slot as *const Slot).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = slot;
}

/// Distinct texts numbered 0.. in order of first appearance.
///
/// The table is open addressing with linear probing over slots that hold the key itself: a lookup
/// of a short id reads one cache line, where a table of numbers into the list reads its control
/// bytes, the slot and the list (looking ids up in a date-ordered log, each a cache miss, was half
/// of the load).
#[derive(Default)]
pub(super) struct Interner {
    pub(super) texts: TextList,
    slots: Vec<Slot>,
    /// The last short text looked up and its number: exports sorted by customer repeat an id row
    /// after row, and then no slot is read at all.
    last: Option<(Key, u32)>,
}

/// The table grows past this share of its slots in use (linear probing stays short below it).
const MAX_LOAD: (usize, usize) = (3, 4);

impl Interner {
    pub(super) fn get(&self, text: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let key = Key::of(text);
        let hash = key.hash(text) as u32;
        match self.find(key, hash, text) {
            Ok(i) => Some(self.slots[i].number),
            Err(_) => None,
        }
    }

    /// The slot holding `text` (`Ok`) or the empty slot where it belongs (`Err`).
    #[inline]
    fn find(&self, key: Key, hash: u32, text: &str) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.number == u32::MAX {
                return Err(i);
            }
            if slot.key == key && (key.is_whole() || (slot.hash == hash && &self.texts[slot.number as usize] == text)) {
                return Ok(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// The text's number and whether it is new.
    #[inline]
    pub(super) fn get_or_add(&mut self, text: &str) -> (u32, bool) {
        let lookup = Lookup::of(text);
        self.get_or_add_looked_up(text, lookup)
    }

    /// `text`'s key and hash, with its slot requested from memory: a caller with other work to do
    /// before `get_or_add_looked_up` (the rest of a row) hides the slot's cache miss behind it.
    #[inline]
    pub(super) fn look_ahead(&self, text: &str) -> Lookup {
        let lookup = Lookup::of(text);
        let repeat = matches!(self.last, Some((last, _)) if last == lookup.key);
        if !repeat && !self.slots.is_empty() {
            prefetch(&self.slots[lookup.hash as usize & (self.slots.len() - 1)]);
        }
        lookup
    }

    /// `get_or_add` with the `look_ahead` of the same text.
    #[inline]
    pub(super) fn get_or_add_looked_up(&mut self, text: &str, lookup: Lookup) -> (u32, bool) {
        self.get_or_add_key(lookup, Some(text))
    }

    /// `get_or_add_looked_up` where `text` may be left out (`None`) when the key is whole: the key
    /// holds the text, spelt out only when it is new.
    #[inline]
    fn get_or_add_key(&mut self, lookup: Lookup, text: Option<&str>) -> (u32, bool) {
        if (self.texts.len() + 1) * MAX_LOAD.1 > self.slots.len() * MAX_LOAD.0 {
            self.grow();
        }
        let Lookup { key, hash } = lookup;
        match self.last {
            Some((last, number)) if last == key && key.is_whole() => return (number, false),
            _ => {}
        }
        // `find` reads the text only for a key that is not whole.
        let (number, is_new) = match self.find(key, hash, text.unwrap_or_default()) {
            Ok(i) => (self.slots[i].number, false),
            Err(i) => {
                let mut spelt = [0u8; 14];
                let text = text.unwrap_or_else(|| key.spelt(&mut spelt));
                let number = self.texts.push(text) as u32;
                self.slots[i] = Slot { key, hash, number };
                (number, true)
            }
        };
        self.last = Some((key, number));
        (number, is_new)
    }

    /// Doubles the table (at least 64 slots), placing every slot again by its stored hash.
    #[cold]
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s.number != u32::MAX) {
            let mut i = slot.hash as usize & mask;
            while self.slots[i].number != u32::MAX {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    /// The texts, spare capacity released.
    pub(super) fn into_texts(self) -> TextList {
        let mut texts = self.texts;
        texts.shrink_to_fit();
        texts
    }
}

/// Rows a customer id's number waits for: a row's id slot is requested from memory when the row is
/// read and looked at this many rows later, by when it has arrived (in a date-ordered log every row's
/// customer is a cache miss, and the rest of one row is too little work to hide it).
const LOOKAHEAD: usize = 16;

/// Customer numbers given a few rows late, still in order of first appearance (the ids are numbered
/// in row order): each kept row's entry in `numbers` is a placeholder until then.
#[derive(Default)]
pub(super) struct DeferredNumbers {
    /// (row, lookup, id) of the rows waiting, oldest at `next` once full. The id is copied only
    /// when its key does not hold it whole (copying every row's id was a call to `memcpy` a row).
    pending: Vec<(usize, Lookup, String)>,
    next: usize,
}

impl DeferredNumbers {
    /// Appends the row of `id` (`lookup` from `index.look_ahead(id)`) to `numbers`, numbering the
    /// oldest waiting row's id.
    #[inline]
    pub(super) fn push(&mut self, index: &mut Interner, id: &str, lookup: Lookup, numbers: &mut Vec<u32>) {
        let row = numbers.len();
        numbers.push(u32::MAX);
        if self.pending.len() < LOOKAHEAD {
            self.pending.push((row, lookup, String::new()));
            self.next = self.pending.len() - 1;
        } else {
            let oldest = &mut self.pending[self.next];
            numbers[oldest.0] = Self::number(index, oldest);
            oldest.0 = row;
            oldest.1 = lookup;
        }
        let slot = &mut self.pending[self.next].2;
        if !lookup.key.is_whole() {
            slot.clear();
            slot.push_str(id);
        }
        self.next = (self.next + 1) % LOOKAHEAD;
    }

    #[inline]
    fn number(index: &mut Interner, (_, lookup, id): &(usize, Lookup, String)) -> u32 {
        let text = (!lookup.key.is_whole()).then_some(id.as_str());
        index.get_or_add_key(*lookup, text).0
    }

    /// Numbers every waiting row, oldest first.
    pub(super) fn finish(&mut self, index: &mut Interner, numbers: &mut [u32]) {
        let waiting = self.pending.len();
        for i in 0..waiting {
            let pending = &self.pending[(self.next + i) % waiting];
            numbers[pending.0] = Self::number(index, pending);
        }
        self.pending.clear();
        self.next = 0;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that share bytes, lengths, digits or prefixes must still get distinct numbers, and
    /// every repeat the number of its first appearance (checked against a plain map of strings).
    #[test]
    fn texts_that_look_alike_get_their_own_numbers() {
        let texts = [
            "",
            "a",
            "a\0",
            "\0",
            "1234567",
            "12345678",
            "012345678",
            "00000000",
            "0000000",
            "00000000000000",
            "000000000000000",
            "99999999999999",
            "1234567x",
            "1234567y",
            "long.customer@example.com",
            "long.customer@example.org",
            "张三",
            "张三丰",
            "C123456",
            "C1234567",
            "123456789012345678",
        ];
        let mut interner = Interner::default();
        let mut expected = std::collections::HashMap::new();
        for round in 0..3 {
            for text in texts.iter().chain(&["a", "12345678", "long.customer@example.com"]) {
                let next = expected.len() as u32;
                let number = *expected.entry(*text).or_insert(next);
                assert_eq!(interner.get_or_add(text), (number, round == 0 && number == next), "{text:?}");
                assert_eq!(interner.get(text), Some(number));
            }
        }
        assert_eq!(interner.get("C1234568"), None);
        assert_eq!(interner.into_texts(), texts);
    }

    /// Numbers given late are the numbers given at once: in order of first appearance, repeats and
    /// all, whether the rows end with a full queue or a part of one.
    #[test]
    fn deferred_numbers_match_immediate_ones() {
        for rows in [0, 5, LOOKAHEAD, LOOKAHEAD + 1, 3 * LOOKAHEAD + 7, 1000] {
            // Short ids, all-digit ids and long ids: the keys that hold the id whole and the one that does not.
            let ids: Vec<String> = (0..rows)
                .map(|i| {
                    let n = (i * 7919) % 37 + (i % 3) * 1000;
                    match i % 4 {
                        0 => format!("c{n}"),
                        1 => format!("{n:09}"),
                        2 => format!("{n:014}"),
                        _ => format!("customer.{n}@example.com"),
                    }
                })
                .collect();
            let mut immediate = Interner::default();
            let expected: Vec<u32> = ids.iter().map(|id| immediate.get_or_add(id).0).collect();
            let (mut index, mut deferred, mut numbers) = (Interner::default(), DeferredNumbers::default(), Vec::new());
            for id in &ids {
                let lookup = index.look_ahead(id);
                deferred.push(&mut index, id, lookup, &mut numbers);
            }
            deferred.finish(&mut index, &mut numbers);
            assert_eq!(numbers, expected, "{rows} rows");
            assert_eq!(index.into_texts(), immediate.into_texts());
        }
    }

    /// The word of a short text is its bytes copied into a zeroed word, for every length and for
    /// bytes that are zero, high or repeated (where overlapping reads could go wrong).
    #[test]
    fn short_words_are_the_bytes_copied() {
        let patterns: [&[u8]; 4] = [
            b"ABCDEFG",
            &[0xFF, 0x80, 0x01, 0x00, 0xFE, 0x7F, 0x02],
            &[0; 7],
            &[0x30, 0x31, 0x30, 0x31, 0x30, 0x31, 0x30],
        ];
        for bytes in patterns {
            for start in 0..bytes.len() {
                for end in start..=bytes.len() {
                    let b = &bytes[start..end];
                    let mut copied = [0u8; 8];
                    copied[..b.len()].copy_from_slice(b);
                    assert_eq!(short_word(b), u64::from_le_bytes(copied), "{b:?}");
                }
            }
        }
    }

    /// A whole key spells back the very text it was made of.
    #[test]
    fn whole_keys_spell_their_text() {
        let texts =
            ["", "a", "\0", "C123456", "张", "é1", "00000000", "12345678901234", "00000000000000", "0123456789"];
        for text in texts {
            let key = Key::of(text);
            assert!(key.is_whole(), "{text:?}");
            assert_eq!(key.spelt(&mut [0; 14]), text);
        }
        assert!(!Key::of("123456789012345").is_whole());
        assert!(!Key::of("C1234567").is_whole());
    }

    /// Enough texts to grow the table many times: numbers survive every rehash.
    #[test]
    fn numbers_survive_growth() {
        let ids: Vec<String> =
            (0..20_000).map(|i| if i % 3 == 0 { format!("{i:09}") } else { format!("cust-{i}-x") }).collect();
        let mut interner = Interner::default();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(interner.get_or_add(id), (i as u32, true));
        }
        for (i, id) in ids.iter().enumerate().rev() {
            assert_eq!(interner.get_or_add(id), (i as u32, false));
        }
    }
}
