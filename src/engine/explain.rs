//! Why a customer is where they are: their features, what each contributes to the score, their tier
//! month by month, how far the next tier is, and their points.

use serde::{Deserialize, Serialize};

use super::evaluate::{window_range, Evaluated, PreparedData};
use super::features::catalog::{Feature, FeatureKey};
use super::features::table::{FeatureSource, MonthRange};
use super::features::transform::percentile_of_sorted;
use super::replay::NOT_MEMBER;
use super::scenario::{Combine, CriterionMeasure, Scenario, Scoring};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub customer_id: String,
    /// NaN (null in JSON) when the model gives this customer no score (e.g. never rated).
    #[serde(with = "super::json_float::nan_as_null")]
    pub score: f64,
    pub tier: usize,
    pub tier_name: String,
    /// Feature values over the scenario's qualifying window at the end of the history (NaN-free:
    /// missing values are left out).
    pub features: Vec<(FeatureKey, f64)>,
    /// What each scoring term adds to the score.
    pub contributions: Vec<(String, f64)>,
    pub next_tier: Option<NextTier>,
    /// Tier at the end of each month (`None` before the customer's first event); event logs only.
    pub timeline: Option<Vec<Option<usize>>>,
    pub month_labels: Vec<String>,
    pub points: Option<PointsPosition>,
    pub segment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextTier {
    pub name: String,
    pub bound: f64,
    /// Score still missing to reach the bound.
    pub distance: f64,
    /// With a second qualifying criterion: what its measure still misses, and whether the tier
    /// needs both criteria or either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second: Option<SecondDistance>,
}

/// "14 more orders or 2,300 more spend": the second criterion's part of the way to the next tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecondDistance {
    pub measure: CriterionMeasure,
    pub combine: Combine,
    pub bound: f64,
    pub distance: f64,
    /// The score is spend itself, so its distance reads as spend.
    pub score_is_spend: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointsPosition {
    pub balance: f64,
    pub pending: f64,
    pub earned_to_date: f64,
}

/// Finds a customer by id: exactly, or ignoring case and surrounding spaces.
pub fn find_customer(data: &PreparedData, id: &str) -> Option<usize> {
    let ids = &data.dataset.customers.ids;
    ids.iter().position(|x| x == id).or_else(|| {
        let wanted = id.trim().to_lowercase();
        ids.iter().position(|x| x.trim().to_lowercase() == wanted)
    })
}

pub fn explain(scenario: &Scenario, data: &PreparedData, evaluated: &Evaluated, customer: usize) -> Explanation {
    let tier = evaluated.final_tiers[customer] as usize;
    let score = evaluated.final_scores[customer];
    let bounds = &evaluated.entry_bounds[customer];
    // An excluded customer's bounds are out of reach (infinite): there is no next tier to show.
    let second = scenario.tiers.second_criterion.as_ref().and_then(|rule| {
        let bound = *evaluated.bounds_of(customer).second?.entry.get(tier)?;
        let measure = evaluated.final_standing(customer).measure;
        let measure = if measure.is_finite() { measure } else { 0.0 };
        let score_is_spend = match &scenario.scoring {
            Scoring::Metric { feature } => *feature == Feature::Monetary.into(),
            Scoring::GrowthValue { amount, orders, interactions } => {
                (*amount, *orders, *interactions) == (1.0, 0.0, 0.0)
            }
            _ => false,
        };
        Some(SecondDistance {
            measure: rule.measure,
            combine: rule.combine,
            bound,
            distance: (bound - measure).max(0.0),
            score_is_spend,
        })
    });
    let next_tier = bounds.get(tier).filter(|b| b.is_finite()).map(|&bound| NextTier {
        name: scenario.tiers.names[tier + 1].clone(),
        bound,
        distance: if score.is_finite() { (bound - score).max(0.0) } else { bound },
        second: second.filter(|s| s.bound.is_finite()),
    });
    let source = data.features_for(scenario);
    let window = window_range(scenario.tiers.window, source.last_month());
    let keys = available_features(&source);
    let features = source
        .compute(&keys, window)
        .map(|table| {
            keys.iter()
                .zip(&table.columns)
                .map(|(k, column)| (k.clone(), column[customer]))
                .filter(|(_, v)| v.is_finite())
                .collect()
        })
        .unwrap_or_default();
    let contributions = evaluated
        .scored
        .contributions
        .iter()
        .map(|c| (c.label.clone(), c.values[customer]))
        .filter(|(_, v)| v.is_finite())
        .collect();
    let (timeline, month_labels) = match &evaluated.timeline {
        Some(t) => (
            Some(t.customer_history(customer).into_iter().map(|x| (x != NOT_MEMBER).then_some(x as usize)).collect()),
            t.summary.labels.clone(),
        ),
        None => (None, vec![]),
    };
    let points = evaluated.points.as_ref().map(|p| PointsPosition {
        balance: p.balance[customer],
        pending: p.pending[customer],
        earned_to_date: p.earned_to_date[customer],
    });
    Explanation {
        customer_id: data.dataset.customers.ids[customer].to_string(),
        score,
        tier,
        tier_name: scenario.tiers.names[tier].clone(),
        features,
        contributions,
        next_tier,
        timeline,
        month_labels,
        points,
        segment: evaluated.segment_of_customer.as_ref().map(|s| s[customer].clone()),
    }
}

