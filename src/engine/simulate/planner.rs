//! Sizing a live field test of B against A from the simulated effect and its spread: customers per
//! arm for a chosen power and significance, and how long the test must run; how much fewer customers
//! are needed when each customer's pre-period spend is used as a covariate (CUPED); and the split of
//! customers between the arms that should make the team stop and check the assignment (sample-ratio
//! mismatch).

use serde::{Deserialize, Serialize};

use crate::engine::limits::{Limit, RangeError};
use crate::engine::rng::math::{exp, ln};

/// Per-customer cumulative margin after each simulated month: (mean, variance) under A and under B.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldTestInputs {
    pub customers: usize,
    pub a: Vec<(f64, f64)>,
    pub b: Vec<(f64, f64)>,
    /// The covariate CUPED adjusts by, when the history has one.
    #[serde(default)]
    pub pre_period: Option<PrePeriod>,
}

/// Each customer's net spend in the months before the test (the covariate) and how it moves with
/// the cumulative margin of each simulated month.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PrePeriod {
    /// Length of the pre-period (the last months of the history, at most `PRE_PERIOD_MONTHS`).
    pub months: u32,
    /// Variance of the covariate over customers.
    pub variance: f64,
    /// Covariance of the covariate with the cumulative margin by month, under A and under B.
    pub covariance_a: Vec<f64>,
    pub covariance_b: Vec<f64>,
}

/// CUPED looks back a year, as experimentation platforms do by default: long enough to hold a
/// customer's usual spend, short enough to be remembered in every export.
pub const PRE_PERIOD_MONTHS: usize = 12;

/// Each customer's pre-period net spend (by customer number), its length in months, and its mean and
/// variance over customers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Covariate {
    pub values: Vec<f64>,
    pub months: u32,
    pub mean: f64,
    pub variance: f64,
}

/// Running sums over customers of one month's cumulative margin `y` and the pre-period covariate `x`:
/// Σy, Σy², Σxy. Sums merge by adding, so blocks and partitions combine exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MarginMoments {
    pub sum: f64,
    pub squares: f64,
    pub cross: f64,
}

impl MarginMoments {
    pub fn add(&mut self, y: f64, x: f64) {
        self.sum += y;
        self.squares += y * y;
        self.cross += x * y;
    }

    pub fn absorb(&mut self, other: &MarginMoments) {
        self.sum += other.sum;
        self.squares += other.squares;
        self.cross += other.cross;
    }

