//! RFC 4180 record reader over decoded text.
//!
//! Streaming and allocation-free: a record's fields are slices of the text itself; only a field whose
//! quotes must be undone (`"say ""hi"""`, `"abc"def`) is copied, into the record's own reusable
//! buffer. Reading a million rows allocates nothing after the first few.
//! Tolerant where real exports are sloppy: CRLF, LF or a lone CR end a line; text after a closing
//! quote is kept (`"abc"def` reads `abcdef`); a quote inside an unquoted field is literal.

use super::report::Delimiter;

/// A field's text: a slice of the source, or a range of the record's unquoting buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field<'t> {
    Source(&'t str),
    Unquoted { start: usize, end: usize },
}

/// One record: its fields (unquoted) and the 1-based physical line it starts on.
#[derive(Clone, Debug, Default)]
pub struct Record<'t> {
    fields: Vec<Field<'t>>,
    /// Fields that needed unquoting, one after the other.
    buffer: String,
    /// 1-based physical line where the record starts.
    pub line: usize,
    /// Byte offset in the text where the record starts.
    pub start: usize,
    /// The record ran into the end of the file inside a quoted field.
    pub unterminated_quote: bool,
}

impl<'t> Record<'t> {
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Field `i`, or `""` past the end (a short row reads as missing values).
    #[inline]
    pub fn field(&self, i: usize) -> &str {
        match self.fields.get(i) {
            Some(Field::Source(text)) => text,
            Some(&Field::Unquoted { start, end }) => &self.buffer[start..end],
            None => "",
        }
    }

    pub fn fields(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.field(i))
    }

    pub fn to_strings(&self) -> Vec<String> {
        self.fields().map(str::to_owned).collect()
    }

    /// All fields are empty or spaces: a blank line, or a spreadsheet row with nothing in it (`,,,`).
    fn is_blank(&self) -> bool {
        self.fields().all(|f| f.bytes().all(|b| b == b' ' || b == b'\t'))
    }

    /// Whether every field equals the corresponding field of `other`.
    pub fn same_fields(&self, other: &Record) -> bool {
        self.len() == other.len() && self.fields().zip(other.fields()).all(|(a, b)| a == b)
    }

    /// A hash of the fields (not the raw text: `"a",b` and `a,b` are the same record).
    /// FxHash: deterministic on every platform, fast on short records.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::Hasher;
        let mut hasher = rustc_hash::FxHasher::default();
        for field in self.fields() {
            hasher.write(field.as_bytes());
            // Field separator outside UTF-8's byte range, so ("ab","c") != ("a","bc").
            hasher.write_u8(0xFF);
        }
        hasher.finish()
    }

    /// The fields joined for showing a whole row in the report.
    pub fn joined(&self, delimiter: Delimiter) -> String {
        let sep = match delimiter {
            Delimiter::Comma => ",",
            Delimiter::Tab => "\t",
            Delimiter::Semicolon => ";",
            Delimiter::Pipe => "|",
            Delimiter::Whitespace => " ",
        };
        self.fields().collect::<Vec<_>>().join(sep)
    }

    fn clear(&mut self) {
        self.fields.clear();
        self.buffer.clear();
        self.unterminated_quote = false;
    }
}

/// Byte that separates fields, or `None` for runs of spaces / tabs.
pub fn delimiter_byte(delimiter: Delimiter) -> Option<u8> {
    match delimiter {
        Delimiter::Comma => Some(b','),
        Delimiter::Tab => Some(b'\t'),
        Delimiter::Semicolon => Some(b';'),
        Delimiter::Pipe => Some(b'|'),
        Delimiter::Whitespace => None,
    }
}

/// `byte` in each of the eight bytes of a word.
#[inline]
const fn spread(byte: u8) -> u64 {
    byte as u64 * 0x0101_0101_0101_0101
}

