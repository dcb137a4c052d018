//! Learned models over the per-customer features: value regression, tier classification,
//! k-means segments, and how to evaluate them honestly.

pub mod evaluation;
pub mod segments;
pub mod supervised;
