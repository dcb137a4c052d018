//! Per-customer features derived from the loaded data.

pub mod activity;

pub use activity::{Activity, ActivityError};
