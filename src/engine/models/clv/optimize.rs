//! Unconstrained minimisation for the small (3-4 parameter) likelihoods: BFGS with a backtracking
//! (Armijo) line search, plus a central-difference Hessian for standard errors.
//!
//! The models optimise log-parameters, so every point is valid and steps are relative changes; the
//! objectives are the mean negative log-likelihood, so the gradient tolerance does not depend on the
//! number of customers.

/// A smooth function to minimise.
pub trait Objective {
    /// The value at `x`, with its gradient written into `gradient`. A non-finite value marks a point
    /// where the function cannot be evaluated; the line search then steps back.
    fn evaluate(&mut self, x: &[f64], gradient: &mut [f64]) -> f64;
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MinimizeOptions {
    pub max_iterations: u32,
    /// Converged when every gradient component is at most this in absolute value.
    pub gradient_tolerance: f64,
    /// A coordinate (a log-parameter) beyond this magnitude means the optimum is at infinity: the data
    /// do not identify the model.
    pub max_abs_coordinate: f64,
}

impl Default for MinimizeOptions {
    fn default() -> Self {
        MinimizeOptions { max_iterations: 500, gradient_tolerance: 1e-9, max_abs_coordinate: 20.0 }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    /// Largest absolute gradient component at `x`.
    pub gradient_norm: f64,
    pub iterations: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The iteration limit was reached before the gradient vanished.
    IterationLimit,
    /// No step along the search direction decreased the function (also after a restart).
    LineSearchFailed,
    /// Coordinate `index` ran off towards infinity.
    Diverged { index: usize },
    /// The function cannot be evaluated at the starting point.
    InvalidStart,
    /// The gradient vanished but the Hessian there is not positive definite: a flat ridge towards
    /// infinity rather than a maximum (reported by the model fits, which check the Hessian).
    FlatOptimum,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NotConverged {
    pub reason: StopReason,
    /// Where the optimiser stopped.
    pub x: Vec<f64>,
    pub gradient_norm: f64,
    pub iterations: u32,
}

const ARMIJO: f64 = 1e-4;
const MAX_HALVINGS: u32 = 60;
/// Largest change of one log-parameter in one step (a factor e^5 ~ 150): keeps exp() in range.
const MAX_STEP: f64 = 5.0;
/// When the line search stalls this close to a stationary point, float noise is the limit: accept.
const STALL_ACCEPT_FACTOR: f64 = 1e4;

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `objective` from `start` with BFGS.
pub fn minimize(
    objective: &mut dyn Objective,
    start: &[f64],
    options: &MinimizeOptions,
) -> Result<Minimum, NotConverged> {
    let n = start.len();
    let mut x = start.to_vec();
    let mut gradient = vec![0.0; n];
    let mut value = objective.evaluate(&x, &mut gradient);
    if !value.is_finite() || gradient.iter().any(|g| !g.is_finite()) {
        return Err(NotConverged { reason: StopReason::InvalidStart, x, gradient_norm: f64::NAN, iterations: 0 });
    }
    // Inverse Hessian approximation, row-major.
    let mut inverse = identity(n);
    let mut direction = vec![0.0; n];
    let mut trial = vec![0.0; n];
    let mut trial_gradient = vec![0.0; n];
    let mut restarted = false;

    for iteration in 0..options.max_iterations {
        let gradient_norm = max_abs(&gradient);
        if gradient_norm <= options.gradient_tolerance {
            return Ok(Minimum { x, value, gradient_norm, iterations: iteration });
        }
        for i in 0..n {
            direction[i] = -(0..n).map(|j| inverse[i * n + j] * gradient[j]).sum::<f64>();
        }
        let mut slope = dot(&direction, &gradient);
        if slope.is_nan() || slope >= 0.0 {
            // The approximation lost positive definiteness: fall back to steepest descent.
            inverse = identity(n);
            for i in 0..n {
                direction[i] = -gradient[i];
            }
            slope = dot(&direction, &gradient);
        }
        let longest = max_abs(&direction);
        let mut step = if longest > MAX_STEP { MAX_STEP / longest } else { 1.0 };
        let mut accepted = None;
        for _ in 0..MAX_HALVINGS {
            for i in 0..n {
                trial[i] = x[i] + step * direction[i];
            }
            let trial_value = objective.evaluate(&trial, &mut trial_gradient);
            if trial_value.is_finite()
                && trial_gradient.iter().all(|g| g.is_finite())
                && trial_value <= value + ARMIJO * step * slope
            {
                accepted = Some(trial_value);
                break;
            }
            step *= 0.5;
        }
        let Some(trial_value) = accepted else {
            if gradient_norm <= options.gradient_tolerance * STALL_ACCEPT_FACTOR {
                return Ok(Minimum { x, value, gradient_norm, iterations: iteration });
            }
            if !restarted {
                restarted = true;
                inverse = identity(n);
                continue;
            }
            return Err(NotConverged { reason: StopReason::LineSearchFailed, x, gradient_norm, iterations: iteration });
        };
        restarted = false;
        let s: Vec<f64> = (0..n).map(|i| trial[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| trial_gradient[i] - gradient[i]).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() {
            bfgs_update(&mut inverse, &s, &y, sy);
        }
        x.copy_from_slice(&trial);
        gradient.copy_from_slice(&trial_gradient);
        let previous = value;
        value = trial_value;
        if let Some(index) = x.iter().position(|c| c.abs() > options.max_abs_coordinate) {
            return Err(NotConverged {
                reason: StopReason::Diverged { index },
                x,
                gradient_norm: max_abs(&gradient),
                iterations: iteration + 1,
            });
        }
        // No progress left at the level of rounding, and the gradient is as small as rounding allows.
        if previous - value <= 1e-15 * value.abs().max(1.0)
            && max_abs(&gradient) <= options.gradient_tolerance * STALL_ACCEPT_FACTOR
        {
            return Ok(Minimum { gradient_norm: max_abs(&gradient), x, value, iterations: iteration + 1 });
        }
    }
    let gradient_norm = max_abs(&gradient);
    if gradient_norm <= options.gradient_tolerance {
        return Ok(Minimum { x, value, gradient_norm, iterations: options.max_iterations });
    }
    Err(NotConverged { reason: StopReason::IterationLimit, x, gradient_norm, iterations: options.max_iterations })
}

fn identity(n: usize) -> Vec<f64> {
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        m[i * n + i] = 1.0;
    }
    m
}

/// H <- (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (sᵀy).
fn bfgs_update(inverse: &mut [f64], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n).map(|i| (0..n).map(|j| inverse[i * n + j] * y[j]).sum()).collect();
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            inverse[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }
}

/// Hessian by central differences of the analytic gradient (step `h` per coordinate), symmetrised.
/// Costs 2n gradient evaluations.
pub fn numerical_hessian(objective: &mut dyn Objective, x: &[f64], h: f64) -> Vec<f64> {
    let n = x.len();
    let mut hessian = vec![0.0; n * n];
    let mut point = x.to_vec();
    let mut plus = vec![0.0; n];
    let mut minus = vec![0.0; n];
    for j in 0..n {
        point[j] = x[j] + h;
        objective.evaluate(&point, &mut plus);
        point[j] = x[j] - h;
        objective.evaluate(&point, &mut minus);
        point[j] = x[j];
        for i in 0..n {
            hessian[i * n + j] = (plus[i] - minus[i]) / (2.0 * h);
        }
    }
    for i in 0..n {
        for j in 0..i {
            let mean = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
            hessian[i * n + j] = mean;
            hessian[j * n + i] = mean;
        }
    }
    hessian
}

/// Lower-triangular L with L Lᵀ = `matrix` (row-major, n × n); `None` when the matrix is not positive
/// definite.
pub fn cholesky(matrix: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut sum = matrix[i * n + j];
            for k in 0..j {
                sum -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if sum.is_nan() || sum <= 0.0 || !sum.is_finite() {
                    return None;
                }
                l[i * n + i] = sum.sqrt();
            } else {
                l[i * n + j] = sum / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// Inverse of a symmetric positive definite matrix by Cholesky; `None` when it is not positive definite
/// (the likelihood is flat or the point is not a maximum).
pub fn inverse_spd(matrix: &[f64], n: usize) -> Option<Vec<f64>> {
    let l = cholesky(matrix, n)?;
    // Solve L Lᵀ X = I column by column.
    let mut inverse = vec![0.0; n * n];
    let mut column = vec![0.0; n];
    for c in 0..n {
        for i in 0..n {
            let mut sum = if i == c { 1.0 } else { 0.0 };
            for k in 0..i {
                sum -= l[i * n + k] * column[k];
            }
            column[i] = sum / l[i * n + i];
        }
        for i in (0..n).rev() {
            let mut sum = column[i];
            for k in i + 1..n {
                sum -= l[k * n + i] * column[k];
            }
            column[i] = sum / l[i * n + i];
        }
        for i in 0..n {
            inverse[i * n + c] = column[i];
        }
    }
    Some(inverse)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rosenbrock's banana: minimum 0 at (1, 1), a classic test of curved valleys.
    struct Rosenbrock;
    impl Objective for Rosenbrock {
        fn evaluate(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        }
    }

    /// ln(1 + e^x) - 2x keeps falling with slope -1 as x grows: no minimum.
    struct Sliding;
    impl Objective for Sliding {
        fn evaluate(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
            g[0] = 1.0 / (1.0 + (-x[0]).exp()) - 2.0;
            x[0].exp().ln_1p() - 2.0 * x[0]
        }
    }

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let found = minimize(&mut Rosenbrock, &[-1.2, 1.0], &MinimizeOptions::default()).unwrap();
        assert!((found.x[0] - 1.0).abs() < 1e-6 && (found.x[1] - 1.0).abs() < 1e-6, "{found:?}");
        assert!(found.iterations < 200);
    }

    #[test]
    fn reports_an_optimum_at_infinity_as_divergence() {
        let err = minimize(&mut Sliding, &[0.0], &MinimizeOptions::default()).unwrap_err();
        assert_eq!(err.reason, StopReason::Diverged { index: 0 });
        assert!(err.x[0] > 20.0);
    }

    #[test]
    fn reports_the_iteration_limit() {
        let options = MinimizeOptions { max_iterations: 3, ..MinimizeOptions::default() };
        let err = minimize(&mut Rosenbrock, &[-1.2, 1.0], &options).unwrap_err();
        assert_eq!(err.reason, StopReason::IterationLimit);
        assert_eq!(err.iterations, 3);
        assert!(err.gradient_norm > 1e-3);
    }

    #[test]
    fn hessian_and_inverse_of_rosenbrock_at_the_minimum() {
        // Analytic Hessian at (1, 1): [[802, -400], [-400, 200]]; its inverse is
        // [[200, 400], [400, 802]] / (802*200 - 400^2) = [[0.5, 1], [1, 2.005]].
        let h = numerical_hessian(&mut Rosenbrock, &[1.0, 1.0], 1e-5);
        for (got, expected) in h.iter().zip([802.0, -400.0, -400.0, 200.0]) {
            assert!((got - expected).abs() < 1e-4, "{h:?}");
        }
        let inv = inverse_spd(&h, 2).unwrap();
        for (got, expected) in inv.iter().zip([0.5, 1.0, 1.0, 2.005]) {
            assert!((got - expected).abs() < 1e-6, "{inv:?}");
        }
        assert!(inverse_spd(&[1.0, 2.0, 2.0, 1.0], 2).is_none(), "indefinite");
    }
}
