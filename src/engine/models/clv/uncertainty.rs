//! The population totals' intervals: expected purchases over the horizon and CLV, summed over every
//! customer under each parameter draw, and their 5th and 95th percentiles over the draws.
//!
//! Each draw's totals are summed as that draw's predictions are made and the predictions are then
//! dropped: the totals keep one number per draw, not one per pattern and draw (which on 290,000
//! distinct customers and 200 draws was three arrays of 464 MB). The sums run in the same order as
//! when every customer's intervals were computed alongside, so the totals are the same to the bit.

use crate::engine::chunks::each_in_chunks;

use super::draws::ParameterDraws;
use super::gamma_gamma::GammaGammaParams;
use super::intervals::{interval, order_value_exists, Histories};
use super::patterns::PurchasePatterns;
use super::predict::{order_value, PatternPredictions};
use super::report::Uncertainty;
use super::value::{customer_value, ValueHorizon};

/// A group of customers with the same (pattern, mean value) and an order value: they add the same
/// CLV to a draw's total.
struct ValueGroup {
    pattern: usize,
    frequency: u32,
    monetary: Option<f64>,
    customers: f64,
}

/// The customers with an order value grouped by (pattern, mean value), in (pattern, bits of the mean
/// value) order: the order the totals are summed in. `weights` counts the customers each row stands
/// for (one each when `None`).
fn value_groups(histories: Histories, weights: Option<&[u64]>, pattern_of_customer: &[u32]) -> Vec<ValueGroup> {
    let n = pattern_of_customer.len();
    let mut keyed: Vec<(u32, u64, u32)> = Vec::with_capacity(n);
    each_in_chunks(0..n, |i| {
        keyed.push((pattern_of_customer[i], histories.monetary[i].map_or(u64::MAX, f64::to_bits), i as u32));
    });
    keyed.sort_unstable();
    let mut groups: Vec<ValueGroup> = Vec::new();
    let mut start = 0;
    while start < n {
        let group = (keyed[start].0, keyed[start].1);
        let end = start + keyed[start..].iter().take_while(|k| (k.0, k.1) == group).count();
        let first = keyed[start].2 as usize;
        let (frequency, monetary) = (histories.frequency[first], histories.monetary[first]);
        if order_value_exists(frequency, monetary) {
            let customers =
                weights.map_or((end - start) as u64, |w| keyed[start..end].iter().map(|k| w[k.2 as usize]).sum());
            groups.push(ValueGroup { pattern: group.0 as usize, frequency, monetary, customers: customers as f64 });
        }
        start = end;
    }
    groups
}

/// The population's totals under each draw, added draw by draw.
pub(super) struct DrawTotals<'a> {
    data: &'a PurchasePatterns,
    groups: Vec<ValueGroup>,
    margin_percent: f64,
    purchases: Vec<f64>,
    clv: Vec<f64>,
}

impl<'a> DrawTotals<'a> {
    /// For the customers of `histories` (rows; `weights` counts the customers each row stands for in
    /// the CLV total, one each when `None`; the purchase total weighs by `data`'s pattern counts).
    pub fn new(
        draws: &ParameterDraws,
        histories: Histories,
        weights: Option<&[u64]>,
        data: &'a PurchasePatterns,
        pattern_of_customer: &[u32],
        margin_percent: f64,
    ) -> DrawTotals<'a> {
        DrawTotals {
            data,
            groups: if draws.has_spend { value_groups(histories, weights, pattern_of_customer) } else { Vec::new() },
            margin_percent,
            purchases: Vec::with_capacity(draws.count()),
            clv: Vec::with_capacity(draws.count()),
        }
    }

    /// Adds the totals of the next draw, from its predictions for every pattern of `data`.
    pub fn add(&mut self, predicted: &PatternPredictions, spend: Option<&GammaGammaParams>) {
        let data = self.data;
        let mut purchases = 0.0;
        // Loops in chunks: a wasm engine optimises them only between calls (`engine::chunks`).
        each_in_chunks(0..data.pattern_count(), |j| {
            let bought = predicted.horizon_if_alive[j].map_or(f64::NAN, |(total, _)| predicted.p_alive[j] * total);
            purchases += data.pattern(j).3 * bought;
        });
        self.purchases.push(purchases);
        let mut clv = 0.0;
        let (groups, margin_percent) = (&self.groups, self.margin_percent);
        each_in_chunks(0..groups.len(), |g| {
            let group = &groups[g];
            let j = group.pattern;
            let discounted = predicted.horizon_if_alive[j].map_or(f64::NAN, |(_, discount)| discount);
            let value = spend.and_then(|s| order_value(s, group.frequency, group.monetary));
            let one = value.map_or(f64::NAN, |v| customer_value(predicted.p_alive[j], discounted, v, margin_percent));
            // A draw where a customer with a value gets none (q <= 1) leaves that total NaN.
            clv += group.customers * one;
        });
        self.clv.push(clv);
    }

    /// The 5 % - 95 % intervals of the totals (`draws` seeded by `seed`); `None` when no draw gave a
    /// finite total of expected purchases.
    pub fn finish(mut self, draws: &ParameterDraws, seed: u64) -> Option<Uncertainty> {
        Some(Uncertainty {
            draws: draws.count() as u32,
            seed,
            total_expected_purchases: interval(&mut self.purchases)?,
            total_clv: draws.has_spend.then(|| interval(&mut self.clv)).flatten(),
        })
    }
}

