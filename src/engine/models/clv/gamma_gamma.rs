//! Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Hardie's note 025).
//!
//! Each transaction value z ~ Gamma(p, rate ν) around the customer's own mean p/ν, and the customers'
//! ν ~ Gamma(q, rate v). A customer is summarised by x = repeat purchases and m = their mean value;
//! only customers with x > 0 and m > 0 inform the fit. The likelihood is that of `lifetimes`'
//! GammaGammaFitter (the density of the mean m̄ given x).
//!
//! Values are rescaled by their mean while fitting so the start point and the penalizer do not depend on
//! the currency (lifetimes penalises v in raw currency units; with penalizer 0 the two agree).

use super::fitted::MaximumLikelihood;
use super::optimize::{inverse_spd, minimize, numerical_hessian, MinimizeOptions, NotConverged, Objective, StopReason};
use super::patterns::PatternCounts;
use super::special::{digamma, exp, ln, ln_gamma};

pub const PARAMETER_NAMES: [&str; 3] = ["p", "q", "v"];

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GammaGammaParams {
    pub p: f64,
    pub q: f64,
    /// In currency units.
    pub v: f64,
}

/// Identical (x, m) pairs collapsed with weights.
#[derive(Clone, Debug, PartialEq)]
pub struct GammaGammaData {
    frequencies: Vec<u32>,
    frequency_index: Vec<u32>,
    value: Vec<f64>,
    ln_value: Vec<f64>,
    weight: Vec<f64>,
    total_weight: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InvalidSpend {
    pub customer: usize,
    pub problem: &'static str,
}

impl GammaGammaData {
    /// From repeat buyers only: every frequency must be >= 1 and every mean value finite and > 0
    /// (the caller excludes, and counts, the others).
    pub fn from_customers(frequency: &[u32], mean_value: &[f64]) -> Result<GammaGammaData, InvalidSpend> {
        for (customer, (&x, &m)) in frequency.iter().zip(mean_value).enumerate() {
            if x == 0 {
                return Err(InvalidSpend { customer, problem: "the spend model needs at least one repeat purchase" });
            }
            if !(m.is_finite() && m > 0.0) {
                return Err(InvalidSpend { customer, problem: "the mean purchase value must be positive" });
            }
        }
        let mut keys: Vec<(u32, u64)> = frequency.iter().zip(mean_value).map(|(&x, &m)| (x, m.to_bits())).collect();
        keys.sort_unstable();
        let mut counts: Vec<((u32, u64), u64)> = Vec::new();
        for &key in &keys {
            match counts.last_mut() {
                Some((last, count)) if *last == key => *count += 1,
                _ => counts.push((key, 1)),
            }
        }
        Ok(GammaGammaData::from_sorted_counts(&counts))
    }

    /// The spend patterns of merged partition counts: the same data (to the bit) as `from_customers`
    /// on all of their repeat buyers together.
    pub fn from_counts(counts: &PatternCounts) -> GammaGammaData {
        let sorted: Vec<((u32, u64), u64)> = counts.spend.iter().map(|(&k, &c)| (k, c)).collect();
        GammaGammaData::from_sorted_counts(&sorted)
    }

    /// Distinct (x, bits of m) with their counts, sorted, each once.
    fn from_sorted_counts(counts: &[((u32, u64), u64)]) -> GammaGammaData {
        let mut frequencies: Vec<u32> = counts.iter().map(|k| k.0 .0).collect();
        frequencies.dedup();
        let mut data = GammaGammaData {
            frequencies,
            frequency_index: Vec::with_capacity(counts.len()),
            value: Vec::with_capacity(counts.len()),
            ln_value: Vec::with_capacity(counts.len()),
            weight: Vec::with_capacity(counts.len()),
            total_weight: counts.iter().map(|c| c.1).sum::<u64>() as f64,
        };
        for &((x, bits), count) in counts {
            let m = f64::from_bits(bits);
            data.frequency_index.push(data.frequencies.partition_point(|&f| f < x) as u32);
            data.value.push(m);
            data.ln_value.push(ln(m));
            data.weight.push(count as f64);
        }
        data
    }

    pub fn customer_count(&self) -> f64 {
        self.total_weight
    }

    pub fn pattern_count(&self) -> usize {
        self.weight.len()
    }

    fn mean_value(&self) -> f64 {
        let total: f64 = self.value.iter().zip(&self.weight).map(|(m, w)| m * w).sum();
        total / self.total_weight
    }

