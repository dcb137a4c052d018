//! Rating model (docs/model.md#rating-score): composite = mean rating (0-5) + positive_weight x positive
//! comments - negative_weight x negative comments, kept on the 0-5 scale so the usual table
//! (0-3 / 3.1-4 / 4.1-5) still applies. Customers who never rated have no composite (NaN) and land
//! in the lowest tier.

use super::{Contribution, Scored};
use crate::engine::features::catalog::Feature;
use crate::engine::features::table::FeatureTable;

pub fn composite(mean_rating: f64, positive: f64, negative: f64, positive_weight: f64, negative_weight: f64) -> f64 {
    (mean_rating + positive_weight * positive - negative_weight * negative).clamp(0.0, 5.0)
}

pub fn score(features: &FeatureTable, positive_weight: f64, negative_weight: f64) -> Scored {
    let n = features.customer_count();
    let column = |f: Feature| features.get(&f.into()).map_or_else(|| vec![0.0; n], <[f64]>::to_vec);
    let (ratings, positive, negative) =
        (column(Feature::AverageRating), column(Feature::PositiveFeedback), column(Feature::NegativeFeedback));
    let scores: Vec<f64> = (0..n)
        .map(|c| {
            if ratings[c].is_finite() {
                composite(ratings[c], positive[c], negative[c], positive_weight, negative_weight)
            } else {
                f64::NAN
            }
        })
        .collect();
    let contributions = vec![
        Contribution { label: Feature::AverageRating.key().into(), values: ratings },
        Contribution {
            label: Feature::PositiveFeedback.key().into(),
            values: positive.iter().map(|p| positive_weight * p).collect(),
        },
        Contribution {
            label: Feature::NegativeFeedback.key().into(),
            values: negative.iter().map(|x| -negative_weight * x).collect(),
        },
    ];
    Scored { scores, contributions }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_rating() {
        // Ratings 4 and 5 with weights 0.5 each -> 4.5; one positive comment (weight 0.3) and one
        // negative (weight 0.2): 4.5 + 0.3 - 0.2 = 4.6, the top band (4.1-5).
        let mean = 0.5 * 4.0 + 0.5 * 5.0;
        assert!((composite(mean, 1.0, 1.0, 0.3, 0.2) - 4.6).abs() < 1e-12);
        let table = FeatureTable {
            keys: vec![
                Feature::AverageRating.into(),
                Feature::PositiveFeedback.into(),
                Feature::NegativeFeedback.into(),
            ],
            columns: vec![vec![4.5, f64::NAN, 4.9], vec![1.0, 0.0, 3.0], vec![1.0, 0.0, 0.0]],
        };
        let scores = score(&table, 0.3, 0.2).scores;
        assert!((scores[0] - 4.6).abs() < 1e-12);
        assert!(scores[1].is_nan());
        // 4.9 + 0.9 is capped at the top of the scale.
        assert_eq!(scores[2], 5.0);
    }
}