/// Distinct patterns the totals alone evaluate under each draw: with more, they are estimated from a
/// systematic sample of this many (docs/model.md, "CLV intervals"). CDNOW x 100's 2.36M customers
/// have about 11,000 patterns, so files of shared histories keep the exact totals.
pub(super) const TOTALS_SAMPLE_PATTERNS: usize = 16_384;

/// The fitted model's own predictions for every pattern, and its spend parameters.
pub(super) struct PointEstimate<'a> {
    pub predictions: &'a PatternPredictions,
    pub spend: Option<&'a GammaGammaParams>,
}

/// The totals' intervals alone, when nobody's intervals evaluate the draws anyway. Up to `budget`
/// patterns every pattern is evaluated under each draw and the totals are exact (each draw's
/// predictions are made, added and dropped). Beyond, each draw's totals are the exact totals under
/// the fitted parameters plus the change the draw makes, estimated from a systematic sample of
/// (x, T) pairs with about `budget` patterns (a difference estimator: only the change is sampled,
/// and the change is small beside the totals).
pub(super) fn population_totals(
    draws: &ParameterDraws,
    mut totals: DrawTotals,
    horizon: &ValueHorizon,
    seed: u64,
    point: &PointEstimate,
    budget: usize,
) -> Option<Uncertainty> {
    let data = totals.data;
    let patterns = data.pattern_count();
    if patterns <= budget.max(1) {
        for (params, spend) in draws.purchase.iter().zip(&draws.spend) {
            totals.add(&PatternPredictions::compute(params, data, horizon, None), spend.as_ref());
        }
        return totals.finish(draws, seed);
    }
    // The sample is drawn by (x, T) pair, all the patterns of a pair together: the costly part of a
    // prediction (the series over the horizon's months) is shared by a pair's patterns, and a sample
    // of single patterns from 290,000 distinct histories still met most pairs. Systematic, with the
    // central start: the k-th of `sampled` equal steps through the pairs, so about `budget` patterns.
    let pair_starts: Vec<usize> = (0..patterns).filter(|&j| !data.same_pair_as_previous(j)).collect();
    let pairs = pair_starts.len();
    let sampled = ((pairs as f64 * budget as f64 / patterns as f64).round() as usize).clamp(1, pairs);
    let step = pairs as f64 / sampled as f64;
    let mut chosen: Vec<usize> = Vec::new();
    for k in 0..sampled {
        let pair = (((k as f64 + 0.5) * step) as usize).min(pairs - 1);
        let end = pair_starts.get(pair + 1).copied().unwrap_or(patterns);
        chosen.extend(pair_starts[pair]..end);
    }
    let sample = data.subset(&chosen);
    let mut position = vec![u32::MAX; patterns];
    for (k, &j) in chosen.iter().enumerate() {
        position[j] = k as u32;
    }
    let bought = |predicted: &PatternPredictions, j: usize| {
        predicted.horizon_if_alive[j].map_or(f64::NAN, |(total, _)| predicted.p_alive[j] * total)
    };
    let margin_percent = totals.margin_percent;
    let group_value = |predicted: &PatternPredictions, j: usize, spend: Option<&GammaGammaParams>, g: &ValueGroup| {
        let discounted = predicted.horizon_if_alive[j].map_or(f64::NAN, |(_, discount)| discount);
        let value = spend.and_then(|s| order_value(s, g.frequency, g.monetary));
        value.map_or(f64::NAN, |v| customer_value(predicted.p_alive[j], discounted, v, margin_percent))
    };
    let fitted = point.predictions;
    let fitted_purchases: f64 = (0..patterns).map(|j| data.pattern(j).3 * bought(fitted, j)).sum();
    let fitted_clv: f64 =
        totals.groups.iter().map(|g| g.customers * group_value(fitted, g.pattern, point.spend, g)).sum();
    // (position in the sample, group, its CLV under the fitted parameters) of the sampled patterns' groups.
    let sampled_groups: Vec<(usize, &ValueGroup, f64)> = totals
        .groups
        .iter()
        .filter(|g| position[g.pattern] != u32::MAX)
        .map(|g| (position[g.pattern] as usize, g, group_value(fitted, g.pattern, point.spend, g)))
        .collect();
    for (params, spend) in draws.purchase.iter().zip(&draws.spend) {
        let predicted = PatternPredictions::compute(params, &sample, horizon, None);
        let mut change = 0.0;
        each_in_chunks(0..chosen.len(), |k| {
            let j = chosen[k];
            change += data.pattern(j).3 * (bought(&predicted, k) - bought(fitted, j));
        });
        totals.purchases.push(fitted_purchases + step * change);
        let mut change = 0.0;
        each_in_chunks(0..sampled_groups.len(), |i| {
            let (k, group, fitted_value) = sampled_groups[i];
            change += group.customers * (group_value(&predicted, k, spend.as_ref(), group) - fitted_value);
        });
        totals.clv.push(fitted_clv + step * change);
    }
    totals.finish(draws, seed)
}
