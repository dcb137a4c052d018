//! Learning the weights of a linear points formula from data (docs/model.md, "Linear points"):
//! `I = b0 + b1 * amount + b2 * frequency + b3 * browse`, by ordinary least squares.
//!
//! For a formula over any chosen features of the loaded data, build a `TrainingSet` with those
//! features and the points column as target and train `RegressionModel::Linear`: the report's
//! `coefficients` are the same weights, with a test-set evaluation.

use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::params::RegressionModel;
use super::regressors::FittedRegressor;

/// `intercept + sum(weights[j] * x_j)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearFormula {
    pub intercept: f64,
    pub weights: Vec<f64>,
}

/// The points formula of docs/model.md, "Linear points".
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointsFormula {
    pub b0: f64,
    pub b1_amount: f64,
    pub b2_frequency: f64,
    pub b3_browse: f64,
}

impl PointsFormula {
    pub fn points(&self, amount: f64, frequency: f64, browse: f64) -> f64 {
        self.b0 + self.b1_amount * amount + self.b2_frequency * frequency + self.b3_browse * browse
    }
}

/// Least-squares weights of `target` on the named columns. Every value must be finite (a formula
/// learned from imputed values would not be the user's formula) and there must be more rows than
/// columns.
pub fn fit_linear_formula(columns: &[(&str, &[f64])], target: &[f64]) -> Result<LinearFormula, ModelError> {
    let invalid = |column: &str, row| ModelError::InvalidFormulaInput { column: column.to_string(), row };
    for (name, values) in columns.iter().copied().chain([("target", target)]) {
        if values.len() != target.len() {
            return Err(invalid(name, None));
        }
        if let Some(row) = values.iter().position(|v| !v.is_finite()) {
            return Err(invalid(name, Some(row)));
        }
    }
    let x: Vec<Vec<f64>> = columns.iter().map(|(_, values)| values.to_vec()).collect();
    let fitted = FittedRegressor::fit(&RegressionModel::Linear, &x, target, &mut || {})?;
    let (intercept, weights) = fitted.linear_coefficients().ok_or(ModelError::NonFinitePrediction)?;
    if !intercept.is_finite() || weights.iter().any(|w| !w.is_finite()) {
        return Err(ModelError::NonFinitePrediction);
    }
    Ok(LinearFormula { intercept, weights })
}

/// Fits `points ~ b0 + b1 * amount + b2 * frequency + b3 * browse`.
pub fn fit_points_formula(
    amount: &[f64],
    frequency: &[f64],
    browse: &[f64],
    points: &[f64],
) -> Result<PointsFormula, ModelError> {
    let formula = fit_linear_formula(&[("amount", amount), ("frequency", frequency), ("browse", browse)], points)?;
    Ok(PointsFormula {
        b0: formula.intercept,
        b1_amount: formula.weights[0],
        b2_frequency: formula.weights[1],
        b3_browse: formula.weights[2],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Rng;

    #[test]
    fn recovers_the_seed_formula_exactly() {
        // The worked example of docs/model.md, "Linear points": b = (10, 0.5, 0.2, 0.1); (1000, 10, 30) -> 515, (500, 20, 20) -> 266,
        // (2000, 15, 60) -> 1019. Add 200 varied customers so the system is well determined.
        let truth = PointsFormula { b0: 10.0, b1_amount: 0.5, b2_frequency: 0.2, b3_browse: 0.1 };
        assert_eq!(truth.points(1000.0, 10.0, 30.0), 515.0);
        assert_eq!(truth.points(500.0, 20.0, 20.0), 266.0);
        assert_eq!(truth.points(2000.0, 15.0, 60.0), 1019.0);
        let mut rng = Rng::new(4);
        let mut amount = vec![1000.0, 500.0, 2000.0];
        let mut frequency = vec![10.0, 20.0, 15.0];
        let mut browse = vec![30.0, 20.0, 60.0];
        for _ in 0..200 {
            amount.push((rng.uniform() * 5000.0).round());
            frequency.push(rng.below(40) as f64);
            browse.push((rng.uniform() * 300.0).round());
        }
        let points: Vec<f64> = (0..amount.len()).map(|i| truth.points(amount[i], frequency[i], browse[i])).collect();
        let learned = fit_points_formula(&amount, &frequency, &browse, &points).unwrap();
        assert!((learned.b0 - 10.0).abs() < 1e-6, "{learned:?}");
        assert!((learned.b1_amount - 0.5).abs() < 1e-6, "{learned:?}");
        assert!((learned.b2_frequency - 0.2).abs() < 1e-6, "{learned:?}");
        assert!((learned.b3_browse - 0.1).abs() < 1e-6, "{learned:?}");
    }

    #[test]
    fn missing_inputs_are_named_with_their_row() {
        let err = fit_points_formula(&[1.0, 2.0], &[1.0, f64::NAN], &[0.0, 1.0], &[3.0, 4.0]).unwrap_err();
        assert_eq!(err, ModelError::InvalidFormulaInput { column: "frequency".into(), row: Some(1) });
        assert_eq!(err.to_string(), "frequency has no usable value in row 2");
        let err = fit_points_formula(&[1.0], &[1.0, 2.0], &[0.0, 1.0], &[3.0, 4.0]).unwrap_err();
        assert_eq!(err, ModelError::InvalidFormulaInput { column: "amount".into(), row: None });
    }
}
