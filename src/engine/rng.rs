//! A small, seeded, portable random generator with the distributions TierLab's sample data and
//! Monte Carlo simulator need.
//!
//! # Generator
//! xoshiro256** (Blackman & Vigna, 2018): 256 bits of state, period 2^256 - 1, passes BigCrush,
//! and needs only 64-bit shifts, xors and wrapping multiplies, so it produces the same stream on
//! x86-64 and wasm32. `Rng::new(seed)` fills the state with four outputs of splitmix64 started at
//! `seed`, the seeding its authors recommend.
//!
//! # Streams
//! `Rng::for_stream(seed, stream)` gives every (seed, stream) pair its own generator, so the
//! simulator can hand customer i the same randomness in scenario A and scenario B (common random
//! numbers) and the sample generator can keep a customer's history independent of how many other
//! customers there are. The pair is hashed with the splitmix64 finaliser (a bijection on u64):
//! `start = mix(seed ^ mix(stream + SALT))`, and the state is four splitmix64 outputs from `start`.
//! For a fixed seed, distinct streams get distinct starts (and vice versa); starts are scattered
//! over 2^64, so the splitmix sequences of two streams overlap with negligible probability.
//!
//! # Determinism across platforms
//! Every distribution is built from `+ - * /`, `sqrt`, `floor` and comparisons, which IEEE 754
//! rounds identically everywhere, plus `ln` and `exp` from [`math`], a pure-Rust port of fdlibm, and
//! never from `f64::ln` / `f64::exp` / `f64::cos`, which call the platform libm (glibc natively, the
//! musl port on wasm32) and may differ in the last bit. A last-bit difference inside a rejection
//! test would flip an accept/reject decision now and then and desynchronise the whole stream, so
//! native and wasm32 produce bit-identical draws. Nothing here uses `mul_add` or `powi` (their
//! results depend on hardware FMA / LLVM lowering).
//!
//! # Stream alignment
//! No method caches anything between calls (the polar normal method throws its second value
//! away), so the draws after a call depend only on the state before it. Rejection samplers
//! (`normal`, `gamma`, `beta`, `poisson` for large λ, `below` in rare cases) consume a variable
//! number of 64-bit outputs; `bernoulli`, `uniform`, `exponential` and `weighted_index` always
//! consume exactly one.

// Negated comparisons such as `!(rate > 0.0)` are deliberate: unlike `rate <= 0.0` they also
// catch NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

pub mod math;

use math::{exp, ln, ln_factorial};

const SPLITMIX_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
/// Keeps `for_stream(s, 0)`'s start away from `new(s)`'s (any odd-looking constant does).
const STREAM_SALT: u64 = 0xD1B5_4A32_D192_ED03;

/// The splitmix64 output function (Stafford's Mix13): a bijection that scatters nearby inputs.
fn mix64(z: u64) -> u64 {
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn splitmix64_next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(SPLITMIX_GAMMA);
    mix64(*state)
}

/// xoshiro256** with portable distributions. Clone it to replay a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rng {
    state: [u64; 4],
}

impl Rng {
    /// A generator seeded from `seed` with splitmix64 (xoshiro's reference seeding).
    pub fn new(seed: u64) -> Rng {
        Self::from_splitmix(seed)
    }

    /// An independent generator for the pair (`seed`, `stream`), e.g. stream = customer index or
    /// `replication << 32 | customer`. Note `for_stream(s, 0)` is not the same stream as `new(s)`.
    pub fn for_stream(seed: u64, stream: u64) -> Rng {
        Self::from_splitmix(mix64(seed ^ mix64(stream.wrapping_add(STREAM_SALT))))
    }

    fn from_splitmix(start: u64) -> Rng {
        let mut sm = start;
        // Four consecutive outputs of a bijection of distinct inputs: never all zero.
        let state =
            [splitmix64_next(&mut sm), splitmix64_next(&mut sm), splitmix64_next(&mut sm), splitmix64_next(&mut sm)];
        Rng { state }
    }

    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform on [0, 1) with 53 random bits (every value a multiple of 2^-53).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform on (0, 1]: safe to take the logarithm of.
    fn uniform_open_at_zero(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// Uniform integer in [0, n), without modulo bias (Lemire's multiply-and-reject).
    ///
    /// # Panics
    /// If `n == 0` (there is no integer to return); callers check for empty ranges.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "Rng::below(0): the range is empty");
        let mut product = u128::from(self.next_u64()) * u128::from(n);
        let mut low = product as u64;
        if low < n {
            // 2^64 mod n: the number of low values that would over-represent some outputs.
            let threshold = n.wrapping_neg() % n;
            while low < threshold {
                product = u128::from(self.next_u64()) * u128::from(n);
                low = product as u64;
            }
        }
        (product >> 64) as u64
    }

