//! What is wrong with a scenario: one problem per field, in terms the page can translate.

use serde::{Deserialize, Serialize};

/// One problem with one field of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{field} {kind}")]
pub struct Problem {
    /// Path of the field, e.g. `tiers.thresholds.lower_bounds[2]`.
    pub field: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    #[error("must not be empty")]
    Empty,
    #[error("repeats an earlier entry")]
    Duplicate,
    #[error("is not a number")]
    NotANumber,
    #[error("must not be negative")]
    Negative,
    #[error("needs at least one weight that is not zero")]
    AllWeightsZero,
    #[error("must be higher than the value before it")]
    NotIncreasing,
    /// Outside `TIER_COUNT` (its numbers).
    #[error("needs between {min} and {max} tiers")]
    TierCount { min: usize, max: usize },
    #[error("needs {expected} values, found {found}")]
    Count { expected: usize, found: usize },
    /// Outside the setting's `Limit` (its numbers).
    #[error("must be between {min} and {max}")]
    OutOfRange { min: f64, max: f64 },
    #[error("shares add up to {sum:.2} %, not 100 %")]
    SharesDoNotSum { sum: f64 },
    /// A retain bound above the entry bound of the same tier.
    #[error("must not be above the bound to enter the tier")]
    RetainAboveEntry,
}
