//! BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
//!
//! While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, rate α); after each repeat
//! purchase they drop out for good with probability p ~ Beta(a, b). A customer is summarised by
//! x = repeat purchases, t_x = age at the last purchase, T = age at the end of calibration.
//!
//! Fitting maximises the closed-form likelihood (FHL 2005, eq. 6, evaluated in log space) over
//! log-parameters, on identical (x, t_x, T) patterns collapsed with weights (`purchase_fit`).

use super::optimize::{MinimizeOptions, NotConverged};
use super::patterns::PurchasePatterns;
use super::purchase_fit::{fit_purchase_model, PurchaseFit, PurchaseLikelihood};
use super::special::{digamma, exp, exp_m1, ln, ln_1p, ln_gamma, logistic_of_negative};

/// The collapsed histories every purchase model is fitted on (the name BG/NBD had first).
pub type BgNbdData = PurchasePatterns;
pub use super::patterns::InvalidHistory;

pub const PARAMETER_NAMES: [&str; 4] = ["r", "alpha", "a", "b"];

/// Population parameters, α in the caller's time unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BgNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// Log-likelihood of the data (sum over customers) and its gradient in (r, α, a, b).
pub fn log_likelihood_and_gradient(params: &BgNbdParams, data: &BgNbdData, gradient: &mut [f64; 4]) -> f64 {
    beta_geometric_likelihood(params, data, false, gradient)
}

/// The BG/NBD likelihood, or with `dropout_at_first` MBG/NBD's (a chance to drop out right after the
/// first purchase too: every Beta term gains one trial, b + x → b + x + 1, and the "dropped out after
/// the last purchase" term exists for x = 0 as well).
pub(super) fn beta_geometric_likelihood(
    params: &BgNbdParams,
    data: &BgNbdData,
    dropout_at_first: bool,
    gradient: &mut [f64; 4],
) -> f64 {
    let BgNbdParams { r, alpha, a, b } = *params;
    // Adding 0.0 is exact: BG/NBD's numbers are the same to the bit as without the shift.
    let trials = if dropout_at_first { 1.0 } else { 0.0 };
    // Everything that depends on x only, once per distinct x.
    struct PerFrequency {
        x: f64,
        /// ln Γ(r+x) - ln Γ(r) + ln B(a, b+x) - ln B(a, b) (b+x+1 with a dropout at the first purchase)
        ln_base: f64,
        d_r: f64,
        d_a: f64,
        d_b: f64,
        /// Whether "dropped out right after the last purchase" is possible.
        can_drop: bool,
        ln_dropout: f64,
        inv_b_x_1: f64,
    }
    let (ln_alpha, psi_r, psi_b, psi_ab) = (ln(alpha), digamma(r), digamma(b), digamma(a + b));
    let (lg_r, lg_b, lg_ab, ln_a) = (ln_gamma(r), ln_gamma(b), ln_gamma(a + b), ln(a));
    let per_frequency: Vec<PerFrequency> = data
        .frequencies
        .iter()
        .map(|&x| {
            let xf = f64::from(x);
            let ln_base = ln_gamma(r + xf) - lg_r + r * ln_alpha + lg_ab + ln_gamma(b + xf + trials)
                - lg_b
                - ln_gamma(a + b + xf + trials);
            let psi_abx = digamma(a + b + xf + trials);
            let d_a = psi_ab - psi_abx;
            let d_b = d_a + digamma(b + xf + trials) - psi_b;
            let can_drop = x > 0 || dropout_at_first;
            let (ln_dropout, inv_b_x_1) = if can_drop {
                (ln_a - ln(b + xf - 1.0 + trials), 1.0 / (b + xf - 1.0 + trials))
            } else {
                (f64::NEG_INFINITY, 0.0)
            };
            PerFrequency {
                x: xf,
                ln_base,
                d_r: digamma(r + xf) - psi_r + ln_alpha,
                d_a,
                d_b,
                can_drop,
                ln_dropout,
                inv_b_x_1,
            }
        })
        .collect();
    let ln_alpha_age: Vec<f64> = data.ages.iter().map(|&t| ln(alpha + t)).collect();
    let ln_alpha_recency: Vec<f64> = data.recencies.iter().map(|&t| ln(alpha + t)).collect();

    let mut total = 0.0;
    let mut g = [0.0f64; 4];
    for j in 0..data.weight.len() {
        let w = data.weight[j];
        let f = &per_frequency[data.frequency_index[j] as usize];
        let ti = data.age_index[j] as usize;
        let txi = data.recency_index[j] as usize;
        let shape = r + f.x;
        // ln of the "still alive at T" and "dropped out right after t_x" terms (FHL 2005 eq. 6).
        let alive = -shape * ln_alpha_age[ti];
        let (ll, share_dead) = if f.can_drop {
            let dead = f.ln_dropout - shape * ln_alpha_recency[txi];
            // ln(e^alive + e^dead) and the posterior share of "dead" from one exp and one ln
            // (this loop is the hot spot of the fit).
            let gap = alive - dead;
            if gap >= 0.0 {
                let e = exp(-gap);
                (f.ln_base + alive + ln_1p(e), e / (1.0 + e))
            } else {
                let e = exp(gap);
                (f.ln_base + dead + ln_1p(e), 1.0 / (1.0 + e))
            }
        } else {
            (f.ln_base + alive, 0.0)
        };
        let share_alive = 1.0 - share_dead;
        total += w * ll;
        g[0] += w * (f.d_r - share_alive * ln_alpha_age[ti] - share_dead * ln_alpha_recency[txi]);
        g[1] += w
            * (r / alpha
                - shape * (share_alive / (alpha + data.ages[ti]) + share_dead / (alpha + data.recencies[txi])));
        g[2] += w * (f.d_a + share_dead / a);
        g[3] += w * (f.d_b - share_dead * f.inv_b_x_1);
    }
    *gradient = g;
    total
}

