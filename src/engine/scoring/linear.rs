//! Points by a linear formula (docs/model.md#linear-points): `I = b0 + sum b_i * x_i` on raw features.

use super::{sum_terms, Contribution, Scored};
use crate::engine::features::table::FeatureTable;
use crate::engine::scenario::FeatureWeight;

pub fn score(features: &FeatureTable, intercept: f64, terms: &[FeatureWeight]) -> Scored {
    let n = features.customer_count();
    let contributions: Vec<Contribution> = terms
        .iter()
        .map(|t| Contribution {
            label: t.feature.to_string(),
            // A customer without a value (NaN) contributes nothing for that term.
            values: features.get(&t.feature).map_or_else(
                || vec![0.0; n],
                |v| v.iter().map(|x| if x.is_finite() { t.weight * x } else { 0.0 }).collect(),
            ),
        })
        .collect();
    let mut all = contributions.clone();
    all.push(Contribution { label: "intercept".into(), values: vec![intercept; n] });
    Scored { scores: sum_terms(&contributions, n, intercept), contributions: all }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::catalog::Feature;

    #[test]
    fn worked_examples_linear_points() {
        // b = (10, 0.5, 0.2, 0.1) on (amount, frequency, browse):
        // (1000, 10, 30): 10 + 500 + 2 + 3 = 515; (500, 20, 20): 10 + 250 + 4 + 2 = 266;
        // (2000, 15, 60): 10 + 1000 + 3 + 6 = 1019.
        let table = FeatureTable {
            keys: vec![Feature::Monetary.into(), Feature::Frequency.into(), Feature::BrowseMinutes.into()],
            columns: vec![vec![1000.0, 500.0, 2000.0], vec![10.0, 20.0, 15.0], vec![30.0, 20.0, 60.0]],
        };
        let terms = [
            FeatureWeight { feature: Feature::Monetary.into(), weight: 0.5 },
            FeatureWeight { feature: Feature::Frequency.into(), weight: 0.2 },
            FeatureWeight { feature: Feature::BrowseMinutes.into(), weight: 0.1 },
        ];
        let scored = score(&table, 10.0, &terms);
        for (got, want) in scored.scores.iter().zip([515.0, 266.0, 1019.0]) {
            assert!((got - want).abs() < 1e-9, "{got} != {want}");
        }
        assert_eq!(scored.contributions.last().unwrap().label, "intercept");
    }
}
