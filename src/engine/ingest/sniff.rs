//! Guessing the delimiter and whether the first record is a header.

use super::infer::classify;
use super::reader::read_rows;
use super::report::{Delimiter, ValueType};
use super::role_guess::role_from_name;
use super::values::trim_cell;

/// Records looked at when sniffing.
pub const SNIFF_RECORDS: usize = 50;
/// Share of records that must have the modal field count for a delimiter to count as consistent.
const CONSISTENT: f64 = 0.9;

/// How one candidate delimiter splits the first records.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Split {
    delimiter: Delimiter,
    /// The most common field count.
    fields: usize,
    /// Share of records with exactly that count.
    consistency: f64,
}

fn split_with(text: &str, delimiter: Delimiter) -> Option<Split> {
    let rows = read_rows(text, delimiter, SNIFF_RECORDS);
    if rows.is_empty() {
        return None;
    }
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for row in &rows {
        match counts.iter_mut().find(|(n, _)| *n == row.len()) {
            Some(entry) => entry.1 += 1,
            None => counts.push((row.len(), 1)),
        }
    }
    // Most frequent count; on a tie the larger count (a short last line should not win).
    let &(fields, frequency) = counts.iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))?;
    Some(Split { delimiter, fields, consistency: frequency as f64 / rows.len() as f64 })
}

/// The delimiter that splits the first records into the most consistent number of fields (at
/// least two). Quotes are respected (a comma inside quotes does not split). Explicit delimiters
/// are preferred to runs of spaces, which also split text like `New York`: whitespace is chosen
/// only when no explicit delimiter is consistent. A file with one column reads as comma-separated.
pub fn sniff_delimiter(text: &str) -> Delimiter {
    let explicit = [Delimiter::Comma, Delimiter::Tab, Delimiter::Semicolon, Delimiter::Pipe];
    let best_of = |candidates: &[Delimiter]| -> Option<Split> {
        let mut best: Option<Split> = None;
        for &delimiter in candidates {
            let Some(split) = split_with(text, delimiter) else { continue };
            if split.fields < 2 {
                continue;
            }
            let better = match best {
                None => true,
                Some(b) => {
                    // Consistency first (to 1 %), then more fields; earlier candidates win ties.
                    let (c, bc) = ((split.consistency * 100.0).round(), (b.consistency * 100.0).round());
                    c > bc || (c == bc && split.fields > b.fields)
                }
            };
            if better {
                best = Some(split);
            }
        }
        best
    };
    match best_of(&explicit) {
        Some(split) if split.consistency >= CONSISTENT => split.delimiter,
        explicit_best => match best_of(&[Delimiter::Whitespace]) {
            Some(ws) if ws.consistency >= CONSISTENT => Delimiter::Whitespace,
            _ => explicit_best.map(|s| s.delimiter).unwrap_or(Delimiter::Comma),
        },
    }
}

/// Whether the first of `rows` (the file's first records) is a header.
///
/// Evidence, strongest first: a number or date in the first row means data (headers are words);
/// a column whose first cell is a word while the cells below are numbers or dates means a header;
/// first-row cells that are known column names (`用户ID`, `amount`) mean a header. For an
/// all-text table: a header when every first-row cell is filled and none recurs below it.
pub fn detect_header(rows: &[Vec<String>]) -> bool {
    let Some(first) = rows.first() else { return false };
    let rest = &rows[1..];
    let first_classes: Vec<ValueType> = first.iter().map(|c| classify(c)).collect();
    if first_classes.iter().any(|c| c.is_numeric_or_date()) {
        return false;
    }
    for (column, class) in first_classes.iter().enumerate() {
        if *class != ValueType::Text {
            continue;
        }
        let (mut filled, mut typed) = (0usize, 0usize);
        for row in rest {
            match classify(row.get(column).map(String::as_str).unwrap_or("")) {
                ValueType::Empty => {}
                c => {
                    filled += 1;
                    typed += usize::from(c.is_numeric_or_date());
                }
            }
        }
        if filled > 0 && typed * 10 >= filled * 8 {
            return true;
        }
    }
    if first.iter().any(|cell| role_from_name(cell).is_some()) {
        return true;
    }
    let all_filled = first.iter().all(|c| !trim_cell(c).is_empty());
    let recurs = first.iter().enumerate().any(|(column, cell)| {
        let cell = trim_cell(cell);
        rest.iter().any(|row| row.get(column).map(|v| trim_cell(v) == cell).unwrap_or(false))
    });
    all_filled && !recurs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, delimiter: Delimiter) -> Vec<Vec<String>> {
        read_rows(text, delimiter, SNIFF_RECORDS)
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n4,5,6\n"), Delimiter::Comma);
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), Delimiter::Tab);
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n4;5,5;6\n"), Delimiter::Semicolon);
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), Delimiter::Pipe);
        assert_eq!(sniff_delimiter("00001 19970101 1 11.77\n00002 19970112  2   89.00\n"), Delimiter::Whitespace);
        assert_eq!(sniff_delimiter("ids\n1\n2\n"), Delimiter::Comma);
        // Commas inside quotes do not split; the semicolon count would be inconsistent.
        assert_eq!(sniff_delimiter("name,amount\n\"Li; Wang\",\"1,234.50\"\nZhao,\"12\"\n"), Delimiter::Comma);
        // Two-word names: whitespace would give 3 fields consistently, but comma is explicit.
        assert_eq!(sniff_delimiter("John Smith,5\nMary Jones,7\n"), Delimiter::Comma);
        // A tab file with spaces inside values.
        assert_eq!(sniff_delimiter("city\tamount\nNew York\t5\nLos Angeles\t7\n"), Delimiter::Tab);
    }

    #[test]
    fn header_detection() {
        // Words over numbers.
        assert!(detect_header(&rows("id,amount\n1,2.5\n2,3\n", Delimiter::Comma)));
        // Numbers in the first row: data (CDNow).
        assert!(!detect_header(&rows("00001 19970101 1 11.77\n00002 19970112 2 89.00\n", Delimiter::Whitespace)));
        // All text, but known names.
        assert!(detect_header(&rows("用户ID,城市\nu1,北京\nu2,上海\n", Delimiter::Comma)));
        // All text, unknown names, first-row values unique to the first row.
        assert!(detect_header(&rows("foo,bar\nx,y\nz,w\n", Delimiter::Comma)));
        // All text data: the first row's value recurs below.
        assert!(!detect_header(&rows("alice,beijing\nbob,beijing\n", Delimiter::Comma)));
        // pandas index column: empty first header cell.
        assert!(detect_header(&rows(",user_id,amount\n0,7,1.5\n1,8,2\n", Delimiter::Comma)));
        // Text data with an event word, first row not special.
        assert!(!detect_header(&rows("u1,pv\nu2,buy\nu1,pv\n", Delimiter::Comma)));
        assert!(!detect_header(&[]));
    }
}
