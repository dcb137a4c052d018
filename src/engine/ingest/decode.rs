//! Bytes to text: which encoding a user's export is in, and whether it is text at all.
//!
//! Chinese Excel saves "CSV" as GBK unless told otherwise, so invalid UTF-8 is not an error: it is
//! usually GBK. GB18030 (a superset of GBK) decodes almost any byte soup, so it is only accepted
//! when the bytes look like Chinese text (see `looks_like_gbk_chinese`).

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use super::report::{IngestError, ReadOptions, TextEncoding};
use super::workbook;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16BE_BOM: &[u8] = &[0xFE, 0xFF];
/// Local file header of a ZIP archive (xlsx, xlsm, xlsb, ods are ZIP containers).
const ZIP_SIGNATURE: &[u8] = b"PK\x03\x04";
/// OLE2 compound document (legacy .xls).
const OLE2_SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How many leading bytes / characters the binary and plausibility checks look at: enough to be
/// representative, small enough to cost nothing on a 60 MB file.
const PROBE_LEN: usize = 64 * 1024;

/// Decoded text of a file plus where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceText {
    pub text: String,
    pub encoding: TextEncoding,
    /// Size of the original file in bytes (before decoding).
    pub byte_size: usize,
    /// For a workbook: the sheet read (its rows are the text's lines) and every sheet's name.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
}

impl SourceText {
    /// Text that is already a string (generated data, tests).
    pub fn utf8(text: String) -> SourceText {
        SourceText { byte_size: text.len(), text, encoding: TextEncoding::Utf8, sheet: None, sheets: Vec::new() }
    }
}

/// A user's file as text: a workbook's sheet (`options.sheet`, else the first with data), or text
/// in `options.encoding` (detected when `None`).
pub fn read_source(bytes: Vec<u8>, options: &ReadOptions) -> Result<SourceText, IngestError> {
    if bytes.starts_with(ZIP_SIGNATURE) || bytes.starts_with(OLE2_SIGNATURE) {
        let byte_size = bytes.len();
        let sheet = workbook::read_sheet(bytes, options.sheet.as_deref())?;
        if looks_binary(&sheet.text) {
            return Err(IngestError::NotText);
        }
        return Ok(SourceText {
            text: sheet.text,
            encoding: TextEncoding::Utf8,
            byte_size,
            sheet: Some(sheet.sheet),
            sheets: sheet.sheets,
        });
    }
    decode_owned(bytes, options.encoding)
}

/// Decodes a file, detecting its encoding unless `forced`.
pub fn decode(bytes: &[u8], forced: Option<TextEncoding>) -> Result<SourceText, IngestError> {
    decode_owned(bytes.to_vec(), forced)
}

/// `decode` taking the bytes: a UTF-8 file (the common case) becomes the text without a copy, so a
/// big file is held once, not twice.
pub fn decode_owned(bytes: Vec<u8>, forced: Option<TextEncoding>) -> Result<SourceText, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::EmptyFile);
    }
    if bytes.starts_with(ZIP_SIGNATURE) || bytes.starts_with(OLE2_SIGNATURE) {
        return read_source(bytes, &ReadOptions::default());
    }
    let byte_size = bytes.len();
    let plain_utf8 = matches!(forced, None | Some(TextEncoding::Utf8))
        && !bytes.starts_with(UTF8_BOM)
        && (forced.is_some() || !bytes[..byte_size.min(PROBE_LEN)].contains(&0));
    let (text, encoding) = match String::from_utf8(bytes) {
        Ok(text) if plain_utf8 => (text, TextEncoding::Utf8),
        Ok(text) => decoded(text.as_bytes(), forced)?,
        Err(error) => decoded(error.as_bytes(), forced)?,
    };
    let text = strip_dos_eof(text);
    if text.is_empty() {
        return Err(IngestError::EmptyFile);
    }
    if looks_binary(&text) {
        return Err(IngestError::NotText);
    }
    Ok(SourceText { text, encoding, byte_size, sheet: None, sheets: Vec::new() })
}

fn decoded(bytes: &[u8], forced: Option<TextEncoding>) -> Result<(String, TextEncoding), IngestError> {
    match forced {
        Some(encoding) => Ok((decode_as(bytes, encoding), encoding)),
        None => detect_and_decode(bytes),
    }
}

/// Decodes with a user-chosen encoding; undecodable bytes become U+FFFD so the user sees where.
fn decode_as(bytes: &[u8], encoding: TextEncoding) -> String {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8WithBom => {
            String::from_utf8_lossy(bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)).into_owned()
        }
        TextEncoding::Gb18030 => GB18030.decode_without_bom_handling(bytes).0.into_owned(),
        TextEncoding::Utf16Le => {
            UTF_16LE.decode_without_bom_handling(bytes.strip_prefix(UTF16LE_BOM).unwrap_or(bytes)).0.into_owned()
        }
        TextEncoding::Utf16Be => {
            UTF_16BE.decode_without_bom_handling(bytes.strip_prefix(UTF16BE_BOM).unwrap_or(bytes)).0.into_owned()
        }
    }
}

