//! Sizing a live field test of B against A from the simulated effect and its spread: customers per
//! arm for a chosen power and significance, and how long the test must run.

use serde::{Deserialize, Serialize};

use crate::engine::limits::Limit;
use crate::engine::rng::math::ln;

/// Per-customer cumulative margin after each simulated month: (mean, variance) under A and under B.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldTestInputs {
    pub customers: usize,
    pub a: Vec<(f64, f64)>,
    pub b: Vec<(f64, f64)>,
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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanError {
    OutOfRange { field: String, min: f64, max: f64 },
}

/// Two-sided test of a difference in means between independent arms:
/// Significance level of the field test (two-sided), as a fraction.
pub const SIGNIFICANCE: Limit = Limit::new("significance", 0.001, 0.2);
/// Power of the field test, as a fraction.
pub const POWER: Limit = Limit::new("power", 0.5, 0.99);

/// `n = (z(1 - alpha/2) + z(power))^2 (var_A + var_B) / delta^2` per arm.
pub fn plan_field_test(inputs: &FieldTestInputs, significance: f64, power: f64) -> Result<FieldTestPlan, PlanError> {
    for (limit, value) in [(SIGNIFICANCE, significance), (POWER, power)] {
        if !limit.contains(value) {
            return Err(PlanError::OutOfRange { field: limit.field.into(), min: limit.min, max: limit.max });
        }
    }
    let z = normal_quantile(1.0 - significance / 2.0) + normal_quantile(power);
    let durations: Vec<DurationOption> = inputs
        .a
        .iter()
        .zip(&inputs.b)
        .enumerate()
        .map(|(m, (&(mean_a, var_a), &(mean_b, var_b)))| {
            let delta = mean_b - mean_a;
            let customers_per_arm = (delta != 0.0).then(|| (z * z * (var_a + var_b) / (delta * delta)).ceil());
            DurationOption {
                months: m as u32 + 1,
                effect_per_customer: delta,
                customers_per_arm,
                fits: customers_per_arm.is_some_and(|n| 2.0 * n <= inputs.customers as f64),
            }
        })
        .collect();
    let recommended_months = durations.iter().find(|d| d.fits).map(|d| d.months);
    Ok(FieldTestPlan { significance, power, durations, recommended_months })
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
        let inputs = FieldTestInputs { customers: 1000, a: vec![(10.0, 100.0)], b: vec![(12.0, 125.0)] };
        let plan = plan_field_test(&inputs, 0.05, 0.8).unwrap();
        assert_eq!(plan.durations[0].customers_per_arm, Some(442.0));
        assert!(plan.durations[0].fits);
        assert_eq!(plan.recommended_months, Some(1));
        assert!(plan_field_test(&inputs, 0.5, 0.8).is_err());
    }
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::OutOfRange { field, min, max } => write!(f, "{field} must be between {min} and {max}"),
        }
    }
}