pub fn log_likelihood(params: &BgNbdParams, data: &BgNbdData) -> f64 {
    log_likelihood_and_gradient(params, data, &mut [0.0; 4])
}

/// The BG/NBD likelihood for the shared fitting routine.
pub struct BgNbd;

impl PurchaseLikelihood for BgNbd {
    const PER_TIME: [bool; 4] = [false, true, false, false];
    fn log_likelihood_and_gradient(theta: &[f64; 4], data: &PurchasePatterns, gradient: &mut [f64; 4]) -> f64 {
        let params = BgNbdParams { r: theta[0], alpha: theta[1], a: theta[2], b: theta[3] };
        log_likelihood_and_gradient(&params, data, gradient)
    }
}

impl BgNbdParams {
    pub fn from_values(v: [f64; 4]) -> BgNbdParams {
        BgNbdParams { r: v[0], alpha: v[1], a: v[2], b: v[3] }
    }
}

/// Where the optimiser gave up, with the parameters (in the caller's time unit) it had reached.
#[derive(Clone, Debug, PartialEq)]
pub struct BgNbdNotConverged {
    pub failure: NotConverged,
    pub params: BgNbdParams,
}

/// Fits by maximum likelihood. `penalizer` adds `penalizer * (r² + α_scaled² + a² + b²)` to the mean
/// negative log-likelihood, exactly like `lifetimes.BetaGeoFitter(penalizer_coef)`.
/// The fit's `values` are (r, α, a, b): `BgNbdParams::from_values` names them.
pub fn fit(data: &BgNbdData, penalizer: f64, options: &MinimizeOptions) -> Result<PurchaseFit, BgNbdNotConverged> {
    match fit_purchase_model::<BgNbd>(data, penalizer, options) {
        Ok(fit) => Ok(fit),
        Err(e) => Err(BgNbdNotConverged { failure: e.failure, params: BgNbdParams::from_values(e.values) }),
    }
}