    fn rescaled(&self, factor: f64) -> GammaGammaData {
        let mut scaled = self.clone();
        let shift = ln(factor);
        scaled.value.iter_mut().for_each(|m| *m *= factor);
        scaled.ln_value.iter_mut().for_each(|m| *m += shift);
        scaled
    }
}

/// Log-likelihood (sum over customers) and its gradient in (p, q, v).
pub fn log_likelihood_and_gradient(params: &GammaGammaParams, data: &GammaGammaData, gradient: &mut [f64; 3]) -> f64 {
    let GammaGammaParams { p, q, v } = *params;
    struct PerFrequency {
        x: f64,
        ln_x: f64,
        ln_terms: f64,
        psi_pxq: f64,
        psi_px: f64,
    }
    let (lg_q, psi_q, ln_v) = (ln_gamma(q), digamma(q), ln(v));
    let per_frequency: Vec<PerFrequency> = data
        .frequencies
        .iter()
        .map(|&x| {
            let x = f64::from(x);
            let px = p * x;
            PerFrequency {
                x,
                ln_x: ln(x),
                ln_terms: ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v + px * ln(x),
                psi_pxq: digamma(px + q),
                psi_px: digamma(px),
            }
        })
        .collect();
    let mut total = 0.0;
    let mut g = [0.0f64; 3];
    for j in 0..data.weight.len() {
        let w = data.weight[j];
        let f = &per_frequency[data.frequency_index[j] as usize];
        let (m, ln_m) = (data.value[j], data.ln_value[j]);
        let px = p * f.x;
        let pool = f.x * m + v;
        let ln_pool = ln(pool);
        total += w * (f.ln_terms + (px - 1.0) * ln_m - (px + q) * ln_pool);
        g[0] += w * f.x * (f.psi_pxq - f.psi_px + ln_m + f.ln_x - ln_pool);
        g[1] += w * (f.psi_pxq - psi_q + ln_v - ln_pool);
        g[2] += w * (q / v - (px + q) / pool);
    }
    *gradient = g;
    total
}

pub fn log_likelihood(params: &GammaGammaParams, data: &GammaGammaData) -> f64 {
    log_likelihood_and_gradient(params, data, &mut [0.0; 3])
}

struct FitObjective<'a> {
    data: &'a GammaGammaData,
    penalizer: f64,
}

impl Objective for FitObjective<'_> {
    fn evaluate(&mut self, x: &[f64], gradient: &mut [f64]) -> f64 {
        let theta = [exp(x[0]), exp(x[1]), exp(x[2])];
        if theta.iter().any(|v| !(v.is_finite() && *v > 0.0)) {
            return f64::NAN;
        }
        let mut g = [0.0; 3];
        let ll =
            log_likelihood_and_gradient(&GammaGammaParams { p: theta[0], q: theta[1], v: theta[2] }, self.data, &mut g);
        let n = self.data.total_weight;
        let mut value = -ll / n;
        for i in 0..3 {
            value += self.penalizer * theta[i] * theta[i];
            gradient[i] = theta[i] * (-g[i] / n + 2.0 * self.penalizer * theta[i]);
        }
        value
    }
}

/// Gamma-Gamma's fit: values (p, q, v).
pub type GammaGammaFit = MaximumLikelihood<3, 9>;

