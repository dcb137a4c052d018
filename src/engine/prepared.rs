//! A dataset with what every scenario needs computed once, and the scoring over a window that both
//! the evaluation and risk control run. Kept apart from `evaluate` so risk control can score
//! windows without importing the evaluation that runs it.

use serde::{Deserialize, Serialize};

use super::dataset::Dataset;
use super::features::monthly::MonthlyActivity;
use super::features::table::{range_end, range_start, FeatureError, FeatureSource, MonthRange};
use super::features::{Activity, ActivityError};
use super::ledger::qualifying_points;
use super::scenario::{QualifyingWindow, Scenario, Scoring};
use super::scoring::{self, ScoreInputs, Scored};

/// The built-in sample of `customers` customers (generator seed `seed`), read as `loaded` reads it:
/// the data engine tests run on.
#[cfg(test)]
pub fn sample(customers: usize, seed: u64) -> PreparedData {
    use super::progress::Silent;
    use super::sample::{generate_csv, SampleConfig};
    loaded(generate_csv(&SampleConfig { customers, seed, ..SampleConfig::default() }, &mut Silent))
}

/// `csv` read with the settings inspection detects, as the page reads a file it is given.
#[cfg(test)]
pub fn loaded(csv: String) -> PreparedData {
    use super::ingest::{self, ReadOptions, SourceText};
    use super::progress::Silent;
    let source = SourceText::utf8(csv);
    let inspection = ingest::inspect(&source, &ReadOptions::default()).unwrap();
    let (dataset, _) = ingest::load(&source, &ingest::default_settings(&inspection), &mut Silent).unwrap();
    PreparedData::new(dataset)
}

/// A dataset with what every scenario needs computed once.
pub struct PreparedData {
    pub dataset: Dataset,
    pub activity: Result<Activity, ActivityError>,
    /// Monthly totals of an event log.
    pub monthly: Option<MonthlyActivity>,
}

impl PreparedData {
    pub fn new(dataset: Dataset) -> PreparedData {
        let span = dataset.events.as_ref().and_then(|log| log.time_span());
        PreparedData::over_span(dataset, span)
    }

    /// An event log that is one partition of a larger history (first and last event time `span`):
    /// months, "as of" and history length follow the whole history, so every per-customer result
    /// equals that customer's result in the whole data.
    pub fn over_span(dataset: Dataset, span: Option<(i64, i64)>) -> PreparedData {
        let activity = Activity::from_dataset_over(&dataset, span);
        let monthly = dataset.events.as_ref().map(|log| MonthlyActivity::from_events_over(log, span));
        PreparedData { dataset, activity, monthly }
    }

    pub fn features(&self) -> FeatureSource<'_> {
        FeatureSource::new(&self.dataset, self.monthly.as_ref())
    }

    /// Features as `scenario` sees them: a funnel model's Beta prior smooths the conversion rates.
    pub fn features_for(&self, scenario: &Scenario) -> FeatureSource<'_> {
        let mut source = self.features();
        if let Scoring::FunnelConversion { prior, .. } = &scenario.scoring {
            source.prior = prior.clone();
        }
        source
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvaluateError {
    #[error(transparent)]
    Feature {
        #[from]
        error: FeatureError,
    },
    #[error(transparent)]
    Activity { error: ActivityError },
    /// A segment rule names a text column the data does not have.
    #[error("there is no text column named {name} to segment by")]
    UnknownSegmentColumn { name: String },
}

pub(crate) fn window_range(window: QualifyingWindow, to: usize) -> MonthRange {
    match window {
        QualifyingWindow::Lifetime => MonthRange::UpTo { to },
        QualifyingWindow::RollingMonths { months } => MonthRange::Rolling { to, months: months as usize },
        QualifyingWindow::CalendarYear => MonthRange::CalendarYear { to },
        QualifyingWindow::Anniversary => MonthRange::Anniversary { to },
    }
}

/// Scores of every customer over `range` (risk control also scores windows without their last month).
pub(crate) fn score_over(
    scenario: &Scenario,
    data: &PreparedData,
    monthly: &MonthlyActivity,
    range: MonthRange,
) -> Scored {
    let month = range_end(range);
    let source = data.features_for(scenario);
    let qualifying: Option<Vec<f64>> = matches!(scenario.scoring, Scoring::QualifyingPoints).then(|| {
        (0..monthly.customer_count())
            .map(|c| {
                let totals = monthly.window_totals(c, range_start(range, monthly, c), month);
                qualifying_points(&totals, &scenario.points, monthly.has_payments)
            })
            .collect()
    });
    // Level growth adds its constant once per month of membership inside the window.
    let membership_months: Option<Vec<f64>> = matches!(scenario.scoring, Scoring::LevelGrowth { .. }).then(|| {
        (0..monthly.customer_count())
            .map(|c| {
                let from = range_start(range, monthly, c).max(monthly.join_month(c));
                if month >= from {
                    (month - from + 1) as f64
                } else {
                    0.0
                }
            })
            .collect()
    });
    let table = source.compute(&scenario.scoring_features(), range).expect("features checked before the replay");
    let inputs =
        ScoreInputs { qualifying_points: qualifying.as_deref(), membership_months: membership_months.as_deref() };
    scoring::score(&scenario.scoring, &table, &inputs)
}

/// The second qualifying criterion's measure (orders or spend) of every customer over `range`;
/// `None` when the rules have no second criterion.
pub(crate) fn measure_over(scenario: &Scenario, data: &PreparedData, range: MonthRange) -> Option<Vec<f64>> {
    let second = scenario.tiers.second_criterion.as_ref()?;
    let key = second.measure.feature().into();
    let table = data.features().compute(std::slice::from_ref(&key), range).ok()?;
    Some(table.get(&key).map(<[f64]>::to_vec).unwrap_or_default())
}
