//! Multinomial logistic regression with an L2 penalty, fitted by L-BFGS on the same objective and with
//! the same stopping rule as scikit-learn's `LogisticRegression(C = 1 / alpha)` (lbfgs solver, tol
//! 1e-4 on the largest gradient component of the mean loss): intercepts are not penalised, two classes
//! use one weight vector and the sigmoid. The rows are copied once into a row-major matrix so one pass
//! over the data computes the loss and its gradient; an iteration allocates nothing.

use crate::engine::models::clv::optimize::Objective;
use crate::engine::rng::math::{exp, ln};

use super::fast_exp::exp_non_positive;
use super::lbfgs::{minimize_lbfgs, LbfgsOptions};
use super::training_set::MAX_CLASSES;

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
    /// More than `MAX_CLASSES` (the loss handles up to 32 weight vectors side by side).
    TooManyClasses,
    NotConverged {
        iterations: u32,
        gradient_norm: f64,
    },
}

/// Fits on feature columns (already standardised) and class labels.
pub fn fit_logistic(columns: &[Vec<f64>], labels: &[usize], alpha: f64) -> Result<LogisticFit, LogisticError> {
    let mut classes: Vec<usize> = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    if classes.len() < 2 {
        return Err(LogisticError::TooFewClasses);
    }
    if classes.len() > MAX_CLASSES {
        return Err(LogisticError::TooManyClasses);
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
    let mut objective = Loss {
        rows: &rows,
        targets: &targets,
        vectors,
        features,
        alpha,
        weights: vec![0.0; (features + 1) * lanes_for(vectors)],
        gradient: vec![0.0; (features + 1) * lanes_for(vectors)],
    };
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
                    // Softmax written straight into the row (classes absent from training stay 0).
                    let max = (0..self.classes.len()).map(|k| score(k, row)).fold(f64::NEG_INFINITY, f64::max);
                    let mut sum = 0.0;
                    for (k, &class) in self.classes.iter().enumerate() {
                        p[class] = exp(score(k, row) - max);
                        sum += p[class];
                    }
                    self.classes.iter().for_each(|&class| p[class] /= sum);
                }
                p
            })
            .collect()
    }

    /// The most probable class per row.
    pub fn predict(&self, columns: &[Vec<f64>], total_classes: usize) -> Vec<usize> {
        self.probabilities(columns, total_classes).iter().map(|p| most_probable(p)).collect()
    }
}

/// The first class with the highest probability.
pub(crate) fn most_probable(p: &[f64]) -> usize {
    p.iter().enumerate().fold((0, f64::NEG_INFINITY), |best, (k, &v)| if v > best.1 { (k, v) } else { best }).0
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + exp(-z))
    } else {
        let e = exp(z);
        e / (1.0 + e)
    }
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
    /// Scratch, feature-major so the inner loops run over the weight vectors side by side:
    /// `weights[j * lanes + k]` with the intercepts after the features; the same for the gradient.
    /// Lanes beyond `vectors` are padding: intercept -inf (probability 0, gradient 0).
    weights: Vec<f64>,
    gradient: Vec<f64>,
}

/// Weight vectors handled side by side: a fixed width the compiler can unroll and vectorise.
fn lanes_for(vectors: usize) -> usize {
    [1, 4, 8, 16, 32].into_iter().find(|&lanes| lanes >= vectors).unwrap_or(vectors)
}