impl GammaGammaFit {
    pub fn params(&self) -> GammaGammaParams {
        let [p, q, v] = self.values;
        GammaGammaParams { p, q, v }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct GammaGammaNotConverged {
    pub failure: NotConverged,
    pub params: GammaGammaParams,
}

/// Fits by maximum likelihood; `penalizer` adds `penalizer * (p² + q² + (v / mean value)²)` to the mean
/// negative log-likelihood. Standard errors as in `bgnbd::fit`.
pub fn fit(
    data: &GammaGammaData,
    penalizer: f64,
    options: &MinimizeOptions,
) -> Result<GammaGammaFit, GammaGammaNotConverged> {
    let mean = data.mean_value();
    let scale = if mean > 0.0 && mean.is_finite() { 1.0 / mean } else { 1.0 };
    let scaled = data.rescaled(scale);
    let mut objective = FitObjective { data: &scaled, penalizer };
    let natural = |x: &[f64]| GammaGammaParams { p: exp(x[0]), q: exp(x[1]), v: exp(x[2]) / scale };
    let minimum = minimize(&mut objective, &[0.1; 3], options)
        .map_err(|failure| GammaGammaNotConverged { params: natural(&failure.x), failure })?;
    let params = natural(&minimum.x);
    let hessian = numerical_hessian(&mut objective, &minimum.x, 1e-4);
    let values = [params.p, params.q, params.v];
    let n = data.total_weight;
    let Some(inverse) = inverse_spd(&hessian, 3) else {
        let failure = NotConverged {
            reason: StopReason::FlatOptimum,
            x: minimum.x,
            gradient_norm: minimum.gradient_norm,
            iterations: minimum.iterations,
        };
        return Err(GammaGammaNotConverged { failure, params });
    };
    let standard_errors = std::array::from_fn(|i| {
        let variance = inverse[i * 3 + i] / n;
        (variance > 0.0 && variance.is_finite()).then(|| values[i] * variance.sqrt())
    });
    Ok(GammaGammaFit {
        values,
        log_likelihood: log_likelihood(&params, data),
        standard_errors,
        log_covariance: std::array::from_fn(|i| inverse[i] / n),
        iterations: minimum.iterations,
        gradient_norm: minimum.gradient_norm,
    })
}

impl GammaGammaParams {
    /// Posterior of the customer's ν given x repeat purchases of mean value m: Gamma(shape, rate).
    /// (Conjugacy: the x values contribute ν^{px} e^{-ν x m}.)
    pub fn posterior_nu(&self, x: u32, mean_value: f64) -> (f64, f64) {
        let x = f64::from(x);
        let m = if x > 0.0 { mean_value } else { 0.0 };
        (self.p * x + self.q, self.v + x * m)
    }

    /// E[mean transaction value | x, m] = p E[1/ν | data] = p (v + x m) / (p x + q - 1): a weighted
    /// average of the customer's own mean and the population mean p v / (q - 1). `None` where the
    /// posterior mean of 1/ν does not exist (p x + q <= 1, e.g. q <= 1 for customers without repeats).
    pub fn expected_average_value(&self, x: u32, mean_value: f64) -> Option<f64> {
        let (shape, rate) = self.posterior_nu(x, mean_value);
        (shape > 1.0).then(|| self.p * rate / (shape - 1.0)).filter(|v| v.is_finite())
    }

    /// Mean transaction value of the population, p v / (q - 1) (None if q <= 1).
    pub fn population_mean_value(&self) -> Option<f64> {
        self.expected_average_value(0, 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood_of_one_customer_by_hand() {
        // x = 2, m = 3 with p = 1, q = 2, v = 4:
        // lnΓ(4) - lnΓ(2) - lnΓ(2) + 2 ln 4 + (2-1) ln 3 + 2 ln 2 - (2+2) ln(2·3 + 4)
        // = ln 6 + ln 16 + ln 3 + ln 4 - 4 ln 10 = ln(1152 / 10000)
        let data = GammaGammaData::from_customers(&[2], &[3.0]).unwrap();
        let got = log_likelihood(&GammaGammaParams { p: 1.0, q: 2.0, v: 4.0 }, &data);
        assert!((got - (1152.0f64 / 10000.0).ln()).abs() < 1e-13, "{got}");
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let data = GammaGammaData::from_customers(&[1, 1, 2, 5, 5], &[10.0, 10.0, 25.5, 7.25, 40.0]).unwrap();
        assert_eq!(data.pattern_count(), 4);
        let params = GammaGammaParams { p: 3.0, q: 2.5, v: 20.0 };
        let mut g = [0.0; 3];
        log_likelihood_and_gradient(&params, &data, &mut g);
        let base = [params.p, params.q, params.v];
        for i in 0..3 {
            let h = 1e-6 * base[i];
            let at = |delta: f64| {
                let mut v = base;
                v[i] += delta;
                log_likelihood(&GammaGammaParams { p: v[0], q: v[1], v: v[2] }, &data)
            };
            let numeric = (at(h) - at(-h)) / (2.0 * h);
            assert!((numeric - g[i]).abs() < 1e-6 * numeric.abs().max(1.0), "d{i}: {} vs {numeric}", g[i]);
        }
    }

    #[test]
    fn expected_value_matches_lifetimes() {
        // lifetimes GammaGammaFitter.conditional_expected_average_profit with p=6.25, q=3.74, v=15.44:
        // individual weight p x / (p x + q - 1) and population mean v p / (q - 1).
        let params = GammaGammaParams { p: 6.25, q: 3.74, v: 15.44 };
        let population = 15.44 * 6.25 / 2.74;
        assert!((params.population_mean_value().unwrap() - population).abs() < 1e-12);
        let weight = 6.25 * 3.0 / (6.25 * 3.0 + 2.74);
        let expected = (1.0 - weight) * population + weight * 20.0;
        assert!((params.expected_average_value(3, 20.0).unwrap() - expected).abs() < 1e-12);
        assert_eq!(params.posterior_nu(3, 20.0), (6.25 * 3.0 + 3.74, 15.44 + 60.0));
        assert!(GammaGammaParams { p: 2.0, q: 0.9, v: 1.0 }.population_mean_value().is_none());
    }

    #[test]
    fn non_positive_spend_is_rejected_with_the_customer() {
        let err = GammaGammaData::from_customers(&[1, 2], &[5.0, 0.0]).unwrap_err();
        assert_eq!(err, InvalidSpend { customer: 1, problem: "the mean purchase value must be positive" });
        assert!(GammaGammaData::from_customers(&[0], &[5.0]).is_err());
    }
}
