//! Multinomial logistic regression with an L2 penalty, fitted by L-BFGS on the same objective and with
//! the same stopping rule as scikit-learn's `LogisticRegression(C = 1 / alpha)` (lbfgs solver, tol
//! 1e-4 on the largest gradient component of the mean loss): intercepts are not penalised, two classes
//! use one weight vector and the sigmoid. The rows are copied once into a row-major matrix so one pass
//! over the data computes the loss and its gradient; an iteration allocates nothing.

use crate::engine::models::clv::optimize::Objective;
use crate::engine::rng::math::{exp, ln};

use super::lbfgs::{minimize_lbfgs, LbfgsOptions};

/// Fitted weights over the classes present in training (`classes[k]` is the class number).
#[derive(Clone, Debug, PartialEq)]
pub struct LogisticFit {
    /// Class numbers the model was fitted on; others get probability 0.
    pub classes: Vec<usize>,
    /// One weight vector per fitted class (one in total for two classes: the second class's score).
    pub weights: Vec<Vec<f64>>,
    pub intercepts: Vec<f64>,
    pub iterations: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LogisticError {
    TooFewClasses,
    NotConverged { iterations: u32, gradient_norm: f64 },
}

/// Fits on feature columns (already standardised) and class labels.
pub fn fit_logistic(columns: &[Vec<f64>], labels: &[usize], alpha: f64) -> Result<LogisticFit, LogisticError> {
    let mut classes: Vec<usize> = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    if classes.len() < 2 {
        return Err(LogisticError::TooFewClasses);
    }
    let index_of = |label: usize| classes.binary_search(&label).unwrap_or(0);
    let targets: Vec<usize> = labels.iter().map(|&l| index_of(l)).collect();
    let vectors = if classes.len() == 2 { 1 } else { classes.len() };
    let features = columns.len();
    let mut rows = vec![0.0; targets.len() * features];
    for (j, column) in columns.iter().enumerate() {
        for (row, &v) in column.iter().enumerate() {
            rows[row * features + j] = v;
        }
    }
    let mut objective = Loss { rows: &rows, targets: &targets, vectors, features, alpha, scores: vec![0.0; vectors] };
    let start = vec![0.0; vectors * (features + 1)];
    let options = LbfgsOptions { max_iterations: 1000, gradient_tolerance: 1e-4, memory: 10 };
    let minimum = minimize_lbfgs(&mut objective, &start, &options);
    if !minimum.converged {
        return Err(LogisticError::NotConverged {
            iterations: minimum.iterations,
            gradient_norm: minimum.gradient_norm,
        });
    }
    let stride = features + 1;
    Ok(LogisticFit {
        weights: (0..vectors).map(|k| minimum.x[k * stride..k * stride + features].to_vec()).collect(),
        intercepts: (0..vectors).map(|k| minimum.x[k * stride + features]).collect(),
        classes,
        iterations: minimum.iterations,
    })
}

impl LogisticFit {
    /// Probabilities per row over `total_classes` classes.
    pub fn probabilities(&self, columns: &[Vec<f64>], total_classes: usize) -> Vec<Vec<f64>> {
        let rows = columns.first().map_or(0, Vec::len);
        let score = |k: usize, row: usize| {
            self.intercepts[k] + self.weights[k].iter().zip(columns).map(|(w, col)| w * col[row]).sum::<f64>()
        };
        (0..rows)
            .map(|row| {
                let mut p = vec![0.0; total_classes];
                if self.classes.len() == 2 {
                    let positive = sigmoid(score(0, row));
                    p[self.classes[0]] = 1.0 - positive;
                    p[self.classes[1]] = positive;
                } else {
                    let scores: Vec<f64> = (0..self.classes.len()).map(|k| score(k, row)).collect();
                    let shares = softmax(&scores);
                    for (k, &class) in self.classes.iter().enumerate() {
                        p[class] = shares[k];
                    }
                }
                p
            })
            .collect()
    }

    /// The most probable class per row.
    pub fn predict(&self, columns: &[Vec<f64>], total_classes: usize) -> Vec<usize> {
        self.probabilities(columns, total_classes)
            .iter()
            .map(|p| {
                p.iter()
                    .enumerate()
                    .fold((0, f64::NEG_INFINITY), |best, (k, &v)| if v > best.1 { (k, v) } else { best })
                    .0
            })
            .collect()
    }
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + exp(-z))
    } else {
        let e = exp(z);
        e / (1.0 + e)
    }
}

