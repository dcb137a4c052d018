//! What a model learns from: one row per customer with the chosen feature columns and a target.
//!
//! Targets:
//! - a numeric column or built-in feature (customer tables, or any data "as of now");
//! - for event logs, the spend or purchases in a HOLDOUT period after a calibration month the user
//!   picks. Features then come from the months up to and including the calibration month only
//!   (`MonthRange::UpTo { to: calibration }`), so nothing that happened later can leak into them,
//!   and customers whose first event is after the calibration month are left out (they did not
//!   exist yet when the prediction would have been made);
//! - a class: the tier of each customer from a scenario evaluation, or a text column such as an
//!   existing tier.
//!
//! Every customer left out is counted in the summary, never dropped silently.

use serde::{Deserialize, Serialize};

use crate::engine::dataset::NO_CODE;
use crate::engine::date::MonthIndex;
use crate::engine::evaluate::PreparedData;
use crate::engine::features::catalog::FeatureKey;
use crate::engine::features::monthly::MonthlyActivity;
use crate::engine::features::table::{FeatureError, MonthRange};
use crate::engine::limits::Limit;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: i32,
    /// 1-12.
    pub month: u32,
}

impl YearMonth {
    fn index(self) -> MonthIndex {
        MonthIndex::from_ymd(self.year, self.month)
    }