    /// True with probability `p` (p <= 0 or NaN: never; p >= 1: always). Always one draw.
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Standard normal by Marsaglia's polar method. The method yields two independent values; the
    /// second is discarded so that no hidden cache makes a draw depend on earlier calls.
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s < 1.0 && s > 0.0 {
                return u * (-2.0 * ln(s) / s).sqrt();
            }
        }
    }

    /// Exponential with the given rate (mean 1/rate) by inversion. NaN if `rate` is not positive.
    pub fn exponential(&mut self, rate: f64) -> f64 {
        let u = self.uniform_open_at_zero();
        if !(rate > 0.0) {
            return f64::NAN;
        }
        -ln(u) / rate
    }

    /// Gamma with the given shape k and scale θ (mean kθ, variance kθ²): Marsaglia & Tsang (2000),
    /// with the `U^(1/k)` boost for k < 1. NaN if shape or scale is not positive and finite.
    pub fn gamma(&mut self, shape: f64, scale: f64) -> f64 {
        if !(shape > 0.0 && shape.is_finite() && scale > 0.0 && scale.is_finite()) {
            return f64::NAN;
        }
        if shape < 1.0 {
            // If G ~ Gamma(k + 1) and U ~ U(0,1], G * U^(1/k) ~ Gamma(k).
            let g = self.standard_gamma_at_least_one(shape + 1.0);
            let u = self.uniform_open_at_zero();
            return scale * g * exp(ln(u) / shape);
        }
        scale * self.standard_gamma_at_least_one(shape)
    }

    /// Marsaglia-Tsang for shape >= 1 (scale 1).
    fn standard_gamma_at_least_one(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform();
            let x2 = x * x;
            // Cheap squeeze first; the exact test needs two logarithms.
            if u < 1.0 - 0.0331 * x2 * x2 {
                return d * v;
            }
            if ln(u) < 0.5 * x2 + d * (1.0 - v + ln(v)) {
                return d * v;
            }
        }
    }

    /// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). NaN for non-positive parameters.
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a, 1.0);
        let y = self.gamma(b, 1.0);
        let sum = x + y;
        if sum > 0.0 {
            return x / sum;
        }
        if sum.is_nan() {
            return f64::NAN;
        }
        // Both gammas underflowed to zero (only for shapes far below 0.01): the mass then sits
        // at the ends, with P(1) = a / (a + b).
        if self.bernoulli(a / (a + b)) {
            1.0
        } else {
            0.0
        }
    }

    /// Poisson(λ). λ < 10: inversion by sequential search (one uniform, monotone in it, which helps
    /// common random numbers). λ >= 10: Hörmann's PTRS transformed rejection (1993), the method
    /// NumPy uses. λ <= 0 or NaN gives 0; λ = +inf gives u64::MAX.
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        if !(lambda > 0.0) {
            return 0;
        }
        if lambda == f64::INFINITY {
            return u64::MAX;
        }
        if lambda < 10.0 {
            let u = self.uniform();
            let mut probability = exp(-lambda);
            let mut cumulative = probability;
            let mut k = 0u64;
            while u >= cumulative {
                k += 1;
                probability *= lambda / k as f64;
                let next = cumulative + probability;
                if next == cumulative {
                    // Rounding left the CDF just below u: the remaining tail is below 2^-53.
                    break;
                }
                cumulative = next;
            }
            return k;
        }
        self.poisson_ptrs(lambda)
    }

    fn poisson_ptrs(&mut self, lambda: f64) -> u64 {
        let sqrt_lambda = lambda.sqrt();
        let ln_lambda = ln(lambda);
        let b = 0.931 + 2.53 * sqrt_lambda;
        let a = -0.059 + 0.02483 * b;
        let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
        let v_r = 0.9277 - 3.6224 / (b - 2.0);
        loop {
            let u = self.uniform() - 0.5;
            let v = self.uniform();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lambda + 0.43).floor();
            if us >= 0.07 && v <= v_r {
                return k as u64;
            }
            if !(k >= 0.0) || (us < 0.013 && v > us) {
                continue;
            }
            let k_int = k as u64;
            if ln(v) + ln(inv_alpha) - ln(a / (us * us) + b) <= -lambda + k * ln_lambda - ln_factorial(k_int) {
                return k_int;
            }
        }
    }

    /// exp(N(mu, sigma²)): median e^mu, mean e^(mu + sigma²/2).
    pub fn lognormal(&mut self, mu: f64, sigma: f64) -> f64 {
        exp(mu + sigma * self.normal())
    }

    /// An index drawn with probability proportional to its weight; negative, NaN and infinite
    /// weights count as zero. If no weight is positive (or their sum overflows), every index is
    /// equally likely.
    /// Always consumes exactly one draw.
    ///
    /// # Panics
    /// If `weights` is empty (there is no index to return).
    pub fn weighted_index(&mut self, weights: &[f64]) -> usize {
        assert!(!weights.is_empty(), "Rng::weighted_index: no weights");
        let usable = |w: f64| if w > 0.0 && w.is_finite() { w } else { 0.0 };
        let total: f64 = weights.iter().map(|&w| usable(w)).sum();
        let u = self.uniform();
        if !(total > 0.0 && total.is_finite()) {
            // u * len < len, so the index is in range.
            return ((u * weights.len() as f64) as usize).min(weights.len() - 1);
        }
        let target = u * total;
        let mut running = 0.0;
        let mut last_positive = 0;
        for (i, &w) in weights.iter().enumerate() {
            let w = usable(w);
            if w > 0.0 {
                running += w;
                last_positive = i;
                if target < running {
                    return i;
                }
            }
        }
        // Rounding made the running sum end a hair below target.
        last_positive
    }
}

#[cfg(test)]
mod tests;
