//! The model lab's settings as the user types them (numbers may be half-typed, dates may be wrong),
//! kept in localStorage, and turned into worker requests only when every field reads: otherwise the
//! problems come back field by field so the page can show each next to its input.
//!
//! Engine checks (`check()` of the hyper-parameters) run here too, so a value out of range is said
//! at the field before anything is sent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::features::catalog::{Feature, FeatureKey};
use crate::engine::models::clv::{ClvSettings, TimeUnit, MAX_HORIZON_MONTHS};
use crate::engine::models::segments::{SegmentCount, SegmentParams};
use crate::engine::models::supervised::training_set::MAX_HOLDOUT_MONTHS;
use crate::engine::models::supervised::{
    ClassificationModel, EvaluationOptions, ForestParams, HoldoutMeasure, LogisticParams, ParamError, RegressionModel,
    TargetSpec, TrainingSpec, TreeParams,
};
use crate::engine::scenario::Scenario;
use crate::protocol::{Request, TierTarget};

use super::dates;

/// The three parts of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabSection {
    #[default]
    Clv,
    Predict,
    Segments,
}

impl LabSection {
    pub const ALL: [LabSection; 3] = [LabSection::Clv, LabSection::Predict, LabSection::Segments];

    pub fn key(self) -> &'static str {
        match self {
            LabSection::Clv => "clv",
            LabSection::Predict => "predict",
            LabSection::Segments => "segments",
        }
    }
}

/// What is wrong with one field (translated where it is shown).
#[derive(Clone, Debug, PartialEq)]
pub enum FieldProblem {
    NotANumber,
    NotWhole,
    /// Outside `low..=high` (as the engine writes its ranges).
    Between {
        low: f64,
        high: f64,
    },
    AtLeast {
        low: f64,
    },
    /// Must be above this value (the discount rate must stay above −100 %).
    Above {
        low: f64,
    },
    BadDate,
    BadMonth,
    HoldoutNotAfterCalibration,
    Empty,
    Duplicate,
    NoFeatures,
    /// More candidate features per split than features chosen.
    MoreThanFeatures {
        features: usize,
    },
    /// The scenario whose tiers are the target has problems of its own.
    ScenarioInvalid,
    NoColumn,
    /// A column name that belongs to the loaded file (model outputs never replace the file's columns).
    FileColumn,
}

/// Problems by field key (e.g. `forest.max_depth`, `clv.calibration_end`).
pub type Problems = BTreeMap<String, FieldProblem>;

/// Collects problems while reading a form.
#[derive(Default)]
struct Reader {
    problems: Problems,
}

impl Reader {
    fn flag(&mut self, key: &str, problem: FieldProblem) {
        self.problems.entry(key.to_string()).or_insert(problem);
    }

    /// A whole number. Negative values become 0 and huge ones saturate: the engine's range check
    /// then names the field with its allowed range.
    fn whole(&mut self, key: &str, value: f64) -> u64 {
        if !value.is_finite() {
            self.flag(key, FieldProblem::NotANumber);
            0
        } else if value.fract() != 0.0 {
            self.flag(key, FieldProblem::NotWhole);
            0
        } else {
            value as u64
        }
    }

    fn whole_in(&mut self, key: &str, value: f64, low: u64, high: u64) -> u64 {
        let n = self.whole(key, value);
        if value.is_finite() && value.fract() == 0.0 && !(value >= low as f64 && value <= high as f64) {
            self.flag(key, FieldProblem::Between { low: low as f64, high: high as f64 });
        }
        n
    }

    fn seed(&mut self, key: &str, value: f64) -> u64 {
        if value.is_finite() && value < 0.0 {
            self.flag(key, FieldProblem::AtLeast { low: 0.0 });
        }
        self.whole(key, value)
    }

    fn number(&mut self, key: &str, value: f64) -> f64 {
        if !value.is_finite() {
            self.flag(key, FieldProblem::NotANumber);
        }
        value
    }