    /// (mean, variance) of y and cov(x, y) over `n` observations whose covariate has mean `x_mean`.
    pub fn describe(&self, n: f64, x_mean: f64) -> (f64, f64, f64) {
        let mean = self.sum / n;
        (mean, (self.squares / n - mean * mean).max(0.0), self.cross / n - x_mean * mean)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldTestPlan {
    pub significance: f64,
    pub power: f64,
    /// One row per test length in months.
    pub durations: Vec<DurationOption>,
    /// The shortest test length that fits the customer base (both arms), if any.
    pub recommended_months: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DurationOption {
    pub months: u32,
    /// Expected margin difference per customer (B - A) over the test.
    pub effect_per_customer: f64,
    /// Customers needed in each arm (`None` when the simulated effect is zero).
    pub customers_per_arm: Option<f64>,
    pub fits: bool,
    /// Customers per arm when the analysis adjusts for pre-period spend (CUPED), and the share of
    /// the variance that adjustment removes; `None` without a pre-period.
    #[serde(default)]
    pub customers_per_arm_adjusted: Option<f64>,
    #[serde(default)]
    pub variance_reduction: Option<f64>,
    /// With `customers_per_arm` assigned to each arm by a fair coin, an arm outside this range
    /// (inclusive) signals a broken assignment at `SAMPLE_RATIO_ALARM`: stop and check before reading
    /// any result.
    #[serde(default)]
    pub sample_ratio_range: Option<(f64, f64)>,
}

/// A split of customers this unlikely under the intended assignment means the assignment is broken
/// (the level experimentation platforms alarm at).
pub const SAMPLE_RATIO_ALARM: f64 = 0.001;

/// The chi-square test of an observed split against the intended one.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleRatioCheck {
    pub chi_square: f64,
    pub p_value: f64,
    pub mismatch: bool,
}

/// Tests `count_a` and `count_b` customers against an intended share `share_a` for arm A (one
/// degree of freedom: p = erfc(sqrt(chi² / 2))).
pub fn sample_ratio_check(count_a: u64, count_b: u64, share_a: f64) -> Result<SampleRatioCheck, PlanError> {
    ARM_SHARE.check(share_a)?;
    let total = (count_a + count_b) as f64;
    let expected = [total * share_a, total * (1.0 - share_a)];
    let observed = [count_a as f64, count_b as f64];
    let chi_square: f64 = if total == 0.0 {
        0.0
    } else {
        observed.iter().zip(expected).map(|(o, e)| (o - e) * (o - e) / e).sum()
    };
    let p_value = erfc((chi_square / 2.0).sqrt());
    Ok(SampleRatioCheck { chi_square, p_value, mismatch: p_value < SAMPLE_RATIO_ALARM })
}

/// Intended share of customers in arm A.
pub const ARM_SHARE: Limit = Limit::new("arm_share", 0.01, 0.99);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanError {
    /// Significance or power outside `SIGNIFICANCE` / `POWER`.
    #[error(transparent)]
    Range(#[from] RangeError),
}

/// Significance level of the field test (two-sided), as a fraction.
pub const SIGNIFICANCE: Limit = Limit::new("significance", 0.001, 0.2);
/// Power of the field test, as a fraction.
pub const POWER: Limit = Limit::new("power", 0.5, 0.99);

/// Two-sided test of a difference in means between independent arms:
/// `n = (z(1 - alpha/2) + z(power))^2 (var_A + var_B) / delta^2` per arm. With a pre-period, CUPED
/// replaces each arm's variance by that of `y - theta x`, theta = cov(x, y) / var(x) pooled over the
/// arms: `var_y - 2 theta cov + theta^2 var_x`.
pub fn plan_field_test(inputs: &FieldTestInputs, significance: f64, power: f64) -> Result<FieldTestPlan, PlanError> {
    SIGNIFICANCE.check(significance)?;
    POWER.check(power)?;
    let z = normal_quantile(1.0 - significance / 2.0) + normal_quantile(power);
    let durations: Vec<DurationOption> = inputs
        .a
        .iter()
        .zip(&inputs.b)
        .enumerate()
        .map(|(m, (&(mean_a, var_a), &(mean_b, var_b)))| {
            let delta = mean_b - mean_a;
            let per_arm = |variance: f64| (delta != 0.0).then(|| (z * z * variance / (delta * delta)).ceil());
            let customers_per_arm = per_arm(var_a + var_b);
            let adjusted = inputs.pre_period.as_ref().and_then(|pre| adjusted_variance(pre, m, var_a, var_b));
            DurationOption {
                months: m as u32 + 1,
                effect_per_customer: delta,
                customers_per_arm,
                fits: customers_per_arm.is_some_and(|n| 2.0 * n <= inputs.customers as f64),
                customers_per_arm_adjusted: adjusted.and_then(per_arm),
                variance_reduction: adjusted
                    .filter(|_| var_a + var_b > 0.0)
                    .map(|adjusted| 1.0 - adjusted / (var_a + var_b)),
                sample_ratio_range: customers_per_arm.map(sample_ratio_range),
            }
        })
        .collect();
    let recommended_months = durations.iter().find(|d| d.fits).map(|d| d.months);
    Ok(FieldTestPlan { significance, power, durations, recommended_months })
}

/// var(y_A - theta x) + var(y_B - theta x) at month `m`, theta pooled over the arms.
fn adjusted_variance(pre: &PrePeriod, m: usize, var_a: f64, var_b: f64) -> Option<f64> {
    let (cov_a, cov_b) = (*pre.covariance_a.get(m)?, *pre.covariance_b.get(m)?);
    if !(pre.variance > 0.0) {
        return None;
    }
    let theta = (cov_a + cov_b) / (2.0 * pre.variance);
    let arm = |variance: f64, covariance: f64| (variance - 2.0 * theta * covariance + theta * theta * pre.variance).max(0.0);
    Some(arm(var_a, cov_a) + arm(var_b, cov_b))
}

/// Arm sizes a fair coin over `2n` customers stays within unless the assignment is broken:
/// `n ± z(1 - alarm / 2) sqrt(2n) / 2`, rounded outwards.
fn sample_ratio_range(per_arm: f64) -> (f64, f64) {
    let spread = normal_quantile(1.0 - SAMPLE_RATIO_ALARM / 2.0) * (2.0 * per_arm).sqrt() / 2.0;
    ((per_arm - spread).floor(), (per_arm + spread).ceil())
}

/// Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7), with
/// the portable exponential so native and wasm agree.
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    let value = t * exp(poly);
    if x >= 0.0 {
        value
    } else {
        2.0 - value
    }
}

/// Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9),
/// with the portable logarithm so native and wasm agree.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.383577518672690e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] =
        [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    const LOW: f64 = 0.02425;
    if !(p > 0.0 && p < 1.0) {
        return f64::NAN;
    }
    let tail = |q: f64| {
        let q = (-2.0 * ln(q)).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail(p)
    } else if p > 1.0 - LOW {
        -tail(1.0 - p)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles() {
        // scipy.stats.norm.ppf: 0.975 -> 1.959963985, 0.8 -> 0.841621234, 0.01 -> -2.326347874.
        for (p, z) in [(0.975, 1.959963985), (0.8, 0.841621234), (0.01, -2.326347874), (0.5, 0.0)] {
            assert!((normal_quantile(p) - z).abs() < 1e-8, "{p}");
        }
    }

    #[test]
    fn sample_size_by_hand() {
        // delta = 2, variances 100 and 125, alpha 0.05, power 0.8:
        // n = (1.959964 + 0.841621)^2 * 225 / 4 = 7.848879 * 56.25 = 441.5 -> 442 per arm.
        let inputs = FieldTestInputs { customers: 1000, a: vec![(10.0, 100.0)], b: vec![(12.0, 125.0)], pre_period: None };
        let plan = plan_field_test(&inputs, 0.05, 0.8).unwrap();
        assert_eq!(plan.durations[0].customers_per_arm, Some(442.0));
        assert!(plan.durations[0].fits);
        assert_eq!(plan.recommended_months, Some(1));
        assert_eq!(plan_field_test(&inputs, 0.5, 0.8), Err(PlanError::Range(SIGNIFICANCE.error(0.5))));
        assert_eq!(plan_field_test(&inputs, 0.05, 1.0), Err(PlanError::Range(POWER.error(1.0))));
    }

    #[test]
    fn cuped_by_hand_on_a_small_table() {
        // Six customers, pre-period spend x and test-period margin y under A (first three) and B:
        //   A: x = 10, 20, 30   y = 12, 19, 35      B: x = 10, 20, 30   y = 15, 27, 36
        // Population moments (divide by n): var(x) = 200/3 = 66.667 in each arm; over both arms the
        // covariate variance is also 66.667 (same x values).
        //   A: mean y = 22, var y = (100 + 9 + 169) / 3 = 92.667, cov = (-10·-10 + 0 + 10·13) / 3 = 76.667
        //   B: mean y = 26, var y = (121 + 1 + 100) / 3 = 74,     cov = (-10·-11 + 0 + 10·10) / 3 = 70
        // theta = (76.667 + 70) / (2 · 66.667) = 1.1
        // adjusted: A 92.667 - 2·1.1·76.667 + 1.21·66.667 = 92.667 - 168.667 + 80.667 = 4.667
        //           B 74     - 2·1.1·70     + 80.667        = 74 - 154 + 80.667      = 0.667
        // n = 7.848879 · (92.667 + 74) / 16 = 81.76 -> 82; adjusted 7.848879 · 5.333 / 16 = 2.62 -> 3.
        let table = [(10.0, 12.0, 15.0), (20.0, 19.0, 27.0), (30.0, 35.0, 36.0)];
        let (mut a, mut b) = (MarginMoments::default(), MarginMoments::default());
        for &(x, ya, yb) in &table {
            a.add(ya, x);
            b.add(yb, x);
        }
        let x_mean = 20.0;
        let (mean_a, var_a, cov_a) = a.describe(3.0, x_mean);
        let (mean_b, var_b, cov_b) = b.describe(3.0, x_mean);
        assert!((var_a - 92.0 - 2.0 / 3.0).abs() < 1e-9 && (cov_a - 76.0 - 2.0 / 3.0).abs() < 1e-9);
        assert!((var_b - 74.0).abs() < 1e-9 && (cov_b - 70.0).abs() < 1e-9);
        let pre = PrePeriod { months: 12, variance: 200.0 / 3.0, covariance_a: vec![cov_a], covariance_b: vec![cov_b] };
        let inputs = FieldTestInputs {
            customers: 1000,
            a: vec![(mean_a, var_a)],
            b: vec![(mean_b, var_b)],
            pre_period: Some(pre),
        };
        let d = &plan_field_test(&inputs, 0.05, 0.8).unwrap().durations[0];
        assert_eq!(d.customers_per_arm, Some(82.0));
        assert_eq!(d.customers_per_arm_adjusted, Some(3.0));
        let reduction = 1.0 - (14.0 / 3.0 + 2.0 / 3.0) / (92.0 + 2.0 / 3.0 + 74.0);
        assert!((d.variance_reduction.unwrap() - reduction).abs() < 1e-12);
        // Without a pre-period nothing is adjusted.
        let plain = FieldTestInputs { pre_period: None, ..inputs };
        let d = &plan_field_test(&plain, 0.05, 0.8).unwrap().durations[0];
        assert_eq!((d.customers_per_arm_adjusted, d.variance_reduction), (None, None));
    }

    #[test]
    fn sample_ratio_mismatch_by_hand() {
        // 5,100 vs 4,900 against 50/50: chi² = (100² + 100²) / 5000 = 4, p = erfc(sqrt 2) = 0.0455
        // (scipy.stats.chi2.sf(4, 1) = 0.04550026): suspicious but not an alarm at 0.001.
        let check = sample_ratio_check(5100, 4900, 0.5).unwrap();
        assert!((check.chi_square - 4.0).abs() < 1e-12);
        assert!((check.p_value - 0.04550026).abs() < 1e-7, "{}", check.p_value);
        assert!(!check.mismatch);
        // 5,200 vs 4,800: chi² = 16, p = 6.33e-5 (chi2.sf(16, 1) = 6.334248e-05): stop and check.
        let check = sample_ratio_check(5200, 4800, 0.5).unwrap();
        assert!((check.p_value - 6.334248e-5).abs() < 1e-10, "{}", check.p_value);
        assert!(check.mismatch);
        // An intended 20/80 split: 2,000 vs 8,000 is exactly as planned.
        assert_eq!(sample_ratio_check(2000, 8000, 0.2).unwrap().chi_square, 0.0);
        assert_eq!(sample_ratio_check(1, 1, 1.0), Err(PlanError::Range(ARM_SHARE.error(1.0))));
        // The plan's range for 442 per arm: z(0.9995) = 3.290527, sqrt(884) / 2 = 14.866 -> ± 48.92,
        // so 393 to 491 customers per arm.
        assert_eq!(sample_ratio_range(442.0), (393.0, 491.0));
    }
}
