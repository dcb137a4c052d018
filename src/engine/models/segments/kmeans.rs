//! k-means (Lloyd's algorithm) with greedy k-means++ starts, as scikit-learn runs it: each new centre
//! is the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional to the squared distance to
//! the nearest centre so far; iterations stop when no point changes cluster or the centres move less
//! than 1e-4 times the data's mean variance (squared, summed over centres); an empty cluster is
//! re-seeded at the point farthest from its centre. Only additions, multiplications, comparisons and
//! the portable generator are used, so native and wasm give the same clusters.

use crate::engine::rng::math::ln;
use crate::engine::rng::Rng;

/// Points row-major: `values[row * dims + dim]`.
pub struct Points<'a> {
    pub values: &'a [f64],
    pub dims: usize,
}

impl Points<'_> {
    pub fn rows(&self) -> usize {
        if self.dims == 0 {
            0
        } else {
            self.values.len() / self.dims
        }
    }

    fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.dims..(i + 1) * self.dims]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Clustering {
    pub labels: Vec<usize>,
    /// Sum of squared distances of the points to their cluster's centre.
    pub inertia: f64,
    pub iterations: usize,
}

fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// Index of the first entry of the running sums `cumulative` above `target`.
fn pick(cumulative: &[f64], target: f64) -> usize {
    cumulative.partition_point(|&c| c <= target).min(cumulative.len() - 1)
}

/// Greedy k-means++ centres (k × dims, row-major).
fn initial_centres(points: &Points, k: usize, rng: &mut Rng) -> Vec<f64> {
    let (n, dims) = (points.rows(), points.dims);
    let trials = 2 + ln(k as f64) as usize;
    let mut centres = Vec::with_capacity(k * dims);
    centres.extend_from_slice(points.row(rng.below(n as u64) as usize));
    let mut closest: Vec<f64> = (0..n).map(|i| squared_distance(points.row(i), &centres[0..dims])).collect();
    let mut cumulative = vec![0.0; n];
    let mut candidate_distances = vec![0.0; n];
    let mut best_distances = vec![0.0; n];
    for _ in 1..k {
        let mut running = 0.0;
        for (c, d) in cumulative.iter_mut().zip(&closest) {
            running += d;
            *c = running;
        }
        let mut best: Option<(f64, usize)> = None;
        for _ in 0..trials {
            let candidate = pick(&cumulative, rng.uniform() * running);
            let centre = points.row(candidate);
            let mut potential = 0.0;
            for i in 0..n {
                let d = squared_distance(points.row(i), centre).min(closest[i]);
                candidate_distances[i] = d;
                potential += d;
            }
            if best.is_none_or(|(p, _)| potential < p) {
                best = Some((potential, candidate));
                std::mem::swap(&mut best_distances, &mut candidate_distances);
            }
        }
        let (_, chosen) = best.expect("at least two trials");
        centres.extend_from_slice(points.row(chosen));
        std::mem::swap(&mut closest, &mut best_distances);
    }
    centres
}