    fn of(index: MonthIndex) -> YearMonth {
        YearMonth { year: index.year(), month: index.month() }
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// What the holdout target counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldoutMeasure {
    /// Net spend (purchases minus refunds).
    Spend,
    /// Completed purchases.
    Purchases,
}

/// Months a holdout target covers (the page reads this to check its field).
pub const HOLDOUT_MONTHS: Limit = Limit::whole("holdout_months", 1.0, 36.0);
pub const MAX_HOLDOUT_MONTHS: u32 = HOLDOUT_MONTHS.max as u32;
/// More classes than this is not a tier and would make the confusion matrix unreadable.
pub const MAX_CLASSES: usize = 20;
/// Fewer rows cannot be split into training and test sets meaningfully.
pub const MIN_ROWS: usize = 10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetSpec {
    /// A numeric column (`column:<name>`) or built-in feature, over the whole history. It must not
    /// also be one of the features.
    Column { key: FeatureKey },
    /// Spend or purchases in the `holdout_months` months after the calibration month (event logs).
    /// Features are computed over the months up to and including `calibration_end`.
    Holdout { calibration_end: YearMonth, holdout_months: u32, measure: HoldoutMeasure },
    /// A class per customer (index = customer number), e.g. `evaluate(..).final_tiers`, with the
    /// class names (e.g. the scenario's tier names).
    Tiers { tiers: Vec<u8>, names: Vec<String> },
    /// A text column (e.g. an existing tier); customers without a value are left out.
    ClassColumn { name: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingSpec {
    pub features: Vec<FeatureKey>,
    pub target: TargetSpec,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TrainingSetError {
    #[error("choose at least one feature to learn from")]
    NoFeatures,
    #[error("feature {feature} is chosen twice")]
    DuplicateFeature { feature: FeatureKey },
    /// Learning a value from itself would score perfectly and mean nothing.
    #[error("{feature} is the target: it cannot also be a feature")]
    TargetAmongFeatures { feature: FeatureKey },
    #[error("{error}")]
    Feature { error: FeatureError },
    /// Holdout targets need dated events.
    #[error("a holdout target needs an event log with dates; this data is a customer table")]
    NeedsEventLog,
    #[error("month {month} is not between 1 and 12")]
    InvalidMonth { month: u32 },
    #[error("the holdout covers 1 to {MAX_HOLDOUT_MONTHS} months; {months} was requested")]
    HoldoutMonthsOutOfRange { months: u32 },
    /// The calibration month must leave `holdout_months` months of data after it.
    #[error(
        "the calibration period cannot end in {calibration_end}: with this holdout length it must end between {earliest} and {latest}"
    )]
    CalibrationOutOfRange { calibration_end: YearMonth, earliest: YearMonth, latest: YearMonth },
    #[error("{tiers} tiers were given for {customers} customers")]
    TierCountMismatch { customers: usize, tiers: usize },
    #[error("customer {customer_id} has tier {tier} but there are only {names} tier names")]
    TierOutOfRange { customer_id: String, tier: u8, names: usize },
    #[error("there is no text column named {name}")]
    UnknownClassColumn { name: String },
    #[error("the target has {classes} different values; at most {max} classes can be learned")]
    TooManyClasses { classes: usize, max: usize },
    #[error("only {rows} customers have a target value; at least {needed} are needed")]
    TooFewRows { rows: usize, needed: usize },
    /// A class number with no class name (ready-made columns only).
    #[error("row {} has class {class} but there are only {classes} class names", row + 1)]
    ClassOutOfRange { row: usize, class: usize, classes: usize },
    #[error("feature {feature} has {found} values but the target has {expected}")]
    ColumnLengthMismatch { feature: String, expected: usize, found: usize },
}

impl From<FeatureError> for TrainingSetError {
    fn from(error: FeatureError) -> Self {
        TrainingSetError::Feature { error }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A number per row.
    Values(Vec<f64>),
    /// A class number per row, below `names.len()`.
    Classes { labels: Vec<usize>, names: Vec<String> },
}

/// The calibration / holdout periods of a holdout target (inclusive calendar months).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HoldoutPeriods {
    pub calibration_start: YearMonth,
    pub calibration_end: YearMonth,
    pub holdout_start: YearMonth,
    pub holdout_end: YearMonth,
    /// The "last period" baseline: the same number of months just before the holdout (fewer when
    /// the data starts later).
    pub baseline_start: YearMonth,
    pub baseline_months: u32,
    /// The data ends inside the last holdout month, so that month is only partly observed.
    pub last_holdout_month_partial: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissingCount {
    pub feature: String,
    pub rows: usize,
}

/// How the rows were chosen, for the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingSetSummary {
    pub target: String,
    pub features: Vec<String>,
    /// Rows the model learns and is tested on.
    pub rows: usize,
    pub customers: usize,
    /// Customers left out because their target value is missing.
    pub without_target: usize,
    /// Customers left out because their first event is after the calibration period.
    pub not_yet_customers: usize,
    /// Missing values per feature among the rows (imputed later with the training median).
    pub missing_values: Vec<MissingCount>,
    pub periods: Option<HoldoutPeriods>,
}

/// Rows, features and target ready for a model.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingSet {
    pub features: Vec<FeatureKey>,
    /// Raw feature values, one vector per feature, one value per row (NaN = missing).
    pub columns: Vec<Vec<f64>>,
    /// Customer number of each row.
    pub customers: Vec<usize>,
    pub target: Target,
    /// Per row, the target measured over the period just before the holdout (holdout targets only):
    /// the "nothing changes" baseline.
    pub last_period: Option<Vec<f64>>,
    /// The same features for EVERY customer (index = customer number) as of the end of the data:
    /// what the trained model scores to predict each customer's next value or tier.
    pub scoring_columns: Vec<Vec<f64>>,
    pub summary: TrainingSetSummary,
}

impl TrainingSet {
    pub fn build(data: &PreparedData, spec: &TrainingSpec) -> Result<TrainingSet, TrainingSetError> {
        check_features(&spec.features)?;
        if matches!(spec.target, TargetSpec::Holdout { .. }) && data.monthly.is_none() {
            return Err(TrainingSetError::NeedsEventLog);
        }
        let source = data.features();
        source.check(&spec.features)?;
        let customers = data.dataset.customer_count();
        let last = source.last_month();
        let scoring_columns = source.compute(&spec.features, MonthRange::UpTo { to: last })?.columns;
        let mut periods = None;
        let mut last_period = None;
        let mut not_yet = vec![false; customers];
        let (columns_all, target_all, target_name): (Vec<Vec<f64>>, TargetValues, String) = match &spec.target {
            TargetSpec::Column { key } => {
                if spec.features.contains(key) {
                    return Err(TrainingSetError::TargetAmongFeatures { feature: key.clone() });
                }
                let values = source.compute(std::slice::from_ref(key), MonthRange::UpTo { to: last })?.columns;
                let values = values.into_iter().next().unwrap_or_default();
                (scoring_columns.clone(), TargetValues::Numbers(values), key.to_string())
            }
            TargetSpec::Holdout { calibration_end, holdout_months, measure } => {
                let monthly = data.monthly.as_ref().ok_or(TrainingSetError::NeedsEventLog)?;
                let window = HoldoutWindow::resolve(monthly, *calibration_end, *holdout_months)?;
                let features = source.compute(&spec.features, MonthRange::UpTo { to: window.calibration })?.columns;
                let calibration_end_time = monthly.month_end(window.calibration);
                for (c, flag) in not_yet.iter_mut().enumerate() {
                    *flag = monthly.first_seen[c] > calibration_end_time;
                }
                let measure_over = |from: usize, to: usize| -> Vec<f64> {
                    (0..customers)
                        .map(|c| {
                            let totals = monthly.window_totals(c, from, to);
                            match measure {
                                HoldoutMeasure::Spend => totals.net_spend(),
                                HoldoutMeasure::Purchases => f64::from(totals.purchases),
                            }
                        })
                        .collect()
                };
                let target = measure_over(window.calibration + 1, window.holdout_end);
                last_period = Some(measure_over(window.baseline_start, window.calibration));
                periods = Some(window.periods(monthly));
                let name = match measure {
                    HoldoutMeasure::Spend => format!("spend in the {holdout_months} months after {calibration_end}"),
                    HoldoutMeasure::Purchases => {
                        format!("purchases in the {holdout_months} months after {calibration_end}")
                    }
                };
                (features, TargetValues::Numbers(target), name)
            }
            TargetSpec::Tiers { tiers, names } => {
                if tiers.len() != customers {
                    return Err(TrainingSetError::TierCountMismatch { customers, tiers: tiers.len() });
                }
                if let Some(c) = tiers.iter().position(|&t| t as usize >= names.len()) {
                    return Err(TrainingSetError::TierOutOfRange {
                        customer_id: data.dataset.customers.ids[c].to_string(),
                        tier: tiers[c],
                        names: names.len(),
                    });
                }
                if names.len() > MAX_CLASSES {
                    return Err(TrainingSetError::TooManyClasses { classes: names.len(), max: MAX_CLASSES });
                }
                let labels = tiers.iter().map(|&t| Some(t as usize)).collect();
                (scoring_columns.clone(), TargetValues::Labels { labels, names: names.clone() }, "tier".to_string())
            }
            TargetSpec::ClassColumn { name } => {
                let attribute = data
                    .dataset
                    .customers
                    .attributes
                    .iter()
                    .find(|a| &a.name == name)
                    .ok_or_else(|| TrainingSetError::UnknownClassColumn { name: name.clone() })?;
                // Only values that occur become classes, in the column's dictionary order.
                let mut used = vec![false; attribute.dictionary.len()];
                for &code in &attribute.codes {
                    if code != NO_CODE {
                        used[code as usize] = true;
                    }
                }
                let classes: Vec<usize> = (0..used.len()).filter(|&c| used[c]).collect();
                if classes.len() > MAX_CLASSES {
                    return Err(TrainingSetError::TooManyClasses { classes: classes.len(), max: MAX_CLASSES });
                }
                let mut class_of_code = vec![usize::MAX; used.len()];
                for (class, &code) in classes.iter().enumerate() {
                    class_of_code[code] = class;
                }
                let labels = attribute
                    .codes
                    .iter()
                    .map(|&code| (code != NO_CODE).then(|| class_of_code[code as usize]))
                    .collect();
                let names = classes.iter().map(|&c| attribute.dictionary[c].clone()).collect();
                (scoring_columns.clone(), TargetValues::Labels { labels, names }, name.clone())
            }
        };
        let has_target: Vec<bool> = match &target_all {
            TargetValues::Numbers(v) => v.iter().map(|x| x.is_finite()).collect(),
            TargetValues::Labels { labels, .. } => labels.iter().map(Option::is_some).collect(),
        };
        let rows: Vec<usize> = (0..customers).filter(|&c| !not_yet[c] && has_target[c]).collect();
        let without_target = (0..customers).filter(|&c| !not_yet[c] && !has_target[c]).count();
        let target = match target_all {
            TargetValues::Numbers(v) => Target::Values(rows.iter().map(|&r| v[r]).collect()),
            TargetValues::Labels { labels, names } => {
                Target::Classes { labels: rows.iter().map(|&r| labels[r].unwrap_or_default()).collect(), names }
            }
        };
        let columns: Vec<Vec<f64>> = columns_all.iter().map(|col| rows.iter().map(|&r| col[r]).collect()).collect();
        let last_period = last_period.map(|v: Vec<f64>| rows.iter().map(|&r| v[r]).collect());
        let mut set = TrainingSet {
            features: spec.features.clone(),
            columns,
            customers: rows,
            target,
            last_period,
            scoring_columns,
            summary: TrainingSetSummary {
                target: target_name,
                features: spec.features.iter().map(ToString::to_string).collect(),
                rows: 0,
                customers,
                without_target,
                not_yet_customers: not_yet.iter().filter(|&&n| n).count(),
                missing_values: vec![],
                periods,
            },
        };
        set.finish_summary()?;
        Ok(set)
    }

