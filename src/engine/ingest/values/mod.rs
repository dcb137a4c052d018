//! Reading one cell as a number or a date, the way spreadsheet exports write them.
//!
//! Every value is parsed on its own, so a column mixing `2024/3/5 14:03`, `2024-03-05` and
//! `20240305` works. Hand-written byte parsers: these run once per cell of a million-row file.

mod cell;
mod date;
mod number;

pub use cell::trim_cell;
pub use date::{parse_date, parse_date_in, parse_date_or_epoch, parse_epoch, year_last_numbers, DateOrder, DateTime};
pub use number::{parse_number, parse_number_in, Number};

/// How a file writes the values whose reading depends on the country: dates with the year last and
/// the decimal mark. Decided once per file (see `infer::cell_format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CellFormat {
    pub date_order: Option<DateOrder>,
    /// `1.234,50` (most of Europe) instead of `1,234.50`.
    pub decimal_comma: bool,
}
