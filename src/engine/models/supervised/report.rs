//! What training returns to the page: serde types with no NaN (undefined values are `None`).

use serde::{Deserialize, Serialize};

use crate::engine::models::evaluation::{ClassificationMetrics, ConfusionMatrix, FeatureImportance, RegressionMetrics};

use super::params::{ClassificationModel, EvaluationOptions, RegressionModel};
use super::training_set::TrainingSetSummary;

/// One metric of the model next to the same metric of each baseline (same order as
/// `MetricTable::baselines`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricRow {
    /// `mae`, `rmse`, `r2`, `accuracy`, `macro_precision`, `macro_recall`, `macro_f1`, `macro_auc`.
    pub metric: String,
    /// Whether a larger value is better (R^2, accuracy, ...) or worse (errors).
    pub higher_is_better: bool,
    pub model: Option<f64>,
    pub baselines: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricTable {
    /// `training_mean`, `last_period` (holdout targets), `majority_class`.
    pub baselines: Vec<String>,
    pub rows: Vec<MetricRow>,
}

/// A metric over the folds of a cross-validation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoldMetric {
    pub metric: String,
    pub per_fold: Vec<Option<f64>>,
    /// Over the folds where the metric is defined.
    pub mean: Option<f64>,
    pub sd: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    pub folds: usize,
    pub metrics: Vec<FoldMetric>,
}

/// What was imputed, per feature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeaturePreparation {
    pub feature: String,
    /// Training median that replaced missing values.
    pub median: f64,
    pub imputed_train: usize,
    pub imputed_test: usize,
    /// Among all customers scored for `predictions`.
    pub imputed_scoring: usize,
    /// z-score parameters when standardised.
    pub mean: Option<f64>,
    pub sd: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preparation {
    pub standardised: bool,
    pub features: Vec<FeaturePreparation>,
    pub imputed_total: usize,
}

/// Test rows for the predicted-vs-actual plot (a seeded sample when there are more).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PredictedVsActual {
    pub customer: Vec<u32>,
    pub actual: Vec<f64>,
    pub predicted: Vec<f64>,
    /// Test rows in total (the plot may show fewer).
    pub test_rows: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedValue {
    pub feature: String,
    pub value: f64,
}

/// A linear model's formula in the units of the raw features: `intercept + sum(weight * feature)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearCoefficients {
    pub intercept: f64,
    pub weights: Vec<NamedValue>,
}

/// The model's prediction for EVERY customer (index = customer number), from the features as of the
/// end of the data, with missing values imputed as in training. Always finite.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerValues {
    pub value: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegressionReport {
    pub model: RegressionModel,
    pub options: EvaluationOptions,
    pub set: TrainingSetSummary,
    pub preparation: Preparation,
    pub train_rows: usize,
    pub test_rows: usize,
    /// Model and baselines on the test rows.
    pub table: MetricTable,
    pub test: RegressionMetrics,
    /// On the training rows: a much better score than `test` means over-fitting.
    pub train: RegressionMetrics,
    pub cross_validation: Option<CrossValidation>,
    pub predicted_vs_actual: PredictedVsActual,
    /// Drop in test R^2 when each feature is shuffled, largest first (empty when skipped).
    pub importances: Vec<FeatureImportance>,
    /// Linear regression only.
    pub coefficients: Option<LinearCoefficients>,
    pub predictions: CustomerValues,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassRow {
    pub class: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Test rows of this class.
    pub support: u64,
    /// One-vs-rest; `None` without probabilities or when the test rows lack this class or all are it.
    pub auc: Option<f64>,
}

/// One class's one-vs-rest ROC curve (at most ~200 points; the AUC is of the full curve).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassRoc {
    pub class: String,
    pub auc: f64,
    pub fpr: Vec<f64>,
    pub tpr: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RocCurves {
    /// Curves for the classes with both positives and negatives among the test rows.
    Available { curves: Vec<ClassRoc> },
    /// The model gives no class probabilities.
    Unavailable { reason: String },
}

/// Predicted class per customer (index = customer number) and the model's probability of it
/// (`None` when the model gives no probabilities).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerClasses {
    pub class: Vec<u16>,
    pub probability: Option<Vec<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassificationReport {
    pub model: ClassificationModel,
    pub options: EvaluationOptions,
    pub set: TrainingSetSummary,
    pub preparation: Preparation,
    pub train_rows: usize,
    pub test_rows: usize,
    pub classes: Vec<String>,
    pub table: MetricTable,
    pub test: ClassificationMetrics,
    pub train: ClassificationMetrics,
    /// Always predicting the most frequent training class (probabilities = training shares).
    pub baseline: ClassificationMetrics,
    pub per_class: Vec<ClassRow>,
    /// Test rows: `counts[actual][predicted]`, classes in `classes` order.
    pub confusion: ConfusionMatrix,
    pub roc: RocCurves,
    pub cross_validation: Option<CrossValidation>,
    /// Drop in test accuracy when each feature is shuffled, largest first (empty when skipped).
    pub importances: Vec<FeatureImportance>,
    pub predictions: CustomerClasses,
}
