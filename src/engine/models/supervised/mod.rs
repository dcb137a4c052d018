//! Supervised models (docs/model.md, "Supervised models"): customer value by regression (decision tree, random
//! forest, linear regression) and tier by classification (multinomial logistic regression,
//! decision tree), trained on a `TrainingSet` and evaluated on held-out customers next to naive
//! baselines.
//!
//! Typical use (the worker):
//! ```ignore
//! let set = TrainingSet::build(&data, &TrainingSpec { features, target })?;
//! let report = train_regressor(&set, &RegressionModel::RandomForest(ForestParams::default()),
//!                              &EvaluationOptions::default(), progress)?;
//! // report.predictions.value[c] is customer c's predicted value: a tier basis.
//! ```

pub mod classifiers;
mod fast_exp;
pub mod lbfgs;
pub mod logistic;
pub mod params;
pub mod points_formula;
pub mod preprocess;
pub mod regressors;
pub mod report;
pub mod train;
pub mod training_set;

use serde::{Deserialize, Serialize};

pub use params::{
    ClassificationModel, EvaluationOptions, ForestParams, LogisticParams, ParamError, RegressionModel, TreeParams,
};
pub use points_formula::{fit_linear_formula, fit_points_formula, LinearFormula, PointsFormula};
pub use preprocess::Preprocessor;
pub use report::*;
pub use train::{train_classifier, train_regressor};
pub use training_set::{
    HoldoutMeasure, HoldoutPeriods, Target, TargetSpec, TrainingSet, TrainingSetError, TrainingSetSummary,
    TrainingSpec, YearMonth,
};

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