/// The high bit set in exactly the bytes of `x` that are zero (no false positives, so every set bit
/// can be used, not only the lowest).
#[inline]
const fn zero_bytes(x: u64) -> u64 {
    const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((x & LOW_SEVEN).wrapping_add(LOW_SEVEN)) | x | LOW_SEVEN)
}

/// The high bit set in the lowest byte of `x` below 14 (`\n` and `\r` among them), if any, and
/// possibly in some bytes above that one (a borrow carried up: callers check the byte itself).
#[inline]
const fn control_bytes(x: u64) -> u64 {
    x.wrapping_sub(spread(14)) & !x & spread(0x80)
}

pub struct RecordReader<'a> {
    text: &'a str,
    pos: usize,
    /// 1-based line number at `pos`.
    line: usize,
    delimiter: Option<u8>,
    /// Bytes that end an unquoted field: the delimiter(s) and line breaks.
    stops: [bool; 256],
    /// Blank lines (and all-empty rows) skipped so far.
    pub blank_lines: usize,
    /// Line numbers of the first few blank lines, for the report.
    pub blank_line_examples: Vec<usize>,
}

impl<'a> RecordReader<'a> {
    pub fn new(text: &'a str, delimiter: Delimiter) -> Self {
        RecordReader::starting_at(text, delimiter, 0, 1)
    }

    /// A reader positioned at byte `offset` (a record start found earlier), on line `line`.
    pub fn starting_at(text: &'a str, delimiter: Delimiter, offset: usize, line: usize) -> Self {
        let delimiter = delimiter_byte(delimiter);
        let mut stops = [false; 256];
        stops[usize::from(b'\n')] = true;
        stops[usize::from(b'\r')] = true;
        match delimiter {
            Some(d) => stops[usize::from(d)] = true,
            None => {
                stops[usize::from(b' ')] = true;
                stops[usize::from(b'\t')] = true;
            }
        }
        RecordReader { text, pos: offset, line, delimiter, stops, blank_lines: 0, blank_line_examples: Vec::new() }
    }

    /// Byte offset reached (for progress).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// 1-based line number of the next record (or blank line).
    pub fn line(&self) -> usize {
        self.line
    }

    /// Reads the next non-blank record into `record`; `false` at the end of the text.
    pub fn next_record(&mut self, record: &mut Record<'a>) -> bool {
        loop {
            if self.pos >= self.text.len() {
                return false;
            }
            record.clear();
            record.line = self.line;
            record.start = self.pos;
            self.read_record(record);
            if !record.is_blank() {
                return true;
            }
            self.blank_lines += 1;
            if self.blank_line_examples.len() < 5 {
                self.blank_line_examples.push(record.line);
            }
        }
    }

    fn read_record(&mut self, record: &mut Record<'a>) {
        let bytes = self.text.as_bytes();
        if self.delimiter.is_none() {
            self.skip_spaces();
        } else if self.read_plain_fields(record) {
            return;
        }
        loop {
            let at_line_end = self.read_field(record);
            if at_line_end {
                return;
            }
            if self.delimiter.is_none() {
                // Runs of spaces separate fields; spaces before the end of the line are not a field.
                self.skip_spaces();
                if self.pos >= bytes.len() || matches!(bytes[self.pos], b'\n' | b'\r') {
                    self.consume_line_break();
                    return;
                }
            }
        }
    }

