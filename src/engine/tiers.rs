//! Draws tier boundaries (absolute, from target shares, or at quantiles) and places scores in tiers.

use super::features::transform::percentile;
use super::scenario::Thresholds;

/// The effective lower bound of every tier but the first, non-decreasing. A tier whose bound equals
/// the next one's is empty.
pub fn resolve_bounds(thresholds: &Thresholds, scores: &[f64]) -> Vec<f64> {
    match thresholds {
        Thresholds::Absolute { lower_bounds } => lower_bounds.clone(),
        Thresholds::TargetShares { percent } => bounds_for_shares(percent, scores),
        Thresholds::Quantiles { quantiles } => quantiles.iter().map(|q| percentile(scores, q * 100.0)).collect(),
    }
}

/// Bounds that split `scores` as close to the target shares as ties allow. Cuts are only placed
/// between distinct scores, so customers with equal scores always share a tier; each cut goes to the
/// achievable position nearest its target; on a tie the cut goes higher, keeping the tied customers
/// in the lower (cheaper) tier.
pub fn bounds_for_shares(percent: &[f64], scores: &[f64]) -> Vec<f64> {
    let mut sorted: Vec<f64> = scores.iter().copied().filter(|s| s.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        return (1..percent.len()).map(|k| k as f64).collect();
    }
    // Positions i where a cut may go: before sorted[i] when it differs from its predecessor, or at the end.
    let cuts: Vec<usize> = (0..=n).filter(|&i| i == 0 || i == n || sorted[i - 1] < sorted[i]).collect();
    let above_max = sorted[n - 1].next_up();
    let mut bounds = Vec::with_capacity(percent.len().saturating_sub(1));
    let mut cumulative = 0.0;
    let mut previous_cut = 0;
    for share in &percent[..percent.len().saturating_sub(1)] {
        cumulative += share / 100.0;
        let target = cumulative * n as f64;
        let cut = cuts
            .iter()
            .copied()
            .filter(|&i| i >= previous_cut)
            .min_by(|&x, &y| (x as f64 - target).abs().total_cmp(&(y as f64 - target).abs()).then(y.cmp(&x)))
            .unwrap_or(n);
        previous_cut = cut;
        bounds.push(if cut < n { sorted[cut] } else { above_max });
    }
    bounds
}

/// Tier index (0 = lowest) of a score: the number of bounds it reaches. A missing score (NaN) is in
/// the lowest tier.
pub fn tier_of(score: f64, bounds: &[f64]) -> usize {
    bounds.partition_point(|&bound| bound <= score)
}

pub fn assign_tiers(scores: &[f64], bounds: &[f64]) -> Vec<u8> {
    scores.iter().map(|&s| tier_of(s, bounds) as u8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_value_example_lands_in_diamond() {
        // The growth-value table of docs/model.md#growth-value: 0-100 Regular, 101-500 Silver,
        // 501-1000 Gold, >= 1001 Diamond.
        let bounds = [101.0, 501.0, 1001.0];
        assert_eq!(tier_of(1401.6, &bounds), 3);
        assert_eq!(tier_of(100.0, &bounds), 0);
        assert_eq!(tier_of(101.0, &bounds), 1);
        assert_eq!(tier_of(1000.99, &bounds), 2);
        assert_eq!(tier_of(f64::NAN, &bounds), 0);
    }

    #[test]
    fn shares_without_ties_are_met_exactly() {
        // 100 distinct scores 0..99, shares 60/25/10/5: cuts at positions 60, 85, 95.
        let scores: Vec<f64> = (0..100).map(f64::from).collect();
        let bounds = bounds_for_shares(&[60.0, 25.0, 10.0, 5.0], &scores);
        assert_eq!(bounds, vec![60.0, 85.0, 95.0]);
        let tiers = assign_tiers(&scores, &bounds);
        let counts: Vec<usize> = (0..4).map(|t| tiers.iter().filter(|&&x| x == t).count()).collect();
        assert_eq!(counts, vec![60, 25, 10, 5]);
    }

    #[test]
    fn ties_stay_together_and_go_to_the_nearest_cut() {
        // 70 customers never bought (score 0), 30 with scores 1..30. Target 60/40: the cut cannot
        // split the zeros, nearest achievable position is 70 (|70-60| = 10 < |0-60|).
        let mut scores = vec![0.0; 70];
        scores.extend((1..=30).map(f64::from));
        let bounds = bounds_for_shares(&[60.0, 40.0], &scores);
        assert_eq!(bounds, vec![1.0]);
        let tiers = assign_tiers(&scores, &bounds);
        assert_eq!(tiers.iter().filter(|&&t| t == 0).count(), 70);
    }

    #[test]
    fn a_cut_past_the_top_leaves_the_tier_empty() {
        // All customers equal: no cut between distinct values exists except the ends.
        let scores = vec![5.0; 10];
        let bounds = bounds_for_shares(&[50.0, 30.0, 20.0], &scores);
        // Targets 5 and 8: positions 0 and 10 are both 5 away from 5 -> the higher (10), so everyone
        // stays in the lowest tier and both upper tiers are empty.
        assert!(bounds.iter().all(|&b| b > 5.0));
        let tiers = assign_tiers(&scores, &bounds);
        assert!(tiers.iter().all(|&t| t == 0));
    }

    #[test]
    fn quantile_bounds() {
        // Scores 0..=100: the 0.6 / 0.9 quantiles are 60 and 90.
        let scores: Vec<f64> = (0..=100).map(f64::from).collect();
        let bounds = resolve_bounds(&Thresholds::Quantiles { quantiles: vec![0.6, 0.9] }, &scores);
        assert_eq!(bounds, vec![60.0, 90.0]);
    }

    // proptest is a native-only dev-dependency; the wasm test build (browser tests) leaves these out.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// Target shares are met exactly when scores are distinct, and within the largest tie
            /// group otherwise.
            #[test]
            fn shares_match_targets_within_ties(
                scores in proptest::collection::vec(0u32..50, 20..400),
                cuts in proptest::collection::vec(1u32..99, 1..4),
            ) {
                let scores: Vec<f64> = scores.into_iter().map(f64::from).collect();
                let mut cuts = cuts;
                cuts.sort();
                cuts.dedup();
                let mut percent = vec![];
                let mut last = 0;
                for c in &cuts { percent.push(f64::from(c - last)); last = *c; }
                percent.push(f64::from(100 - last));
                let bounds = bounds_for_shares(&percent, &scores);
                let tiers = assign_tiers(&scores, &bounds);
                let n = scores.len() as f64;
                let largest_tie = (0..50).map(|v| scores.iter().filter(|&&s| s == f64::from(v)).count()).max().unwrap() as f64;
                let mut cumulative_target = 0.0;
                for k in 0..percent.len() - 1 {
                    cumulative_target += percent[k] / 100.0 * n;
                    let below = tiers.iter().filter(|&&t| (t as usize) <= k).count() as f64;
                    // A cut can miss its target by at most one tie group (it lands on a group edge).
                    prop_assert!((below - cumulative_target).abs() <= largest_tie, "tier {} {} vs {}", k, below, cumulative_target);
                }
                // Equal scores always share a tier.
                for i in 0..scores.len() { for j in 0..scores.len() {
                    if scores[i] == scores[j] { prop_assert_eq!(tiers[i], tiers[j]); }
                }}
            }
        }
    }
}
