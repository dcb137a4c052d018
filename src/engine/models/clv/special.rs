//! Special functions the likelihoods need, in pure Rust so native and wasm give the same bits.
//!
//! Every logarithm and exponential in the CLV models goes through `ln` / `exp` here, which are the
//! engine's portable fdlibm ports (`rng::math`), never `f64::ln` / `f64::exp` (glibc natively, musl's
//! port on wasm: they can differ in the last bit, and the optimiser would then take a different path).
//! `ln_1p` and `exp_m1` are built on them with Goldberg's and Kahan's tricks, which use only correctly
//! rounded arithmetic besides.
//!
//! Both functions shift the argument up to 10 with the recurrence and then use the asymptotic
//! (Stirling / de Moivre) series: at 10 the first omitted term is below 2e-14, and the shift loop
//! keeps small arguments (shape parameters like r = 0.01) accurate.

pub use crate::engine::rng::math::{exp, ln};

const SHIFT_TO: f64 = 10.0;
const HALF_LN_TWO_PI: f64 = 0.918_938_533_204_672_8;

/// ln Γ(x) for x > 0 (NaN otherwise: the models never evaluate it there).
pub fn ln_gamma(x: f64) -> f64 {
    if x == f64::INFINITY {
        return f64::INFINITY;
    }
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let mut z = x;
    // ln Γ(x) = ln Γ(x + n) - ln(x (x+1) ... (x+n-1)); the product stays far from overflow for n <= 10.
    let mut product = 1.0;
    while z < SHIFT_TO {
        product *= z;
        z += 1.0;
    }
    let inv = 1.0 / z;
    let inv2 = inv * inv;
    let series = inv
        * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 * (1.0 / 1680.0 - inv2 * (1.0 / 1188.0)))));
    (z - 0.5) * ln(z) - z + HALF_LN_TWO_PI + series - ln(product)
}

/// ψ(x) = d/dx ln Γ(x) for x > 0 (NaN otherwise).
pub fn digamma(x: f64) -> f64 {
    if x == f64::INFINITY {
        return f64::INFINITY;
    }
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let mut z = x;
    let mut shifted = 0.0;
    while z < SHIFT_TO {
        shifted += 1.0 / z;
        z += 1.0;
    }
    let inv2 = 1.0 / (z * z);
    let series =
        inv2 * (1.0 / 12.0 - inv2 * (1.0 / 120.0 - inv2 * (1.0 / 252.0 - inv2 * (1.0 / 240.0 - inv2 * (1.0 / 132.0)))));
    ln(z) - 0.5 / z - series - shifted
}

/// ln(1 + x), accurate for small x (Goldberg: the rounding error of 1 + x cancels in ln(u) · x / (u - 1)).
pub fn ln_1p(x: f64) -> f64 {
    let u = 1.0 + x;
    if u == 1.0 {
        x
    } else if u.is_infinite() {
        ln(x)
    } else {
        ln(u) * x / (u - 1.0)
    }
}

/// e^x - 1, accurate for small x (Kahan: (u - 1) · x / ln(u) with u = e^x). Away from 0 the
/// subtraction u - 1 loses nothing that matters (at most a couple of ulps).
pub fn exp_m1(x: f64) -> f64 {
    let u = exp(x);
    if x.abs() >= 0.5 || x.is_nan() {
        u - 1.0
    } else if u == 1.0 {
        x
    } else {
        (u - 1.0) * x / ln(u)
    }
}

/// ln(e^a + e^b) without overflow; either argument may be -inf.
pub fn log_add_exp(a: f64, b: f64) -> f64 {
    let (high, low) = if a >= b { (a, b) } else { (b, a) };
    if high == f64::NEG_INFINITY {
        return f64::NEG_INFINITY;
    }
    high + ln_1p(exp(low - high))
}

