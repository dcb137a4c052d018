//! Cell text as the number and date readers see it.

/// Cell text without surrounding spaces (including the full-width and no-break spaces Excel and
/// Chinese input methods leave behind).
#[inline]
pub fn trim_cell(s: &str) -> &str {
    let ascii_word = |b: u8| b > b' ' && b < 0x80;
    match s.as_bytes() {
        // Nothing to trim when both ends are visible ASCII (almost every cell): no char decoding.
        [first, .., last] if ascii_word(*first) && ascii_word(*last) => s,
        [only] if ascii_word(*only) => s,
        _ => s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'),
    }
}
