//! How much memory a file will need in a browser tab, judged before reading it: from its size and
//! its first block (rows per byte, distinct customers per row), so a file too big for a tab gets a
//! clear message with the command-line alternative instead of a crashed tab.
//!
//! The model: the tab holds the file's bytes twice while reading it (the browser's copy and the
//! engine's text), then per row the loaded event columns, their file-order copies during the build
//! and the monthly totals built from them; per customer the id, the models' per-customer values and
//! the simulation's state. The constants are fitted to the largest browser process's measured peak
//! (docs/benchmarks.md, "Memory of a big file": 3.67 GB for inspect, load, BG/NBD + Gamma-Gamma and a
//! 12-month simulation of 7M rows of 2.36M customers); refit them with `tests/e2e/bench.mjs --large`
//! when what the engine holds per row or customer changes.

use std::collections::HashSet;

use crate::engine::roles::{ColumnRole, DatasetShape};

use super::decode::SourceText;
use super::report::ReadOptions;

/// Bytes of the file's beginning read for the estimate.
pub const FIRST_BLOCK_BYTES: usize = 1 << 20;

/// Peak memory of the browser's largest process a tab survives: a wasm32 instance addresses at most
/// 4 GiB and its memory never shrinks; CDNOW x 100 peaked at 4.2 GB and finished before its monthly
/// totals were stored by field (3.67 GB since), beyond that the engine's memory cannot grow and the
/// tab dies.
pub const TAB_MEMORY_LIMIT: u64 = 4 << 30;

/// Memory the page and a worker need with no data (code, the page's state, the browser itself).
const BASE_BYTES: u64 = 160 << 20;
/// Per byte of the file: the browser's copy and the engine's text, both held while loading.
const BYTES_PER_FILE_BYTE: u64 = 2;
/// Per row: the loaded event columns (customer, time, kind, amount, quantity: 25 bytes), their
/// file-order copies while the build groups them by customer, the monthly totals (by field: 26 bytes
/// per customer and active month for a purchase log, up to 114 with every kind of event), with the
/// allocator's slack.
const BYTES_PER_ROW: u64 = 280;
/// Per customer: the id and its table entry, the activity summary, the models' per-customer
/// values and the simulation's state.
const BYTES_PER_CUSTOMER: u64 = 600;

/// What loading a file is expected to take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadEstimate {
    pub file_bytes: u64,
    /// Data rows expected in the file.
    pub rows: u64,
    /// Distinct customers expected (an upper bound for date-sorted logs: early rows repeat fewer ids).
    pub customers: u64,
    /// Peak memory of loading, fitting the models and simulating.
    pub peak_bytes: u64,
}

impl LoadEstimate {
    /// The estimate for `rows` rows of `customers` customers in a file of `file_bytes` bytes.
    pub fn of(file_bytes: u64, rows: u64, customers: u64) -> LoadEstimate {
        let peak_bytes =
            BASE_BYTES + file_bytes * BYTES_PER_FILE_BYTE + rows * BYTES_PER_ROW + customers * BYTES_PER_CUSTOMER;
        LoadEstimate { file_bytes, rows, customers, peak_bytes }
    }

    pub fn fits_in_tab(&self) -> bool {
        self.peak_bytes <= TAB_MEMORY_LIMIT
    }
}

/// Estimates a file of `file_bytes` bytes from `first_block`, its first bytes (up to
/// `FIRST_BLOCK_BYTES`; all of them for a smaller file). A block that cannot be read as text
/// (a workbook, whose rows are compressed) counts as one row per 30 bytes of the file, each its
/// own customer: spreadsheets rarely hold more than a million rows, so this only stops the absurd.
pub fn estimate_load(file_bytes: u64, first_block: &[u8]) -> LoadEstimate {
    let whole = first_block.len() as u64 >= file_bytes;
    let Some(block) = block_facts(first_block, whole) else {
        let rows = file_bytes / UNKNOWN_BYTES_PER_ROW;
        return LoadEstimate::of(file_bytes, rows, rows);
    };
    if whole {
        return LoadEstimate::of(file_bytes, block.rows, block.customers);
    }
    let rows = (file_bytes as f64 * block.rows as f64 / block.bytes as f64).ceil() as u64;
    let customers = (rows as f64 * block.customers as f64 / block.rows as f64).ceil() as u64;
    LoadEstimate::of(file_bytes, rows, customers)
}

