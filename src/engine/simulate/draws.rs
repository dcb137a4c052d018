//! The randomness of one customer in one replication, shared by every scheme (common random
//! numbers): whether they are still active, their purchase rate, dropout and order-value scale, the
//! uniform that decides each month's purchase count (inverse CDF, so a higher rate never gives fewer
//! purchases), and the values and dropout draws of their orders, each drawn once.

use crate::engine::rng::math::exp;
use crate::engine::rng::Rng;

use super::baseline::{Baseline, DAYS_PER_MONTH};
use super::settings::MAX_MONTHS;

/// The randomness of one customer in one replication, shared by every scheme.
pub struct CustomerDraws {
    pub active: bool,
    /// Purchases per month while active.
    pub monthly_rate: f64,
    pub dropout: f64,
    /// Months from the start of the simulation until the customer drops out at a continuous time
    /// (Pareto/NBD's exponential lifetime); infinite for the other baselines.
    pub lifetime_months: f64,
    /// Scale of the customer's order values (Gamma(order_shape, theta)).
    pub theta: f64,
    /// Decides whether the customer redeems points at all: they do under a scheme whose share of
    /// redeeming customers (1 - breakage) is above it.
    pub redeem_uniform: f64,
    pub count_uniforms: [f64; MAX_MONTHS],
    /// Seed of the per-month order streams of this customer in this replication.
    pub order_seed: u64,
    /// Expected counts and values instead of random ones (see `SimulationSettings::deterministic`).
    pub deterministic: bool,
}

impl CustomerDraws {
    /// The draws of customer `customer` (index into the baseline) whose stream key is `key` (see
    /// `order::customer_key`).
    pub fn draw(
        baseline: &Baseline,
        customer: usize,
        key: u64,
        replication_seed: u64,
        months: usize,
        deterministic: bool,
    ) -> CustomerDraws {
        if deterministic {
            return CustomerDraws::expected(baseline, customer);
        }
        let mut rng = Rng::for_stream(replication_seed, key);
        // Fixed order of draws, whatever their values, so the stream stays aligned.
        let active = rng.uniform() < baseline.p_alive[customer];
        let rate = rng.gamma(baseline.rate_shape[customer], baseline.rate_scale[customer]);
        let dropout = if baseline.drop_a[customer] > 0.0 {
            rng.beta(baseline.drop_a[customer], baseline.drop_b[customer])
        } else {
            0.0
        };
        // Drawn only for a baseline with a continuous lifetime, so the others' streams stay as they were.
        let lifetime_shape = baseline.lifetime_rate_shape.get(customer).copied().unwrap_or(0.0);
        let lifetime_months = if lifetime_shape > 0.0 {
            let rate_per_day = rng.gamma(lifetime_shape, baseline.lifetime_rate_scale[customer]);
            // A rate of 0 (or one that could not be drawn) is a customer who never drops out.
            let days = rng.exponential(rate_per_day);
            if days.is_nan() {
                f64::INFINITY
            } else {
                days / DAYS_PER_MONTH
            }
        } else {
            f64::INFINITY
        };
        let theta = if baseline.nu_shape[customer] > 0.0 {
            1.0 / rng.gamma(baseline.nu_shape[customer], baseline.nu_scale[customer])
        } else {
            baseline.fixed_theta[customer]
        };
        let redeem_uniform = rng.uniform();
        let mut count_uniforms = [0.0; MAX_MONTHS];
        for u in count_uniforms.iter_mut().take(months) {
            *u = rng.uniform();
        }
        CustomerDraws {
            active,
            monthly_rate: if rate.is_finite() { rate * DAYS_PER_MONTH } else { 0.0 },
            dropout: if dropout.is_finite() { dropout } else { 0.0 },
            lifetime_months,
            theta: if theta.is_finite() { theta } else { 0.0 },
            redeem_uniform,
            count_uniforms,
            order_seed: rng.next_u64(),
            deterministic: false,
        }
    }