/// 1 / (1 + e^u) without overflow.
pub fn logistic_of_negative(u: f64) -> f64 {
    if u > 0.0 {
        let e = exp(-u);
        e / (1.0 + e)
    } else {
        1.0 / (1.0 + exp(u))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values: Python 3.11 math.lgamma and scipy.special.digamma (independent implementations).
    const REFERENCE: [(f64, f64, f64); 13] = [
        (1e-8, 18.42068073818021, -100000000.57721564),
        (0.01, 4.599479878042022, -100.56088545786868),
        (0.24, 1.3311791434660618, -4.406160345792604),
        (0.5, 0.5723649429247004, -1.9635100260214235),
        (1.0, 0.0, -0.5772156649015329),
        (1.5, -0.12078223763524543, 0.03648997397857652),
        (2.0, 0.0, 0.42278433509846713),
        (3.7, 1.4280723266653883, 1.1671535393615113),
        (9.99, 12.779315214350197, 2.250700372831201),
        (10.0, 12.801827480081467, 2.251752589066721),
        (33.5, 83.30242550295004, 3.4965458167228256),
        (1000.0, 5905.220423209181, 6.907255195648812),
        (1e7, 151180949.3694739, 16.11809560095832),
    ];

    #[test]
    fn ln_gamma_matches_reference_values() {
        for (x, expected, _) in REFERENCE {
            let got = ln_gamma(x);
            assert!((got - expected).abs() <= 1e-13 * expected.abs().max(1.0), "lnΓ({x}) = {got}, expected {expected}");
        }
    }

    #[test]
    fn digamma_matches_reference_values() {
        for (x, _, expected) in REFERENCE {
            let got = digamma(x);
            assert!((got - expected).abs() <= 1e-13 * expected.abs().max(1.0), "ψ({x}) = {got}, expected {expected}");
        }
    }

    #[test]
    fn digamma_is_the_derivative_of_ln_gamma() {
        for x in [0.3, 2.5, 7.0, 40.0] {
            let h = 1e-5 * x;
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!((numeric - digamma(x)).abs() < 1e-8, "x = {x}");
        }
    }

    #[test]
    fn log_add_exp_handles_extremes() {
        assert!((log_add_exp(0.0, 0.0) - 2f64.ln()).abs() < 1e-15);
        assert_eq!(log_add_exp(-1000.0, f64::NEG_INFINITY), -1000.0);
        assert!((log_add_exp(1000.0, 999.0) - (1000.0 + (-1f64).exp().ln_1p())).abs() < 1e-12);
        assert!((logistic_of_negative(800.0) - (-800f64).exp()).abs() < 1e-300);
        assert_eq!(logistic_of_negative(-800.0), 1.0);
        assert!((logistic_of_negative(0.0) - 0.5).abs() < 1e-16);
    }

    #[test]
    fn ln_1p_and_exp_m1_match_the_platform_to_a_few_ulps() {
        for x in [-0.999, -0.5, -1e-3, -1e-9, -1e-17, 0.0, 1e-300, 1e-17, 1e-9, 1e-5, 0.3, 1.0, 7.5, 1e10, 1e300] {
            let (ours, platform) = (ln_1p(x), x.ln_1p());
            assert!((ours - platform).abs() <= 4.0 * f64::EPSILON * platform.abs(), "ln_1p({x}): {ours} vs {platform}");
        }
        for x in [-800.0, -40.0, -1.0, -1e-3, -1e-9, -1e-17, 0.0, 1e-17, 1e-9, 1e-5, 0.3, 1.0, 50.0, 709.0, 710.0] {
            let (ours, platform) = (exp_m1(x), x.exp_m1());
            assert!(
                ours == platform || (ours - platform).abs() <= 4.0 * f64::EPSILON * platform.abs(),
                "exp_m1({x}): {ours} vs {platform}"
            );
        }
    }

    #[test]
    fn non_positive_arguments_are_nan() {
        assert!(ln_gamma(0.0).is_nan() && ln_gamma(-1.0).is_nan() && digamma(f64::NAN).is_nan());
    }
}