/// Posterior of one customer's latent (λ, p), for simulating their future.
///
/// The likelihood of a history splits into "alive at T" (λ^x e^{-λT} (1-p)^x) and, when x > 0,
/// "dropped out right after the last purchase" (λ^x e^{-λ t_x} p (1-p)^{x-1}). With the Gamma and Beta
/// priors each part is conjugate, so the posterior is a two-component mixture:
/// - with probability `p_alive`: λ ~ Gamma(r + x, rate α + T), p ~ Beta(a, b + x), customer active;
/// - otherwise: λ ~ Gamma(r + x, rate α + t_x), p ~ Beta(a + 1, b + x - 1), customer gone.
///
/// The mixing weight is exactly P(alive) (the ratio of the two marginal likelihoods is
/// a / (b + x - 1) · ((α + T) / (α + t_x))^{r+x}). A simulator draws "alive" with `p_alive` and, if
/// alive, λ and p from the alive component; a dead customer buys nothing more.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BgNbdPosterior {
    pub p_alive: f64,
    pub lambda_shape: f64,
    /// Rate of λ's Gamma given alive (α + T).
    pub lambda_rate_if_alive: f64,
    /// Beta(a, b + x) of p given alive.
    pub dropout_beta_if_alive: (f64, f64),
    /// Rate of λ and Beta of p given gone; `None` when x = 0 (nobody drops out before a repeat purchase).
    pub lambda_rate_if_gone: Option<f64>,
    pub dropout_beta_if_gone: Option<(f64, f64)>,
}

/// Upper bound on series terms; reached only when z is within ~1e-5 of 1 (absurdly long horizons).
pub(super) const MAX_SERIES_TERMS: usize = 2_000_000;

impl BgNbdParams {
    /// P(alive | x, t_x, T) (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD model").
    pub fn p_alive(&self, x: u32, recency: f64, age: f64) -> f64 {
        if x == 0 {
            return 1.0;
        }
        self.p_alive_of_repeat_buyer(x, recency, age, ln(self.a), ln(self.b + f64::from(x) - 1.0))
    }

    /// P(alive) for x > 0, given ln a and ln(b + x - 1) (the same for many customers).
    #[inline]
    pub(super) fn p_alive_of_repeat_buyer(&self, x: u32, recency: f64, age: f64, ln_a: f64, ln_b_x: f64) -> f64 {
        let xf = f64::from(x);
        let ln_odds_gone = (self.r + xf) * ln_1p((age - recency) / (self.alpha + recency)) + ln_a - ln_b_x;
        logistic_of_negative(ln_odds_gone)
    }

    /// Expected repeat purchases in the next `t` time units of a customer with x repeat purchases and
    /// age T, GIVEN that the customer is alive (FHL 2005 eq. 10 without the P(alive) factor).
    ///
    /// FHL write it as C/(a-1) · [1 - ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; C; z)] with C = a+b+x-1 and
    /// z = t/(α+T+t). Euler's transformation ₂F₁(A,B;C;z) = (1-z)^{C-A-B} ₂F₁(C-A, C-B; C; z) turns it
    /// into C/(a-1) · [1 - (1-z)^{a-1} ₂F₁(a+b-1-r, a-1; C; z)], whose series has small upper parameters
    /// (it converges much faster for large x). Writing ₂F₁(Ā, a-1; C; z) = 1 + (a-1) S with
    /// S = Σ_{k≥1} (Ā)_k (a)_{k-1} / ((C)_k k!) z^k removes the 1/(a-1) singularity:
    ///     E = C · [ -expm1((a-1) L) / (a-1) - e^{(a-1) L} S ],   L = ln(1 - z) = -ln1p(t / (α+T)).
    /// `None` if the series does not converge (C a non-positive integer, or z absurdly close to 1).
    pub fn expected_purchases_if_alive(&self, x: u32, age: f64, t: f64) -> Option<f64> {
        if t.is_nan() || t < 0.0 {
            return None;
        }
        if t == 0.0 {
            return Some(0.0);
        }
        let series = RemainderSeries::new(self, x);
        self.expected_at(&series, &self.time_point(age, t), |k| series.coefficient(k))
    }

