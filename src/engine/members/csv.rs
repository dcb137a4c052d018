//! The list as CSV: UTF-8 with a byte-order mark (Excel then reads Chinese correctly), RFC 4180
//! quoting and CRLF line ends, written row by row.

use std::io::Write;

use super::cells::Cell;
use super::list::MemberList;
use crate::engine::ingest::write::write_field;
use crate::engine::progress::{Progress, Stage, Throttle};

const BOM: &[u8] = "\u{feff}".as_bytes();

pub fn write_csv(list: &MemberList, out: impl Write, progress: &mut dyn Progress) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    out.write_all(BOM)?;
    let columns = list.columns();
    let mut line = String::new();
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        write_field(&mut line, &list.header(*column), ',');
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())?;
    let customers = list.customer_count();
    let mut throttle = Throttle::new(Stage::Exporting, customers as u64);
    for c in 0..customers {
        throttle.tick(c as u64, progress);
        line.clear();
        for (i, column) in columns.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            match list.cell(*column, c) {
                Cell::Empty => {}
                Cell::Text(text) => write_field(&mut line, &text, ','),
                // Rust prints the shortest text that reads back as the same number.
                Cell::Number(value) => line.push_str(&value.to_string()),
            }
        }
        line.push_str("\r\n");
        out.write_all(line.as_bytes())?;
    }
    throttle.finish(progress);
    out.flush()
}
