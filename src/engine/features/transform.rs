//! Column transforms shared by scoring and the learned models: percentiles, standardisation,
//! min-max scaling and categorical encodings. NaN marks a missing value and stays NaN.

/// Linear-interpolated percentile (`p` in 0-100) of finite values, as numpy's default method.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    percentile_of_sorted(&sorted, p)
}

pub fn percentile_of_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let position = (p / 100.0).clamp(0.0, 1.0) * (n - 1) as f64;
            let below = position.floor() as usize;
            let above = (below + 1).min(n - 1);
            sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
        }
    }
}

/// Mean and population standard deviation of the finite values.
pub fn mean_and_sd(values: &[f64]) -> (f64, f64) {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let n = finite.len() as f64;
    let mean = finite.iter().sum::<f64>() / n;
    let variance = finite.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (mean, variance.sqrt())
}

/// z-scores; a constant column becomes all zeros (no information, but no division by zero).
pub fn z_scores(values: &[f64]) -> Vec<f64> {
    let (mean, sd) = mean_and_sd(values);
    values
        .iter()
        .map(|v| {
            if sd > 0.0 {
                (v - mean) / sd
            } else if v.is_finite() {
                0.0
            } else {
                f64::NAN
            }
        })
        .collect()
}

/// Scales into `[0, scale]` between `low` and `high`, clamping outside values.
pub fn min_max(values: &[f64], low: f64, high: f64, scale: f64) -> Vec<f64> {
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                f64::NAN
            } else if high > low {
                scale * (v.clamp(low, high) - low) / (high - low)
            } else {
                0.0
            }
        })
        .collect()
}

/// Codes of a categorical column (`u32::MAX` = missing) as one 0/1 column per category.
pub fn one_hot(codes: &[u32], categories: usize) -> Vec<Vec<f64>> {
    (0..categories)
        .map(|category| codes.iter().map(|&c| if c as usize == category { 1.0 } else { 0.0 }).collect())
        .collect()
}

/// Label encoding: the code itself as a number, NaN when missing.
pub fn label_encode(codes: &[u32]) -> Vec<f64> {
    codes.iter().map(|&c| if c == u32::MAX { f64::NAN } else { f64::from(c) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_match_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4, 10], [0, 25, 50, 90, 100]) = [1, 2, 3, 7.6, 10]
        let v = [10.0, 1.0, 3.0, 2.0, 4.0, f64::NAN];
        let got: Vec<f64> = [0.0, 25.0, 50.0, 90.0, 100.0].iter().map(|&p| percentile(&v, p)).collect();
        let want = [1.0, 2.0, 3.0, 7.6, 10.0];
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "{g} != {w}");
        }
    }

    #[test]
    fn standardisation_and_scaling() {
        // mean 5, population sd 2 for [3, 5, 7, 3, 7]... (4+0+4+4+4)/5 = 3.2 -> sd sqrt(3.2).
        let z = z_scores(&[3.0, 5.0, 7.0, 3.0, 7.0]);
        assert!((z[0] + 2.0 / 3.2f64.sqrt()).abs() < 1e-12);
        assert_eq!(z_scores(&[4.0, 4.0]), vec![0.0, 0.0]);
        assert_eq!(min_max(&[0.0, 5.0, 20.0, f64::NAN][..3], 0.0, 10.0, 10.0), vec![0.0, 5.0, 10.0]);
        assert_eq!(one_hot(&[0, 2, u32::MAX], 3), vec![vec![1.0, 0.0, 0.0], vec![0.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]]);
        assert!(label_encode(&[1, u32::MAX])[1].is_nan());
    }
}
