//! Statistical models fitted on the loaded data.

pub mod clv;
