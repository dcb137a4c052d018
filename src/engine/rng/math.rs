//! `ln` and `exp` in pure Rust, so native and wasm32 builds give bit-identical results.
//!
//! WHY: `f64::ln` / `f64::exp` call the platform's libm: glibc on native Linux, the Rust port of
//! musl on wasm32. Both are accurate to about one ulp but are different code, so they can round the
//! last bit differently. A one-bit difference inside a rejection sampler can accept one draw natively
//! and reject it in the browser, after which the two streams diverge completely. IEEE 754 requires
//! `+ - * /` and `sqrt` to be correctly rounded, and Rust never fuses or reorders them, so a function
//! built only from those operations and bit manipulation gives the same bits on every platform.
//!
//! The algorithms are fdlibm's `__ieee754_log` and `__ieee754_exp` (with musl's `scalbn`), whose
//! coefficients are given below as exact bit patterns; error below 1 ulp. Their licence asks that
//! this notice be kept:
//!
//! Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//! Developed at SunSoft, a Sun Microsystems, Inc. business.
//! Permission to use, copy, modify, and distribute this software is freely granted, provided that
//! this notice is preserved.

/// ln(2) split so that `k * LN2_HI` is exact for |k| < 2000 (its low 32 bits are zero).
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
const INV_LN2: f64 = f64::from_bits(0x3FF7_1547_652B_82FE);

/// Minimax coefficients of `R(z)` in `log(1+f) = 2s + s*R(s^2)`, `s = f / (2 + f)`.
const LG1: f64 = f64::from_bits(0x3FE5_5555_5555_5593);
const LG2: f64 = f64::from_bits(0x3FD9_9999_9997_FA04);
const LG3: f64 = f64::from_bits(0x3FD2_4924_9422_9359);
const LG4: f64 = f64::from_bits(0x3FCC_71C5_1D8E_78AF);
const LG5: f64 = f64::from_bits(0x3FC7_4664_96CB_03DE);
const LG6: f64 = f64::from_bits(0x3FC3_9A09_D078_C69F);
const LG7: f64 = f64::from_bits(0x3FC2_F112_DF3E_5244);

/// Minimax coefficients of the Remez polynomial for `exp(r)` on |r| <= ln(2)/2.
const P1: f64 = f64::from_bits(0x3FC5_5555_5555_553E);
const P2: f64 = f64::from_bits(0xBF66_C16C_16BE_BD93);
const P3: f64 = f64::from_bits(0x3F11_566A_AF25_DE2C);
const P4: f64 = f64::from_bits(0xBEBB_BD41_C5D2_6BF1);
const P5: f64 = f64::from_bits(0x3E66_3769_72BE_A4D0);

/// exp overflows above this (709.782712893383973096) and underflows to 0 below the other.
const EXP_OVERFLOW: f64 = f64::from_bits(0x4086_2E42_FEFA_39EF);
const EXP_UNDERFLOW: f64 = f64::from_bits(0xC087_4910_D52D_3051);

const TWO_POW_54: f64 = f64::from_bits(0x4350_0000_0000_0000);

/// Natural logarithm, bit-identical on every platform. `ln(0) = -inf`, `ln(negative or NaN) = NaN`.
pub fn ln(x: f64) -> f64 {
    let mut bits = x.to_bits();
    let mut high = (bits >> 32) as u32;
    let mut k: i32 = 0;
    let mut x = x;
    if high < 0x0010_0000 || high >> 31 != 0 {
        if bits << 1 == 0 {
            return f64::NEG_INFINITY;
        }
        if high >> 31 != 0 {
            return f64::NAN;
        }
        // Subnormal: scale into the normal range first.
        k -= 54;
        x *= TWO_POW_54;
        bits = x.to_bits();
        high = (bits >> 32) as u32;
    } else if high >= 0x7FF0_0000 {
        return x; // +inf or NaN
    } else if high == 0x3FF0_0000 && bits << 32 == 0 {
        return 0.0;
    }

    // Reduce x to 2^k * m with m in [sqrt(2)/2, sqrt(2)).
    high = high.wrapping_add(0x3FF0_0000 - 0x3FE6_A09E);
    k += (high >> 20) as i32 - 0x3FF;
    high = (high & 0x000F_FFFF) + 0x3FE6_A09E;
    let m = f64::from_bits(u64::from(high) << 32 | (bits & 0xFFFF_FFFF));

    let f = m - 1.0;
    let half_f_squared = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = t2 + t1;
    let dk = f64::from(k);
    s * (half_f_squared + r) + dk * LN2_LO - half_f_squared + f + dk * LN2_HI
}

