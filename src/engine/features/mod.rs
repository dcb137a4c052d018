//! Per-customer features derived from the loaded data.

pub mod activity;
pub mod catalog;
pub mod monthly;
pub mod sentiment;
pub mod table;
pub mod transform;

pub use activity::{Activity, ActivityError};