    /// The fast path for a delimiter byte: finds every delimiter and the line break of the record
    /// eight bytes at a time and takes the fields between them as slices of the text. Returns whether
    /// the record is complete; stops (`false`, `pos` at the field) before a field that opens with a
    /// quote or within the last eight bytes of the text, for `read_field` to go on.
    #[inline]
    fn read_plain_fields(&mut self, record: &mut Record<'a>) -> bool {
        let bytes = self.text.as_bytes();
        let Some(delimiter) = self.delimiter else { return false };
        let delimiters = spread(delimiter);
        let mut field_start = self.pos;
        if bytes.get(field_start) == Some(&b'"') {
            return false;
        }
        let mut i = field_start;
        while let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // Line breaks are among the control bytes, found with one test instead of one per byte
            // value; the rare other control byte (a tab inside a field) is passed over below.
            let mut stops = zero_bytes(word ^ delimiters) | control_bytes(word);
            while stops != 0 {
                let at = i + (stops.trailing_zeros() / 8) as usize;
                stops &= stops - 1;
                let byte = bytes[at];
                if byte != delimiter && byte != b'\n' && byte != b'\r' {
                    continue;
                }
                record.fields.push(Field::Source(&self.text[field_start..at]));
                if byte != delimiter {
                    self.pos = at;
                    self.consume_line_break();
                    return true;
                }
                field_start = at + 1;
                if bytes.get(field_start) == Some(&b'"') {
                    self.pos = field_start;
                    return false;
                }
            }
            i += 8;
        }
        self.pos = field_start;
        false
    }

    /// Reads one field into `record`; returns whether the record ended after it (line break or end
    /// of text).
    #[inline]
    fn read_field(&mut self, record: &mut Record<'a>) -> bool {
        let bytes = self.text.as_bytes();
        if bytes.get(self.pos) != Some(&b'"') {
            // Unquoted text, the common case: a slice of the source.
            let start = self.pos;
            self.pos = self.next_stop(start);
            record.fields.push(Field::Source(&self.text[start..self.pos]));
            return self.finish_field();
        }
        let buffer_start = record.buffer.len();
        match self.read_quoted(record) {
            // `"plain"` and then the field's end: the text inside the quotes, nothing copied.
            Some((start, end)) if self.at_field_end() => {
                record.fields.push(Field::Source(&self.text[start..end]));
                return self.finish_field();
            }
            Some((start, end)) => record.buffer.push_str(&self.text[start..end]),
            None => {}
        }
        // Text after the closing quote belongs to the field (`"abc"def` reads `abcdef`).
        let start = self.pos;
        self.pos = self.next_stop(start);
        record.buffer.push_str(&self.text[start..self.pos]);
        record.fields.push(Field::Unquoted { start: buffer_start, end: record.buffer.len() });
        self.finish_field()
    }

    /// The first delimiter or line-break byte at or after `from` (or the end of the text), looking at
    /// eight bytes at a time.
    #[inline]
    fn next_stop(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let (first, second) = match self.delimiter {
            Some(d) => (spread(d), spread(d)),
            None => (spread(b' '), spread(b'\t')),
        };
        let mut i = from;
        while let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let found = zero_bytes(word ^ first)
                | zero_bytes(word ^ second)
                | zero_bytes(word ^ spread(b'\n'))
                | zero_bytes(word ^ spread(b'\r'));
            if found != 0 {
                return i + (found.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        while i < bytes.len() && !self.stops[usize::from(bytes[i])] {
            i += 1;
        }
        i
    }

    /// Whether `pos` is at a delimiter, a line break or the end of the text.
    fn at_field_end(&self) -> bool {
        self.text.as_bytes().get(self.pos).is_none_or(|&b| self.stops[usize::from(b)])
    }

    /// After a field's text: consumes the delimiter or line break; returns whether the record ended.
    fn finish_field(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        match bytes.get(self.pos) {
            None => true,
            Some(b'\n' | b'\r') => {
                self.consume_line_break();
                true
            }
            Some(_) => {
                // A delimiter (for whitespace, the caller skips the run).
                if self.delimiter.is_some() {
                    self.pos += 1;
                }
                false
            }
        }
    }

    /// Reads a quoted section starting at the opening quote, leaving `pos` after the closing quote.
    /// Returns the span inside the quotes when it needed no unescaping (nothing was copied yet);
    /// otherwise the unescaped text has been appended to `record.buffer`.
    fn read_quoted(&mut self, record: &mut Record<'a>) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        let first = self.pos;
        let mut start = self.pos;
        let mut copied = false;
        loop {
            let Some(offset) = bytes[self.pos..].iter().position(|&b| b == b'"' || b == b'\n' || b == b'\r') else {
                // End of text inside quotes: the rest of the file is this field.
                record.buffer.push_str(&self.text[start..]);
                self.pos = bytes.len();
                record.unterminated_quote = true;
                return None;
            };
            self.pos += offset;
            match bytes[self.pos] {
                b'"' => {
                    if bytes.get(self.pos + 1) == Some(&b'"') {
                        record.buffer.push_str(&self.text[start..=self.pos]);
                        copied = true;
                        self.pos += 2;
                        start = self.pos;
                    } else {
                        let end = self.pos;
                        self.pos += 1;
                        if copied {
                            record.buffer.push_str(&self.text[start..end]);
                            return None;
                        }
                        return Some((first, end));
                    }
                }
                b'\r' => {
                    // Line breaks inside quotes are data but still count as physical lines.
                    self.pos += 1;
                    if bytes.get(self.pos) != Some(&b'\n') {
                        self.line += 1;
                    }
                }
                _ => {
                    self.pos += 1;
                    self.line += 1;
                }
            }
        }
    }

    fn skip_spaces(&mut self) {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() && (bytes[self.pos] == b' ' || bytes[self.pos] == b'\t') {
            self.pos += 1;
        }
    }

    /// Consumes `\n`, `\r\n` or a lone `\r` at `pos` (if any) and counts the line.
    fn consume_line_break(&mut self) {
        let bytes = self.text.as_bytes();
        match bytes.get(self.pos) {
            Some(b'\r') => {
                self.pos += 1;
                if bytes.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
            }
            _ => {}
        }
    }
}

/// Finds where each non-blank record starts without splitting it into fields: a line without a
/// quote is one record (found with `memchr`, many bytes at a time); a line with a quote is read by
/// the full reader, since its record may span lines. For counting and sampling a whole file.
pub struct RecordStarts<'a> {
    text: &'a str,
    delimiter: Delimiter,
    pos: usize,
    record: Record<'a>,
}

