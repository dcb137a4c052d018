//! Rows identical to an earlier row, found without keeping copies of the rows.

use hashbrown::HashTable;

use crate::engine::dataset::EventLog;

use super::super::reader::{Record, RecordReader};
use super::super::report::Delimiter;

/// Finds records identical (field by field) to an earlier record. Keeps only the byte offset of
/// the first record per distinct content, filed under its fingerprint; on a fingerprint match the
/// earlier record is read again and compared, so a hash collision never drops a row.
pub(super) struct DuplicateFinder<'a> {
    text: &'a str,
    delimiter: Delimiter,
    /// Start offsets of earlier distinct records.
    seen: HashTable<usize>,
    earlier: Record<'a>,
}

impl<'a> DuplicateFinder<'a> {
    /// `rows_hint`: about how many records will come (sized once: growing would re-read them all).
    pub(super) fn new(text: &'a str, delimiter: Delimiter, rows_hint: usize) -> Self {
        DuplicateFinder { text, delimiter, seen: HashTable::with_capacity(rows_hint), earlier: Record::default() }
    }

    pub(super) fn is_duplicate(&mut self, record: &Record) -> bool {
        let DuplicateFinder { text, delimiter, seen, earlier } = self;
        let read = |start: usize, into: &mut Record<'a>| {
            let mut reader = RecordReader::starting_at(text, *delimiter, start, 0);
            reader.next_record(into)
        };
        let fingerprint = record.fingerprint();
        let entry = seen.entry(
            fingerprint,
            |&start| read(start, earlier) && earlier.same_fields(record),
            |&start| {
                let mut other = Record::default();
                read(start, &mut other);
                other.fingerprint()
            },
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(_) => true,
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(record.start);
                false
            }
        }
    }
}

/// Rows of an event log that repeat an earlier row, found after the build among the kept rows
/// (when repeats are kept, the only thing to do about them is to say so). Identical rows are the
/// same customer at the same time with the same values, so only rows sharing all of that are read
/// again from the text and compared field by field: no per-row hashing, no table of every row.
pub(super) struct KeptDuplicates<'a> {
    text: &'a str,
    delimiter: Delimiter,
}

/// What `KeptDuplicates::find` found: how many rows repeat an earlier one, and the first few
/// (line, fields joined) in file order.
#[derive(Default)]
pub(super) struct RepeatedRows {
    pub(super) count: usize,
    pub(super) first: Vec<(usize, String)>,
}

/// Examples kept of the repeated rows.
const EXAMPLES: usize = 5;

impl<'a> KeptDuplicates<'a> {
    pub(super) fn new(text: &'a str, delimiter: Delimiter) -> Self {
        KeptDuplicates { text, delimiter }
    }

    /// `order[i]` is the file-order row of grouped event `i`; `row_start[r]` where file row `r`
    /// starts in the text.
    pub(super) fn find(&self, log: &EventLog, order: &[u32], row_start: &[u32]) -> RepeatedRows {
        let mut repeated: Vec<usize> = Vec::new();
        let (mut a, mut b) = (Record::default(), Record::default());
        for customer in 0..log.customer_count() {
            let rows = log.rows_of(customer);
            let mut i = rows.start;
            while i < rows.end {
                let mut j = i + 1;
                while j < rows.end && log.time[j] == log.time[i] {
                    j += 1;
                }
                if j - i > 1 {
                    self.repeats_among(log, i..j, order, row_start, (&mut a, &mut b), &mut repeated);
                }
                i = j;
            }
        }
        repeated.sort_unstable();
        self.described(repeated)
    }

    /// Adds to `repeated` the start of every event in `events` (one customer, one time, in file
    /// order) that repeats an earlier one of them.
    fn repeats_among(
        &self,
        log: &EventLog,
        events: std::ops::Range<usize>,
        order: &[u32],
        row_start: &[u32],
        (a, b): (&mut Record<'a>, &mut Record<'a>),
        repeated: &mut Vec<usize>,
    ) {
        // Same loaded values first (cheap), in file order within equal values.
        let mut keyed: Vec<([u64; 5], usize)> = events.map(|i| (loaded_values(log, i), i)).collect();
        keyed.sort_unstable();
        let mut g = 0;
        while g < keyed.len() {
            let mut h = g + 1;
            while h < keyed.len() && keyed[h].0 == keyed[g].0 {
                h += 1;
            }
            // Rows with equal values may still differ in a column not loaded: compare the text.
            let mut distinct: Vec<usize> = Vec::new();
            for &(_, event) in &keyed[g..h] {
                let start = row_start[order[event] as usize] as usize;
                self.read(start, a);
                let seen = distinct.iter().any(|&earlier| {
                    self.read(earlier, b);
                    a.same_fields(b)
                });
                if seen {
                    repeated.push(start);
                } else {
                    distinct.push(start);
                }
            }
            g = h;
        }
    }

    fn read(&self, start: usize, into: &mut Record<'a>) {
        RecordReader::starting_at(self.text, self.delimiter, start, 0).next_record(into);
    }

    /// The count, and the lines and fields of the first few (lines counted as the reader counts
    /// them: every `\n`, and every `\r` not followed by `\n`).
    fn described(&self, repeated: Vec<usize>) -> RepeatedRows {
        let bytes = self.text.as_bytes();
        let (mut line, mut at) = (1usize, 0usize);
        let mut record = Record::default();
        let first = repeated
            .iter()
            .take(EXAMPLES)
            .map(|&start| {
                line += bytes[at..start]
                    .iter()
                    .enumerate()
                    .filter(|&(k, &byte)| byte == b'\n' || (byte == b'\r' && bytes.get(at + k + 1) != Some(&b'\n')))
                    .count();
                at = start;
                self.read(start, &mut record);
                (line, record.joined(self.delimiter))
            })
            .collect();
        RepeatedRows { count: repeated.len(), first }
    }
}

/// The values an event was loaded with, as bits (NaN compares equal to NaN here, as it should for
/// "the same empty cell").
fn loaded_values(log: &EventLog, i: usize) -> [u64; 5] {
    let pair = |x: u32, y: u32| u64::from(x) << 32 | u64::from(y);
    [
        log.kind[i] as u64,
        log.amount[i].to_bits(),
        pair(log.quantity[i].to_bits(), log.rating[i].to_bits()),
        pair(log.category[i], log.channel[i]),
        pair(log.comment[i], log.browse_minutes[i].to_bits()),
    ]
}