fn detect_and_decode(bytes: &[u8]) -> Result<(String, TextEncoding), IngestError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return Ok((String::from_utf8_lossy(rest).into_owned(), TextEncoding::Utf8WithBom));
    }
    if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        return Ok((UTF_16LE.decode_without_bom_handling(rest).0.into_owned(), TextEncoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        return Ok((UTF_16BE.decode_without_bom_handling(rest).0.into_owned(), TextEncoding::Utf16Be));
    }
    let probe = &bytes[..bytes.len().min(PROBE_LEN)];
    if probe.contains(&0) {
        return match utf16_without_bom(probe) {
            Some(TextEncoding::Utf16Le) => {
                Ok((UTF_16LE.decode_without_bom_handling(bytes).0.into_owned(), TextEncoding::Utf16Le))
            }
            Some(_) => Ok((UTF_16BE.decode_without_bom_handling(bytes).0.into_owned(), TextEncoding::Utf16Be)),
            None => Err(IngestError::NotText),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), TextEncoding::Utf8));
    }
    if looks_like_gbk_chinese(bytes) {
        if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            return Ok((text.into_owned(), TextEncoding::Gb18030));
        }
    }
    // Mostly UTF-8 with a few broken bytes (say, a Latin-1 name pasted in): keep the data and let the
    // replacement characters show the user where the damage is.
    let lossy = String::from_utf8_lossy(bytes);
    let damaged = lossy.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
    if damaged * 100 <= lossy.chars().count() {
        return Ok((lossy.into_owned(), TextEncoding::Utf8));
    }
    Err(IngestError::NotText)
}

/// Old DOS tools end text files with Ctrl-Z (0x1A).
fn strip_dos_eof(mut text: String) -> String {
    while text.ends_with('\u{1a}') {
        text.pop();
    }
    text
}

/// Text has no NUL and almost no control characters other than tab, line breaks and form feed.
fn looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(PROBE_LEN) {
        chars += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}' | '\u{1a}') {
            controls += 1;
        }
    }
    controls * 100 > chars
}