/// e^x, bit-identical on every platform. Overflows to +inf above ~709.78, underflows to 0 below ~-745.13.
pub fn exp(x: f64) -> f64 {
    let high_signed = (x.to_bits() >> 32) as u32;
    let negative = high_signed >> 31 != 0;
    let high = high_signed & 0x7FFF_FFFF;

    if high >= 0x4086_232B {
        // |x| >= 708.39 or NaN
        if x.is_nan() {
            return x;
        }
        if x > EXP_OVERFLOW {
            return f64::INFINITY;
        }
        if x < EXP_UNDERFLOW {
            return 0.0;
        }
    }

    // Reduce: x = k*ln2 + r, |r| <= ln2/2, with r carried as hi - lo.
    let (k, hi, lo, r): (i32, f64, f64, f64);
    if high > 0x3FD6_2E42 {
        // |x| > ln2/2
        k = if high >= 0x3FF0_A2B2 {
            // |x| >= 1.5 ln2; the cast truncates toward zero like C's (int).
            (INV_LN2 * x + if negative { -0.5 } else { 0.5 }) as i32
        } else if negative {
            -1
        } else {
            1
        };
        hi = x - f64::from(k) * LN2_HI;
        lo = f64::from(k) * LN2_LO;
        r = hi - lo;
    } else if high > 0x3E30_0000 {
        // |x| > 2^-28
        k = 0;
        hi = x;
        lo = 0.0;
        r = x;
    } else {
        return 1.0 + x;
    }

    let rr = r * r;
    let c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
    let y = 1.0 + (r * c / (2.0 - c) - lo + hi);
    if k == 0 {
        y
    } else {
        scale_by_power_of_two(y, k)
    }
}

/// `x * 2^n` without double rounding in the subnormal range (musl's `scalbn`).
fn scale_by_power_of_two(x: f64, n: i32) -> f64 {
    let two_pow_1023 = f64::from_bits(0x7FE0_0000_0000_0000);
    // 2^-1022 * 2^53 = 2^-969: keeps the final step's n below -53 to avoid double rounding.
    let two_pow_minus_969 = f64::from_bits(0x0360_0000_0000_0000);
    let mut y = x;
    let mut n = n;
    if n > 1023 {
        y *= two_pow_1023;
        n -= 1023;
        if n > 1023 {
            y *= two_pow_1023;
            n -= 1023;
            if n > 1023 {
                n = 1023;
            }
        }
    } else if n < -1022 {
        y *= two_pow_minus_969;
        n += 1022 - 53;
        if n < -1022 {
            y *= two_pow_minus_969;
            n += 1022 - 53;
            if n < -1022 {
                n = -1022;
            }
        }
    }
    y * f64::from_bits(((0x3FF + n) as u64) << 52)
}