/// One k-means run from a k-means++ start drawn with `rng`.
pub fn kmeans(points: &Points, k: usize, max_iter: usize, rng: &mut Rng) -> Clustering {
    let (n, dims) = (points.rows(), points.dims);
    let mut centres = initial_centres(points, k, rng);
    let tolerance = 1e-4 * mean_variance(points);
    let mut labels = vec![usize::MAX; n];
    let mut distances = vec![0.0; n];
    let mut sums = vec![0.0; k * dims];
    let mut sizes = vec![0usize; k];
    let mut iterations = 0;
    loop {
        // Assignment.
        let mut changed = 0usize;
        for i in 0..n {
            let row = points.row(i);
            let (mut best, mut best_distance) = (0, f64::INFINITY);
            for c in 0..k {
                let d = squared_distance(row, &centres[c * dims..(c + 1) * dims]);
                if d < best_distance {
                    best = c;
                    best_distance = d;
                }
            }
            if labels[i] != best {
                labels[i] = best;
                changed += 1;
            }
            distances[i] = best_distance;
        }
        if changed == 0 || iterations >= max_iter {
            break;
        }
        iterations += 1;
        // Update: centres move to their points' means; an empty cluster takes the farthest point.
        sums.iter_mut().for_each(|s| *s = 0.0);
        sizes.iter_mut().for_each(|s| *s = 0);
        for i in 0..n {
            let c = labels[i];
            sizes[c] += 1;
            for (s, v) in sums[c * dims..(c + 1) * dims].iter_mut().zip(points.row(i)) {
                *s += v;
            }
        }
        let mut shift = 0.0;
        for c in 0..k {
            let centre = &mut centres[c * dims..(c + 1) * dims];
            let moved: Vec<f64> = if sizes[c] > 0 {
                sums[c * dims..(c + 1) * dims].iter().map(|s| s / sizes[c] as f64).collect()
            } else {
                let far = (0..n).fold(0, |best, i| if distances[i] > distances[best] { i } else { best });
                distances[far] = 0.0;
                points.row(far).to_vec()
            };
            shift += squared_distance(centre, &moved);
            centre.copy_from_slice(&moved);
        }
        if shift <= tolerance {
            // Converged: one more assignment makes the labels match the final centres.
            for i in 0..n {
                let row = points.row(i);
                labels[i] = (0..k)
                    .map(|c| (c, squared_distance(row, &centres[c * dims..(c + 1) * dims])))
                    .fold((0, f64::INFINITY), |best, (c, d)| if d < best.1 { (c, d) } else { best })
                    .0;
            }
            break;
        }
    }
    Clustering { inertia: inertia(points, &labels, k), labels, iterations }
}

/// Mean over dimensions of the variance of the points.
fn mean_variance(points: &Points) -> f64 {
    let (n, dims) = (points.rows(), points.dims);
    if n == 0 || dims == 0 {
        return 0.0;
    }
    (0..dims)
        .map(|d| {
            let mean = (0..n).map(|i| points.values[i * dims + d]).sum::<f64>() / n as f64;
            (0..n).map(|i| (points.values[i * dims + d] - mean).powi(2)).sum::<f64>() / n as f64
        })
        .sum::<f64>()
        / dims as f64
}

/// Sum of squared distances of every point to its cluster's mean.
pub fn inertia(points: &Points, labels: &[usize], k: usize) -> f64 {
    let dims = points.dims;
    let mut sums = vec![0.0; k * dims];
    let mut sizes = vec![0usize; k];
    for (i, &c) in labels.iter().enumerate() {
        sizes[c] += 1;
        for (s, v) in sums[c * dims..(c + 1) * dims].iter_mut().zip(points.row(i)) {
            *s += v;
        }
    }
    for c in 0..k {
        if sizes[c] > 0 {
            sums[c * dims..(c + 1) * dims].iter_mut().for_each(|s| *s /= sizes[c] as f64);
        }
    }
    labels.iter().enumerate().map(|(i, &c)| squared_distance(points.row(i), &sums[c * dims..(c + 1) * dims])).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_obvious_groups_and_their_inertia_by_hand() {
        // (0,0), (0,1), (10,0), (10,1): centres (0, 0.5) and (10, 0.5); inertia 4 × 0.25 = 1.
        let values = [0.0, 0.0, 0.0, 1.0, 10.0, 0.0, 10.0, 1.0];
        let points = Points { values: &values, dims: 2 };
        let fit = kmeans(&points, 2, 100, &mut Rng::new(3));
        assert_eq!(fit.labels[0], fit.labels[1]);
        assert_eq!(fit.labels[2], fit.labels[3]);
        assert_ne!(fit.labels[0], fit.labels[2]);
        assert!((fit.inertia - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_same_stream_gives_the_same_clusters() {
        let values: Vec<f64> = (0..600).map(|i| f64::from((i * 7919) % 101) / 10.0).collect();
        let points = Points { values: &values, dims: 3 };
        let a = kmeans(&points, 4, 300, &mut Rng::for_stream(9, 2));
        let b = kmeans(&points, 4, 300, &mut Rng::for_stream(9, 2));
        assert_eq!(a, b);
        assert!((a.inertia - inertia(&points, &a.labels, 4)).abs() < 1e-9);
        assert_eq!(a.labels.iter().copied().max(), Some(3), "four clusters used");
    }
}
