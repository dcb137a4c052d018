//! A second qualifying criterion beside the score (docs/model.md, "Two-criteria qualification"):
//! airlines count miles or segments, retailers spend and visits. A tier is reached when the score
//! and (or: or) the second measure over the same qualifying window reach their bounds.

use serde::{Deserialize, Serialize};

use crate::engine::features::catalog::Feature;
use crate::engine::limits::Limit;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondCriterion {
    /// What is counted over the qualifying window.
    pub measure: CriterionMeasure,
    /// Whether a tier needs both criteria or either one.
    pub combine: Combine,
    /// The measure needed to enter each tier above the first, non-decreasing.
    pub lower_bounds: Vec<f64>,
    /// The measure needed to keep each tier above the first at an evaluation (at most the entry
    /// bound); `None` = the entry bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retain_bounds: Option<Vec<f64>>,
}

/// The measures a second criterion can count: both add up month by month, so the simulator
/// follows them the way it follows an additive score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionMeasure {
    /// Completed purchases in the window.
    Orders,
    /// Net spend in the window.
    Spend,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// Both the score and the measure must reach the tier's bounds.
    And,
    /// Either one is enough.
    Or,
}

impl CriterionMeasure {
    /// The feature that holds the measure over a window.
    pub fn feature(self) -> Feature {
        match self {
            CriterionMeasure::Orders => Feature::Frequency,
            CriterionMeasure::Spend => Feature::Monetary,
        }
    }
}

impl SecondCriterion {
    /// Each bound of the second criterion (entry and retain).
    pub const BOUND: Limit = Limit::new("tiers.second_criterion.lower_bounds[]", 0.0, 1e12);

    /// Bounds to keep a tier: the retain bounds, else the entry bounds.
    pub fn retain(&self) -> &[f64] {
        self.retain_bounds.as_deref().unwrap_or(&self.lower_bounds)
    }
}

impl Combine {
    /// The tier both criteria together reach, from the tier each reaches alone (tiers are nested:
    /// reaching tier t means reaching every tier below it, so "both" is the lower, "either" the
    /// higher of the two).
    pub fn tier(self, by_score: usize, by_measure: usize) -> usize {
        match self {
            Combine::And => by_score.min(by_measure),
            Combine::Or => by_score.max(by_measure),
        }
    }

    /// Progress (0-1) toward the next tier from each criterion's progress: the nearer criterion
    /// counts under "or", the farther under "and".
    pub fn progress(self, by_score: f64, by_measure: f64) -> f64 {
        match self {
            Combine::And => by_score.min(by_measure),
            Combine::Or => by_score.max(by_measure),
        }
    }
}