    /// The engine's own range errors, under `prefix.<field>`.
    fn params(&mut self, prefix: &str, errors: Vec<ParamError>) {
        for error in errors {
            self.flag(&format!("{prefix}.{}", error.field), range_problem(&error));
        }
    }

    fn done<T>(self, value: T) -> Result<T, Problems> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.problems)
        }
    }
}

/// `1..=30` → between 1 and 30; an open upper end (`usize::MAX`) → at least 1.
pub fn range_problem(error: &ParamError) -> FieldProblem {
    let parsed = error.expected.split_once("..=").and_then(|(low, high)| Some((low.parse().ok()?, high.parse().ok()?)));
    match parsed {
        Some((low, high)) if high >= 1e15 => FieldProblem::AtLeast { low },
        Some((low, high)) => FieldProblem::Between { low, high },
        None => FieldProblem::NotANumber,
    }
}

// ---- customer value (BG/NBD + Gamma-Gamma) -----------------------------------------------------

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClvForm {
    /// The period of the data the dates below were chosen for: another dataset gets the defaults.
    pub period: Option<(i64, i64)>,
    /// `YYYY-MM-DD`; `None` = six months before the end of the data.
    pub calibration_end: Option<String>,
    pub holdout: bool,
    /// `YYYY-MM-DD`; `None` = the last day of the data.
    pub holdout_end: Option<String>,
    pub time_unit: TimeUnit,
    pub horizon_months: f64,
    /// Per month, in percent (the engine takes a rate: 1 % = 0.01).
    pub discount_percent: f64,
    pub margin_percent: f64,
    pub penalizer: f64,
    /// Publish values as of the end of the data (refitted on every purchase) rather than as of the
    /// calibration end of the checked fit.
    pub publish_as_of_end: bool,
}

impl Default for ClvForm {
    fn default() -> Self {
        let engine = ClvSettings::new(0);
        ClvForm {
            period: None,
            calibration_end: None,
            holdout: true,
            holdout_end: None,
            time_unit: engine.time_unit,
            horizon_months: f64::from(engine.horizon_months),
            discount_percent: engine.monthly_discount_rate * 100.0,
            margin_percent: engine.margin_percent,
            penalizer: engine.penalizer,
            publish_as_of_end: true,
        }
    }
}

impl ClvForm {
    fn own_dates(&self, period: Option<(i64, i64)>) -> bool {
        self.period.is_some() && self.period == period
    }

    /// The calibration end shown: the user's, or six months before the last event.
    pub fn calibration_end_text(&self, period: Option<(i64, i64)>) -> String {
        match (&self.calibration_end, period) {
            (Some(text), _) if self.own_dates(period) => text.clone(),
            (_, Some((_, last))) => dates::default_calibration_end(last),
            _ => String::new(),
        }
    }

    /// The holdout end shown: the user's, or the day of the last event.
    pub fn holdout_end_text(&self, period: Option<(i64, i64)>) -> String {
        match (&self.holdout_end, period) {
            (Some(text), _) if self.own_dates(period) => text.clone(),
            (_, Some((_, last))) => dates::date_text(last),
            _ => String::new(),
        }
    }

    /// Records a date the user picked, for this data (the other date keeps what is shown).
    pub fn set_date(&mut self, period: Option<(i64, i64)>, calibration: Option<String>, holdout: Option<String>) {
        let shown = (self.calibration_end_text(period), self.holdout_end_text(period));
        self.calibration_end = Some(calibration.unwrap_or(shown.0));
        self.holdout_end = Some(holdout.unwrap_or(shown.1));
        self.period = period;
    }

