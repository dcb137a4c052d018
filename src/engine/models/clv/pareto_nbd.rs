//! Pareto/NBD purchase model (Schmittlein, Morrison & Colombo 1987; the likelihood as in Fader &
//! Hardie's note "A note on deriving the Pareto/NBD model and related expressions", 2005).
//!
//! While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, rate α) and stays alive
//! for an exponential time with rate μ ~ Gamma(s, rate β), independent of purchases. For (x, t_x, T):
//!
//!   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^{-(r+x)} (β+T)^{-s} + s/(r+s+x) · A₀ ]
//!
//! where, with a = r+s+x and (for α ≥ β) m = α, k = s+1, d = α-β (for α < β: m = β, k = r+x, d = β-α),
//!
//!   A₀ = ₂F₁(a, k; a+1; d/(m+t_x)) / (m+t_x)^a - ₂F₁(a, k; a+1; d/(m+T)) / (m+T)^a.
//!
//! The series of ₂F₁(a, k; a+1; z) has positive terms a/(a+n) (k)_n zⁿ/n!, summed with rescaling.
//! Everything is in log space, A₀'s difference through ln(-expm1(·)). The gradient is by central
//! differences on the log-parameters (the ₂F₁ has no cheap parameter derivatives).
//!
//! P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^{r+x} (β+T)^s · A₀), and given alive λ ~ Gamma(r+x,
//! α+T), μ ~ Gamma(s, β+T), so E[Y(t) | alive] = (r+x)(β+T) / ((α+T)(s-1)) · [1 - ((β+T)/(β+T+t))^{s-1}].

use super::bgnbd::ln_hypergeometric_positive;
use super::patterns::PurchasePatterns;
use super::purchase_fit::PurchaseLikelihood;
use super::special::{exp, exp_m1, ln, ln_1p, ln_gamma, log_add_exp, logistic_of_negative};

pub const PARAMETER_NAMES: [&str; 4] = ["r", "alpha", "s", "beta"];

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParetoNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

/// Posterior of an alive customer's purchase rate λ and dropout rate μ (both Gamma, shape and rate).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParetoNbdPosterior {
    pub p_alive: f64,
    pub lambda_shape: f64,
    pub lambda_rate_if_alive: f64,
    pub dropout_shape: f64,
    pub dropout_rate_if_alive: f64,
}

impl ParetoNbdParams {
    pub fn from_values(v: [f64; 4]) -> ParetoNbdParams {
        ParetoNbdParams { r: v[0], alpha: v[1], s: v[2], beta: v[3] }
    }

    /// ln A₀ (negative infinity when t_x = T); `None` when a series does not converge.
    fn ln_a0(&self, x: u32, recency: f64, age: f64) -> Option<f64> {
        let xf = f64::from(x);
        let a = self.r + self.s + xf;
        let (low, high, k) = if self.alpha < self.beta {
            (self.alpha, self.beta, self.r + xf)
        } else {
            (self.beta, self.alpha, self.s + 1.0)
        };
        let d = high - low;
        let term = |t: f64| -> Option<f64> {
            let q = high + t;
            Some(ln_hypergeometric_positive(a, k, a + 1.0, d / q)? - a * ln(q))
        };
        let first = term(recency)?;
        let second = term(age)?;
        // second <= first (the integrand of A₀ is positive); rounding may make them cross by an ulp.
        let gap = second - first;
        if gap >= 0.0 {
            return Some(f64::NEG_INFINITY);
        }
        Some(first + ln(-exp_m1(gap)))
    }

    /// Log-likelihood of one history (`None` if a series fails).
    pub fn ln_likelihood(&self, x: u32, recency: f64, age: f64) -> Option<f64> {
        let xf = f64::from(x);
        let ParetoNbdParams { r, alpha, s, beta } = *self;
        let base = ln_gamma(r + xf) - ln_gamma(r) + r * ln(alpha) + s * ln(beta);
        let alive = -(r + xf) * ln(alpha + age) - s * ln(beta + age);
        let dead = ln(s) - ln(r + s + xf) + self.ln_a0(x, recency, age)?;
        Some(base + log_add_exp(alive, dead))
    }

    pub fn p_alive(&self, x: u32, recency: f64, age: f64) -> f64 {
        let xf = f64::from(x);
        let Some(ln_a0) = self.ln_a0(x, recency, age) else {
            return f64::NAN;
        };
        let ln_odds_gone = ln(self.s) - ln(self.r + self.s + xf)
            + (self.r + xf) * ln(self.alpha + age)
            + self.s * ln(self.beta + age)
            + ln_a0;
        logistic_of_negative(ln_odds_gone)
    }

    pub fn expected_purchases_if_alive(&self, x: u32, age: f64, t: f64) -> Option<f64> {
        if t.is_nan() || t < 0.0 {
            return None;
        }
        let rate = (self.r + f64::from(x)) / (self.alpha + age);
        let base = self.beta + age;
        let ln_ratio = ln_1p(t / base);
        let eps = self.s - 1.0;
        // ∫₀ᵗ P(still alive at u) du = (β+T)/(s-1) · [1 - ((β+T)/(β+T+t))^{s-1}], → (β+T) ln(1 + t/(β+T)) at s = 1.
        let alive_time = if eps == 0.0 { base * ln_ratio } else { base * -exp_m1(-eps * ln_ratio) / eps };
        let value = rate * alive_time;
        value.is_finite().then_some(value)
    }

    pub fn posterior(&self, x: u32, recency: f64, age: f64) -> ParetoNbdPosterior {
        ParetoNbdPosterior {
            p_alive: self.p_alive(x, recency, age),
            lambda_shape: self.r + f64::from(x),
            lambda_rate_if_alive: self.alpha + age,
            dropout_shape: self.s,
            dropout_rate_if_alive: self.beta + age,
        }
    }
}