impl Loss<'_> {
    fn lanes(&self) -> usize {
        self.weights.len() / (self.features + 1)
    }

    /// The summed loss over the rows, its gradient (feature-major, unscaled) left in `self.gradient`.
    fn rows_loss<const LANES: usize>(&mut self) -> f64 {
        let features = self.features;
        let (weights, intercepts) = self.weights.split_at(features * LANES);
        let intercepts: &[f64; LANES] = intercepts.try_into().expect("one intercept per lane");
        let (feature_gradient, intercept_gradient) = self.gradient.split_at_mut(features * LANES);
        let mut intercept_sum = [0.0; LANES];
        let mut loss = 0.0;
        for (row, &target) in self.targets.iter().enumerate() {
            let values = &self.rows[row * features..(row + 1) * features];
            let mut scores = *intercepts;
            for (j, &v) in values.iter().enumerate() {
                let w: &[f64; LANES] = weights[j * LANES..(j + 1) * LANES].try_into().expect("a lane row");
                for k in 0..LANES {
                    scores[k] += w[k] * v;
                }
            }
            // Residuals p - y per weight vector, written over the scores.
            if LANES == 1 {
                let z = scores[0];
                let y = if target == 1 { 1.0 } else { 0.0 };
                // log(1 + e^z) - y z and the sigmoid, from e^-|z| (no overflow).
                let e = exp_non_positive(-z.abs());
                loss += if z > 0.0 { z + ln(1.0 + e) } else { ln(1.0 + e) } - y * z;
                let sigmoid = if z >= 0.0 { 1.0 / (1.0 + e) } else { e / (1.0 + e) };
                scores[0] = sigmoid - y;
            } else {
                let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let target_score = scores[target];
                let mut sum = 0.0;
                for score in scores.iter_mut() {
                    *score = exp_non_positive(*score - max);
                    sum += *score;
                }
                // Log-sum-exp: -ln p_target = max + ln(sum e^(s - max)) - s_target, never ln(0).
                loss += max + ln(sum) - target_score;
                let inverse = 1.0 / sum;
                for score in scores.iter_mut() {
                    *score *= inverse;
                }
                scores[target] -= 1.0;
            }
            for (j, &v) in values.iter().enumerate() {
                let g: &mut [f64; LANES] =
                    (&mut feature_gradient[j * LANES..(j + 1) * LANES]).try_into().expect("a lane row");
                for k in 0..LANES {
                    g[k] += scores[k] * v;
                }
            }
            for k in 0..LANES {
                intercept_sum[k] += scores[k];
            }
        }
        intercept_gradient.copy_from_slice(&intercept_sum);
        loss
    }
}

impl Objective for Loss<'_> {
    fn evaluate(&mut self, x: &[f64], gradient: &mut [f64]) -> f64 {
        let (features, vectors, stride, lanes) = (self.features, self.vectors, self.features + 1, self.lanes());
        for k in 0..lanes {
            for j in 0..stride {
                self.weights[j * lanes + k] = match (k < vectors, j < features) {
                    (true, _) => x[k * stride + j],
                    (false, true) => 0.0,
                    (false, false) => f64::NEG_INFINITY,
                };
            }
        }
        self.gradient.iter_mut().for_each(|g| *g = 0.0);
        let loss = match lanes {
            1 => self.rows_loss::<1>(),
            4 => self.rows_loss::<4>(),
            8 => self.rows_loss::<8>(),
            16 => self.rows_loss::<16>(),
            _ => self.rows_loss::<32>(),
        };
        let mut penalty = 0.0;
        let n = self.targets.len() as f64;
        for k in 0..vectors {
            for j in 0..stride {
                let mut g = self.gradient[j * lanes + k];
                if j < features {
                    let w = x[k * stride + j];
                    penalty += w * w;
                    g += self.alpha * w;
                }
                gradient[k * stride + j] = g / n;
            }
        }
        (loss + 0.5 * self.alpha * penalty) / n
    }
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

#[cfg(test)]
mod gradient_tests {
    use super::*;

    #[test]
    fn the_multinomial_gradient_matches_finite_differences_with_padded_lanes() {
        // Three weight vectors run in four lanes (one padding lane).
        let rows = [0.5, -1.0, 1.5, 0.2, -0.3, 0.8, 2.0, -1.2, 0.0, 0.4];
        let targets = [0, 1, 2, 1, 0];
        let (vectors, features) = (3, 2);
        let mut loss = Loss {
            rows: &rows,
            targets: &targets,
            vectors,
            features,
            alpha: 0.7,
            weights: vec![0.0; 3 * lanes_for(vectors)],
            gradient: vec![0.0; 3 * lanes_for(vectors)],
        };
        let x = [0.3, -0.2, 0.1, -0.5, 0.4, 0.25, 0.05, 0.6, -0.35];
        let mut g = [0.0; 9];
        loss.evaluate(&x, &mut g);
        for i in 0..9 {
            let h = 1e-6;
            let at = |loss: &mut Loss, delta: f64| {
                let mut moved = x;
                moved[i] += delta;
                loss.evaluate(&moved, &mut [0.0; 9])
            };
            let numeric = (at(&mut loss, h) - at(&mut loss, -h)) / (2.0 * h);
            assert!((numeric - g[i]).abs() < 1e-7, "component {i}: {} vs {numeric}", g[i]);
        }
    }
}