    /// The settings a publish sends: the checked fit's, refitted up to the last day of the data when
    /// the values should be as of today (nothing is held out then).
    pub fn publish_settings(&self, checked: &ClvSettings, period: Option<(i64, i64)>) -> ClvSettings {
        let mut settings = checked.clone();
        if let (true, Some((_, last))) = (self.publish_as_of_end, period) {
            if let Some(end) = dates::end_of_day(&dates::date_text(last)) {
                settings.calibration_end = end;
                settings.holdout_end = None;
            }
        }
        settings
    }

    pub fn settings(&self, period: Option<(i64, i64)>) -> Result<ClvSettings, Problems> {
        let mut r = Reader::default();
        let calibration_end = dates::end_of_day(&self.calibration_end_text(period));
        if calibration_end.is_none() {
            r.flag("clv.calibration_end", FieldProblem::BadDate);
        }
        let holdout_end = if self.holdout {
            let end = dates::end_of_day(&self.holdout_end_text(period));
            match (end, calibration_end) {
                (None, _) => r.flag("clv.holdout_end", FieldProblem::BadDate),
                (Some(h), Some(c)) if h <= c => r.flag("clv.holdout_end", FieldProblem::HoldoutNotAfterCalibration),
                _ => {}
            }
            end
        } else {
            None
        };
        let horizon = r.whole_in("clv.horizon_months", self.horizon_months, 1, u64::from(MAX_HORIZON_MONTHS));
        let discount = r.number("clv.monthly_discount_rate", self.discount_percent);
        if discount.is_finite() && discount <= -100.0 {
            r.flag("clv.monthly_discount_rate", FieldProblem::Above { low: -100.0 });
        }
        let margin = r.number("clv.margin_percent", self.margin_percent);
        if margin.is_finite() && margin < 0.0 {
            r.flag("clv.margin_percent", FieldProblem::AtLeast { low: 0.0 });
        }
        let penalizer = r.number("clv.penalizer", self.penalizer);
        if penalizer.is_finite() && penalizer < 0.0 {
            r.flag("clv.penalizer", FieldProblem::AtLeast { low: 0.0 });
        }
        let mut settings = ClvSettings::new(calibration_end.unwrap_or_default());
        settings.holdout_end = holdout_end;
        settings.time_unit = self.time_unit;
        settings.horizon_months = horizon as u32;
        settings.monthly_discount_rate = discount / 100.0;
        settings.margin_percent = margin;
        settings.penalizer = penalizer;
        r.done(settings)
    }
}

// ---- predicted value and tiers -----------------------------------------------------------------

/// What the model learns to predict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    pub const ALL: [TargetChoice; 6] = [
        TargetChoice::HoldoutSpend,
        TargetChoice::HoldoutPurchases,
        TargetChoice::Column,
        TargetChoice::TiersA,
        TargetChoice::TiersB,
        TargetChoice::TextColumn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TargetChoice::HoldoutSpend => "holdout_spend",
            TargetChoice::HoldoutPurchases => "holdout_purchases",
            TargetChoice::Column => "column",
            TargetChoice::TiersA => "tiers_a",
            TargetChoice::TiersB => "tiers_b",
            TargetChoice::TextColumn => "text_column",
        }
    }

    pub fn from_key(key: &str) -> Option<TargetChoice> {
        TargetChoice::ALL.into_iter().find(|c| c.key() == key)
    }

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
pub const DEFAULT_SEGMENT_COLUMN: &str = "segment";

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
            self.holdout_months.clamp(1.0, f64::from(MAX_HOLDOUT_MONTHS)) as u32
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
        let test_share = r.number("eval.test_share", self.test_share_percent);
        if test_share.is_finite() && !(5.0..=50.0).contains(&test_share) {
            r.flag("eval.test_share", FieldProblem::Between { low: 5.0, high: 50.0 });
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
                    r.whole_in("predict.holdout_months", self.holdout_months, 1, u64::from(MAX_HOLDOUT_MONTHS)) as u32;
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

// ---- segments ------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SegmentForm {
    /// Feature keys; `None` = spend, purchases and recency.
    pub features: Option<Vec<String>>,
    /// Try every k in `min_k..=max_k` and keep the best silhouette.
    pub best_k: bool,
    pub k: f64,
    pub min_k: f64,
    pub max_k: f64,
    pub seed: f64,
    pub restarts: f64,
    pub column: String,
}

