//! Growth value (成长值, docs/model.md#growth-value): a raw weighted sum accumulated over the window,
//! `G = w_amount * spend + w_orders * orders + w_interactions * interactions`.
//! Deliberately not normalised: it is a currency-like running total, so spend dominates by design.
//! Level growth (docs/model.md#level-growth) builds on it: `L(t+1) = L(t) + theta * G(t) + gamma`
//! month by month from 0, which over `n` membership months of the window is `theta * G + gamma * n`.

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

/// Level growth's constants: `theta` scales each month's growth value, `gamma` is added every month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Level {
    pub theta: f64,
    pub gamma: f64,
}

/// The label of level growth's constant term (`gamma x months`) among the contributions.
pub const LEVEL_CONSTANT: &str = "level_constant";

/// Level growth over the window: the growth value's terms scaled by theta, plus gamma per month of
/// membership (`membership_months`; one period when they are not known).
pub fn level_score(
    features: &FeatureTable,
    weights: Weights,
    level: Level,
    membership_months: Option<&[f64]>,
) -> Scored {
    let n = features.customer_count();
    let mut contributions = score(features, weights).contributions;
    for term in &mut contributions {
        for value in &mut term.values {
            *value *= level.theta;
        }
    }
    let constant = (0..n).map(|c| level.gamma * membership_months.map_or(1.0, |m| m[c])).collect();
    contributions.push(Contribution { label: LEVEL_CONSTANT.to_string(), values: constant });
    Scored { scores: sum_terms(&contributions, n, 0.0), contributions }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_growth_by_hand() {
        // theta 0.5, gamma 10, growth value weights 0.7 / 0.2 / 0.1. Month by month from L = 0:
        // month 1: 1000 spent, 2 orders, 5 interactions: G = 700 + 0.4 + 0.5 = 700.9,
        //          L = 0 + 0.5 * 700.9 + 10 = 360.45;
        // month 2: nothing: L = 360.45 + 0 + 10 = 370.45;
        // month 3: 200 spent, 1 order, 0 interactions: G = 140.2, L = 370.45 + 70.1 + 10 = 450.55.
        // In one step over the window: 0.5 * (700.9 + 140.2) + 10 * 3 = 420.55 + 30 = 450.55.
        let w = Weights { amount: 0.7, orders: 0.2, interactions: 0.1 };
        let table = FeatureTable {
            keys: vec![Feature::Monetary.into(), Feature::Frequency.into(), Feature::Interactions.into()],
            columns: vec![vec![1200.0, 1200.0], vec![3.0, 3.0], vec![5.0, 5.0]],
        };
        let level = Level { theta: 0.5, gamma: 10.0 };
        let scored = level_score(&table, w, level, Some(&[3.0, 1.0]));
        assert!((scored.scores[0] - 450.55).abs() < 1e-9, "{:?}", scored.scores);
        // The same activity in one month of membership: 420.55 + 10.
        assert!((scored.scores[1] - 430.55).abs() < 1e-9);
        assert_eq!(scored.contributions.last().unwrap().values, vec![30.0, 10.0]);
        // A customer table counts as one period.
        assert!((level_score(&table, w, level, None).scores[0] - 430.55).abs() < 1e-9);
        // theta 1 and gamma 0 is the growth value.
        let plain = level_score(&table, w, Level { theta: 1.0, gamma: 0.0 }, Some(&[3.0, 1.0]));
        assert_eq!(plain.scores, score(&table, w).scores);
    }

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