/// The Pareto/NBD likelihood for the shared fitting routine.
pub struct ParetoNbd;

/// Relative step of the central differences (on the log-parameters).
const GRADIENT_STEP: f64 = 1e-5;

impl PurchaseLikelihood for ParetoNbd {
    const PER_TIME: [bool; 4] = [false, true, false, true];

    fn log_likelihood_and_gradient(theta: &[f64; 4], data: &PurchasePatterns, gradient: &mut [f64; 4]) -> f64 {
        let total = log_likelihood_values(theta, data);
        for i in 0..4 {
            let at = |factor: f64| {
                let mut moved = *theta;
                moved[i] *= factor;
                log_likelihood_values(&moved, data)
            };
            let (up, down) = (exp(GRADIENT_STEP), exp(-GRADIENT_STEP));
            // d ll / d ln θ, then the chain rule back to θ.
            gradient[i] = (at(up) - at(down)) / (2.0 * GRADIENT_STEP) / theta[i];
        }
        total
    }
}

fn log_likelihood_values(theta: &[f64; 4], data: &PurchasePatterns) -> f64 {
    let params = ParetoNbdParams::from_values(*theta);
    let mut total = 0.0;
    for j in 0..data.pattern_count() {
        let (x, recency, age, weight) = data.pattern(j);
        match params.ln_likelihood(x, recency, age) {
            Some(ll) => total += weight * ll,
            None => return f64::NAN,
        }
    }
    total
}

pub fn log_likelihood(params: &ParetoNbdParams, data: &PurchasePatterns) -> f64 {
    log_likelihood_values(&[params.r, params.alpha, params.s, params.beta], data)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// L by direct integration over the dropout time τ (the definition A₀ comes from):
    /// L = Γ(r+x)α^r β^s/Γ(r) · [(α+T)^{-(r+x)}(β+T)^{-s} + s ∫_{t_x}^T (α+τ)^{-(r+x)} (β+τ)^{-(s+1)} dτ].
    fn integrated(params: &ParetoNbdParams, x: u32, t_x: f64, t: f64) -> f64 {
        let ParetoNbdParams { r, alpha, s, beta } = *params;
        let shape = r + f64::from(x);
        let f = |tau: f64| (alpha + tau).powf(-shape) * (beta + tau).powf(-(s + 1.0));
        let n = 200_000;
        let h = (t - t_x) / n as f64;
        let mut sum = f(t_x) + f(t);
        for i in 1..n {
            sum += f(t_x + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        let integral = if t > t_x { sum * h / 3.0 } else { 0.0 };
        let base = (ln_gamma(shape) - ln_gamma(r) + r * alpha.ln() + s * beta.ln()).exp();
        (base * ((alpha + t).powf(-shape) * (beta + t).powf(-s) + s * integral)).ln()
    }

    #[test]
    fn likelihood_matches_direct_integration_on_both_branches() {
        for (params, x, t_x, t) in [
            (ParetoNbdParams { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, 3, 20.0, 38.0),
            (ParetoNbdParams { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, 0, 0.0, 30.0),
            (ParetoNbdParams { r: 1.3, alpha: 25.0, s: 0.4, beta: 3.0 }, 7, 50.0, 52.0),
            (ParetoNbdParams { r: 0.8, alpha: 4.0, s: 2.5, beta: 4.0 }, 2, 1.0, 9.0),
        ] {
            let ours = params.ln_likelihood(x, t_x, t).unwrap();
            let direct = integrated(&params, x, t_x, t);
            assert!((ours - direct).abs() < 1e-9 * direct.abs().max(1.0), "{params:?} {x}: {ours} vs {direct}");
        }
    }

    #[test]
    fn gradient_matches_finite_differences_of_the_likelihood() {
        let (data, _) =
            PurchasePatterns::from_customers(&[0, 1, 4, 4], &[0.0, 5.0, 20.0, 31.0], &[40.0, 12.0, 30.0, 38.0])
                .unwrap();
        let theta = [0.7, 6.0, 0.9, 8.0];
        let mut g = [0.0; 4];
        ParetoNbd::log_likelihood_and_gradient(&theta, &data, &mut g);
        for i in 0..4 {
            let h = 1e-4 * theta[i];
            let at = |delta: f64| {
                let mut v = theta;
                v[i] += delta;
                log_likelihood_values(&v, &data)
            };
            let numeric = (at(h) - at(-h)) / (2.0 * h);
            assert!((numeric - g[i]).abs() < 1e-6 * numeric.abs().max(1.0), "d/d{i}: {} vs {numeric}", g[i]);
        }
    }

    #[test]
    fn a_customer_seen_at_the_end_is_surely_alive_and_expectations_by_hand() {
        let params = ParetoNbdParams { r: 0.5, alpha: 10.0, s: 2.0, beta: 20.0 };
        assert_eq!(params.p_alive(3, 40.0, 40.0), 1.0);
        // E[Y(t)|alive] = (r+x)/(α+T) · (β+T)/(s-1) · (1 - (β+T)/(β+T+t)) with s = 2, x = 3, T = 40, t = 30:
        // 3.5/50 · 60 · (1 - 60/90) = 1.4.
        let e = params.expected_purchases_if_alive(3, 40.0, 30.0).unwrap();
        assert!((e - 1.4).abs() < 1e-13, "{e}");
        // s = 1: (r+x)/(α+T) · (β+T) ln(1 + t/(β+T)).
        let one = ParetoNbdParams { s: 1.0, ..params };
        let e = one.expected_purchases_if_alive(3, 40.0, 30.0).unwrap();
        assert!((e - 3.5 / 50.0 * 60.0 * 1.5f64.ln()).abs() < 1e-13, "{e}");
    }
}