impl Default for SegmentForm {
    fn default() -> Self {
        let params = SegmentParams::default();
        SegmentForm {
            features: None,
            best_k: true,
            k: 4.0,
            min_k: 2.0,
            max_k: 8.0,
            seed: params.seed as f64,
            restarts: params.restarts as f64,
            column: DEFAULT_SEGMENT_COLUMN.to_string(),
        }
    }
}

/// Value segments by default: how much, how often, how recently (RFM's three).
const SEGMENT_FEATURES: [Feature; 3] = [Feature::Monetary, Feature::Frequency, Feature::RecencyDays];

impl SegmentForm {
    pub fn chosen_features(&self, available: &[FeatureKey]) -> Vec<FeatureKey> {
        match &self.features {
            Some(keys) => keys.iter().filter_map(|k| FeatureKey::try_from(k.clone()).ok()).collect(),
            None => SEGMENT_FEATURES
                .iter()
                .map(|&f| FeatureKey::from(f))
                .filter(|k| available.is_empty() || available.contains(k))
                .collect(),
        }
    }

    pub fn params(&self, available: &[FeatureKey]) -> Result<SegmentParams, Problems> {
        let mut r = Reader::default();
        let features = self.chosen_features(available);
        if features.is_empty() {
            r.flag("segments.features", FieldProblem::NoFeatures);
        }
        let k = if self.best_k {
            SegmentCount::BestSilhouette {
                min: r.whole("segments.min", self.min_k) as usize,
                max: r.whole("segments.max", self.max_k) as usize,
            }
        } else {
            SegmentCount::Fixed { k: r.whole("segments.k", self.k) as usize }
        };
        let params = SegmentParams {
            features,
            k,
            seed: r.seed("segments.seed", self.seed),
            restarts: r.whole("segments.restarts", self.restarts) as usize,
            ..SegmentParams::default()
        };
        if let Err(errors) = params.check() {
            r.params("segments", errors);
        }
        r.done(params)
    }
}

/// Problems with the names a user gave the segments (by segment index).
pub fn segment_name_problems(names: &[String]) -> BTreeMap<usize, FieldProblem> {
    let mut problems = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            problems.insert(i, FieldProblem::Empty);
        } else if names[..i].iter().any(|other| other.trim() == trimmed) {
            problems.insert(i, FieldProblem::Duplicate);
        }
    }
    problems
}

// ---- everything, as stored -----------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabSettings {
    pub section: LabSection,
    pub clv: ClvForm,
    pub predict: PredictForm,
    pub segments: SegmentForm,
}

/// Reads stored settings; `None` for anything unreadable. Fields missing from an older version
/// take their defaults.
pub fn read_settings(text: &str) -> Option<LabSettings> {
    serde_json::from_str(text).ok()
}