/// Every built-in feature this data can provide, plus its numeric customer columns.
pub fn available_features(source: &FeatureSource) -> Vec<FeatureKey> {
    let mut keys: Vec<FeatureKey> = Feature::ALL
        .iter()
        .map(|&f| FeatureKey::from(f))
        .filter(|k| source.check(std::slice::from_ref(k)).is_ok())
        .collect();
    keys.extend(
        source
            .dataset
            .customers
            .measures
            .iter()
            .filter(|m| m.role == super::roles::ColumnRole::Other || m.role == super::roles::ColumnRole::Age)
            .map(|m| FeatureKey::Column(m.name.clone())),
    );
    // Text columns as features: one indicator per value when there are few values (gender, a
    // segment), and a label code for trees.
    for attribute in &source.dataset.customers.attributes {
        if attribute.dictionary.len() <= MAX_ONE_HOT_VALUES {
            keys.extend(attribute.dictionary.iter().map(|v| FeatureKey::Column(format!("{}={v}", attribute.name))));
        }
        keys.push(FeatureKey::Column(format!("{}{}", attribute.name, super::features::table::LABEL_SUFFIX)));
    }
    keys
}

/// Text columns with more values than this get only a label code, not one indicator per value.
const MAX_ONE_HOT_VALUES: usize = 12;

/// Distribution of one feature across customers, for the feature table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeatureStats {
    pub key: FeatureKey,
    /// Customers with a value.
    pub count: usize,
    pub missing: usize,
    #[serde(with = "super::json_float::nan_as_null")]
    pub mean: f64,
    #[serde(with = "super::json_float::nan_as_null")]
    pub min: f64,
    #[serde(with = "super::json_float::nan_as_null")]
    pub p25: f64,
    #[serde(with = "super::json_float::nan_as_null")]
    pub median: f64,
    #[serde(with = "super::json_float::nan_as_null")]
    pub p75: f64,
    #[serde(with = "super::json_float::nan_as_null")]
    pub p90: f64,
    #[serde(with = "super::json_float::nan_as_null")]
    pub max: f64,
}

/// Statistics of every available feature over the whole history.
pub fn feature_stats(data: &PreparedData) -> Vec<FeatureStats> {
    let source = data.features();
    let keys = available_features(&source);
    let Ok(table) = source.compute(&keys, MonthRange::UpTo { to: source.last_month() }) else { return vec![] };
    keys.into_iter()
        .zip(table.columns)
        .map(|(key, column)| {
            let mut values: Vec<f64> = column.iter().copied().filter(|v| v.is_finite()).collect();
            values.sort_by(f64::total_cmp);
            let count = values.len();
            let q = |p: f64| percentile_of_sorted(&values, p);
            FeatureStats {
                key,
                count,
                missing: column.len() - count,
                mean: if count > 0 { values.iter().sum::<f64>() / count as f64 } else { f64::NAN },
                min: q(0.0),
                p25: q(25.0),
                median: q(50.0),
                p75: q(75.0),
                p90: q(90.0),
                max: q(100.0),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::days_from_civil;
    use crate::engine::evaluate::evaluate;
    use crate::engine::features::activity::tests::event_log;
    use crate::engine::progress::Silent;
    use crate::engine::roles::EventKind::*;
    use crate::engine::scenario::Thresholds;

    #[test]
    fn explains_score_terms_distance_and_history() {
        // Template growth value 0.7 / 0.2 / 0.1 with bounds 101 / 501 / 1001.
        // Customer "C0": pays 500 and 300 (Jan, Feb 2024) and views 3 times:
        // 0.7 * 800 + 0.2 * 2 + 0.1 * 3 = 560 + 0.4 + 0.3 = 560.7 -> Gold (>= 501), 440.3 short of Diamond.
        let d = |m, day| days_from_civil(2024, m, day);
        let data = PreparedData::new(event_log(&[
            (0, d(1, 3), View, f64::NAN),
            (0, d(1, 3), Pay, 500.0),
            (0, d(2, 3), View, f64::NAN),
            (0, d(2, 3), View, f64::NAN),
            (0, d(2, 4), Pay, 300.0),
            (1, d(3, 1), View, f64::NAN),
        ]));
        let mut s = Scenario::template();
        s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![101.0, 501.0, 1001.0] };
        let evaluated = evaluate(&s, &data, &mut Silent).unwrap();
        let customer = find_customer(&data, " c0 ").unwrap();
        let e = explain(&s, &data, &evaluated, customer);
        assert!((e.score - 560.7).abs() < 1e-9);
        assert_eq!(e.tier_name, "金牌 Gold");
        let next = e.next_tier.unwrap();
        assert_eq!(next.bound, 1001.0);
        assert!((next.distance - 440.3).abs() < 1e-9);
        assert_eq!(e.contributions[0], ("monetary".to_string(), 560.0));
        // January: 350 -> Silver; February: 560.7 -> Gold; March unchanged.
        assert_eq!(e.timeline.unwrap(), vec![Some(1), Some(2), Some(2)]);
        assert_eq!(e.month_labels, vec!["2024-01", "2024-02", "2024-03"]);
        assert!(e.features.contains(&(Feature::Frequency.into(), 2.0)));
        assert_eq!(e.points.unwrap().earned_to_date, 500.0 + 300.0 * 1.2);
        assert!(find_customer(&data, "C9").is_none());
    }
}
