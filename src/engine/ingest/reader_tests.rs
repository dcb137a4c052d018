//! Tests of the record reader (its own file: the reader is long enough without them).

use super::*;

fn read_all(text: &str, delimiter: Delimiter) -> (Vec<(usize, Vec<String>)>, usize) {
    let (records, blanks) = read_fast(text, delimiter);
    (records.into_iter().map(|(line, _, fields, _)| (line, fields)).collect(), blanks)
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
    assert_eq!((record.line, record.to_strings(), record.unterminated_quote), (2, row(&["1", "open\n2,x\n"]), true));
    assert!(!reader.next_record(&mut record));
}

/// (line, start, fields, unterminated quote) of every non-blank record, and the blank lines,
/// as `next_record` reads them (the plain-field fast path first).
type Read = (Vec<(usize, usize, Vec<String>, bool)>, usize);

fn read_fast(text: &str, delimiter: Delimiter) -> Read {
    let mut reader = RecordReader::new(text, delimiter);
    let mut record = Record::default();
    let mut out = Vec::new();
    while reader.next_record(&mut record) {
        out.push((record.line, record.start, record.to_strings(), record.unterminated_quote));
    }
    (out, reader.blank_lines)
}

/// The same through the general path alone: `read_field` one field at a time.
fn read_general(text: &str, delimiter: Delimiter) -> Read {
    let mut reader = RecordReader::new(text, delimiter);
    let mut record = Record::default();
    let (mut out, mut blanks) = (Vec::new(), 0);
    while reader.pos < text.len() {
        record.clear();
        record.line = reader.line;
        record.start = reader.pos;
        while !reader.read_field(&mut record) {}
        if record.is_blank() {
            blanks += 1;
        } else {
            out.push((record.line, record.start, record.to_strings(), record.unterminated_quote));
        }
    }
    (out, blanks)
}

/// A quote-free text read by hand: lines end at `\r\n`, `\n` or `\r`; fields are what lies
/// between delimiters; lines of spaces, tabs and delimiters only are blank.
fn read_by_hand(text: &str, delimiter: char) -> Read {
    let (mut out, mut blanks) = (Vec::new(), 0);
    let (mut line, mut start) = (1, 0);
    let normalised = text.replace("\r\n", "\n\0").replace('\r', "\n");
    let pieces: Vec<&str> = normalised.split('\n').collect();
    for (k, piece) in pieces.iter().enumerate() {
        // Undo the marker that kept `\r\n` two bytes long.
        let (piece, extra) = match piece.strip_prefix('\0') {
            Some(rest) if k > 0 => (rest, 1),
            _ => (*piece, 0),
        };
        start += extra;
        let last = k + 1 == pieces.len();
        if !(last && piece.is_empty()) {
            if piece.chars().all(|c| c == ' ' || c == '\t' || c == delimiter) {
                blanks += 1;
            } else {
                out.push((line, start, piece.split(delimiter).map(str::to_owned).collect(), false));
            }
        }
        start += piece.len() + 1;
        line += 1;
    }
    (out, blanks)
}

/// Random texts over bytes that matter to the splitter: delimiters, every line break, control
/// bytes just below and above 14 (which the eight-byte test flags or must not), spaces, tabs,
/// multi-byte characters and, in half of them, quotes.
fn random_text(state: &mut u64, delimiter: char, quotes: bool) -> String {
    let pieces = [
        "a",
        "7",
        "xyz",
        " ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\u{1}",
        "\u{b}",
        "\u{c}",
        "\u{d}",
        "\u{e}",
        "\u{f}",
        "\u{7f}",
        "é",
        "张三",
        "0.5",
        "C123456",
        "2024-01-01",
    ];
    let mut next = || {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    };
    let len = (next() % 60) as usize;
    let mut text = String::new();
    for _ in 0..len {
        let r = next();
        match r % 10 {
            0..=2 => text.push(delimiter),
            3 if quotes => text.push('"'),
            _ => text.push_str(pieces[(r / 10) as usize % pieces.len()]),
        }
    }
    text
}

/// The eight-bytes-at-a-time fast path reads every text exactly as the field-by-field parser
/// does (records, lines, offsets, blank lines), and quote-free texts as splitting them by hand.
#[test]
fn fast_path_reads_as_the_general_path() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for (delimiter, d) in [(Delimiter::Comma, ','), (Delimiter::Tab, '\t'), (Delimiter::Semicolon, ';')] {
        for case in 0..4000 {
            let quotes = case % 2 == 1;
            let text = random_text(&mut state, d, quotes);
            let fast = read_fast(&text, delimiter);
            assert_eq!(fast, read_general(&text, delimiter), "{text:?}");
            if !quotes {
                assert_eq!(fast, read_by_hand(&text, d), "{text:?}");
            }
        }
    }
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
