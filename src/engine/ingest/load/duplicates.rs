//! Rows identical to an earlier row, found without keeping copies of the rows.

use super::super::reader::{Record, RecordReader};
use super::super::report::Delimiter;
use super::Map;

/// Finds records identical (field by field) to an earlier record. Keeps one fingerprint and the
/// byte offset of the first record per fingerprint; on a fingerprint match the earlier record is
/// read again and compared, so a hash collision never drops a row.
pub(super) struct DuplicateFinder<'a> {
    text: &'a str,
    delimiter: Delimiter,
    seen: Map<u64, (usize, usize)>,
    earlier: Record,
}

impl<'a> DuplicateFinder<'a> {
    pub(super) fn new(text: &'a str, delimiter: Delimiter) -> Self {
        DuplicateFinder { text, delimiter, seen: Map::default(), earlier: Record::default() }
    }

    pub(super) fn is_duplicate(&mut self, record: &Record) -> bool {
        let fingerprint = record.fingerprint();
        match self.seen.get(&fingerprint) {
            None => {
                self.seen.insert(fingerprint, (record.start, record.line));
                false
            }
            Some(&(start, line)) => {
                let mut reader = RecordReader::starting_at(self.text, self.delimiter, start, line);
                reader.next_record(&mut self.earlier) && self.earlier.same_fields(record)
            }
        }
    }
}
