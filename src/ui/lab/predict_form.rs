//! The predicted-value and predicted-tier form: target, features, model and evaluation as typed,
//! read into a training request (sent again with a column name to publish its predictions) or the
//! problems of each field, with the engine's own parameter checks said at the fields.

use serde::{Deserialize, Serialize};

use crate::engine::features::catalog::{Feature, FeatureKey};
use crate::engine::models::supervised::params::TEST_SHARE;
use crate::engine::models::supervised::training_set::HOLDOUT_MONTHS;
use crate::engine::models::supervised::{
    ClassificationModel, EvaluationOptions, ForestParams, HoldoutMeasure, LogisticParams, RegressionModel, TargetSpec,
    TrainingSpec, TreeParams,
};
use crate::engine::scenario::Scenario;
use crate::protocol::{Request, TierTarget};

use super::dates;
use super::problems::{FieldProblem, Problems, Reader};

/// What the model learns to predict (`as_ref()` is the picker's key, the same as stored).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumIter,
    strum::AsRefStr,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TargetChoice {
    /// Net spend in the months after a calibration month (the honest set-up for an event log: the
    /// features only see the past).
    #[default]
    HoldoutSpend,
    HoldoutPurchases,
    /// A numeric column or feature over the whole history.
    Column,
    TiersA,
    TiersB,
    /// A text column such as an existing tier.
    TextColumn,
}

impl TargetChoice {
    /// Classes (tiers) rather than a number.
    pub fn is_classes(self) -> bool {
        matches!(self, TargetChoice::TiersA | TargetChoice::TiersB | TargetChoice::TextColumn)
    }