/// UTF-16 text that lost its BOM: ASCII characters leave a NUL in every odd byte (little-endian) or
/// every even byte (big-endian), and almost never in the other.
fn utf16_without_bom(probe: &[u8]) -> Option<TextEncoding> {
    let pairs = probe.len() / 2;
    if pairs < 2 {
        return None;
    }
    let ascii_with_nul =
        |low: usize| probe.chunks_exact(2).filter(|p| p[1 - low] == 0 && p[low] != 0 && p[low] < 0x80).count();
    let nuls_at = |i: usize| probe.chunks_exact(2).filter(|p| p[i] == 0).count();
    let clearly = |ascii: usize, wrong_nuls: usize| ascii * 10 >= pairs * 8 && wrong_nuls * 20 <= pairs;
    if clearly(ascii_with_nul(0), nuls_at(0)) {
        Some(TextEncoding::Utf16Le)
    } else if clearly(ascii_with_nul(1), nuls_at(1)) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Whether non-ASCII bytes are mostly GB2312-area double-byte characters (lead 0xB0-0xF7, trail
/// 0xA1-0xFE: the common hanzi), as in real Chinese text. Latin-1 or random bytes decoded as GBK land
/// mostly outside that area (their trail byte is often ASCII), so this tells them apart cheaply.
/// The probe starts at the first non-ASCII byte: a file may be pages of ASCII ids before any Chinese.
fn looks_like_gbk_chinese(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|&b| b >= 0x80).unwrap_or(bytes.len());
    let probe = &bytes[start..bytes.len().min(start + PROBE_LEN)];
    let mut double_byte = 0usize;
    let mut common_hanzi = 0usize;
    let mut i = 0;
    while i < probe.len() {
        let lead = probe[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let Some(&trail) = probe.get(i + 1) else { break };
        if (0x30..=0x39).contains(&trail) {
            // Four-byte GB18030 sequence (rare characters outside GBK).
            double_byte += 1;
            i += 4;
            continue;
        }
        double_byte += 1;
        // GB2312 level-1/2 hanzi plus its punctuation rows (0xA1-0xA9: full-width forms, brackets).
        if (0xA1..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail) {
            common_hanzi += 1;
        }
        i += 2;
    }
    double_byte > 0 && common_hanzi * 10 >= double_byte * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoding_of(bytes: &[u8]) -> Result<TextEncoding, IngestError> {
        decode(bytes, None).map(|s| s.encoding)
    }

    #[test]
    fn plain_utf8_and_bom() {
        let s = decode("id,金额\n1,2\n".as_bytes(), None).unwrap();
        assert_eq!((s.encoding, s.text.as_str(), s.byte_size), (TextEncoding::Utf8, "id,金额\n1,2\n", 14));
        let mut bom = UTF8_BOM.to_vec();
        bom.extend_from_slice(b"a,b\n");
        let s = decode(&bom, None).unwrap();
        assert_eq!((s.encoding, s.text.as_str(), s.byte_size), (TextEncoding::Utf8WithBom, "a,b\n", 7));
    }

    #[test]
    fn gbk_bytes_are_detected() {
        // "用户ID,金额\n" in GBK, bytes from Python: '用户ID,金额\n'.encode('gbk')
        let bytes = [0xD3, 0xC3, 0xBB, 0xA7, b'I', b'D', b',', 0xBD, 0xF0, 0xB6, 0xEE, b'\n'];
        let s = decode(&bytes, None).unwrap();
        assert_eq!(s.encoding, TextEncoding::Gb18030);
        assert_eq!(s.text, "用户ID,金额\n");
    }

    #[test]
    fn gbk_after_a_long_ascii_stretch_is_still_gbk() {
        let mut bytes = b"id,amount\n".to_vec();
        for i in 0..20_000 {
            bytes.extend_from_slice(format!("{i},1.5\n").as_bytes());
        }
        // "北京" in GBK: B1 B1 BE A9.
        bytes.extend_from_slice(&[0xB1, 0xB1, 0xBE, 0xA9, b'\n']);
        assert!(bytes.len() > PROBE_LEN);
        let s = decode(&bytes, None).unwrap();
        assert_eq!(s.encoding, TextEncoding::Gb18030);
        assert!(s.text.ends_with("北京\n"));
    }

    #[test]
    fn utf16le_with_and_without_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "id\tname\n1\t金\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let s = decode(&bytes, None).unwrap();
        assert_eq!((s.encoding, s.text.as_str()), (TextEncoding::Utf16Le, "id\tname\n1\t金\n"));
        // Without the BOM: 11 of the 12 code units are ASCII with a NUL high byte.
        let s = decode(&bytes[2..], None).unwrap();
        assert_eq!((s.encoding, s.text.as_str()), (TextEncoding::Utf16Le, "id\tname\n1\t金\n"));
    }

    #[test]
    fn utf16be_with_and_without_bom() {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in "id\tname\n1\t金\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        let s = decode(&bytes, None).unwrap();
        assert_eq!((s.encoding, s.text.as_str()), (TextEncoding::Utf16Be, "id\tname\n1\t金\n"));
        let s = decode(&bytes[2..], None).unwrap();
        assert_eq!((s.encoding, s.text.as_str()), (TextEncoding::Utf16Be, "id\tname\n1\t金\n"));
        let s = decode(&bytes[2..], Some(TextEncoding::Utf16Be)).unwrap();
        assert_eq!(s.text, "id\tname\n1\t金\n");
    }

    #[test]
    fn workbooks_binary_and_empty_are_refused() {
        // A ZIP or OLE2 header with nothing readable behind it: a workbook that cannot be read.
        assert!(matches!(encoding_of(b"PK\x03\x04\x14\x00rest"), Err(IngestError::UnreadableWorkbook { .. })));
        assert!(matches!(
            encoding_of(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
            Err(IngestError::UnreadableWorkbook { .. })
        ));
        assert_eq!(encoding_of(b""), Err(IngestError::EmptyFile));
        assert_eq!(encoding_of(UTF8_BOM), Err(IngestError::EmptyFile));
        assert_eq!(
            encoding_of(&[0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0x89, 0x00, 0x13]),
            Err(IngestError::NotText)
        );
        // Random high bytes: not UTF-8, not plausible GBK (trail bytes below 0xA1 mostly).
        let junk: Vec<u8> = (0..400u32).map(|i| (0x80 + (i * 37) % 0x30) as u8).collect();
        assert_eq!(encoding_of(&junk), Err(IngestError::NotText));
        // Control characters all over: binary.
        let controls: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
        assert_eq!(encoding_of(&controls), Err(IngestError::NotText));
    }

    #[test]
    fn forced_encoding_wins_and_keeps_damage_visible() {
        let s = decode("用户".as_bytes(), Some(TextEncoding::Gb18030)).unwrap();
        assert_eq!(s.encoding, TextEncoding::Gb18030);
        assert_ne!(s.text, "用户");
        let s = decode(&[b'a', 0xFF, b'b'], Some(TextEncoding::Utf8)).unwrap();
        assert_eq!(s.text, "a\u{FFFD}b");
    }

    #[test]
    fn mostly_utf8_with_a_stray_latin1_byte_is_kept() {
        let mut bytes = b"name,city\n".repeat(20);
        bytes.extend_from_slice(&[b'J', b'o', b's', 0xE9, b'\n']);
        let s = decode(&bytes, None).unwrap();
        assert_eq!(s.encoding, TextEncoding::Utf8);
        assert!(s.text.ends_with("Jos\u{FFFD}\n"));
    }
}