const UNKNOWN_BYTES_PER_ROW: u64 = 30;

/// What the block holds: its bytes (whole lines), data rows and distinct customer ids.
struct BlockFacts {
    bytes: u64,
    rows: u64,
    customers: u64,
}

fn block_facts(first_block: &[u8], whole: bool) -> Option<BlockFacts> {
    // Whole lines only: the last one may be cut (and a UTF-8 character with it).
    let end = if whole { first_block.len() } else { memchr::memrchr(b'\n', first_block)? + 1 };
    let text = std::str::from_utf8(&first_block[..end]).ok()?;
    let source = SourceText::utf8(text.to_string());
    let inspection = super::inspect(&source, &ReadOptions::default()).ok()?;
    let rows = inspection.record_count as u64;
    let id_column = inspection.columns.iter().position(|c| c.role == ColumnRole::CustomerId);
    let customers = match (inspection.shape, id_column) {
        (DatasetShape::EventLog, Some(column)) => {
            let options = super::default_settings(&inspection).read;
            let mut ids = HashSet::new();
            super::for_each_record(&source, &options, &mut |_, fields| {
                if let Some(id) = fields.get(column) {
                    ids.insert(super::values::trim_cell(id).to_string());
                }
            })
            .ok()?;
            ids.len() as u64
        }
        _ => rows,
    };
    // The header's bytes are not rows': counting them would overstate a small block's rows per byte
    // only slightly, and overstating is the safe side.
    Some(BlockFacts { bytes: end as u64, rows, customers: customers.min(rows) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1 << 20;

    #[test]
    fn the_model_adds_the_file_rows_and_customers() {
        // 160 MiB + 2 x 100 MiB + 1,000,000 x 280 + 200,000 x 600 = 167,772,160 + 209,715,200 +
        // 280,000,000 + 120,000,000 = 777,487,360.
        let estimate = LoadEstimate::of(100 * MB, 1_000_000, 200_000);
        assert_eq!(estimate.peak_bytes, 777_487_360);
        assert!(estimate.fits_in_tab());
        // 2 GiB of file alone: 160 MiB + 4 GiB is past the limit.
        assert!(!LoadEstimate::of(2048 * MB, 0, 0).fits_in_tab());
    }

    #[test]
    fn a_small_file_read_whole_is_counted_exactly() {
        let text = "customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-01-02,20\nA,2024-02-01,5\n\
                    C,2024-02-03,7\nA,2024-03-01,9\nB,2024-03-02,1\n";
        let estimate = estimate_load(text.len() as u64, text.as_bytes());
        assert_eq!((estimate.rows, estimate.customers), (6, 3));
        assert_eq!(estimate.peak_bytes, (160 * MB) + 2 * text.len() as u64 + 6 * 280 + 3 * 600);
    }

    #[test]
    fn a_big_file_is_scaled_from_its_first_block() {
        // A 30-byte header, then rows of 20 bytes (`C0000,2024-01-01,10` and a line break), each
        // customer on two rows in a row.
        let mut text = String::from("customer_id,order_date,amount\n");
        for i in 0..1000 {
            text.push_str(&format!("C{:04},2024-01-{:02},{}\n", i / 2, 1 + i % 28, 10 + i % 7));
        }
        // The first 10,000 bytes, cut mid-line: (10,000 - 30) / 20 = 498 whole rows in 9,990 bytes,
        // 249 customers. A 1,000,000-byte file: 1e6 x 498 / 9,990 = 49,849.8 -> 49,850 rows, half of
        // them customers: 24,925.
        let estimate = estimate_load(1_000_000, &text.as_bytes()[..10_000]);
        assert_eq!((estimate.rows, estimate.customers), (49_850, 24_925));
    }

    #[test]
    fn a_block_that_is_not_text_counts_a_row_per_thirty_bytes() {
        let zip = b"PK\x03\x04\x00\x00binary\xff\xfe";
        let estimate = estimate_load(300 * MB, zip);
        assert_eq!(estimate.rows, 300 * MB / 30);
        assert!(!estimate.fits_in_tab());
    }
}
