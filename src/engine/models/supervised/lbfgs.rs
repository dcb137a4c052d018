//! Limited-memory BFGS (Nocedal & Wright, algorithm 7.4/7.5) for the many-parameter smooth convex
//! losses of the supervised models, with scipy's L-BFGS-B stopping rules as scikit-learn sets them:
//! the largest gradient component at most `gradient_tolerance`, or a relative decrease of the
//! objective below 64 machine epsilons. A backtracking (Armijo) line search from the unit step; the
//! history lives in preallocated buffers, so an iteration allocates nothing.

use crate::engine::models::clv::optimize::Objective;

pub struct LbfgsOptions {
    pub max_iterations: u32,
    pub gradient_tolerance: f64,
    /// Correction pairs kept (scipy's default 10).
    pub memory: usize,
}

#[derive(Debug)]
pub struct LbfgsResult {
    pub x: Vec<f64>,
    pub value: f64,
    pub gradient_norm: f64,
    pub iterations: u32,
    pub converged: bool,
}

const ARMIJO: f64 = 1e-4;
const MAX_HALVINGS: u32 = 50;
const RELATIVE_DECREASE: f64 = 64.0 * f64::EPSILON;

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

pub fn minimize_lbfgs(objective: &mut dyn Objective, start: &[f64], options: &LbfgsOptions) -> LbfgsResult {
    let n = start.len();
    let m = options.memory.max(1);
    let mut x = start.to_vec();
    let mut g = vec![0.0; n];
    let mut value = objective.evaluate(&x, &mut g);
    let mut s_history = vec![0.0; m * n];
    let mut y_history = vec![0.0; m * n];
    let mut rho = vec![0.0; m];
    let mut alpha = vec![0.0; m];
    let (mut stored, mut newest) = (0usize, 0usize);
    let mut direction = vec![0.0; n];
    let mut trial = vec![0.0; n];
    let mut trial_g = vec![0.0; n];
    let mut iterations = 0;
    let done = |x: Vec<f64>, value: f64, g: &[f64], iterations: u32, converged: bool| LbfgsResult {
        gradient_norm: max_abs(g),
        x,
        value,
        iterations,
        converged,
    };
    while iterations < options.max_iterations {
        if max_abs(&g) <= options.gradient_tolerance {
            return done(x, value, &g, iterations, true);
        }
        // Two-loop recursion: direction = -H g.
        direction.copy_from_slice(&g);
        for back in 0..stored {
            let i = (newest + m - back) % m;
            alpha[i] = rho[i] * dot(&s_history[i * n..(i + 1) * n], &direction);
            for (d, y) in direction.iter_mut().zip(&y_history[i * n..(i + 1) * n]) {
                *d -= alpha[i] * y;
            }
        }
        let gamma = if stored > 0 {
            let y = &y_history[newest * n..(newest + 1) * n];
            dot(&s_history[newest * n..(newest + 1) * n], y) / dot(y, y)
        } else {
            // First step: scipy's 1 / |g| scaling keeps it from overshooting.
            1.0 / dot(&g, &g).sqrt().max(1.0)
        };
        direction.iter_mut().for_each(|d| *d *= gamma);
        for forward in (0..stored).rev() {
            let i = (newest + m - forward) % m;
            let beta = rho[i] * dot(&y_history[i * n..(i + 1) * n], &direction);
            for (d, s) in direction.iter_mut().zip(&s_history[i * n..(i + 1) * n]) {
                *d += (alpha[i] - beta) * s;
            }
        }
        direction.iter_mut().for_each(|d| *d = -*d);
        let mut slope = dot(&direction, &g);
        if slope >= 0.0 || slope.is_nan() {
            // Lost descent (rounding): restart from steepest descent.
            stored = 0;
            direction.iter_mut().zip(&g).for_each(|(d, gi)| *d = -gi);
            slope = dot(&direction, &g);
        }
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..MAX_HALVINGS {
            for i in 0..n {
                trial[i] = x[i] + step * direction[i];
            }
            let v = objective.evaluate(&trial, &mut trial_g);
            if v.is_finite() && v <= value + ARMIJO * step * slope {
                accepted = Some(v);
                break;
            }
            step *= 0.5;
        }
        iterations += 1;
        let Some(new_value) = accepted else {
            return done(x, value, &g, iterations, max_abs(&g) <= options.gradient_tolerance);
        };
        // The correction pair (s, y) = (x' - x, g' - g), kept when the curvature is positive.
        let next = if stored == 0 { newest } else { (newest + 1) % m };
        let (mut sy, mut yy) = (0.0, 0.0);
        for i in 0..n {
            let s = trial[i] - x[i];
            let y = trial_g[i] - g[i];
            s_history[next * n + i] = s;
            y_history[next * n + i] = y;
            sy += s * y;
            yy += y * y;
        }
        if sy > 1e-10 * yy {
            rho[next] = 1.0 / sy;
            newest = next;
            stored = (stored + 1).min(m);
        }
        let decrease = (value - new_value) / value.abs().max(new_value.abs()).max(1.0);
        x.copy_from_slice(&trial);
        g.copy_from_slice(&trial_g);
        value = new_value;
        if decrease <= RELATIVE_DECREASE {
            return done(x, value, &g, iterations, true);
        }
    }
    let converged = max_abs(&g) <= options.gradient_tolerance;
    done(x, value, &g, iterations, converged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rosenbrock's banana in 10 dimensions: minimum 0 at (1, ..., 1).
    struct Rosenbrock;
    impl Objective for Rosenbrock {
        fn evaluate(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
            g.iter_mut().for_each(|v| *v = 0.0);
            let mut f = 0.0;
            for i in 0..x.len() - 1 {
                let (a, b) = (x[i], x[i + 1]);
                f += (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2);
                g[i] += -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
                g[i + 1] += 200.0 * (b - a * a);
            }
            f
        }
    }

    #[test]
    fn finds_the_minimum_of_a_curved_valley() {
        let options = LbfgsOptions { max_iterations: 1000, gradient_tolerance: 1e-8, memory: 10 };
        let found = minimize_lbfgs(&mut Rosenbrock, &[-1.2; 10], &options);
        assert!(found.converged, "{found:?}");
        assert!(found.x.iter().all(|v| (v - 1.0).abs() < 1e-5), "{:?}", found.x);
    }
}