    /// The parts of E[Y(t) | alive] that depend on (T, t) and not on x (t > 0).
    pub(super) fn time_point(&self, age: f64, t: f64) -> TimePoint {
        let base = self.alpha + age;
        let ln_one_minus_z = -ln_1p(t / base);
        let eps = self.a - 1.0;
        TimePoint {
            z: t / (base + t),
            ln_one_minus_z,
            weight: exp(eps * ln_one_minus_z),
            first: if eps == 0.0 { -ln_one_minus_z } else { -exp_m1(eps * ln_one_minus_z) / eps },
        }
    }

    /// E[Y(t) | alive] of x repeat purchases (`series` made for x) at `point`; `coefficient(k)` is
    /// `series.coefficient(k)`, possibly remembered from an earlier call.
    pub(super) fn expected_at(
        &self,
        series: &RemainderSeries,
        point: &TimePoint,
        coefficient: impl FnMut(usize) -> f64,
    ) -> Option<f64> {
        let remainder = remainder_sum(series.a_bar, series.c, point.z, coefficient);
        let RemainderSeries { c, .. } = *series;
        let eps = self.a - 1.0;
        if let Some((sum, largest_term)) = remainder {
            let value = c * (point.first - point.weight * sum);
            // With ā < 0 (r > a + b - 1) the first terms alternate in sign and may cancel: keep the result
            // only if the rounding error of the largest term is negligible next to it.
            let rounding = c.abs() * point.weight * largest_term * f64::EPSILON;
            if value.is_finite() && rounding <= 1e-10 * value.abs() {
                return Some(value.max(0.0));
            }
        }
        // Large r: FHL's own form, whose series has positive terms only (no cancellation), summed with
        // rescaling. Its 1/(a-1) is harmless here unless a is within rounding of 1.
        if eps.abs() < 1e-6 {
            return None;
        }
        let xf = series.x;
        let ln_f = ln_hypergeometric_positive(self.r + xf, self.b + xf, c, point.z)?;
        let value = c / eps * -exp_m1((self.r + xf) * point.ln_one_minus_z + ln_f);
        value.is_finite().then_some(value.max(0.0))
    }

    /// Expected repeat purchases in the next `t` time units (FHL 2005 eq. 10).
    pub fn conditional_expected_purchases(&self, x: u32, recency: f64, age: f64, t: f64) -> Option<f64> {
        Some(self.p_alive(x, recency, age) * self.expected_purchases_if_alive(x, age, t)?)
    }

    /// E[X(t)]: expected repeat purchases in the first `t` time units after a customer's first purchase
    /// (FHL 2005 eq. 9; the special case x = 0, T = 0 of the conditional expectation).
    pub fn expected_purchases_since_first(&self, t: f64) -> Option<f64> {
        self.expected_purchases_if_alive(0, 0.0, t)
    }

    pub fn posterior(&self, x: u32, recency: f64, age: f64) -> BgNbdPosterior {
        let xf = f64::from(x);
        BgNbdPosterior {
            p_alive: self.p_alive(x, recency, age),
            lambda_shape: self.r + xf,
            lambda_rate_if_alive: self.alpha + age,
            dropout_beta_if_alive: (self.a, self.b + xf),
            lambda_rate_if_gone: (x > 0).then_some(self.alpha + recency),
            dropout_beta_if_gone: (x > 0).then_some((self.a + 1.0, self.b + xf - 1.0)),
        }
    }
}

