//! Hyper-parameters of every learned model and of the evaluation, each with a `check()` that names
//! the field that is out of range (the page shows the message next to that field). Every range is one
//! `Limit` declared here.

use serde::{Deserialize, Serialize};

use crate::engine::limits::{Limit, RangeError};

/// One hyper-parameter outside its allowed range: the field, the value and the range as numbers
/// (the page says it at that field in its own words).
pub type ParamError = RangeError;

/// Collects range errors field by field.
#[derive(Default)]
struct Checker {
    errors: Vec<ParamError>,
}

impl Checker {
    fn range<T: Into<f64>>(&mut self, limit: Limit, value: T) {
        let value = value.into();
        if !limit.contains(value) {
            self.errors.push(limit.error(value));
        }
    }

    fn done(self) -> Result<(), Vec<ParamError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

pub const DEPTH: Limit = Limit::whole("max_depth", 1.0, 30.0);
pub const TREES: Limit = Limit::whole("n_trees", 1.0, 500.0);
/// Leaves and splits bigger than this would stop any tree at its root on realistic data sizes.
pub const MIN_SAMPLES_LEAF: Limit = Limit::whole("min_samples_leaf", 1.0, 100_000.0);
pub const MIN_SAMPLES_SPLIT: Limit = Limit::whole("min_samples_split", 2.0, 100_000.0);
pub const FEATURES_PER_SPLIT: Limit = Limit::whole("features_per_split", 1.0, 10_000.0);
pub const FOLDS: Limit = Limit::whole("folds", 2.0, 20.0);
pub const TEST_SHARE: Limit = Limit::new("test_share", 0.05, 0.5);
pub const IMPORTANCE_REPEATS: Limit = Limit::whole("importance_repeats", 0.0, 20.0);
pub const ALPHA: Limit = Limit::new("alpha", 0.0, 1e6);
pub const PLOT_POINTS: Limit = Limit::whole("plot_points", 10.0, 10_000.0);

pub const MAX_DEPTH: u16 = DEPTH.max as u16;

/// smartcore counts a tree's depth in node levels (a lone root has depth 1), scikit-learn and the
/// page in splits from the root (a lone root has depth 0): depth `d` here is `d + 1` for smartcore.
pub(crate) fn smartcore_depth(max_depth: u16) -> u16 {
    max_depth.saturating_add(1)
}
pub const MAX_TREES: usize = TREES.max as usize;
pub const MAX_SAMPLES_PER_NODE: usize = MIN_SAMPLES_LEAF.max as usize;
pub const MIN_FOLDS: usize = FOLDS.min as usize;
pub const MAX_FOLDS: usize = FOLDS.max as usize;
pub const MIN_TEST_SHARE: f64 = TEST_SHARE.min;
pub const MAX_TEST_SHARE: f64 = TEST_SHARE.max;
pub const MAX_IMPORTANCE_REPEATS: usize = IMPORTANCE_REPEATS.max as usize;
pub const MAX_ALPHA: f64 = ALPHA.max;

/// A single CART tree (regression: squared error; classification: Gini).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeParams {
    /// Most splits from the root to a leaf (scikit-learn's `max_depth`), 1..=30.
    pub max_depth: u16,
    /// At least 1 training row per leaf.
    pub min_samples_leaf: usize,
    /// At least 2 rows to split a node.
    pub min_samples_split: usize,
    pub seed: u64,
}

impl Default for TreeParams {
    fn default() -> Self {
        TreeParams { max_depth: 6, min_samples_leaf: 5, min_samples_split: 10, seed: 42 }
    }
}

impl TreeParams {
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        let mut c = Checker::default();
        c.range(DEPTH, self.max_depth);
        c.range(MIN_SAMPLES_LEAF, self.min_samples_leaf as f64);
        c.range(MIN_SAMPLES_SPLIT, self.min_samples_split as f64);
        c.done()
    }
}

/// A random forest: bootstrap samples, `features_per_split` candidate features at each split.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForestParams {
    /// 1..=500.
    pub n_trees: usize,
    pub max_depth: u16,
    pub min_samples_leaf: usize,
    pub min_samples_split: usize,
    /// Candidate features per split; `None` = a third of the features, at least one (Breiman's
    /// default for regression forests).
    pub features_per_split: Option<usize>,
    pub seed: u64,
}

impl Default for ForestParams {
    fn default() -> Self {
        ForestParams {
            n_trees: 50,
            max_depth: 8,
            min_samples_leaf: 5,
            min_samples_split: 10,
            features_per_split: None,
            seed: 42,
        }
    }
}

impl ForestParams {
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        let mut c = Checker::default();
        c.range(TREES, self.n_trees as f64);
        c.range(DEPTH, self.max_depth);
        c.range(MIN_SAMPLES_LEAF, self.min_samples_leaf as f64);
        c.range(MIN_SAMPLES_SPLIT, self.min_samples_split as f64);
        if let Some(m) = self.features_per_split {
            c.range(FEATURES_PER_SPLIT, m as f64);
        }
        c.done()
    }

    /// Candidate features per split for `features` features (the caller checks that an explicit
    /// value is at most `features`).
    pub fn resolved_features_per_split(&self, features: usize) -> usize {
        self.features_per_split.unwrap_or(features / 3).max(1)
    }
}

/// Multinomial logistic regression with an L2 penalty `alpha / 2 * |w|^2` on the weights (not the
/// intercepts) added to the negative log-likelihood: scikit-learn's `C` is `1 / alpha`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogisticParams {
    /// 0..=1e6; 0 = no penalty (may not converge on separable data).
    pub alpha: f64,
}

