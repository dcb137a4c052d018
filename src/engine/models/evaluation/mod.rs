//! How good a learned model is: seeded splits and folds, regression and classification metrics
//! (always shown next to a naive baseline by the callers), permutation importance.

pub mod classification;
pub mod importance;
pub mod regression;
pub mod split;

pub use classification::{
    class_scores, classification_metrics, roc_curve, thin_curve, ClassScores, ClassificationMetrics, ConfusionMatrix,
    RocCurve,
};
pub use importance::{permutation_importance, FeatureImportance};
pub use regression::{regression_metrics, RegressionMetrics};
pub use split::{k_fold, seeded_sample, shuffled, train_test_split, Split};