/// ln(n!) for the Poisson sampler: exact products below 21 (20! < 2^63 fits f64 exactly up to 22!),
/// Stirling's series above, where its truncation error is below 1e-13 relative.
pub fn ln_factorial(n: u64) -> f64 {
    if n <= 20 {
        let mut product = 1.0_f64;
        let mut i = 2;
        while i <= n {
            product *= i as f64;
            i += 1;
        }
        return ln(product);
    }
    let x = n as f64;
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    // ln n! = n ln n - n + ln(2 pi n)/2 + 1/(12n) - 1/(360n^3) + 1/(1260n^5) - 1/(1680n^7)
    const HALF_LN_TWO_PI: f64 = 0.918_938_533_204_672_8;
    let series = inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
    x * ln(x) - x + 0.5 * ln(x) + HALF_LN_TWO_PI + series
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place between two finite doubles of the same sign.
    fn ulps(a: f64, b: f64) -> u64 {
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    #[test]
    // The literals are fdlibm's own decimal spellings, kept digit for digit.
    #[allow(clippy::excessive_precision, clippy::approx_constant)]
    fn coefficients_match_their_decimal_values_from_fdlibm() {
        // The decimal literals printed in fdlibm's e_log.c / e_exp.c.
        assert_eq!(LN2_HI, 6.93147180369123816490e-01);
        assert_eq!(LN2_LO, 1.90821492927058770002e-10);
        assert_eq!(INV_LN2, 1.44269504088896338700e+00);
        assert_eq!(LG1, 6.666666666666735130e-01);
        assert_eq!(LG4, 2.222219843214978396e-01);
        assert_eq!(LG7, 1.479819860511658591e-01);
        assert_eq!(P1, 1.66666666666666019037e-01);
        assert_eq!(P2, -2.77777777770155933842e-03);
        assert_eq!(P5, 4.13813679705723846039e-08);
        assert_eq!(EXP_OVERFLOW, 709.782712893383973096);
        assert_eq!(EXP_UNDERFLOW, -745.13321910194110842);
    }

    #[test]
    fn special_values() {
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
        assert!(ln(f64::NAN).is_nan());
        assert_eq!(ln(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(-746.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
        // ln 2 rounded to double is 0x3FE62E42FEFA39EF.
        assert_eq!(ln(2.0).to_bits(), 0x3FE6_2E42_FEFA_39EF);
        // e rounded to double is 0x4005BF0A8B145769; fdlibm's exp is faithful (< 1 ulp), not
        // correctly rounded, and gives the neighbour ...6A here (the Python port agrees).
        assert_eq!(exp(1.0).to_bits(), 0x4005_BF0A_8B14_576A);
    }

    #[test]
    fn within_one_ulp_of_the_platform_libm_over_wide_ranges() {
        // The platform libm is itself within ~1 ulp, so agreement to 1 ulp means both are right.
        let mut state = 0x1234_5678_9ABC_DEF0_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut worst_ln = 0;
        let mut worst_exp = 0;
        for _ in 0..200_000 {
            // Log-uniform positives across almost the whole range, including subnormals.
            let exponent = (next() % 2000) as i32 - 1070;
            let mantissa = 1.0 + (next() >> 11) as f64 / (1u64 << 53) as f64;
            let x = mantissa * 2f64.powi(exponent);
            if x > 0.0 && x.is_finite() {
                worst_ln = worst_ln.max(ulps(ln(x), x.ln()));
            }
            let y = ((next() >> 11) as f64 / (1u64 << 53) as f64) * 1450.0 - 740.0;
            let (mine, theirs) = (exp(y), y.exp());
            if theirs > f64::MIN_POSITIVE {
                worst_exp = worst_exp.max(ulps(mine, theirs));
            }
        }
        assert!(worst_ln <= 1, "ln differs by {worst_ln} ulps");
        assert!(worst_exp <= 1, "exp differs by {worst_exp} ulps");
    }

    #[test]
    fn ln_factorial_against_exact_values() {
        assert_eq!(ln_factorial(0), 0.0);
        assert_eq!(ln_factorial(1), 0.0);
        // ln(10!) = ln(3628800) = 15.104412573075514 (Python: math.lgamma(11))
        assert!((ln_factorial(10) - 15.104_412_573_075_514).abs() < 1e-13);
        // ln(21!) = 45.38013889847691, ln(100!) = 363.73937555556347, ln(10^6!) = 12815518.384658169
        // (Python math.lgamma), across the switch to Stirling's series.
        assert!((ln_factorial(21) - 45.380_138_898_476_91).abs() < 1e-12);
        assert!((ln_factorial(100) - 363.739_375_555_563_47).abs() < 1e-11);
        assert!((ln_factorial(1_000_000) - 12_815_518.384_658_169).abs() < 1e-6);
    }
}
