//! k-means (Lloyd's algorithm, with Hamerly's bounds to skip settled points) with greedy k-means++
//! starts, as scikit-learn runs it: each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with
//! probability proportional to the squared distance to the nearest centre so far; iterations stop when
//! no point changes cluster or the centres move less than 1e-4 times the data's mean variance (squared,
//! summed over centres); an empty cluster is re-seeded at the point farthest from its centre. Only
//! additions, multiplications, square roots, comparisons and the portable generator are used, so native
//! and wasm give the same clusters.

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

    pub fn row(&self, i: usize) -> &[f64] {
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

/// Four running sums side by side: the additions of one sum no longer wait on each other, which is
/// what limits this loop on a handful of features (a fixed order, so every platform rounds alike).
fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    let mut sums = [0.0; 4];
    let (a_chunks, b_chunks) = (a.chunks_exact(4), b.chunks_exact(4));
    let (a_rest, b_rest) = (a_chunks.remainder(), b_chunks.remainder());
    for (x, y) in a_chunks.zip(b_chunks) {
        for lane in 0..4 {
            let d = x[lane] - y[lane];
            sums[lane] += d * d;
        }
    }
    for (lane, (x, y)) in a_rest.iter().zip(b_rest).enumerate() {
        sums[lane] += (x - y) * (x - y);
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3])
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

/// One k-means run from a k-means++ start drawn with `rng`, stopping at `tolerance` (squared centre
/// movement summed over the centres; `convergence_tolerance` gives scikit-learn's).
///
/// Lloyd's iterations with Hamerly's bounds (2010): each point keeps an upper bound on the distance to
/// its centre and a lower bound on the distance to any other; when the centres move the bounds move by
/// at most as much, and a point whose upper bound stays below max(lower bound, half the distance from
/// its centre to the nearest other centre) cannot change cluster, so its distances are not computed.
/// The assignments are Lloyd's; most points are skipped after the first few iterations.
pub fn kmeans(points: &Points, k: usize, max_iter: usize, tolerance: f64, rng: &mut Rng) -> Clustering {
    let (n, dims) = (points.rows(), points.dims);
    let mut centres = initial_centres(points, k, rng);
    let mut labels = vec![0usize; n];
    let mut upper = vec![0.0; n];
    let mut lower = vec![0.0; n];
    let mut sums = vec![0.0; k * dims];
    let mut sizes = vec![0usize; k];
    let mut moved = vec![0.0; k * dims];
    let mut movement = vec![0.0; k];
    let mut half_gap = vec![0.0; k];
    for i in 0..n {
        let (best, first, second) = nearest_two(points.row(i), &centres, k, dims);
        (labels[i], upper[i], lower[i]) = (best, first, second);
    }
    let mut iterations = 0;
    while iterations < max_iter {
        iterations += 1;
        // Update: centres move to their points' means; an empty cluster takes the point farthest from
        // its centre (by the upper bounds, which are exact right after a full assignment).
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
            let target = &mut moved[c * dims..(c + 1) * dims];
            if sizes[c] > 0 {
                for (m, s) in target.iter_mut().zip(&sums[c * dims..(c + 1) * dims]) {
                    *m = s / sizes[c] as f64;
                }
            } else {
                let far = (0..n).fold(0, |best, i| if upper[i] > upper[best] { i } else { best });
                upper[far] = 0.0;
                target.copy_from_slice(points.row(far));
            }
            let squared = squared_distance(&centres[c * dims..(c + 1) * dims], target);
            shift += squared;
            movement[c] = squared.sqrt();
        }
        centres.copy_from_slice(&moved);
        // The bounds follow the centres (in the assignment loop below).
        let (largest, runner_up) = two_largest(&movement);
        let converged = shift <= tolerance;
        // Assignment, skipping the points the bounds settle.
        for c in 0..k {
            half_gap[c] = 0.5
                * (0..k)
                    .filter(|&o| o != c)
                    .map(|o| squared_distance(&centres[c * dims..(c + 1) * dims], &centres[o * dims..(o + 1) * dims]))
                    .fold(f64::INFINITY, f64::min)
                    .sqrt();
        }
        let mut changed = 0usize;
        for i in 0..n {
            upper[i] += movement[labels[i]];
            lower[i] -= if movement[labels[i]] == largest { runner_up } else { largest };
            let bound = lower[i].max(half_gap[labels[i]]);
            if upper[i] <= bound {
                continue;
            }
            let row = points.row(i);
            let c = labels[i];
            upper[i] = squared_distance(row, &centres[c * dims..(c + 1) * dims]).sqrt();
            if upper[i] <= bound {
                continue;
            }
            let (best, first, second) = nearest_two(row, &centres, k, dims);
            if best != labels[i] {
                changed += 1;
            }
            (labels[i], upper[i], lower[i]) = (best, first, second);
        }
        if changed == 0 || converged {
            break;
        }
    }
    Clustering { inertia: inertia(points, &labels, k), labels, iterations }
}

/// The nearest centre (the first on a tie), its distance and the distance to the next nearest.
fn nearest_two(row: &[f64], centres: &[f64], k: usize, dims: usize) -> (usize, f64, f64) {
    let (mut best, mut first, mut second) = (0, f64::INFINITY, f64::INFINITY);
    for c in 0..k {
        let d = squared_distance(row, &centres[c * dims..(c + 1) * dims]);
        if d < first {
            (best, second, first) = (c, first, d);
        } else if d < second {
            second = d;
        }
    }
    (best, first.sqrt(), second.sqrt())
}

fn two_largest(values: &[f64]) -> (f64, f64) {
    values.iter().fold((0.0f64, 0.0f64), |(a, b), &v| if v > a { (v, a) } else { (a, b.max(v)) })
}

/// scikit-learn's stopping tolerance: 1e-4 times the points' mean variance over dimensions.
pub fn convergence_tolerance(points: &Points) -> f64 {
    1e-4 * mean_variance(points)
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
        let fit = kmeans(&points, 2, 100, convergence_tolerance(&points), &mut Rng::new(3));
        assert_eq!(fit.labels[0], fit.labels[1]);
        assert_eq!(fit.labels[2], fit.labels[3]);
        assert_ne!(fit.labels[0], fit.labels[2]);
        assert!((fit.inertia - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_same_stream_gives_the_same_clusters() {
        let values: Vec<f64> = (0..600).map(|i| f64::from((i * 7919) % 101) / 10.0).collect();
        let points = Points { values: &values, dims: 3 };
        let tolerance = convergence_tolerance(&points);
        let a = kmeans(&points, 4, 300, tolerance, &mut Rng::for_stream(9, 2));
        let b = kmeans(&points, 4, 300, tolerance, &mut Rng::for_stream(9, 2));
        assert_eq!(a, b);
        assert!((a.inertia - inertia(&points, &a.labels, 4)).abs() < 1e-9);
        assert_eq!(a.labels.iter().copied().max(), Some(3), "four clusters used");
    }
}
