//! From the bytes of a user's export to a `Dataset` and a validation report.

pub mod report;
pub mod write;

pub use report::*;
