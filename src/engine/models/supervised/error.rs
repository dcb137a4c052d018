//! Why a model could not be trained: named by every trainer, so this module imports none of them.

use serde::{Deserialize, Serialize};

use super::params::ParamError;

/// Why a model could not be trained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelError {
    #[error("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    InvalidParameters { errors: Vec<ParamError> },
    /// A value model needs a numeric target, a tier model a class target.
    #[error("{}", match expected {
        TargetKind::Numeric => "a value model needs a numeric target, not classes",
        TargetKind::Classes => "a tier model needs a class target (tiers or a text column), not a number",
    })]
    WrongTarget { expected: TargetKind },
    /// A feature has no value in any training row: there is nothing to learn or impute from.
    #[error("feature {feature} has no value for any training customer; remove it")]
    FeatureWithoutValues { feature: String },
    /// The training rows hold fewer than two classes.
    #[error("the training customers hold {classes_in_training} class(es); at least two are needed to learn a tier")]
    TooFewClasses { classes_in_training: usize },
    /// The model produced an infinite or undefined value (e.g. a linear model on huge numbers).
    #[error("the model produced undefined predictions; try standardising the features")]
    NonFinitePrediction,
    /// Inputs of the points formula: a column with the wrong length or a missing value.
    #[error("{}", match row {
        Some(row) => format!("{column} has no usable value in row {}", row + 1),
        None => format!("{column} does not have one value per row"),
    })]
    InvalidFormulaInput { column: String, row: Option<usize> },
    /// smartcore refused the data (message as it gave it).
    #[error("the model could not be trained: {message}")]
    Library { message: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Numeric,
    Classes,
}

impl ModelError {
    pub(crate) fn library(failed: smartcore::error::Failed) -> ModelError {
        ModelError::Library { message: failed.to_string() }
    }
}
