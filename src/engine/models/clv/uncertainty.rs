//! Per-customer intervals from the uncertainty of the fitted population parameters.
//!
//! The maximum-likelihood estimates of the log-parameters are asymptotically normal with the inverse
//! Hessian of the total negative log-likelihood as covariance. Each draw takes ln θ_d = ln θ̂ + L z
//! (L Lᵀ = that covariance, z standard normal from the portable generator), for the purchase model and,
//! independently, for Gamma-Gamma; every customer's quantities are recomputed with θ_d, and the 5th
//! and 95th percentiles over the draws (linear interpolation, as numpy's default) are reported.
//!
//! Work is shared the way the point predictions share it: P(alive) and expected purchases per
//! distinct (x, t_x, T) pattern, CLV per distinct (pattern, mean value).

use crate::engine::chunks::each_in_chunks;
use crate::engine::rng::Rng;

use super::fitted::ClvModel;
use super::gamma_gamma::GammaGammaParams;
use super::optimize::cholesky;
use super::patterns::PurchasePatterns;
use super::predict::{order_value, PatternPredictions};
use super::purchase::PurchaseParams;
use super::report::{CustomerIntervals, Interval, Uncertainty};
use super::special::{exp, ln};
use super::summary::CalibrationSummary;
use super::value::{customer_value, ValueHorizon};

/// A fitted model's point estimate and the covariance of its log-parameters.
pub(super) struct Estimate<'a> {
    pub values: &'a [f64],
    pub log_covariance: &'a [f64],
}

/// Draws of the parameters around `estimate` (`None` when the covariance is not positive definite).
struct Sampler {
    centre: Vec<f64>,
    factor: Vec<f64>,
}

impl Sampler {
    fn new(estimate: &Estimate) -> Option<Sampler> {
        let n = estimate.values.len();
        if estimate.log_covariance.len() != n * n || estimate.values.iter().any(|v| !(*v > 0.0)) {
            return None;
        }
        Some(Sampler {
            centre: estimate.values.iter().map(|&v| ln(v)).collect(),
            factor: cholesky(estimate.log_covariance, n)?,
        })
    }

    fn draw(&self, rng: &mut Rng) -> Vec<f64> {
        let n = self.centre.len();
        let z: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        (0..n).map(|i| exp(self.centre[i] + (0..=i).map(|k| self.factor[i * n + k] * z[k]).sum::<f64>())).collect()
    }
}

/// 5th and 95th percentiles of the finite values (reordered in place); `None` if there are none.
/// Each percentile needs only the two values ranked around it: selecting them (linear time) gives
/// the values a full sort would put there, in a fraction of the time (this runs for every pattern
/// and every customer group of the intervals).
pub(super) fn interval(values: &mut Vec<f64>) -> Option<Interval> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    let last = values.len() - 1;
    let mut at = |q: f64| {
        let position = q * last as f64;
        let (below, fraction) = (position.floor() as usize, position - position.floor());
        let (_, &mut low, higher) = values.select_nth_unstable_by(below, f64::total_cmp);
        // The value ranked just above `below` is the smallest of those after it.
        let high = higher.iter().copied().min_by(f64::total_cmp).unwrap_or(low);
        low + (high - low) * fraction
    };
    Some(Interval { low: at(0.05), high: at(0.95) })
}

/// Draws evaluated before their values are stored (eight f64 fill a cache line).
const DRAWS_PER_BLOCK: usize = 8;

pub(super) struct DrawSettings<'a> {
    pub draws: u32,
    pub seed: u64,
    pub horizon: &'a ValueHorizon,
    pub margin_percent: f64,
}

