//! RFC 4180 record reader over decoded text.
//!
//! Streaming and allocation-free per cell: each record's unquoted fields are copied into one
//! reusable buffer (`Record`), so reading a million rows allocates nothing after the first few.
//! Tolerant where real exports are sloppy: CRLF, LF or a lone CR end a line; text after a closing
//! quote is kept (`"abc"def` reads `abcdef`); a quote inside an unquoted field is literal.

use super::report::Delimiter;

/// One record: its fields (unquoted) and the 1-based physical line it starts on.
#[derive(Clone, Debug, Default)]
pub struct Record {
    text: String,
    ends: Vec<usize>,
    /// 1-based physical line where the record starts.
    pub line: usize,
    /// Byte offset in the text where the record starts.
    pub start: usize,
    /// The record ran into the end of the file inside a quoted field.
    pub unterminated_quote: bool,
}

impl Record {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, or `""` past the end (a short row reads as missing values).
    pub fn field(&self, i: usize) -> &str {
        match self.ends.get(i) {
            Some(&end) => {
                let start = if i == 0 { 0 } else { self.ends[i - 1] };
                &self.text[start..end]
            }
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
        self.text.bytes().all(|b| b == b' ' || b == b'\t')
    }

    /// Whether every field equals the corresponding field of `other`.
    pub fn same_fields(&self, other: &Record) -> bool {
        self.ends == other.ends && self.text == other.text
    }

    /// A hash of the fields (not the raw text: `"a",b` and `a,b` are the same record).
    /// FNV-1a: deterministic on every platform, fast on short records.
    pub fn fingerprint(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut mix = |byte: u8| {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        };
        for field in self.fields() {
            for &b in field.as_bytes() {
                mix(b);
            }
            // Field separator outside UTF-8's byte range, so ("ab","c") != ("a","bc").
            mix(0xFF);
        }
        hash
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
        self.text.clear();
        self.ends.clear();
        self.unterminated_quote = false;
    }

    fn end_field(&mut self) {
        self.ends.push(self.text.len());
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

pub struct RecordReader<'a> {
    text: &'a str,
    pos: usize,
    /// 1-based line number at `pos`.
    line: usize,
    delimiter: Option<u8>,
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
        RecordReader {
            text,
            pos: offset,
            line,
            delimiter: delimiter_byte(delimiter),
            blank_lines: 0,
            blank_line_examples: Vec::new(),
        }
    }

    /// Byte offset reached (for progress).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Reads the next non-blank record into `record`; `false` at the end of the text.
    pub fn next_record(&mut self, record: &mut Record) -> bool {
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

    fn read_record(&mut self, record: &mut Record) {
        let bytes = self.text.as_bytes();
        if self.delimiter.is_none() {
            self.skip_spaces();
        }
        loop {
            let at_line_end = self.read_field(record);
            record.end_field();
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

    /// Reads one field; returns whether the record ended after it (line break or end of text).
    fn read_field(&mut self, record: &mut Record) -> bool {
        let bytes = self.text.as_bytes();
        if self.pos < bytes.len() && bytes[self.pos] == b'"' {
            self.read_quoted(record);
        }
        // Unquoted part (or what follows a closing quote).
        let start = self.pos;
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b == b'\n' || b == b'\r' {
                record.text.push_str(&self.text[start..self.pos]);
                self.consume_line_break();
                return true;
            }
            if self.is_delimiter(b) {
                record.text.push_str(&self.text[start..self.pos]);
                if self.delimiter.is_some() {
                    self.pos += 1;
                }
                return false;
            }
            self.pos += 1;
        }
        record.text.push_str(&self.text[start..self.pos]);
        true
    }

    /// Reads a quoted section starting at the opening quote, leaving `pos` after the closing quote.
    fn read_quoted(&mut self, record: &mut Record) {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        let mut start = self.pos;
        loop {
            let Some(offset) = bytes[self.pos..].iter().position(|&b| b == b'"' || b == b'\n' || b == b'\r') else {
                // End of text inside quotes: the rest of the file is this field.
                record.text.push_str(&self.text[start..]);
                self.pos = bytes.len();
                record.unterminated_quote = true;
                return;
            };
            self.pos += offset;
            match bytes[self.pos] {
                b'"' => {
                    record.text.push_str(&self.text[start..self.pos]);
                    if bytes.get(self.pos + 1) == Some(&b'"') {
                        record.text.push('"');
                        self.pos += 2;
                        start = self.pos;
                    } else {
                        self.pos += 1;
                        return;
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

    #[inline]
    fn is_delimiter(&self, b: u8) -> bool {
        match self.delimiter {
            Some(d) => b == d,
            None => b == b' ' || b == b'\t',
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
mod tests {
    use super::*;

    fn read_all(text: &str, delimiter: Delimiter) -> (Vec<(usize, Vec<String>)>, usize) {
        let mut reader = RecordReader::new(text, delimiter);
        let mut record = Record::default();
        let mut out = Vec::new();
        while reader.next_record(&mut record) {
            out.push((record.line, record.to_strings()));
        }
        (out, reader.blank_lines)
    }

    fn row(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn quotes_delimiters_and_line_numbers() {
        let text = "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\n3,,\"\"\n";
        let (records, blanks) = read_all(text, Delimiter::Comma);
        assert_eq!(
            records,
            vec![
                (1, row(&["a", "b", "c"])),
                (2, row(&["x,1", "say \"hi\"", "two\r\nlines"])),
                // Line 3 is the second half of the quoted field, line 4 is blank.
                (5, row(&["3", "", ""])),
            ]
        );
        assert_eq!(blanks, 1);
    }

    #[test]
    fn lone_cr_and_missing_final_newline() {
        let (records, _) = read_all("a;b\r1;2\r\r3;4", Delimiter::Semicolon);
        assert_eq!(records, vec![(1, row(&["a", "b"])), (2, row(&["1", "2"])), (4, row(&["3", "4"]))]);
    }

    #[test]
    fn whitespace_runs() {
        let text = "00001 19970101  1  11.77\n  00002\t19970112 2 89.00  \n\n";
        let (records, blanks) = read_all(text, Delimiter::Whitespace);
        assert_eq!(
            records,
            vec![(1, row(&["00001", "19970101", "1", "11.77"])), (2, row(&["00002", "19970112", "2", "89.00"]))]
        );
        assert_eq!(blanks, 1);
        let (records, _) = read_all("\"New York\" 5\n", Delimiter::Whitespace);
        assert_eq!(records, vec![(1, row(&["New York", "5"]))]);
    }

    #[test]
    fn empty_rows_are_blank_lines() {
        let (records, blanks) = read_all("a,b\n,,\n  \n1,2\n", Delimiter::Comma);
        assert_eq!(records, vec![(1, row(&["a", "b"])), (4, row(&["1", "2"]))]);
        assert_eq!(blanks, 2);
    }

    #[test]
    fn sloppy_quotes_are_tolerated() {
        let (records, _) = read_all("\"abc\"def,5\" screen,x\n", Delimiter::Comma);
        assert_eq!(records, vec![(1, row(&["abcdef", "5\" screen", "x"]))]);
    }

    #[test]
    fn unterminated_quote_takes_the_rest_of_the_file() {
        let mut reader = RecordReader::new("id,c\n1,\"open\n2,x\n", Delimiter::Comma);
        let mut record = Record::default();
        assert!(reader.next_record(&mut record));
        assert!(reader.next_record(&mut record));
        assert_eq!(
            (record.line, record.to_strings(), record.unterminated_quote),
            (2, row(&["1", "open\n2,x\n"]), true)
        );
        assert!(!reader.next_record(&mut record));
    }

    #[test]
    fn fingerprint_depends_on_fields_not_quoting() {
        let mut reader = RecordReader::new("\"a\",b\na,b\nab,\n", Delimiter::Comma);
        let mut r = Vec::new();
        let mut record = Record::default();
        while reader.next_record(&mut record) {
            r.push(record.clone());
        }
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].fingerprint(), r[1].fingerprint());
        assert!(r[0].same_fields(&r[1]));
        assert_ne!(r[0].fingerprint(), r[2].fingerprint());
        assert!(!r[0].same_fields(&r[2]));
    }
}
