//! Weighted behaviour score (docs/model.md#weighted-score): `S = sum w_i * b_i` where `b_i` is feature i
//! scaled to 0-10 over the population. Scaling is what makes the weights mean anything: a raw
//! `500 * 0.5 + 10 * 0.3 = 253` lets spend swamp everything and breaks any 0-10 threshold.

use super::{sum_terms, Contribution, Scored};
use crate::engine::features::catalog::Direction;
use crate::engine::features::table::FeatureTable;
use crate::engine::features::transform::{min_max, percentile};
use crate::engine::scenario::FeatureWeight;

/// Scales a feature to 0-10 between its minimum and its `cap_percentile` (values above the cap score
/// 10); reversed when lower is better. Customers without a value score 0 on that feature.
pub fn normalise_0_10(values: &[f64], direction: Direction, cap_percentile: f64) -> Vec<f64> {
    let low = percentile(values, 0.0);
    let high = percentile(values, cap_percentile);
    min_max(values, low, high, 10.0)
        .into_iter()
        .map(|b| match (b.is_finite(), direction) {
            (false, _) => 0.0,
            (true, Direction::HigherIsBetter) => b,
            (true, Direction::LowerIsBetter) => 10.0 - b,
        })
        .collect()
}

pub fn weighted_sum(weights: &[f64], normalised: &[f64]) -> f64 {
    weights.iter().zip(normalised).map(|(w, b)| w * b).sum()
}

pub fn score(features: &FeatureTable, weights: &[FeatureWeight], cap_percentile: f64) -> Scored {
    let n = features.customer_count();
    let contributions: Vec<Contribution> = weights
        .iter()
        .map(|w| {
            let normalised = features
                .get(&w.feature)
                .map_or_else(|| vec![0.0; n], |v| normalise_0_10(v, w.feature.direction(), cap_percentile));
            Contribution { label: w.feature.to_string(), values: normalised.iter().map(|b| w.weight * b).collect() }
        })
        .collect();
    Scored { scores: sum_terms(&contributions, n, 0.0), contributions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::catalog::Feature;
    use crate::engine::tiers::tier_of;

    #[test]
    fn worked_example_weighted_score() {
        // Weights 0.5 / 0.3 / 0.2 on normalised frequency 10, amount 8, browse 6:
        // 5 + 2.4 + 1.2 = 8.6, Silver (>= 8.0) but not Gold (>= 10.0).
        let s = weighted_sum(&[0.5, 0.3, 0.2], &[10.0, 8.0, 6.0]);
        assert!((s - 8.6).abs() < 1e-12);
        assert_eq!(tier_of(s, &[8.0, 10.0]), 1);
    }

    #[test]
    fn normalisation_caps_outliers_and_reverses_recency() {
        // Values 0..=100 in steps of 1 plus one outlier 10_000. The 99th percentile of the 102
        // values is at position 0.99 * 101 = 99.99 -> 99 + 0.99 * (100 - 99) = 99.99.
        let mut values: Vec<f64> = (0..=100).map(f64::from).collect();
        values.push(10_000.0);
        let b = normalise_0_10(&values, Direction::HigherIsBetter, 99.0);
        assert!((b[50] - 10.0 * 50.0 / 99.99).abs() < 1e-9);
        assert_eq!(b[101], 10.0);
        let r = normalise_0_10(&[0.0, 30.0, 60.0, f64::NAN], Direction::LowerIsBetter, 100.0);
        assert_eq!(r, vec![10.0, 5.0, 0.0, 0.0]);
    }

    #[test]
    fn scores_are_weighted_sums_of_normalised_features() {
        // Frequency 0 / 5 / 10 -> 0 / 5 / 10; recency 90 / 45 / 0 days -> 0 / 5 / 10.
        let table = FeatureTable {
            keys: vec![Feature::Frequency.into(), Feature::RecencyDays.into()],
            columns: vec![vec![0.0, 5.0, 10.0], vec![90.0, 45.0, 0.0]],
        };
        let weights = [
            FeatureWeight { feature: Feature::Frequency.into(), weight: 0.6 },
            FeatureWeight { feature: Feature::RecencyDays.into(), weight: 0.4 },
        ];
        let scored = score(&table, &weights, 100.0);
        assert_eq!(scored.scores, vec![0.0, 5.0, 10.0]);
    }
}
