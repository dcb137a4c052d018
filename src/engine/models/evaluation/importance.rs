//! Permutation importance: how much a model's test score drops when one feature's values are
//! shuffled across customers (Breiman 2001; scikit-learn's `permutation_importance`). Works for any
//! model because it only needs predictions.

use serde::{Deserialize, Serialize};

use crate::engine::rng::Rng;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeatureImportance {
    pub feature: String,
    /// Mean drop of the score (R^2 or accuracy) over the repeats; can be slightly negative for a
    /// feature that does not matter.
    pub mean_drop: f64,
    /// Population standard deviation of the drop over the repeats.
    pub sd_drop: f64,
}

/// Drop of `score` when each column is shuffled, `repeats` times per column with seeded
/// shuffles (`Rng::for_stream(seed, column * repeats + repeat)`), sorted by mean drop, largest
/// first (ties by name). `score` gets the feature columns and returns higher-is-better;
/// `after_feature` is called once per column (for progress).
pub fn permutation_importance(
    columns: &[Vec<f64>],
    names: &[String],
    repeats: usize,
    seed: u64,
    score: &mut dyn FnMut(&[Vec<f64>]) -> f64,
    after_feature: &mut dyn FnMut(),
) -> Vec<FeatureImportance> {
    let reference = score(columns);
    let mut shuffled: Vec<Vec<f64>> = columns.to_vec();
    let mut result: Vec<FeatureImportance> = Vec::with_capacity(columns.len());
    for (j, name) in names.iter().enumerate().take(columns.len()) {
        let drops: Vec<f64> = (0..repeats)
            .map(|r| {
                let mut rng = Rng::for_stream(seed, (j * repeats + r) as u64);
                let column = &mut shuffled[j];
                column.copy_from_slice(&columns[j]);
                for i in (1..column.len()).rev() {
                    let k = rng.below(i as u64 + 1) as usize;
                    column.swap(i, k);
                }
                reference - score(&shuffled)
            })
            .collect();
        shuffled[j].copy_from_slice(&columns[j]);
        let (mean_drop, sd_drop) = super::regression::mean_sd(&drops);
        result.push(FeatureImportance { feature: name.clone(), mean_drop, sd_drop });
        after_feature();
    }
    result.sort_by(|a, b| b.mean_drop.total_cmp(&a.mean_drop).then_with(|| a.feature.cmp(&b.feature)));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unused_features_do_not_matter_and_used_ones_do() {
        // The "model" predicts x0 exactly; score = -MAE against target = x0. Shuffling x1 changes
        // nothing (drop exactly 0); shuffling x0 makes errors, so its drop is the shuffled MAE > 0.
        let x0: Vec<f64> = (0..20).map(f64::from).collect();
        let x1: Vec<f64> = (0..20).map(|i| f64::from(i * 7 % 5)).collect();
        let target = x0.clone();
        let mut score =
            |cols: &[Vec<f64>]| -> f64 { -cols[0].iter().zip(&target).map(|(p, t)| (p - t).abs()).sum::<f64>() / 20.0 };
        let mut calls = 0;
        let names = vec!["x0".to_string(), "x1".to_string()];
        let result = permutation_importance(&[x0.clone(), x1.clone()], &names, 3, 9, &mut score, &mut || calls += 1);
        assert_eq!(calls, 2);
        assert_eq!(result[0].feature, "x0");
        assert!(result[0].mean_drop > 1.0, "{result:?}");
        assert_eq!(result[1].feature, "x1");
        assert_eq!(result[1].mean_drop, 0.0);
        assert_eq!(result[1].sd_drop, 0.0);
        let again = permutation_importance(&[x0, x1], &names, 3, 9, &mut score, &mut || {});
        assert_eq!(result, again);
    }
}
