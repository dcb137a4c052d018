//! MBG/NBD purchase model (Batislam, Denizel & Filiztekin 2007; Hoppe & Wagner 2007): BG/NBD with
//! one more chance to drop out, right after the first purchase, so a customer who never bought again
//! can already be gone (BG/NBD counts every such customer as alive).
//!
//! While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, rate α); at the first and
//! after every repeat purchase they drop out with probability p ~ Beta(a, b). For (x, t_x, T):
//!
//!   L = Γ(r+x) α^r / Γ(r) · B(a, b+x+1) / B(a, b) · [ (α+T)^{-(r+x)} + a/(b+x) · (α+t_x)^{-(r+x)} ]
//!
//! (the second term: dropped out right after the last purchase, also when x = 0). Evaluated in log
//! space with an analytic gradient by BG/NBD's routine with one more dropout chance.
//!
//! Given alive, p ~ Beta(a, b+x+1): the future is BG/NBD's with b + 1, so the expectation reuses
//! BG/NBD's series: E[Y(t) | alive] = (a+b+x)/(a-1) · [1 - ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x+1; a+b+x; z)].

use super::bgnbd::{beta_geometric_likelihood, BgNbdParams};
use super::patterns::PurchasePatterns;
use super::purchase_fit::PurchaseLikelihood;
use super::special::{ln, ln_1p, logistic_of_negative};

pub const PARAMETER_NAMES: [&str; 4] = ["r", "alpha", "a", "b"];

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MbgNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

impl MbgNbdParams {
    pub fn from_values(v: [f64; 4]) -> MbgNbdParams {
        MbgNbdParams { r: v[0], alpha: v[1], a: v[2], b: v[3] }
    }

    /// P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}).
    pub fn p_alive(&self, x: u32, recency: f64, age: f64) -> f64 {
        let xf = f64::from(x);
        let ln_odds_gone =
            (self.r + xf) * ln_1p((age - recency) / (self.alpha + recency)) + ln(self.a) - ln(self.b + xf);
        logistic_of_negative(ln_odds_gone)
    }

    /// The BG/NBD whose future matches an alive MBG/NBD customer's (b one higher).
    pub(super) fn alive_equivalent(&self) -> BgNbdParams {
        BgNbdParams { r: self.r, alpha: self.alpha, a: self.a, b: self.b + 1.0 }
    }

    /// Expected repeat purchases in the next `t` time units given alive.
    pub fn expected_purchases_if_alive(&self, x: u32, age: f64, t: f64) -> Option<f64> {
        self.alive_equivalent().expected_purchases_if_alive(x, age, t)
    }
}

/// The MBG/NBD likelihood for the shared fitting routine.
pub struct MbgNbd;

impl PurchaseLikelihood for MbgNbd {
    const PER_TIME: [bool; 4] = [false, true, false, false];

    fn log_likelihood_and_gradient(theta: &[f64; 4], data: &PurchasePatterns, gradient: &mut [f64; 4]) -> f64 {
        beta_geometric_likelihood(&BgNbdParams::from_values(*theta), data, true, gradient)
    }
}

pub fn log_likelihood(params: &MbgNbdParams, data: &PurchasePatterns) -> f64 {
    let theta = [params.r, params.alpha, params.a, params.b];
    MbgNbd::log_likelihood_and_gradient(&theta, data, &mut [0.0; 4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood_of_one_customer_by_hand() {
        // x = 2, t_x = 5, T = 10 with r = 1, α = 2, a = 1, b = 2:
        // Γ(3)·2/Γ(1) = 4; B(1, 5)/B(1, 2) = (1/5)/(1/2) = 2/5;
        // (2+10)^-3 = 1/1728; a/(b+x) (2+5)^-3 = (1/4)/343.
        let (data, _) = PurchasePatterns::from_customers(&[2], &[5.0], &[10.0]).unwrap();
        let expected = (4.0f64 * 0.4 * (1.0 / 1728.0 + 0.25 / 343.0)).ln();
        let got = log_likelihood(&MbgNbdParams { r: 1.0, alpha: 2.0, a: 1.0, b: 2.0 }, &data);
        assert!((got - expected).abs() < 1e-13, "{got} vs {expected}");
        // x = 0 (t_x = 0, T = 4): 2^1 · B(1, 3)/B(1, 2) · [6^-1 + (1/2) 2^-1] = 2 · (2/3) · (1/6 + 1/4).
        let (data, _) = PurchasePatterns::from_customers(&[0], &[0.0], &[4.0]).unwrap();
        let expected = (2.0f64 * (2.0 / 3.0) * (1.0 / 6.0 + 0.25)).ln();
        let got = log_likelihood(&MbgNbdParams { r: 1.0, alpha: 2.0, a: 1.0, b: 2.0 }, &data);
        assert!((got - expected).abs() < 1e-13, "{got} vs {expected}");
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let (data, _) = PurchasePatterns::from_customers(
            &[0, 0, 1, 3, 3, 10],
            &[0.0, 0.0, 5.0, 20.0, 20.0, 35.0],
            &[40.0, 12.0, 30.0, 38.0, 38.0, 40.0],
        )
        .unwrap();
        let base = [0.7, 6.0, 0.9, 2.5];
        let mut g = [0.0; 4];
        MbgNbd::log_likelihood_and_gradient(&base, &data, &mut g);
        for i in 0..4 {
            let h = 1e-6 * base[i];
            let at = |delta: f64| {
                let mut v = base;
                v[i] += delta;
                MbgNbd::log_likelihood_and_gradient(&v, &data, &mut [0.0; 4])
            };
            let numeric = (at(h) - at(-h)) / (2.0 * h);
            assert!((numeric - g[i]).abs() < 1e-6 * numeric.abs().max(1.0), "d/d{i}: {} vs {numeric}", g[i]);
        }
    }

    #[test]
    fn a_customer_without_repeats_may_be_gone() {
        // x = 0, T = 10, α = 2, r = 1, a = 1, b = 2: odds gone = a/b · ((α+T)/α)^r = 0.5 · 6 = 3.
        let params = MbgNbdParams { r: 1.0, alpha: 2.0, a: 1.0, b: 2.0 };
        assert!((params.p_alive(0, 0.0, 10.0) - 0.25).abs() < 1e-15);
        // Right after the first purchase only the first dropout chance has passed: b / (a + b).
        assert!((params.p_alive(0, 0.0, 0.0) - 2.0 / 3.0).abs() < 1e-15);
    }
}
