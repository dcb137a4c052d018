//! Models fitted on the loaded data: probabilistic customer value (BG/NBD + Gamma-Gamma), value
//! regression, tier classification, k-means segments, and how to evaluate them honestly.

pub mod clv;
pub mod evaluation;
pub mod parallel;
pub mod segments;
pub mod supervised;