fn softmax(scores: &[f64]) -> Vec<f64> {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = scores.iter().map(|s| exp(s - max)).collect();
    let sum: f64 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

/// Mean cross-entropy plus `alpha / (2 n) |w|^2` (scikit-learn's objective divided by `n C`, so the
/// minimum is the same and the gradient tolerance does not depend on the number of rows).
struct Loss<'a> {
    /// Row-major features: `rows[row * features + j]`.
    rows: &'a [f64],
    targets: &'a [usize],
    vectors: usize,
    features: usize,
    alpha: f64,
    scores: Vec<f64>,
}

impl Objective for Loss<'_> {
    fn evaluate(&mut self, x: &[f64], gradient: &mut [f64]) -> f64 {
        let (features, stride) = (self.features, self.features + 1);
        gradient.iter_mut().for_each(|g| *g = 0.0);
        let mut loss = 0.0;
        for (row, &target) in self.targets.iter().enumerate() {
            let values = &self.rows[row * features..(row + 1) * features];
            for (k, score) in self.scores.iter_mut().enumerate() {
                let w = &x[k * stride..(k + 1) * stride];
                *score = w[features] + w[..features].iter().zip(values).map(|(a, b)| a * b).sum::<f64>();
            }
            if self.vectors == 1 {
                let z = self.scores[0];
                let y = if target == 1 { 1.0 } else { 0.0 };
                // log(1 + e^z) - y z, computed without overflow.
                loss += if z > 0.0 { z + ln(1.0 + exp(-z)) } else { ln(1.0 + exp(z)) } - y * z;
                add_row_gradient(&mut gradient[..stride], values, sigmoid(z) - y);
            } else {
                let max = self.scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let target_score = self.scores[target];
                let mut sum = 0.0;
                for score in self.scores.iter_mut() {
                    *score = exp(*score - max);
                    sum += *score;
                }
                // Log-sum-exp: -ln p_target = max + ln(sum e^(s - max)) - s_target, never ln(0).
                loss += max + ln(sum) - target_score;
                for k in 0..self.vectors {
                    let residual = self.scores[k] / sum - if k == target { 1.0 } else { 0.0 };
                    add_row_gradient(&mut gradient[k * stride..(k + 1) * stride], values, residual);
                }
            }
        }
        let mut penalty = 0.0;
        for k in 0..self.vectors {
            for j in 0..features {
                let w = x[k * stride + j];
                penalty += w * w;
                gradient[k * stride + j] += self.alpha * w;
            }
        }
        let n = self.targets.len() as f64;
        gradient.iter_mut().for_each(|g| *g /= n);
        (loss + 0.5 * self.alpha * penalty) / n
    }
}

/// Adds `residual · (x, 1)` to one weight vector's gradient (the intercept last).
fn add_row_gradient(gradient: &mut [f64], values: &[f64], residual: f64) {
    let features = values.len();
    for (g, v) in gradient[..features].iter_mut().zip(values) {
        *g += residual * v;
    }
    gradient[features] += residual;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_classes_and_matches_the_gradient() {
        // One feature, classes mostly above / below zero.
        let x = vec![vec![-2.0, -1.5, -1.0, -0.2, 0.3, 1.0, 1.4, 2.2]];
        let y = vec![0, 0, 0, 1, 0, 1, 1, 1];
        let fit = fit_logistic(&x, &y, 1.0).unwrap();
        assert!(fit.weights[0][0] > 0.0);
        assert_eq!(fit.predict(&x, 2), vec![0, 0, 0, 0, 1, 1, 1, 1]);
        // At the optimum the gradient of the penalised loss vanishes; the fit stops, as scikit-learn's
        // lbfgs does, once every component of the mean gradient is below 1e-4. The intercept's
        // component is the mean of (p - y).
        let p = fit.probabilities(&x, 2);
        let residual: f64 = p.iter().zip(&y).map(|(p, &y)| p[1] - y as f64).sum::<f64>() / y.len() as f64;
        assert!(residual.abs() <= 1e-4, "{residual}");
    }

    #[test]
    fn multinomial_probabilities_sum_to_one_and_absent_classes_get_zero() {
        let x = vec![vec![0.0, 0.1, 1.0, 1.1, 2.0, 2.1], vec![1.0, 0.9, 0.0, 0.1, 1.0, 1.1]];
        let y = vec![0, 0, 2, 2, 3, 3];
        let fit = fit_logistic(&x, &y, 0.1).unwrap();
        let p = fit.probabilities(&x, 4);
        for row in &p {
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert_eq!(row[1], 0.0);
        }
        assert_eq!(fit.predict(&x, 4), y);
    }
}