    /// A training set from ready-made columns (rows = customers `0..n`), e.g. a feature matrix read
    /// from a file. The scoring columns are the same columns.
    pub fn from_columns(
        features: Vec<FeatureKey>,
        columns: Vec<Vec<f64>>,
        target: Target,
        target_name: &str,
    ) -> Result<TrainingSet, TrainingSetError> {
        check_features(&features)?;
        let n = match &target {
            Target::Values(v) => v.len(),
            Target::Classes { labels, names } => {
                if names.len() > MAX_CLASSES {
                    return Err(TrainingSetError::TooManyClasses { classes: names.len(), max: MAX_CLASSES });
                }
                if let Some(row) = labels.iter().position(|&l| l >= names.len()) {
                    return Err(TrainingSetError::ClassOutOfRange { row, class: labels[row], classes: names.len() });
                }
                labels.len()
            }
        };
        if let Some((key, column)) = features.iter().zip(&columns).find(|(_, c)| c.len() != n) {
            return Err(TrainingSetError::ColumnLengthMismatch {
                feature: key.to_string(),
                expected: n,
                found: column.len(),
            });
        }
        let mut set = TrainingSet {
            summary: TrainingSetSummary {
                target: target_name.to_string(),
                features: features.iter().map(ToString::to_string).collect(),
                rows: 0,
                customers: n,
                without_target: 0,
                not_yet_customers: 0,
                missing_values: vec![],
                periods: None,
            },
            features,
            scoring_columns: columns.clone(),
            columns,
            customers: (0..n).collect(),
            target,
            last_period: None,
        };
        set.finish_summary()?;
        Ok(set)
    }

