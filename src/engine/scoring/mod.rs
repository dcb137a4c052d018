//! Turns per-customer features into one score per customer (the tier basis), by the model a
//! scenario chooses, keeping each term's contribution so a customer's score can be explained.

pub mod funnel;
pub mod growth_value;
pub mod linear;
pub mod rating;
pub mod rfm;
pub mod weighted;

use super::features::catalog::FeatureKey;
use super::features::table::FeatureTable;
use super::scenario::Scoring;

/// Scores plus the additive terms they are made of (terms sum to the score for additive models).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scored {
    pub scores: Vec<f64>,
    pub contributions: Vec<Contribution>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// A feature key, or a model term such as `intercept`, `r`, `f`, `m`.
    pub label: String,
    pub values: Vec<f64>,
}

/// What some models need besides the feature table.
#[derive(Clone, Copy, Debug, Default)]
pub struct ScoreInputs<'a> {
    /// Qualifying points per customer (`Scoring::QualifyingPoints`).
    pub qualifying_points: Option<&'a [f64]>,
    /// Months of membership inside the qualifying window per customer (`Scoring::LevelGrowth`);
    /// without them (a customer table) the data counts as one period.
    pub membership_months: Option<&'a [f64]>,
}

/// Scores every customer. `features` must hold `scenario.scoring_features()`.
pub fn score(scoring: &Scoring, features: &FeatureTable, inputs: &ScoreInputs) -> Scored {
    let qualifying_points = inputs.qualifying_points;
    let column = |key: &FeatureKey| features.get(key).unwrap_or_default();
    match scoring {
        Scoring::GrowthValue { amount, orders, interactions } => growth_value::score(
            features,
            growth_value::Weights { amount: *amount, orders: *orders, interactions: *interactions },
        ),
        Scoring::LevelGrowth { amount, orders, interactions, theta, gamma } => growth_value::level_score(
            features,
            growth_value::Weights { amount: *amount, orders: *orders, interactions: *interactions },
            growth_value::Level { theta: *theta, gamma: *gamma },
            inputs.membership_months,
        ),
        Scoring::WeightedScore { weights, cap_percentile } => weighted::score(features, weights, *cap_percentile),
        Scoring::LinearPoints { intercept, terms } => linear::score(features, *intercept, terms),
        Scoring::FunnelConversion { .. } => funnel::score(features),
        Scoring::Rating { positive_weight, negative_weight } => {
            rating::score(features, *positive_weight, *negative_weight)
        }
        Scoring::Rfm => rfm::score(features),
        Scoring::Metric { feature } => {
            let values = column(feature).to_vec();
            Scored {
                contributions: vec![Contribution { label: feature.to_string(), values: values.clone() }],
                scores: values,
            }
        }
        Scoring::QualifyingPoints => {
            let values = qualifying_points.map(<[f64]>::to_vec).unwrap_or_else(|| vec![0.0; features.customer_count()]);
            Scored {
                contributions: vec![Contribution { label: "qualifying_points".into(), values: values.clone() }],
                scores: values,
            }
        }
    }
}

/// Sums contribution columns into scores.
fn sum_terms(contributions: &[Contribution], customers: usize, offset: f64) -> Vec<f64> {
    let mut scores = vec![offset; customers];
    for term in contributions {
        for (score, value) in scores.iter_mut().zip(&term.values) {
            *score += value;
        }
    }
    scores
}

/// Mean absolute share each term has of the score, to spot one raw feature swamping the others
/// (a raw `500 * 0.5 + 10 * 0.3 = 253`).
pub fn term_shares(contributions: &[Contribution]) -> Vec<(String, f64)> {
    shares_of_magnitudes(term_magnitudes(contributions))
}

/// Each term's sum of absolute values over customers (the parts of `term_shares`, which add up
/// over partitions of the customers).
pub fn term_magnitudes(contributions: &[Contribution]) -> Vec<(String, f64)> {
    contributions
        .iter()
        .map(|c| (c.label.clone(), c.values.iter().filter(|v| v.is_finite()).map(|v| v.abs()).sum::<f64>()))
        .collect()
}

/// Each term's share of the summed magnitudes.
pub fn shares_of_magnitudes(magnitudes: Vec<(String, f64)>) -> Vec<(String, f64)> {
    let total: f64 = magnitudes.iter().map(|(_, m)| m).sum();
    magnitudes.into_iter().map(|(label, m)| (label, if total > 0.0 { m / total } else { 0.0 })).collect()
}