    pub fn is_holdout(self) -> bool {
        matches!(self, TargetChoice::HoldoutSpend | TargetChoice::HoldoutPurchases)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueModelKind {
    #[default]
    Linear,
    Tree,
    Forest,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierModelKind {
    #[default]
    Logistic,
    Tree,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TreeForm {
    pub max_depth: f64,
    pub min_samples_leaf: f64,
    pub min_samples_split: f64,
}

impl Default for TreeForm {
    fn default() -> Self {
        let p = TreeParams::default();
        TreeForm {
            max_depth: f64::from(p.max_depth),
            min_samples_leaf: p.min_samples_leaf as f64,
            min_samples_split: p.min_samples_split as f64,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForestForm {
    pub n_trees: f64,
    pub max_depth: f64,
    pub min_samples_leaf: f64,
    pub min_samples_split: f64,
    /// `None` = a third of the features.
    pub features_per_split: Option<f64>,
}

impl Default for ForestForm {
    fn default() -> Self {
        let p = ForestParams::default();
        ForestForm {
            n_trees: p.n_trees as f64,
            max_depth: f64::from(p.max_depth),
            min_samples_leaf: p.min_samples_leaf as f64,
            min_samples_split: p.min_samples_split as f64,
            features_per_split: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PredictForm {
    pub target: TargetChoice,
    pub period: Option<(i64, i64)>,
    /// `YYYY-MM`; `None` = the latest month that leaves the holdout months whole.
    pub calibration_month: Option<String>,
    pub holdout_months: f64,
    /// Feature key of a numeric target (`TargetChoice::Column`).
    pub target_column: Option<String>,
    /// A text column (`TargetChoice::TextColumn`).
    pub class_column: Option<String>,
    /// Feature keys; `None` = the recommended set.
    pub features: Option<Vec<String>>,
    pub value_model: ValueModelKind,
    pub tier_model: TierModelKind,
    pub tree: TreeForm,
    pub forest: ForestForm,
    pub logistic_alpha: f64,
    /// Share of customers held out for testing, in percent.
    pub test_share_percent: f64,
    pub cross_validate: bool,
    pub folds: f64,
    /// Seeds the split, the folds, the shuffles and the trees.
    pub seed: f64,
    pub importance_repeats: f64,
    pub standardise: bool,
    pub value_column: String,
    pub tier_column: String,
}

pub const DEFAULT_HOLDOUT_MONTHS: u32 = 6;
pub const DEFAULT_VALUE_COLUMN: &str = "predicted_value";
pub const DEFAULT_TIER_COLUMN: &str = "predicted_tier";

impl Default for PredictForm {
    fn default() -> Self {
        let options = EvaluationOptions::default();
        PredictForm {
            target: TargetChoice::default(),
            period: None,
            calibration_month: None,
            holdout_months: f64::from(DEFAULT_HOLDOUT_MONTHS),
            target_column: None,
            class_column: None,
            features: None,
            value_model: ValueModelKind::default(),
            tier_model: TierModelKind::default(),
            tree: TreeForm::default(),
            forest: ForestForm::default(),
            logistic_alpha: LogisticParams::default().alpha,
            test_share_percent: options.test_share * 100.0,
            cross_validate: false,
            folds: 5.0,
            seed: options.seed as f64,
            importance_repeats: options.importance_repeats as f64,
            standardise: options.standardise,
            value_column: DEFAULT_VALUE_COLUMN.to_string(),
            tier_column: DEFAULT_TIER_COLUMN.to_string(),
        }
    }
}

/// What a model learns from by default: purchase history and engagement, the usual value drivers.
const RECOMMENDED_FEATURES: [Feature; 8] = [
    Feature::Frequency,
    Feature::RecencyDays,
    Feature::Monetary,
    Feature::AverageOrderValue,
    Feature::TenureDays,
    Feature::ActiveDays,
    Feature::Interactions,
    Feature::Views,
];

/// The recommended features the data has (all of them when the list is not known yet), without
/// `except` (a target cannot be its own feature).
pub fn recommended_features(available: &[FeatureKey], except: Option<&FeatureKey>) -> Vec<FeatureKey> {
    RECOMMENDED_FEATURES
        .iter()
        .map(|&f| FeatureKey::from(f))
        .filter(|k| available.is_empty() || available.contains(k))
        .filter(|k| Some(k) != except)
        .collect()
}

/// What the page knows when it builds a training request.
pub struct PredictInputs<'a> {
    pub period: Option<(i64, i64)>,
    pub available: &'a [FeatureKey],
    pub scenarios: [&'a Scenario; 2],
    /// Text columns a class target can come from.
    pub text_columns: &'a [String],
}

/// A training request ready to send (and to send again with a column name to publish it).
#[derive(Clone, Debug, PartialEq)]
pub enum PredictRequest {
    Value { spec: TrainingSpec, model: RegressionModel, options: EvaluationOptions },
    Tiers { features: Vec<FeatureKey>, target: TierTarget, model: ClassificationModel, options: EvaluationOptions },
}

impl PredictRequest {
    pub fn request(&self, publish_as: Option<String>) -> Request {
        match self.clone() {
            PredictRequest::Value { spec, model, options } => {
                Request::TrainValue { spec: Box::new(spec), model, options, publish_as }
            }
            PredictRequest::Tiers { features, target, model, options } => {
                Request::TrainTiers { features, target, model, options, publish_as }
            }
        }
    }

    pub fn is_value(&self) -> bool {
        matches!(self, PredictRequest::Value { .. })
    }
}

impl PredictForm {
    pub fn holdout_months_value(&self) -> u32 {
        if self.holdout_months.is_finite() && self.holdout_months.fract() == 0.0 {
            HOLDOUT_MONTHS.clamp(self.holdout_months) as u32
        } else {
            DEFAULT_HOLDOUT_MONTHS
        }
    }

    /// The calibration month shown: the user's (for this data) or the latest that leaves whole
    /// holdout months.
    pub fn calibration_month_text(&self, period: Option<(i64, i64)>) -> String {
        match (&self.calibration_month, period) {
            (Some(text), _) if self.period.is_some() && self.period == period => text.clone(),
            (_, Some((_, last))) => {
                dates::month_text(dates::default_calibration_month(last, self.holdout_months_value()))
            }
            _ => String::new(),
        }
    }

    /// The numeric target's feature key: the chosen one, else the first column of the data, else
    /// net spend.
    pub fn target_column_key(&self, available: &[FeatureKey]) -> FeatureKey {
        self.target_column
            .as_ref()
            .and_then(|k| FeatureKey::try_from(k.clone()).ok())
            .or_else(|| available.iter().find(|k| matches!(k, FeatureKey::Column(_))).cloned())
            .unwrap_or_else(|| Feature::Monetary.into())
    }

    pub fn class_column_name(&self, text_columns: &[String]) -> Option<String> {
        self.class_column.clone().filter(|c| text_columns.contains(c)).or_else(|| text_columns.first().cloned())
    }

    /// The features chosen, or the recommended set for the target; never the numeric target itself
    /// (choosing it as the target takes it out of the features).
    pub fn chosen_features(&self, available: &[FeatureKey]) -> Vec<FeatureKey> {
        let target = (self.target == TargetChoice::Column).then(|| self.target_column_key(available));
        match &self.features {
            Some(keys) => keys
                .iter()
                .filter_map(|k| FeatureKey::try_from(k.clone()).ok())
                .filter(|k| Some(k) != target.as_ref())
                .collect(),
            None => recommended_features(available, target.as_ref()),
        }
    }

    pub fn publish_name(&self) -> &str {
        if self.target.is_classes() {
            &self.tier_column
        } else {
            &self.value_column
        }
    }

    fn options(&self, r: &mut Reader) -> EvaluationOptions {
        // The engine's share (0.05-0.5) in the percent the field shows.
        let test_share = r.number("eval.test_share", self.test_share_percent);
        if test_share.is_finite() && !TEST_SHARE.contains(test_share / 100.0) {
            r.flag(
                "eval.test_share",
                FieldProblem::Between { low: TEST_SHARE.min * 100.0, high: TEST_SHARE.max * 100.0 },
            );
        }
        let options = EvaluationOptions {
            test_share: test_share / 100.0,
            folds: self.cross_validate.then(|| r.whole("eval.folds", self.folds) as usize),
            seed: r.seed("eval.seed", self.seed),
            importance_repeats: r.whole("eval.importance_repeats", self.importance_repeats) as usize,
            standardise: self.standardise,
            ..EvaluationOptions::default()
        };
        if let Err(errors) = options.check() {
            // The test share was said in percent above.
            r.params("eval", errors.into_iter().filter(|e| e.field != "test_share").collect());
        }
        options
    }

    fn tree_params(&self, r: &mut Reader, seed: u64) -> TreeParams {
        let params = TreeParams {
            max_depth: u16::try_from(r.whole("tree.max_depth", self.tree.max_depth)).unwrap_or(u16::MAX),
            min_samples_leaf: r.whole("tree.min_samples_leaf", self.tree.min_samples_leaf) as usize,
            min_samples_split: r.whole("tree.min_samples_split", self.tree.min_samples_split) as usize,
            seed,
        };
        if let Err(errors) = params.check() {
            r.params("tree", errors);
        }
        params
    }

    fn forest_params(&self, r: &mut Reader, seed: u64, features: usize) -> ForestParams {
        let f = &self.forest;
        let features_per_split = f.features_per_split.map(|m| r.whole("forest.features_per_split", m) as usize);
        let params = ForestParams {
            n_trees: r.whole("forest.n_trees", f.n_trees) as usize,
            max_depth: u16::try_from(r.whole("forest.max_depth", f.max_depth)).unwrap_or(u16::MAX),
            min_samples_leaf: r.whole("forest.min_samples_leaf", f.min_samples_leaf) as usize,
            min_samples_split: r.whole("forest.min_samples_split", f.min_samples_split) as usize,
            features_per_split,
            seed,
        };
        if let Err(errors) = params.check() {
            r.params("forest", errors);
        }
        if let Some(m) = features_per_split {
            if m > features && features > 0 {
                r.flag("forest.features_per_split", FieldProblem::MoreThanFeatures { features });
            }
        }
        params
    }

    pub fn build(&self, inputs: &PredictInputs) -> Result<PredictRequest, Problems> {
        let mut r = Reader::default();
        let features = self.chosen_features(inputs.available);
        if features.is_empty() {
            r.flag("predict.features", FieldProblem::NoFeatures);
        }
        let options = self.options(&mut r);
        let seed = options.seed;
        let name = self.publish_name();
        if name.trim().is_empty() {
            r.flag("predict.column", FieldProblem::Empty);
        }
        if self.target.is_classes() {
            let target = match self.target {
                TargetChoice::TextColumn => match self.class_column_name(inputs.text_columns) {
                    Some(name) => TierTarget::Column { name },
                    None => {
                        r.flag("predict.target", FieldProblem::NoColumn);
                        TierTarget::Column { name: String::new() }
                    }
                },
                choice => {
                    let scenario = inputs.scenarios[usize::from(choice == TargetChoice::TiersB)];
                    if !scenario.validate().is_empty() {
                        r.flag("predict.target", FieldProblem::ScenarioInvalid);
                    }
                    TierTarget::Scenario { scenario: Box::new(scenario.clone()) }
                }
            };
            let model = match self.tier_model {
                TierModelKind::Logistic => {
                    let params = LogisticParams { alpha: r.number("logistic.alpha", self.logistic_alpha) };
                    if let Err(errors) = params.check() {
                        r.params("logistic", errors);
                    }
                    ClassificationModel::Logistic(params)
                }
                TierModelKind::Tree => ClassificationModel::DecisionTree(self.tree_params(&mut r, seed)),
            };
            return r.done(PredictRequest::Tiers { features, target, model, options });
        }
        let target = match self.target {
            TargetChoice::Column => TargetSpec::Column { key: self.target_column_key(inputs.available) },
            measure => {
                let holdout_months =
                    r.whole_within("predict.holdout_months", self.holdout_months, &HOLDOUT_MONTHS) as u32;
                let month = dates::parse_month(&self.calibration_month_text(inputs.period));
                if month.is_none() {
                    r.flag("predict.calibration_month", FieldProblem::BadMonth);
                }
                TargetSpec::Holdout {
                    calibration_end: month
                        .unwrap_or(crate::engine::models::supervised::YearMonth { year: 2000, month: 1 }),
                    holdout_months,
                    measure: if measure == TargetChoice::HoldoutPurchases {
                        HoldoutMeasure::Purchases
                    } else {
                        HoldoutMeasure::Spend
                    },
                }
            }
        };
        let model = match self.value_model {
            ValueModelKind::Linear => RegressionModel::Linear,
            ValueModelKind::Tree => RegressionModel::DecisionTree(self.tree_params(&mut r, seed)),
            ValueModelKind::Forest => RegressionModel::RandomForest(self.forest_params(&mut r, seed, features.len())),
        };
        r.done(PredictRequest::Value { spec: TrainingSpec { features, target }, model, options })
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn target_keys_are_the_stored_ones() {
        let keys: Vec<String> = TargetChoice::iter().map(|c| c.as_ref().to_string()).collect();
        assert_eq!(keys, ["holdout_spend", "holdout_purchases", "column", "tiers_a", "tiers_b", "text_column"]);
        for choice in TargetChoice::iter() {
            assert_eq!(serde_json::to_string(&choice).unwrap(), format!("\"{}\"", choice.as_ref()));
            assert_eq!(choice.as_ref().parse::<TargetChoice>(), Ok(choice));
        }
    }

    fn scenarios() -> [Scenario; 2] {
        let mut b = Scenario::template();
        b.name = "B".into();
        [Scenario::template(), b]
    }

    #[test]
    fn predict_defaults_are_the_cli_defaults() {
        let [a, b] = scenarios();
        let period = Some((1_730_419_200, 1_793_490_257));
        let available: Vec<FeatureKey> =
            [Feature::Frequency, Feature::RecencyDays, Feature::Monetary].into_iter().map(Into::into).collect();
        let inputs = PredictInputs { period, available: &available, scenarios: [&a, &b], text_columns: &[] };
        let request = PredictForm::default().build(&inputs).unwrap();
        let PredictRequest::Value { spec, model, options } = request else { panic!("a value model") };
        assert_eq!(spec.features, available, "the recommended features the data has, in this order");
        assert_eq!(
            spec.target,
            TargetSpec::Holdout {
                calibration_end: crate::engine::models::supervised::YearMonth { year: 2026, month: 4 },
                holdout_months: 6,
                measure: HoldoutMeasure::Spend
            }
        );
        assert_eq!(model, RegressionModel::Linear);
        assert_eq!(options, EvaluationOptions::default());
    }

    #[test]
    fn model_parameters_are_checked_field_by_field() {
        let [a, b] = scenarios();
        let inputs =
            PredictInputs { period: Some((0, 86_400 * 800)), available: &[], scenarios: [&a, &b], text_columns: &[] };
        let form = PredictForm {
            value_model: ValueModelKind::Forest,
            forest: ForestForm { n_trees: 0.0, max_depth: 31.0, min_samples_leaf: 2.5, ..ForestForm::default() },
            test_share_percent: 70.0,
            seed: -1.0,
            ..PredictForm::default()
        };
        let problems = form.build(&inputs).unwrap_err();
        assert_eq!(problems.get("forest.n_trees"), Some(&FieldProblem::Between { low: 1.0, high: 500.0 }));
        assert_eq!(problems.get("forest.max_depth"), Some(&FieldProblem::Between { low: 1.0, high: 30.0 }));
        assert_eq!(problems.get("forest.min_samples_leaf"), Some(&FieldProblem::NotWhole));
        assert_eq!(problems.get("eval.test_share"), Some(&FieldProblem::Between { low: 5.0, high: 50.0 }));
        assert_eq!(problems.get("eval.seed"), Some(&FieldProblem::AtLeast { low: 0.0 }));
        let mut tiers = PredictForm { target: TargetChoice::TiersB, logistic_alpha: -1.0, ..PredictForm::default() };
        let problems = tiers.build(&inputs).unwrap_err();
        assert_eq!(problems.get("logistic.alpha"), Some(&FieldProblem::Between { low: 0.0, high: 1e6 }));
        tiers.logistic_alpha = 1.0;
        let PredictRequest::Tiers { target: TierTarget::Scenario { scenario }, .. } = tiers.build(&inputs).unwrap()
        else {
            panic!("scenario B's tiers")
        };
        assert_eq!(scenario.name, b.name);
    }

    #[test]
    fn a_numeric_target_is_never_its_own_feature() {
        let form = PredictForm {
            target: TargetChoice::Column,
            target_column: Some("monetary".into()),
            features: Some(vec!["frequency".into(), "monetary".into()]),
            ..PredictForm::default()
        };
        assert_eq!(form.chosen_features(&[]), vec![FeatureKey::from(Feature::Frequency)]);
        let recommended = PredictForm { features: None, ..form };
        assert!(!recommended.chosen_features(&[]).contains(&Feature::Monetary.into()));
        assert!(recommended.chosen_features(&[]).contains(&Feature::Frequency.into()));
    }
}