impl<'a> RecordStarts<'a> {
    /// Records from byte `offset` on (a record start).
    pub fn new(text: &'a str, delimiter: Delimiter, offset: usize) -> Self {
        RecordStarts { text, delimiter, pos: offset, record: Record::default() }
    }
}

impl Iterator for RecordStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let delimiter = delimiter_byte(self.delimiter);
        while self.pos < bytes.len() {
            let start = self.pos;
            let rest = &bytes[start..];
            let stop = memchr::memchr3(b'\n', b'\r', b'"', rest).map_or(bytes.len(), |k| start + k);
            if bytes.get(stop) == Some(&b'"') {
                let mut reader = RecordReader::starting_at(self.text, self.delimiter, start, 1);
                let found = reader.next_record(&mut self.record);
                self.pos = reader.position();
                return found.then_some(self.record.start);
            }
            let line = &bytes[start..stop];
            self.pos = match bytes.get(stop) {
                Some(b'\r') if bytes.get(stop + 1) == Some(&b'\n') => stop + 2,
                Some(_) => stop + 1,
                None => stop,
            };
            let blank = line.iter().all(|&b| b == b' ' || b == b'\t' || Some(b) == delimiter);
            if !blank {
                return Some(start);
            }
        }
        None
    }
}

/// Reads up to `limit` records as owned rows (sniffing and previews).
pub fn read_rows(text: &str, delimiter: Delimiter, limit: usize) -> Vec<Vec<String>> {
    let mut reader = RecordReader::new(text, delimiter);
    let mut record = Record::default();
    let mut rows = Vec::new();
    while rows.len() < limit && reader.next_record(&mut record) {
        rows.push(record.to_strings());
    }
    rows
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
