//! Seeded train/test splits and k-fold cross-validation over row numbers.
//!
//! Shuffles use the project's portable generator (`Rng`), never smartcore's, so a seed gives the
//! same split natively and in the browser.

use serde::{Deserialize, Serialize};

use crate::engine::rng::Rng;

/// Row numbers of one split; both lists are sorted ascending.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub train: Vec<usize>,
    pub test: Vec<usize>,
}

/// `0..n` in a seeded random order (Fisher-Yates).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = Rng::new(seed);
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order
}

/// How many of `n` rows go to the test set: `round(n * share)`, kept within `1..n` when `n >= 2`
/// so that neither side is empty.
pub fn test_size(n: usize, share: f64) -> usize {
    if n < 2 {
        return 0;
    }
    ((n as f64 * share).round() as usize).clamp(1, n - 1)
}

/// A seeded split of `0..n`: `test_size(n, test_share)` rows to test, the rest to train.
pub fn train_test_split(n: usize, test_share: f64, seed: u64) -> Split {
    let order = shuffled(n, seed);
    let cut = test_size(n, test_share);
    let mut test = order[..cut].to_vec();
    let mut train = order[cut..].to_vec();
    test.sort_unstable();
    train.sort_unstable();
    Split { train, test }
}

/// `k` folds of `0..n`: every row is in exactly one fold's test set; fold sizes differ by at
/// most one (the first `n % k` folds get one more row).
pub fn k_fold(n: usize, k: usize, seed: u64) -> Vec<Split> {
    let k = k.max(1);
    let order = shuffled(n, seed);
    let base = n / k;
    let extra = n % k;
    let mut start = 0;
    (0..k)
        .map(|fold| {
            let size = base + usize::from(fold < extra);
            let mut test = order[start..start + size].to_vec();
            let mut train: Vec<usize> = order[..start].iter().chain(&order[start + size..]).copied().collect();
            start += size;
            test.sort_unstable();
            train.sort_unstable();
            Split { train, test }
        })
        .collect()
}

/// At most `limit` of the positions `0..n`, chosen by a seeded shuffle and returned sorted (for
/// plots and the silhouette sample: the page does not need every point).
pub fn seeded_sample(n: usize, limit: usize, seed: u64) -> Vec<usize> {
    if n <= limit {
        return (0..n).collect();
    }
    // A partial Fisher-Yates: only the first `limit` positions are drawn.
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = Rng::new(seed);
    for i in 0..limit {
        let j = i + rng.below((n - i) as u64) as usize;
        order.swap(i, j);
    }
    let mut chosen = order[..limit].to_vec();
    chosen.sort_unstable();
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn train_test_split_is_disjoint_covering_and_deterministic() {
        let split = train_test_split(103, 0.2, 7);
        // round(103 * 0.2) = round(20.6) = 21 test rows.
        assert_eq!(split.test.len(), 21);
        assert_eq!(split.train.len(), 82);
        let mut all: Vec<usize> = split.train.iter().chain(&split.test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..103).collect::<Vec<_>>());
        assert_eq!(split, train_test_split(103, 0.2, 7));
        assert_ne!(split, train_test_split(103, 0.2, 8));
    }

    #[test]
    fn tiny_sets_keep_both_sides_non_empty() {
        assert_eq!(test_size(2, 0.05), 1);
        assert_eq!(test_size(3, 0.5), 2);
        assert_eq!(test_size(10, 0.5), 5);
        assert_eq!(test_size(1, 0.5), 0);
    }

    #[test]
    fn k_fold_partitions_every_row_once() {
        let folds = k_fold(23, 5, 3);
        assert_eq!(folds.len(), 5);
        // 23 = 5 * 4 + 3: three folds of 5 and two of 4.
        let sizes: Vec<usize> = folds.iter().map(|f| f.test.len()).collect();
        assert_eq!(sizes, vec![5, 5, 5, 4, 4]);
        let mut seen = [0; 23];
        for fold in &folds {
            for &row in &fold.test {
                seen[row] += 1;
            }
            // Train is exactly the complement of test.
            assert_eq!(fold.train.len() + fold.test.len(), 23);
            assert!(fold.train.iter().all(|r| !fold.test.contains(r)));
        }
        assert!(seen.iter().all(|&count| count == 1));
        assert_eq!(folds, k_fold(23, 5, 3));
        assert_ne!(folds, k_fold(23, 5, 4));
    }

    #[test]
    fn shuffles_are_permutations() {
        let mut order = shuffled(50, 11);
        assert_ne!(order, (0..50).collect::<Vec<_>>());
        order.sort_unstable();
        assert_eq!(order, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn seeded_sample_picks_distinct_rows() {
        let sample = seeded_sample(1000, 40, 5);
        assert_eq!(sample.len(), 40);
        assert!(sample.windows(2).all(|w| w[0] < w[1]));
        assert!(sample.iter().all(|&i| i < 1000));
        assert_eq!(sample, seeded_sample(1000, 40, 5));
        assert_eq!(seeded_sample(10, 40, 5), (0..10).collect::<Vec<_>>());
    }
}