impl Default for LogisticParams {
    fn default() -> Self {
        LogisticParams { alpha: 1.0 }
    }
}

impl LogisticParams {
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        let mut c = Checker::default();
        c.range(ALPHA, self.alpha);
        c.done()
    }
}

/// A model predicting a number (customer value).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RegressionModel {
    DecisionTree(TreeParams),
    RandomForest(ForestParams),
    /// Ordinary least squares with an intercept (SVD solver, stable with correlated features).
    Linear,
}

impl RegressionModel {
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        match self {
            RegressionModel::DecisionTree(p) => p.check(),
            RegressionModel::RandomForest(p) => p.check(),
            RegressionModel::Linear => Ok(()),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            RegressionModel::DecisionTree(_) => "decision_tree",
            RegressionModel::RandomForest(_) => "random_forest",
            RegressionModel::Linear => "linear_regression",
        }
    }
}

/// A model predicting a class (tier).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClassificationModel {
    Logistic(LogisticParams),
    DecisionTree(TreeParams),
}

impl ClassificationModel {
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        match self {
            ClassificationModel::Logistic(p) => p.check(),
            ClassificationModel::DecisionTree(p) => p.check(),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            ClassificationModel::Logistic(_) => "logistic_regression",
            ClassificationModel::DecisionTree(_) => "decision_tree",
        }
    }
}

/// How a model is evaluated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationOptions {
    /// Share of rows held out for testing, 0.05..=0.5.
    pub test_share: f64,
    /// k-fold cross-validation on all rows as well (2..=20 folds), or none.
    pub folds: Option<usize>,
    /// Seeds the split, the folds, the permutation shuffles and the plotted sample.
    pub seed: u64,
    /// Shuffles per feature for permutation importance, 0..=20 (0 = skip).
    pub importance_repeats: usize,
    /// z-score the features with the training rows' mean and standard deviation. Logistic
    /// regression always standardises (its penalty and solver need comparable scales); trees are
    /// unaffected; linear weights are reported in raw units either way.
    pub standardise: bool,
    /// Most test points in the predicted-vs-actual plot, 10..=10000.
    pub plot_points: usize,
}

impl Default for EvaluationOptions {
    fn default() -> Self {
        EvaluationOptions {
            test_share: 0.2,
            folds: None,
            seed: 42,
            importance_repeats: 5,
            standardise: false,
            plot_points: 2000,
        }
    }
}

impl EvaluationOptions {
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        let mut c = Checker::default();
        c.range(TEST_SHARE, self.test_share);
        if let Some(k) = self.folds {
            c.range(FOLDS, k as f64);
        }
        c.range(IMPORTANCE_REPEATS, self.importance_repeats as f64);
        c.range(PLOT_POINTS, self.plot_points as f64);
        c.done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(TreeParams::default().check(), Ok(()));
        assert_eq!(ForestParams::default().check(), Ok(()));
        assert_eq!(LogisticParams::default().check(), Ok(()));
        assert_eq!(EvaluationOptions::default().check(), Ok(()));
    }

    #[test]
    fn every_bad_field_is_named() {
        let forest = ForestParams {
            n_trees: 0,
            max_depth: 31,
            min_samples_leaf: 0,
            min_samples_split: 1,
            features_per_split: Some(0),
            seed: 1,
        };
        let errors = forest.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["n_trees", "max_depth", "min_samples_leaf", "min_samples_split", "features_per_split"]);
        assert_eq!((errors[1].value, errors[1].min, errors[1].max), (31.0, 1.0, 30.0));
        assert_eq!(errors[1].to_string(), "max_depth must be a whole number between 1 and 30 (got 31)");
        let options = EvaluationOptions { test_share: 0.6, folds: Some(1), ..Default::default() };
        let errors = options.check().unwrap_err();
        assert_eq!(errors[0].field, "test_share");
        assert_eq!((errors[0].min, errors[0].max, errors[0].whole), (0.05, 0.5, false));
        assert_eq!(errors[1].field, "folds");
        assert_eq!(ForestParams { n_trees: 501, ..Default::default() }.check().unwrap_err()[0].field, "n_trees");
        assert_eq!(EvaluationOptions { folds: Some(21), ..Default::default() }.check().unwrap_err()[0].value, 21.0);
    }

    #[test]
    fn nan_penalty_is_rejected() {
        let errors = LogisticParams { alpha: f64::NAN }.check().unwrap_err();
        assert_eq!(errors[0].field, "alpha");
        assert!(LogisticParams { alpha: -1.0 }.check().is_err());
        assert!(EvaluationOptions { test_share: f64::NAN, ..Default::default() }.check().is_err());
    }

    #[test]
    fn features_per_split_defaults_to_a_third() {
        let p = ForestParams::default();
        assert_eq!(p.resolved_features_per_split(9), 3);
        assert_eq!(p.resolved_features_per_split(2), 1);
        assert_eq!(ForestParams { features_per_split: Some(5), ..p }.resolved_features_per_split(9), 5);
    }

    #[test]
    fn models_round_trip_through_json() {
        let model = RegressionModel::RandomForest(ForestParams::default());
        let json = serde_json::to_string(&model).unwrap();
        assert!(json.starts_with(r#"{"kind":"random_forest","n_trees":50"#), "{json}");
        assert_eq!(serde_json::from_str::<RegressionModel>(&json).unwrap(), model);
        let linear: RegressionModel = serde_json::from_str(r#"{"kind":"linear"}"#).unwrap();
        assert_eq!(linear, RegressionModel::Linear);
    }
}
