//! What the customer-table and event-log builds share: the builder each shape implements and what
//! it hands over.

use crate::engine::dataset::Dataset;
use crate::engine::progress::Progress;

use super::super::reader::Record;
use super::super::report::ValidationReport;
use super::duplicates::RepeatedRows;
use super::issues::{Drop, Notes};

/// Turns kept records into one shape of dataset.
pub(super) trait RowBuilder {
    /// Adds a record, or says why it must be dropped (then nothing was added).
    fn add(&mut self, record: &Record, notes: &mut Notes) -> Result<(), Drop>;
    /// Applies fills and rescaling, sorts, and hands over the dataset.
    fn finish(self: Box<Self>, report: &mut ValidationReport, progress: &mut dyn Progress) -> Finished;
}

/// What a builder hands over.
pub(super) struct Finished {
    pub(super) dataset: Dataset,
    /// Kept rows found to repeat an earlier row after the build.
    pub(super) repeated_rows: RepeatedRows,
}
