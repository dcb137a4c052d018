//! Regression metrics, defined as scikit-learn defines them (`mean_absolute_error`,
//! `root_mean_squared_error`, `r2_score`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegressionMetrics {
    pub mae: f64,
    pub rmse: f64,
    /// `1 - SS_res / SS_tot`; `None` when the actual values are all equal (SS_tot = 0), where the
    /// ratio is undefined.
    pub r2: Option<f64>,
}

/// Metrics of `predicted` against `actual` (same length, at least one value).
pub fn regression_metrics(actual: &[f64], predicted: &[f64]) -> RegressionMetrics {
    debug_assert_eq!(actual.len(), predicted.len());
    let n = actual.len().max(1) as f64;
    let mean = actual.iter().sum::<f64>() / n;
    let (mut abs, mut squared, mut total) = (0.0, 0.0, 0.0);
    for (&a, &p) in actual.iter().zip(predicted) {
        abs += (a - p).abs();
        squared += (a - p) * (a - p);
        total += (a - mean) * (a - mean);
    }
    RegressionMetrics { mae: abs / n, rmse: (squared / n).sqrt(), r2: (total > 0.0).then(|| 1.0 - squared / total) }
}

/// Mean and population standard deviation of several values (e.g. a metric over folds).
pub fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_metrics() {
        // actual [3, -0.5, 2, 7], predicted [2.5, 0, 2, 8] (scikit-learn's docstring example):
        // errors 0.5, 0.5, 0, 1 -> MAE = 2 / 4 = 0.5; squared 0.25 + 0.25 + 0 + 1 = 1.5,
        // MSE = 0.375, RMSE = sqrt(0.375) = 0.612372...; mean of actual = 11.5 / 4 = 2.875,
        // SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875,
        // R^2 = 1 - 1.5 / 29.1875 = 0.948608...
        let m = regression_metrics(&[3.0, -0.5, 2.0, 7.0], &[2.5, 0.0, 2.0, 8.0]);
        assert!((m.mae - 0.5).abs() < 1e-12);
        assert!((m.rmse - 0.375f64.sqrt()).abs() < 1e-12);
        assert!((m.r2.unwrap() - (1.0 - 1.5 / 29.1875)).abs() < 1e-12);
        assert!((m.r2.unwrap() - 0.948_608_137_044_967_9).abs() < 1e-12);
    }

    #[test]
    fn predicting_the_mean_scores_zero_and_constant_targets_have_no_r2() {
        // actual [1, 2, 3], predicting 2 everywhere: SS_res = SS_tot = 2 -> R^2 = 0; MAE = 2/3.
        let m = regression_metrics(&[1.0, 2.0, 3.0], &[2.0, 2.0, 2.0]);
        assert_eq!(m.r2, Some(0.0));
        assert!((m.mae - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(regression_metrics(&[4.0, 4.0], &[4.0, 5.0]).r2, None);
    }

    #[test]
    fn mean_and_sd_of_folds() {
        // [1, 2, 3, 4]: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        let (mean, sd) = mean_sd(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(mean, 2.5);
        assert!((sd - 1.25f64.sqrt()).abs() < 1e-12);
    }
}