/// What E[Y(t) | alive] needs of (T, t) alone: z = t/(α+T+t), L = ln(1 - z), e^{(a-1) L} and
/// -expm1((a-1) L) / (a-1). Every frequency at one age shares them.
#[derive(Clone, Copy, Debug)]
pub(super) struct TimePoint {
    z: f64,
    ln_one_minus_z: f64,
    weight: f64,
    first: f64,
}

/// The series S of one frequency x: ā, C and its terms' ratios without z, which depend on the
/// parameters and x only (not on T or t).
#[derive(Clone, Copy, Debug)]
pub(super) struct RemainderSeries {
    x: f64,
    a: f64,
    a_bar: f64,
    c: f64,
}

impl RemainderSeries {
    pub(super) fn new(params: &BgNbdParams, x: u32) -> RemainderSeries {
        let xf = f64::from(x);
        RemainderSeries {
            x: xf,
            a: params.a,
            a_bar: params.a + params.b - 1.0 - params.r,
            c: params.a + params.b + xf - 1.0,
        }
    }

    /// Term k over term k - 1, divided by z.
    #[inline]
    pub(super) fn coefficient(&self, k: usize) -> f64 {
        let kf = k as f64;
        (self.a_bar + kf) * (self.a + kf - 1.0) / ((self.c + kf) * (kf + 1.0))
    }
}

/// S = Σ_{k≥1} (ā)_k (a)_{k-1} / ((c)_k k!) z^k for 0 <= z < 1, with the largest absolute term.
#[cfg(test)]
fn hypergeometric_remainder(a_bar: f64, a: f64, c: f64, z: f64) -> Option<(f64, f64)> {
    let series = RemainderSeries { x: 0.0, a, a_bar, c };
    remainder_sum(a_bar, c, z, |k| series.coefficient(k))
}

/// S summed with the ratios `coefficient(k)` (`RemainderSeries::coefficient`).
#[inline]
fn remainder_sum(a_bar: f64, c: f64, z: f64, mut coefficient: impl FnMut(usize) -> f64) -> Option<(f64, f64)> {
    if !(0.0..1.0).contains(&z) || c.is_nan() {
        return None;
    }
    if c <= 0.0 && c == c.round() {
        return None;
    }
    // Terms can change sign only while k < -ā or k < -c; past that they keep one sign and the ratio tends
    // to z, so the tail after term k is at most |term| q / (1 - q) with q = max(ratio, z).
    let settle = (-a_bar).max(-c).max(0.0).ceil();
    if settle > MAX_SERIES_TERMS as f64 {
        return None;
    }
    let settle = settle as usize + 2;
    let mut term = a_bar * z / c;
    let mut sum = term;
    let mut largest = term.abs();
    for k in 1..MAX_SERIES_TERMS {
        let ratio = coefficient(k) * z;
        term *= ratio;
        sum += term;
        largest = largest.max(term.abs());
        if k > settle {
            let q = ratio.abs().max(z);
            // |term| q / (1 - q) >= |term| q (0 < 1 - q <= 1, rounding is monotone): the division is
            // needed only once the cheaper product passes.
            let bound = 1e-16 * sum.abs();
            let tail = term.abs() * q;
            if q < 1.0 && tail <= bound && tail / (1.0 - q) <= bound {
                return sum.is_finite().then_some((sum, largest));
            }
        }
        if !term.is_finite() {
            return None;
        }
    }
    None
}

/// ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 <= z < 1, where every term of the series is positive.
/// Terms may grow enormous before they fall (large a): the sum is rescaled as it goes.
pub(super) fn ln_hypergeometric_positive(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(a > 0.0 && b > 0.0 && c > 0.0 && (0.0..1.0).contains(&z)) {
        return None;
    }
    const RESCALE_ABOVE: f64 = 1e250;
    let ln_rescale = ln(RESCALE_ABOVE);
    let (mut term, mut sum, mut ln_scale) = (1.0f64, 1.0f64, 0.0f64);
    for k in 0..MAX_SERIES_TERMS {
        let kf = k as f64;
        let ratio = (a + kf) * (b + kf) / ((c + kf) * (kf + 1.0)) * z;
        term *= ratio;
        sum += term;
        if sum > RESCALE_ABOVE {
            sum /= RESCALE_ABOVE;
            term /= RESCALE_ABOVE;
            ln_scale += ln_rescale;
        }
        // Past the peak the ratio moves monotonically towards z, so the tail is at most term q / (1 - q).
        let q = ratio.max(z);
        if ratio < 1.0 && term * q / (1.0 - q) <= 1e-16 * sum {
            return Some(ln(sum) + ln_scale);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const CDNOW_DAYS: BgNbdParams = BgNbdParams { r: 0.25, alpha: 33.5, a: 0.72, b: 2.16 };

    /// Reference values from lifetimes 0.11.3 (BetaGeoFitter with params_ set by hand), which evaluates
    /// FHL eq. 9, 10 and P(alive) with scipy.special.hyp2f1: (params, x, t_x, T, t, E[Y(t)|...], P(alive), E[X(t)]).
    #[allow(clippy::type_complexity)]
    const LIFETIMES: [(BgNbdParams, u32, f64, f64, f64, f64, f64, f64); 7] = [
        (CDNOW_DAYS, 0, 0.0, 0.0, 360.0, 1.4102101262926932, 1.0, 1.4102101262926947),
        (CDNOW_DAYS, 0, 0.0, 272.0, 360.0, 0.25453733366269443, 1.0, 1.4102101262926947),
        (CDNOW_DAYS, 3, 200.0, 270.0, 273.0, 1.723590455721783, 0.7113337716124768, 1.1699053880181443),
        (CDNOW_DAYS, 40, 260.0, 271.0, 360.0, 32.88538844216257, 0.9285770888850096, 1.4102101262926947),
        (CDNOW_DAYS, 2, 1.0, 3.0, 5000.0, 25.897455583251812, 0.7945024547972235, 5.995137283397635),
        (
            BgNbdParams { r: 1.3, alpha: 4.0, a: 2.5, b: 0.8 },
            5,
            20.0,
            30.0,
            100.0,
            0.7258854638031367,
            0.17624370718885016,
            1.4711583175871399,
        ),
        (
            BgNbdParams { r: 0.8, alpha: 10.0, a: 1.0000001, b: 3.0 },
            1,
            5.0,
            50.0,
            60.0,
            0.28534645191399044,
            0.19833748568130316,
            2.4870054664138115,
        ),
    ];

    fn close(got: f64, expected: f64, rel: f64) -> bool {
        (got - expected).abs() <= rel * expected.abs().max(1e-300)
    }

    #[test]
    fn predictions_match_lifetimes() {
        for (params, x, tx, t_age, t, conditional, alive, unconditional) in LIFETIMES {
            // With a = 1 + 1e-7, lifetimes' C/(a-1) · (1 - ...) loses about 7 digits to cancellation
            // (our form has no such division), so its reference is only good to ~1e-8 there.
            let tolerance = if (params.a - 1.0).abs() < 1e-3 { 1e-7 } else { 1e-9 };
            let got = params.conditional_expected_purchases(x, tx, t_age, t).unwrap();
            assert!(close(got, conditional, tolerance), "E[Y({t})|{x},{tx},{t_age}] = {got}, lifetimes {conditional}");
            let got = params.p_alive(x, tx, t_age);
            assert!(close(got, alive, 1e-12), "P(alive|{x},{tx},{t_age}) = {got}, lifetimes {alive}");
            let got = params.expected_purchases_since_first(t).unwrap();
            assert!(close(got, unconditional, tolerance), "E[X({t})] = {got}, lifetimes {unconditional}");
        }
        // The a = 1 + 1e-7 case against scipy.integrate.quad of the defining integral (times P(alive)),
        // which gives 0.2853464505613859: our form keeps full precision where lifetimes' does not.
        let params = BgNbdParams { r: 0.8, alpha: 10.0, a: 1.0000001, b: 3.0 };
        assert!(close(params.conditional_expected_purchases(1, 5.0, 50.0, 60.0).unwrap(), 0.2853464505613859, 1e-12));
    }

    /// E[Y(t) | alive] = E_p[(1 - (1 + p t/(α+T))^{-(r+x)}) / p] with p ~ Beta(a, b+x): integrate that
    /// directly with Simpson's rule. For a < 1 the substitution p = u^{1/a} removes the p^{a-1}
    /// singularity; for a >= 1 the integrand is smooth in p itself.
    fn integrated_expectation(params: &BgNbdParams, x: u32, age: f64, t: f64) -> f64 {
        let (a, b) = (params.a, params.b + f64::from(x));
        let (shape, c) = (params.r + f64::from(x), t / (params.alpha + age));
        let ln_beta = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
        let g = |p: f64| if p == 0.0 { shape * c } else { -(-shape * (c * p).ln_1p()).exp_m1() / p };
        let substitute = a < 1.0;
        let integrand = |u: f64| {
            if substitute {
                let p = u.powf(1.0 / a);
                (1.0 - p).powf(b - 1.0) * g(p) / a
            } else {
                u.powf(a - 1.0) * (1.0 - u).powf(b - 1.0) * g(u)
            }
        };
        let n = 200_000;
        let h = 1.0 / n as f64;
        let mut sum = integrand(0.0) + integrand(1.0 - 1e-15);
        for i in 1..n {
            sum += integrand(i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        sum * h / 3.0 / ln_beta.exp()
    }

    #[test]
    fn series_matches_direct_integration() {
        for (params, x, age, t) in [
            (CDNOW_DAYS, 0, 10.0, 700.0),
            (CDNOW_DAYS, 7, 150.0, 90.0),
            (BgNbdParams { r: 2.0, alpha: 1.5, a: 3.0, b: 5.0 }, 12, 40.0, 30.0),
            (BgNbdParams { r: 0.5, alpha: 2.0, a: 1.0, b: 1.5 }, 2, 3.0, 50.0),
        ] {
            let series = params.expected_purchases_if_alive(x, age, t).unwrap();
            let integral = integrated_expectation(&params, x, age, t);
            assert!(close(series, integral, 1e-7), "x={x} T={age} t={t}: series {series}, integral {integral}");
        }
    }

    #[test]
    fn large_r_uses_the_positive_series_and_matches_integration() {
        // r = 60 and 1000 give ā = a + b - 1 - r far below 0, where the Euler series' terms alternate.
        for (params, x, age, t) in [
            (BgNbdParams { r: 60.0, alpha: 200.0, a: 0.8, b: 2.5 }, 3, 100.0, 50.0),
            (BgNbdParams { r: 1000.0, alpha: 5000.0, a: 1.7, b: 6.0 }, 10, 40.0, 300.0),
        ] {
            let series = params.expected_purchases_if_alive(x, age, t).unwrap();
            let integral = integrated_expectation(&params, x, age, t);
            assert!(close(series, integral, 1e-7), "r={}: series {series}, integral {integral}", params.r);
            // At r = 1000 the Euler form is unusable: its terms dwarf the result (at r = 60 it still works).
            let c = params.a + params.b + f64::from(x) - 1.0;
            let z = t / (params.alpha + age + t);
            let euler = hypergeometric_remainder(params.a + params.b - 1.0 - params.r, params.a, c, z);
            if params.r >= 1000.0 {
                assert!(euler.is_none_or(|(_, largest)| largest > 1e6 * series), "r={}", params.r);
            }
        }
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let (data, _) = BgNbdData::from_customers(
            &[0, 0, 1, 3, 3, 10],
            &[0.0, 0.0, 5.0, 20.0, 20.0, 35.0],
            &[40.0, 12.0, 30.0, 38.0, 38.0, 40.0],
        )
        .unwrap();
        assert_eq!(data.pattern_count(), 5, "the two identical customers collapse");
        let params = BgNbdParams { r: 0.7, alpha: 6.0, a: 0.9, b: 2.5 };
        let mut g = [0.0; 4];
        log_likelihood_and_gradient(&params, &data, &mut g);
        let base = [params.r, params.alpha, params.a, params.b];
        for i in 0..4 {
            let h = 1e-6 * base[i];
            let mut up = base;
            up[i] += h;
            let mut down = base;
            down[i] -= h;
            let at = |v: [f64; 4]| log_likelihood(&BgNbdParams { r: v[0], alpha: v[1], a: v[2], b: v[3] }, &data);
            let numeric = (at(up) - at(down)) / (2.0 * h);
            assert!((numeric - g[i]).abs() < 1e-6 * numeric.abs().max(1.0), "d/d{}: {} vs {numeric}", i, g[i]);
        }
    }

    #[test]
    fn log_likelihood_of_one_customer_by_hand() {
        // x = 2, t_x = 5, T = 10 with r = 1, α = 2, a = 1, b = 2:
        // A1 = lnΓ(3) - lnΓ(1) + 1·ln 2 = ln 2 + ln 2 = ln 4
        // A2 = lnΓ(3) + lnΓ(4) - lnΓ(2) - lnΓ(5) = ln 2 + ln 6 - 0 - ln 24 = ln(1/2)
        // alive = (2+10)^-3 = 1/1728, dead = a/(b+x-1) · (2+5)^-3 = (1/3)/343
        // L = 4 · 1/2 · (1/1728 + 1/1029)
        let (data, _) = BgNbdData::from_customers(&[2], &[5.0], &[10.0]).unwrap();
        let expected = (2.0f64 * (1.0 / 1728.0 + 1.0 / 1029.0)).ln();
        let got = log_likelihood(&BgNbdParams { r: 1.0, alpha: 2.0, a: 1.0, b: 2.0 }, &data);
        assert!((got - expected).abs() < 1e-13, "{got} vs {expected}");
    }

    #[test]
    fn invalid_histories_are_named() {
        let err = BgNbdData::from_customers(&[1, 2], &[3.0, 9.0], &[5.0, 8.0]).unwrap_err();
        assert_eq!(err, InvalidHistory { customer: 1, problem: "recency is larger than the age" });
        let err = BgNbdData::from_customers(&[0], &[1.0], &[5.0]).unwrap_err();
        assert_eq!(err.problem, "a customer without repeat purchases must have recency 0");
    }

    #[test]
    fn posterior_mixture_weight_is_p_alive() {
        let post = CDNOW_DAYS.posterior(3, 200.0, 270.0);
        assert!(close(post.p_alive, 0.7113337716124768, 1e-12));
        assert_eq!(post.lambda_shape, 3.25);
        assert_eq!(post.lambda_rate_if_alive, 303.5);
        assert_eq!(post.dropout_beta_if_alive, (0.72, 5.16));
        assert_eq!(post.lambda_rate_if_gone, Some(233.5));
        let (a, b) = post.dropout_beta_if_gone.unwrap();
        assert!(close(a, 1.72, 1e-15) && close(b, 4.16, 1e-15));
        // The posterior-mean purchase rate of an alive customer times t approximates E[Y(t)|alive] for small t.
        let t = 0.01;
        let approx = post.lambda_shape / post.lambda_rate_if_alive * t;
        assert!(close(CDNOW_DAYS.expected_purchases_if_alive(3, 270.0, t).unwrap(), approx, 1e-4));
        assert!(CDNOW_DAYS.posterior(0, 0.0, 10.0).lambda_rate_if_gone.is_none());
    }
}