    pub fn rows(&self) -> usize {
        self.customers.len()
    }

    pub fn feature_names(&self) -> Vec<String> {
        self.features.iter().map(ToString::to_string).collect()
    }

    fn finish_summary(&mut self) -> Result<(), TrainingSetError> {
        let rows = self.rows();
        if rows < MIN_ROWS {
            return Err(TrainingSetError::TooFewRows { rows, needed: MIN_ROWS });
        }
        self.summary.rows = rows;
        self.summary.missing_values = self
            .features
            .iter()
            .zip(&self.columns)
            .map(|(key, column)| MissingCount {
                feature: key.to_string(),
                rows: column.iter().filter(|v| !v.is_finite()).count(),
            })
            .collect();
        Ok(())
    }
}

enum TargetValues {
    Numbers(Vec<f64>),
    Labels { labels: Vec<Option<usize>>, names: Vec<String> },
}

fn check_features(features: &[FeatureKey]) -> Result<(), TrainingSetError> {
    if features.is_empty() {
        return Err(TrainingSetError::NoFeatures);
    }
    for (i, key) in features.iter().enumerate() {
        if features[..i].contains(key) {
            return Err(TrainingSetError::DuplicateFeature { feature: key.clone() });
        }
    }
    Ok(())
}

/// Month offsets (from the data's first month) of a calibration / holdout split.
struct HoldoutWindow {
    calibration: usize,
    holdout_end: usize,
    baseline_start: usize,
}

impl HoldoutWindow {
    fn resolve(
        monthly: &MonthlyActivity,
        calibration_end: YearMonth,
        holdout_months: u32,
    ) -> Result<HoldoutWindow, TrainingSetError> {
        if !(1..=12).contains(&calibration_end.month) {
            return Err(TrainingSetError::InvalidMonth { month: calibration_end.month });
        }
        if !HOLDOUT_MONTHS.contains(f64::from(holdout_months)) {
            return Err(TrainingSetError::HoldoutMonthsOutOfRange { months: holdout_months });
        }
        let first = monthly.first_month;
        let last = monthly.month_count as i64 - 1;
        let offset = i64::from(calibration_end.index().0 - first.0);
        let latest = last - i64::from(holdout_months);
        if offset < 0 || offset > latest {
            // The earliest sensible calibration end is the data's first month.
            return Err(TrainingSetError::CalibrationOutOfRange {
                calibration_end,
                earliest: YearMonth::of(first),
                latest: YearMonth::of(MonthIndex(first.0 + latest.max(0) as i32)),
            });
        }
        let calibration = offset as usize;
        let holdout = holdout_months as usize;
        Ok(HoldoutWindow {
            calibration,
            holdout_end: calibration + holdout,
            baseline_start: (calibration + 1).saturating_sub(holdout),
        })
    }

    fn periods(&self, monthly: &MonthlyActivity) -> HoldoutPeriods {
        let at = |offset: usize| YearMonth::of(MonthIndex(monthly.first_month.0 + offset as i32));
        let holdout_end_month = MonthIndex(monthly.first_month.0 + self.holdout_end as i32);
        let next_month_start = MonthIndex(holdout_end_month.0 + 1).start_timestamp();
        HoldoutPeriods {
            calibration_start: at(0),
            calibration_end: at(self.calibration),
            holdout_start: at(self.calibration + 1),
            holdout_end: at(self.holdout_end),
            baseline_start: at(self.baseline_start),
            baseline_months: (self.calibration + 1 - self.baseline_start) as u32,
            last_holdout_month_partial: monthly.as_of < next_month_start - 86_400,
        }
    }
}

#[cfg(test)]
#[path = "training_set_tests.rs"]
mod tests;
