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
pub mod error;
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

pub use error::{ModelError, TargetKind};
pub use params::{
    ClassificationModel, EvaluationOptions, ForestParams, LogisticParams, ParamError, RegressionModel, TreeParams,
};
pub use points_formula::{fit_linear_formula, fit_points_formula, LinearFormula, PointsFormula};
pub use preprocess::Preprocessor;
pub use report::*;
pub use train::{grow_forest_share, train_classifier, train_regressor, train_regressor_from, GrownTrees};
pub use training_set::{
    HoldoutMeasure, HoldoutPeriods, Target, TargetSpec, TrainingSet, TrainingSetError, TrainingSetSummary,
    TrainingSpec, YearMonth,
};
