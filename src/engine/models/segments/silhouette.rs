//! Silhouette of a clustering (Rousseeuw 1987), computed on a sample of points: for a point i in
//! cluster A, `a` = mean distance to the other points of A, `b` = the smallest mean distance to the
//! points of another cluster, `s = (b - a) / max(a, b)`, and `s = 0` for a point alone in its
//! cluster (scikit-learn's convention). The score is the mean of `s` over the points.

/// Euclidean distances between every pair of sampled points, stored once and reused for every k.
pub struct PairwiseDistances {
    points: usize,
    /// Condensed upper triangle: pair (i, j), i < j.
    condensed: Vec<f64>,
}

impl PairwiseDistances {
    /// `columns[feature][point]`.
    pub fn new(columns: &[Vec<f64>]) -> PairwiseDistances {
        let points = columns.first().map_or(0, Vec::len);
        let mut condensed = Vec::with_capacity(points * points.saturating_sub(1) / 2);
        for i in 0..points {
            for j in i + 1..points {
                let squared: f64 = columns.iter().map(|c| (c[i] - c[j]) * (c[i] - c[j])).sum();
                condensed.push(squared.sqrt());
            }
        }
        PairwiseDistances { points, condensed }
    }

    #[cfg(test)]
    fn get(&self, i: usize, j: usize) -> f64 {
        let (i, j) = if i < j { (i, j) } else { (j, i) };
        // Rows before i hold (n-1) + (n-2) + ... + (n-i) pairs.
        let before = i * (2 * self.points - i - 1) / 2;
        self.condensed[before + (j - i - 1)]
    }

    /// Mean silhouette of the points with cluster `labels` (below `clusters`); `None` when fewer
    /// than two clusters occur among the points.
    pub fn silhouette(&self, labels: &[usize], clusters: usize) -> Option<f64> {
        let mut sizes = vec![0usize; clusters];
        labels.iter().for_each(|&l| sizes[l] += 1);
        if sizes.iter().filter(|&&s| s > 0).count() < 2 {
            return None;
        }
        // sums[i * clusters + c] = Σ distance from point i to the points of cluster c, filled in one
        // sequential pass over the condensed pairs (each pair serves both of its points).
        let n = self.points;
        let mut sums = vec![0.0; n * clusters];
        let mut pair = 0;
        for i in 0..n {
            let own = labels[i];
            for j in i + 1..n {
                let d = self.condensed[pair];
                pair += 1;
                sums[i * clusters + labels[j]] += d;
                sums[j * clusters + own] += d;
            }
        }
        let mut total = 0.0;
        for i in 0..n {
            let own = labels[i];
            if sizes[own] < 2 {
                continue;
            }
            let row = &sums[i * clusters..(i + 1) * clusters];
            let a = row[own] / (sizes[own] - 1) as f64;
            let b = (0..clusters)
                .filter(|&c| c != own && sizes[c] > 0)
                .map(|c| row[c] / sizes[c] as f64)
                .fold(f64::INFINITY, f64::min);
            let larger = a.max(b);
            if larger > 0.0 {
                total += (b - a) / larger;
            }
        }
        Some(total / self.points as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_pairs_on_a_line() {
        // Points 0, 1 (cluster 0) and 10, 11 (cluster 1).
        // Point 0: a = 1, b = (10 + 11) / 2 = 10.5 -> s = 9.5 / 10.5.
        // Point 1: a = 1, b = (9 + 10) / 2 = 9.5 -> s = 8.5 / 9.5. Points 10 and 11 mirror these.
        // Mean = (9.5/10.5 + 8.5/9.5) / 2 = 0.899749...
        let d = PairwiseDistances::new(&[vec![0.0, 1.0, 10.0, 11.0]]);
        let s = d.silhouette(&[0, 0, 1, 1], 2).unwrap();
        let expected = (9.5 / 10.5 + 8.5 / 9.5) / 2.0;
        assert!((s - expected).abs() < 1e-12, "{s} vs {expected}");
    }

    #[test]
    fn singletons_count_zero_and_one_cluster_has_no_score() {
        // Points 0, 1, 5 with clusters {0, 1}, {5}: the singleton scores 0.
        // Point 0: a = 1, b = 5 -> 0.8; point 1: a = 1, b = 4 -> 0.75. Mean = (0.8 + 0.75 + 0) / 3.
        let d = PairwiseDistances::new(&[vec![0.0, 1.0, 5.0]]);
        let s = d.silhouette(&[0, 0, 1], 2).unwrap();
        assert!((s - 1.55 / 3.0).abs() < 1e-12);
        assert_eq!(d.silhouette(&[1, 1, 1], 2), None);
    }

    #[test]
    fn condensed_indexing_matches_direct_distances() {
        let columns = vec![vec![0.0, 3.0, 1.0, 7.0, 2.0], vec![0.0, 4.0, 1.0, 0.0, 5.0]];
        let d = PairwiseDistances::new(&columns);
        for i in 0..5 {
            for j in 0..5 {
                if i != j {
                    let direct =
                        ((columns[0][i] - columns[0][j]).powi(2) + (columns[1][i] - columns[1][j]).powi(2)).sqrt();
                    assert!((d.get(i, j) - direct).abs() < 1e-12);
                }
            }
        }
    }
}