/// The intervals of every customer (row of `summary`) and of the population's totals; `None` with 0
/// draws or when the purchase model's covariance is unusable. `weights` counts the customers each
/// row stands for in the CLV total (one each when `None`); the purchase total weighs by `data`'s
/// pattern counts.
#[allow(clippy::too_many_arguments)]
pub(super) fn parameter_intervals(
    summary: &CalibrationSummary,
    weights: Option<&[u64]>,
    data: &PurchasePatterns,
    pattern_of_customer: &[u32],
    model: ClvModel,
    purchase: &Estimate,
    spend: Option<&Estimate>,
    settings: &DrawSettings,
) -> Option<(CustomerIntervals, Uncertainty)> {
    let draws = settings.draws as usize;
    if draws == 0 {
        return None;
    }
    let purchase_sampler = Sampler::new(purchase)?;
    let spend_sampler = spend.and_then(Sampler::new);
    let mut rng = Rng::new(settings.seed);
    let patterns = data.pattern_count();
    // [pattern * draws + draw]
    let mut p_alive = vec![f64::NAN; patterns * draws];
    let mut purchases = vec![f64::NAN; patterns * draws];
    let mut discounted = vec![f64::NAN; patterns * draws];
    let mut spend_draws: Vec<Option<GammaGammaParams>> = Vec::with_capacity(draws);
    let mut total_purchases = vec![0.0; draws];
    // Draws are evaluated a block at a time and stored pattern by pattern, each pattern's values of a
    // block side by side (writing one draw's values across all patterns touches a cache line each).
    let mut block: Vec<PatternPredictions> = Vec::with_capacity(DRAWS_PER_BLOCK);
    for first in (0..draws).step_by(DRAWS_PER_BLOCK) {
        block.clear();
        for total in &mut total_purchases[first..(first + DRAWS_PER_BLOCK).min(draws)] {
            let values = purchase_sampler.draw(&mut rng);
            let spend_values = spend_sampler.as_ref().map(|s| s.draw(&mut rng));
            spend_draws.push(spend_values.map(|v| GammaGammaParams { p: v[0], q: v[1], v: v[2] }));
            let Some(params) = PurchaseParams::from_values(model, [values[0], values[1], values[2], values[3]]) else {
                return None;
            };
            let predicted = PatternPredictions::compute(&params, data, settings.horizon, None);
            // Loops over the patterns in chunks: a wasm engine optimises them only between calls
            // (`engine::chunks`).
            each_in_chunks(0..patterns, |j| {
                let bought = predicted.horizon_if_alive[j].map_or(f64::NAN, |(total, _)| predicted.p_alive[j] * total);
                *total += data.pattern(j).3 * bought;
            });
            block.push(predicted);
        }
        each_in_chunks(0..patterns, |j| {
            for (offset, predicted) in block.iter().enumerate() {
                let at = j * draws + first + offset;
                p_alive[at] = predicted.p_alive[j];
                if let Some((total, discount)) = predicted.horizon_if_alive[j] {
                    purchases[at] = predicted.p_alive[j] * total;
                    discounted[at] = discount;
                }
            }
        });
    }
    let pattern_intervals = |values: &[f64]| {
        let mut intervals: Vec<Option<Interval>> = Vec::with_capacity(patterns);
        each_in_chunks(0..patterns, |j| intervals.push(interval(&mut values[j * draws..(j + 1) * draws].to_vec())));
        intervals
    };
    let alive_intervals = pattern_intervals(&p_alive);
    let purchase_intervals = pattern_intervals(&purchases);

    let n = summary.len();
    let mut out = CustomerIntervals {
        p_alive_low: Vec::with_capacity(n),
        p_alive_high: Vec::with_capacity(n),
        expected_purchases_low: Vec::with_capacity(n),
        expected_purchases_high: Vec::with_capacity(n),
        clv_low: vec![None; n],
        clv_high: vec![None; n],
    };
    each_in_chunks(0..n, |i| {
        let j = pattern_of_customer[i] as usize;
        let (alive, bought) = (alive_intervals[j], purchase_intervals[j]);
        out.p_alive_low.push(alive.map_or(f64::NAN, |i| i.low));
        out.p_alive_high.push(alive.map_or(f64::NAN, |i| i.high));
        out.expected_purchases_low.push(bought.map(|i| i.low));
        out.expected_purchases_high.push(bought.map(|i| i.high));
    });

    // CLV per distinct (pattern, mean value): customers sorted so equal ones are adjacent.
    let mut total_clv = vec![0.0; draws];
    if spend_sampler.is_some() {
        // (pattern, bits of the mean value, customer): sorting the keys themselves reads nothing else.
        let mut keyed: Vec<(u32, u64, u32)> = Vec::with_capacity(n);
        each_in_chunks(0..n, |i| {
            keyed.push((pattern_of_customer[i], summary.monetary[i].map_or(u64::MAX, f64::to_bits), i as u32));
        });
        keyed.sort_unstable();
        let mut values = Vec::with_capacity(draws);
        // Group by group, each starting where the last ended (the chunked loop passes over the rows
        // inside a group).
        let mut next_group = 0;
        each_in_chunks(0..n, |start| {
            if start != next_group {
                return;
            }
            let first = keyed[start].2 as usize;
            let group = (keyed[start].0, keyed[start].1);
            let end = start + keyed[start..].iter().take_while(|k| (k.0, k.1) == group).count();
            let customers = || keyed[start..end].iter().map(|k| k.2 as usize);
            let j = pattern_of_customer[first] as usize;
            let (x, monetary) = (summary.frequency[first], summary.monetary[first]);
            let has_value = order_value_exists(x, monetary);
            let group_size = weights.map_or((end - start) as u64, |w| customers().map(|i| w[i]).sum()) as f64;
            values.clear();
            for (d, spend) in spend_draws.iter().enumerate() {
                let value = spend.as_ref().and_then(|s| order_value(s, x, monetary));
                let clv = value.map_or(f64::NAN, |v| {
                    customer_value(p_alive[j * draws + d], discounted[j * draws + d], v, settings.margin_percent)
                });
                values.push(clv);
                if has_value {
                    // A draw where a customer with a value gets none (q <= 1) leaves that total NaN.
                    total_clv[d] += group_size * clv;
                }
            }
            let customer_interval = if has_value { interval(&mut values) } else { None };
            for i in customers() {
                out.clv_low[i] = customer_interval.map(|c| c.low);
                out.clv_high[i] = customer_interval.map(|c| c.high);
            }
            next_group = end;
        });
    }
    let uncertainty = Uncertainty {
        draws: settings.draws,
        seed: settings.seed,
        total_expected_purchases: interval(&mut total_purchases)?,
        total_clv: spend_sampler.is_some().then(|| interval(&mut total_clv)).flatten(),
    };
    Some((out, uncertainty))
}

/// Whether a customer gets an order value at all (repeat buyers need a positive mean value).
fn order_value_exists(x: u32, monetary: Option<f64>) -> bool {
    x == 0 || monetary.is_some_and(|m| m > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_numpy() {
        // numpy.percentile(range(1, 101), [5, 95]) = [5.95, 95.05].
        let mut values: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        values.push(f64::NAN);
        let i = interval(&mut values).unwrap();
        assert!((i.low - 5.95).abs() < 1e-12 && (i.high - 95.05).abs() < 1e-12, "{i:?}");
        assert_eq!(interval(&mut vec![f64::NAN]), None);
        assert_eq!(interval(&mut vec![2.0]), Some(Interval { low: 2.0, high: 2.0 }));
    }
}