/// The settings as stored, or `None` when they would not read back (a half-typed number is NaN,
/// which JSON cannot hold): the last complete version is kept instead.
pub fn stored_text(settings: &LabSettings) -> Option<String> {
    let text = serde_json::to_string(settings).ok()?;
    read_settings(&text).is_some().then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn scenarios() -> [Scenario; 2] {
        let mut b = Scenario::template();
        b.name = "B".into();
        [Scenario::template(), b]
    }

    #[test]
    fn clv_defaults_follow_the_data_and_match_the_cli_reading() {
        // Events from 2024-11-01 to 2026-10-31 23:44:17.
        let period = Some((1_730_419_200, 1_793_490_257));
        let form = ClvForm::default();
        assert_eq!(form.calibration_end_text(period), "2026-04-30");
        assert_eq!(form.holdout_end_text(period), "2026-10-31");
        let settings = form.settings(period).unwrap();
        assert_eq!(settings.calibration_end, dates::end_of_day("2026-04-30").unwrap());
        assert_eq!(settings.holdout_end, dates::end_of_day("2026-10-31"));
        // 1 % a month is a rate of 0.01; 12 months; full margin: the engine's defaults.
        assert_eq!(
            (settings.monthly_discount_rate, settings.horizon_months, settings.margin_percent),
            (0.01, 12, 100.0)
        );
        // Dates picked for one dataset are not carried to another.
        let mut picked = form.clone();
        picked.set_date(period, Some("2026-01-31".into()), None);
        assert_eq!(picked.calibration_end_text(period), "2026-01-31");
        assert_eq!(picked.holdout_end_text(period), "2026-10-31");
        assert_eq!(picked.calibration_end_text(Some((0, 86_400 * 400))), "1970-08-05");
    }

    #[test]
    fn clv_fields_say_what_is_wrong() {
        let period = Some((0, 86_400 * 400));
        let form = ClvForm {
            calibration_end: Some("1970-13-01".into()),
            period,
            horizon_months: 12.5,
            discount_percent: -120.0,
            margin_percent: f64::NAN,
            ..ClvForm::default()
        };
        let problems = form.settings(period).unwrap_err();
        assert_eq!(problems.get("clv.calibration_end"), Some(&FieldProblem::BadDate));
        assert_eq!(problems.get("clv.horizon_months"), Some(&FieldProblem::NotWhole));
        assert_eq!(problems.get("clv.monthly_discount_rate"), Some(&FieldProblem::Above { low: -100.0 }));
        assert_eq!(problems.get("clv.margin_percent"), Some(&FieldProblem::NotANumber));
        let backwards = ClvForm {
            calibration_end: Some("1970-06-01".into()),
            holdout_end: Some("1970-05-01".into()),
            period,
            ..ClvForm::default()
        };
        assert_eq!(
            backwards.settings(period).unwrap_err().get("clv.holdout_end"),
            Some(&FieldProblem::HoldoutNotAfterCalibration)
        );
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

    #[test]
    fn segments_and_names() {
        let params = SegmentForm::default().params(&[]).unwrap();
        assert_eq!(params.k, SegmentCount::BestSilhouette { min: 2, max: 8 });
        assert_eq!(params.features.len(), 3);
        let fixed = SegmentForm { best_k: false, k: 11.0, ..SegmentForm::default() };
        assert_eq!(
            fixed.params(&[]).unwrap_err().get("segments.k"),
            Some(&FieldProblem::Between { low: 2.0, high: 10.0 })
        );
        let names = vec!["top".to_string(), " ".to_string(), "top ".to_string()];
        let problems = segment_name_problems(&names);
        assert_eq!(problems.get(&1), Some(&FieldProblem::Empty));
        assert_eq!(problems.get(&2), Some(&FieldProblem::Duplicate));
        assert!(!problems.contains_key(&0));
    }

    #[test]
    fn stored_settings_read_back_or_are_not_stored() {
        let mut settings = LabSettings::default();
        settings.section = LabSection::Segments;
        let text = stored_text(&settings).unwrap();
        assert_eq!(read_settings(&text), Some(settings.clone()));
        // A half-typed number is not stored (it would not read back).
        settings.clv.horizon_months = f64::NAN;
        assert_eq!(stored_text(&settings), None);
        // Older content without newer fields gets the defaults; garbage is refused.
        let old = read_settings(r#"{"section":"predict","clv":{"margin_percent":40}}"#).unwrap();
        assert_eq!((old.section, old.clv.margin_percent, old.clv.horizon_months), (LabSection::Predict, 40.0, 12.0));
        assert_eq!(read_settings("{not json"), None);
        assert_eq!(read_settings(r#"{"section":"nonsense"}"#), None);
    }
}
