//! Median, median absolute deviation and the modified z-score of Iglewicz & Hoaglin (1993):
//! `z = 0.6745 (x - median) / MAD`. Unlike mean and standard deviation, one extreme customer cannot
//! hide themselves (or others) by inflating the spread.

use serde::{Deserialize, Serialize};

/// 0.6745 is the 75th percentile of the standard normal: it makes the MAD comparable to a standard
/// deviation for normal data.
const MAD_SCALE: f64 = 0.6745;
/// When more than half the values are equal the MAD is 0; Iglewicz & Hoaglin then use the mean
/// absolute deviation times 1.253314 (sqrt(pi / 2), the same consistency factor for normal data).
const MEAN_AD_SCALE: f64 = 1.253_314;

/// Median of the finite values (the mean of the middle two for an even count); NaN when none.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    median_of_sorted(&sorted)
}

fn median_of_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Where a population's values sit and how far they spread, robustly.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RobustScale {
    pub median: f64,
    /// Median absolute deviation from the median.
    pub mad: f64,
    /// Mean absolute deviation from the median (used when the MAD is 0).
    pub mean_ad: f64,
}

impl RobustScale {
    pub fn of(values: &[f64]) -> RobustScale {
        let median = median(values);
        let deviations: Vec<f64> = values.iter().filter(|v| v.is_finite()).map(|v| (v - median).abs()).collect();
        let mean_ad =
            if deviations.is_empty() { f64::NAN } else { deviations.iter().sum::<f64>() / deviations.len() as f64 };
        RobustScale { median, mad: self::median(&deviations), mean_ad }
    }

    /// The modified z-score of `x`; 0 when the values do not spread at all.
    pub fn z(&self, x: f64) -> f64 {
        if self.mad > 0.0 {
            MAD_SCALE * (x - self.median) / self.mad
        } else if self.mean_ad > 0.0 {
            (x - self.median) / (MEAN_AD_SCALE * self.mean_ad)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_mad_by_hand() {
        // Sorted 1 2 3 4 100: median 3; deviations 2 1 0 1 97 -> sorted 0 1 1 2 97, MAD 1.
        let scale = RobustScale::of(&[100.0, 2.0, 1.0, 4.0, 3.0, f64::NAN]);
        assert_eq!((scale.median, scale.mad), (3.0, 1.0));
        assert_eq!(scale.mean_ad, (2.0 + 1.0 + 0.0 + 1.0 + 97.0) / 5.0);
        // z(100) = 0.6745 * 97 / 1 = 65.4265; z(4) = 0.6745.
        assert!((scale.z(100.0) - 65.4265).abs() < 1e-9);
        assert!((scale.z(4.0) - 0.6745).abs() < 1e-12);
        // Even count: median of 1 2 3 10 is 2.5.
        assert_eq!(median(&[10.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn a_zero_mad_falls_back_to_the_mean_absolute_deviation() {
        // 1 1 1 1 6: median 1, deviations 0 0 0 0 5 -> MAD 0, mean AD 1.
        // z(6) = 5 / (1.253314 * 1) = 3.98943...
        let scale = RobustScale::of(&[1.0, 1.0, 1.0, 1.0, 6.0]);
        assert_eq!((scale.mad, scale.mean_ad), (0.0, 1.0));
        assert!((scale.z(6.0) - 5.0 / 1.253_314).abs() < 1e-12);
        assert_eq!(RobustScale::of(&[2.0, 2.0]).z(9.0), 0.0);
    }
}
