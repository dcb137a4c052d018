//! e^x for the hot loop of the logistic loss, table-driven and without a division (fdlibm's `exp`
//! divides once per call, which dominated the fit). x = (k·128 + j)·ln2/128 + r with |r| ≤ ln2/256,
//! e^x = 2^k · 2^(j/128) · e^r: the 128 values 2^(j/128) are computed once with the portable `exp`,
//! e^r by its Taylor polynomial to degree 6 (next term below 1e-19 relative). Only +, -, *, rounding and
//! bit manipulation, so every platform gives the same bits; within 2 ulp of e^x.

use std::sync::OnceLock;

use crate::engine::rng::math::exp;

const STEPS: usize = 128;
/// ln 2 / 128 split so that k · HI is exact for the k this function meets.
const LN2_OVER_STEPS_HI: f64 = 0.693_147_180_369_123_8 / STEPS as f64;
const LN2_OVER_STEPS_LO: f64 = 1.908_214_929_270_587_7e-10 / STEPS as f64;

fn table() -> &'static [f64; STEPS] {
    static TABLE: OnceLock<[f64; STEPS]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|j| exp(j as f64 * (LN2_OVER_STEPS_HI + LN2_OVER_STEPS_LO))))
}

/// e^x for x ≤ 0 (the logistic loss only exponentiates scores minus their maximum); below -708 (where
/// e^x leaves the normal range) the result is 0.
pub fn exp_non_positive(x: f64) -> f64 {
    if !(x >= -708.0) {
        return if x.is_nan() { x } else { 0.0 };
    }
    let n = (x * (STEPS as f64 / std::f64::consts::LN_2)).round();
    let r = (x - n * LN2_OVER_STEPS_HI) - n * LN2_OVER_STEPS_LO;
    let n = n as i64;
    let (k, j) = (n.div_euclid(STEPS as i64), n.rem_euclid(STEPS as i64) as usize);
    let poly = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    // 2^k as a float, k in -1022 ..= 0: exact bit construction (k + 1023 stays a normal exponent).
    let scale = f64::from_bits(((k + 1023) as u64) << 52);
    table()[j] * poly * scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_to_the_platform_exp_over_the_range() {
        let mut worst: f64 = 0.0;
        let mut x = -700.0;
        while x <= 0.0 {
            let (ours, platform) = (exp_non_positive(x), x.exp());
            worst = worst.max((ours - platform).abs() / platform);
            x += 0.0137;
        }
        for x in [0.0, -1e-300, -1e-10, -0.5, -1.0, -std::f64::consts::LN_2, -20.0] {
            let (ours, platform) = (exp_non_positive(x), x.exp());
            worst = worst.max((ours - platform).abs() / platform);
        }
        assert!(worst <= 4.0 * f64::EPSILON, "worst relative error {worst:e}");
        assert_eq!(exp_non_positive(0.0), 1.0);
        assert_eq!(exp_non_positive(-800.0), 0.0);
        assert!(exp_non_positive(f64::NAN).is_nan());
    }
}
