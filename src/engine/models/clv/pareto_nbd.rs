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
//! It needs about 37/(1-z) terms, so when z is near 1 (one of α, β tiny beside the other, which the
//! optimiser does visit) A₀ is instead integrated from its definition,
//! A₀ = (r+s+x) ∫_{t_x}^T (α+τ)^{-(r+x)} (β+τ)^{-(s+1)} dτ, by Gauss-Legendre on u = ln(min(α,β)+τ).
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

/// Above this z the ₂F₁ series would need thousands of terms per customer pattern: A₀ is integrated.
const SERIES_Z_LIMIT: f64 = 0.99;
const MAX_QUADRATURE_PANELS: usize = 200;

/// The positive half of the 20-point Gauss-Legendre rule on [-1, 1] (node, weight).
const GAUSS_LEGENDRE_20: [(f64, f64); 10] = [
    (0.07652652113349734, 0.15275338713072598),
    (0.22778585114164507, 0.14917298647260382),
    (0.37370608871541955, 0.14209610931838215),
    (0.5108670019508271, 0.1316886384491765),
    (0.636053680726515, 0.11819453196151831),
    (0.7463319064601508, 0.10193011981724048),
    (0.8391169718222189, 0.08327674157670474),
    (0.912234428251326, 0.06267204833410904),
    (0.9639719272779138, 0.04060142980038705),
    (0.9931285991850949, 0.017614007139152264),
];

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
        // z is largest at the smaller time, so one check covers both terms.
        if d / (high + recency) > SERIES_Z_LIMIT {
            return self.ln_a0_by_quadrature(x, recency, age);
        }
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

    /// ln A₀ from its integral (see the module note), to about 1e-13 relative; `None` where the integrand
    /// is so steep that it would take more than `MAX_QUADRATURE_PANELS` (parameters no fit ends at: the
    /// optimiser's line search steps back from them).
    fn ln_a0_by_quadrature(&self, x: u32, recency: f64, age: f64) -> Option<f64> {
        if age <= recency {
            return Some(f64::NEG_INFINITY);
        }
        let purchase_power = self.r + f64::from(x);
        let dropout_power = self.s + 1.0;
        // On u = ln(low + τ) the integrand is e^{u(1 - p_low)} (d + e^u)^{-p_high}: smooth, its log's slope
        // at most |1 - p_low| + p_high (low+T)/(high+T), so panels that narrow keep each panel's factor
        // within e^{±1}.
        let (low, high, low_power, high_power) = if self.alpha < self.beta {
            (self.alpha, self.beta, purchase_power, dropout_power)
        } else {
            (self.beta, self.alpha, dropout_power, purchase_power)
        };
        let d = high - low;
        let (start, end) = (ln(low + recency), ln(low + age));
        let slope = (1.0 - low_power).abs() + high_power * (low + age) / (high + age);
        let panels = ((end - start) * slope / 2.0).ceil().max(1.0);
        if !(panels <= MAX_QUADRATURE_PANELS as f64) {
            return None;
        }
        let panels = panels as usize;
        let half_width = (end - start) / (2.0 * panels as f64);
        let ln_integrand = |u: f64| u * (1.0 - low_power) - high_power * ln(d + exp(u));
        let mut terms = Vec::with_capacity(panels * GAUSS_LEGENDRE_20.len() * 2);
        for panel in 0..panels {
            let middle = start + (2 * panel + 1) as f64 * half_width;
            for &(node, weight) in &GAUSS_LEGENDRE_20 {
                for u in [middle - half_width * node, middle + half_width * node] {
                    terms.push(ln(weight * half_width) + ln_integrand(u));
                }
            }
        }
        let largest = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = terms.iter().map(|&t| exp(t - largest)).sum();
        Some(ln(self.r + self.s + f64::from(x)) + largest + ln(sum))
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
    fn quadrature_agrees_with_the_series_and_takes_over_where_the_series_is_slow() {
        // Where both work they agree closely (z = 0.5 to 0.98 for the series).
        for (params, x, t_x, t) in [
            (ParetoNbdParams { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, 3, 20.0, 38.0),
            (ParetoNbdParams { r: 0.55, alpha: 0.3, s: 0.61, beta: 11.7 }, 0, 0.0, 30.0),
            (ParetoNbdParams { r: 1.3, alpha: 25.0, s: 0.4, beta: 0.5 }, 7, 1.0, 52.0),
            (ParetoNbdParams { r: 0.8, alpha: 4.0, s: 2.5, beta: 1.0 }, 40, 30.0, 39.0),
        ] {
            let series = params.ln_a0(x, t_x, t).unwrap();
            let integrated = params.ln_a0_by_quadrature(x, t_x, t).unwrap();
            assert!(
                (series - integrated).abs() < 1e-11 * series.abs().max(1.0),
                "{params:?} {x}: {series} vs {integrated}"
            );
        }
        // α a million times smaller than β: the series would need ~4e7 terms; the likelihood still matches
        // direct integration, and quickly.
        // The reference is Simpson's rule with 200,000 steps on v = ln(α+τ) (on τ the integrand's peak
        // at 0 is narrower than any affordable step).
        let extreme = ParetoNbdParams { r: 0.4, alpha: 1e-5, s: 0.7, beta: 10.0 };
        for (x, t_x, t) in [(0, 0.0, 30.0), (2, 0.5, 30.0)] {
            let ParetoNbdParams { r, alpha, s, beta } = extreme;
            let shape = r + f64::from(x);
            let f = |v: f64| {
                let tau = v.exp() - alpha;
                v.exp() * (alpha + tau).powf(-shape) * (beta + tau).powf(-(s + 1.0))
            };
            let (v0, v1) = ((alpha + t_x).ln(), (alpha + t).ln());
            let n = 200_000;
            let h = (v1 - v0) / n as f64;
            let mut sum = f(v0) + f(v1);
            for i in 1..n {
                sum += f(v0 + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
            }
            let base = (ln_gamma(shape) - ln_gamma(r) + r * alpha.ln() + s * beta.ln()).exp();
            let direct = (base * ((alpha + t).powf(-shape) * (beta + t).powf(-s) + s * sum * h / 3.0)).ln();
            let ours = extreme.ln_likelihood(x, t_x, t).unwrap();
            assert!((ours - direct).abs() < 1e-9 * direct.abs().max(1.0), "{x}: {ours} vs {direct}");
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