    /// The customer's expected behaviour with no randomness (deterministic mode).
    fn expected(baseline: &Baseline, customer: usize) -> CustomerDraws {
        let theta = if baseline.nu_shape[customer] > 0.0 {
            // Mean of 1 / nu for nu ~ Gamma(shape, scale): 1 / ((shape - 1) scale).
            1.0 / ((baseline.nu_shape[customer] - 1.0).max(1e-9) * baseline.nu_scale[customer])
        } else {
            baseline.fixed_theta[customer]
        };
        CustomerDraws {
            active: baseline.p_alive[customer] >= 0.5,
            monthly_rate: baseline.rate_shape[customer] * baseline.rate_scale[customer] * DAYS_PER_MONTH,
            dropout: 0.0,
            lifetime_months: f64::INFINITY,
            theta,
            // Redeems when most customers do.
            redeem_uniform: 0.5,
            count_uniforms: [0.5; MAX_MONTHS],
            order_seed: 0,
            deterministic: true,
        }
    }

    /// Share of month `m` the customer is still active in, with their lifetime stretched by
    /// `1 / (1 - churn_reduction)` (a lower dropout rate): 1 before the month their lifetime ends in,
    /// the fraction of it they live through in that month.
    pub fn alive_share(&self, m: usize, churn_reduction: f64) -> f64 {
        if self.lifetime_months == f64::INFINITY || churn_reduction >= 1.0 {
            return 1.0;
        }
        let lifetime = self.lifetime_months / (1.0 - churn_reduction);
        (lifetime - m as f64).clamp(0.0, 1.0)
    }

    /// Redeems points under a scheme where `share` of customers do.
    pub fn redeems(&self, share: f64) -> bool {
        self.redeem_uniform < share
    }

    /// Purchases in month `m` at the given mean rate.
    pub fn purchase_count(&self, m: usize, mean: f64) -> u32 {
        if self.deterministic {
            (mean + 0.5).floor() as u32
        } else {
            poisson_from_uniform(self.count_uniforms[m], mean)
        }
    }
}

/// Poisson count by inverse CDF from one uniform: monotone in the rate, which is what makes
/// common random numbers sharp.
pub fn poisson_from_uniform(u: f64, mean: f64) -> u32 {
    if !(mean > 0.0) {
        return 0;
    }
    // exp(-mean) >= 1 - mean, so below that the count is 0 without computing the exponential
    // (most customer-months of light buyers).
    if u < 1.0 - mean {
        return 0;
    }
    let mut probability = exp(-mean);
    let mut cumulative = probability;
    let mut k = 0u32;
    while u >= cumulative && k < 10_000 {
        k += 1;
        probability *= mean / f64::from(k);
        let next = cumulative + probability;
        if next == cumulative && probability < 1e-300 {
            break;
        }
        cumulative = next;
    }
    k
}

/// The order values and dropout draws of one customer, shared by every scheme: the k-th order of a
/// month is the same order whichever scheme produces it, so each is drawn once (the gamma draws are
/// the most expensive part of the loop).
#[derive(Default)]
pub struct OrderCache {
    months: Vec<(Option<Rng>, Vec<(f64, f64)>)>,
}

impl OrderCache {
    /// Forgets the previous customer's orders.
    pub fn reset(&mut self, months: usize) {
        self.months.resize_with(months.max(self.months.len()), || (None, Vec::new()));
        for (stream, drawn) in &mut self.months {
            *stream = None;
            drawn.clear();
        }
    }

    /// Value and dropout uniform of order `k` of month `m`.
    pub fn order(&mut self, draws: &CustomerDraws, order_shape: f64, m: usize, k: usize) -> (f64, f64) {
        let (stream, drawn) = &mut self.months[m];
        let rng = stream.get_or_insert_with(|| Rng::for_stream(draws.order_seed, m as u64));
        while drawn.len() <= k {
            let value = rng.gamma(order_shape, draws.theta);
            let leave = rng.uniform();
            drawn.push((if value.is_finite() { value } else { 0.0 }, leave));
        }
        drawn[k]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_cdf_poisson() {
        // P(0) = e^-2 = 0.1353, P(<=1) = 3 e^-2 = 0.4060, P(<=2) = 5 e^-2 = 0.6767.
        assert_eq!(poisson_from_uniform(0.10, 2.0), 0);
        assert_eq!(poisson_from_uniform(0.20, 2.0), 1);
        assert_eq!(poisson_from_uniform(0.50, 2.0), 2);
        assert_eq!(poisson_from_uniform(0.99, 0.0), 0);
        // Monotone in the mean for a fixed uniform.
        let mut last = 0;
        for i in 1..200 {
            let k = poisson_from_uniform(0.7, f64::from(i) * 0.05);
            assert!(k >= last);
            last = k;
        }
    }
}
