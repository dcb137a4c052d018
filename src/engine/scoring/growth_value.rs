//! Growth value (成长值, docs/model.md#growth-value): a raw weighted sum accumulated over the window,
//! `G = w_amount * spend + w_orders * orders + w_interactions * interactions`.
//! Deliberately not normalised: it is a currency-like running total, so spend dominates by design.

use super::{sum_terms, Contribution, Scored};
use crate::engine::features::catalog::Feature;
use crate::engine::features::table::FeatureTable;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub amount: f64,
    pub orders: f64,
    pub interactions: f64,
}

pub fn growth_value(weights: Weights, spend: f64, orders: f64, interactions: f64) -> f64 {
    weights.amount * spend + weights.orders * orders + weights.interactions * interactions
}

pub fn score(features: &FeatureTable, weights: Weights) -> Scored {
    let n = features.customer_count();
    let term = |feature: Feature, weight: f64| {
        let values =
            features.get(&feature.into()).map_or_else(|| vec![0.0; n], |v| v.iter().map(|x| weight * x).collect());
        Contribution { label: feature.key().to_string(), values }
    };
    let contributions = vec![
        term(Feature::Monetary, weights.amount),
        term(Feature::Frequency, weights.orders),
        term(Feature::Interactions, weights.interactions),
    ];
    Scored { scores: sum_terms(&contributions, n, 0.0), contributions }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_growth_value() {
        // The worked example of docs/model.md#growth-value: 2000 spent, 3 orders, 10 interactions with
        // weights 0.7 / 0.2 / 0.1:
        // 0.7 * 2000 + 0.2 * 3 + 0.1 * 10 = 1400 + 0.6 + 1 = 1401.6.
        let w = Weights { amount: 0.7, orders: 0.2, interactions: 0.1 };
        assert!((growth_value(w, 2000.0, 3.0, 10.0) - 1401.6).abs() < 1e-9);
        let table = FeatureTable {
            keys: vec![Feature::Monetary.into(), Feature::Frequency.into(), Feature::Interactions.into()],
            columns: vec![vec![2000.0], vec![3.0], vec![10.0]],
        };
        let scored = score(&table, w);
        assert!((scored.scores[0] - 1401.6).abs() < 1e-9);
        assert_eq!(scored.contributions[0].values, vec![1400.0]);
    }
}
