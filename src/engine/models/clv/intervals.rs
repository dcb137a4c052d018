//! Per-customer 5 % - 95 % intervals over the parameter draws, for any set of customers.
//!
//! A customer's interval depends on their own history (x, t_x, T, mean value) and the draws only, so
//! the intervals of a few customers (the rows a page shows) are, to the bit, their rows of the
//! intervals of everyone: the page asks for its rows, the CLI and an export for every customer.
//! Work is shared the way the point predictions share it: P(alive) and expected purchases per
//! distinct (x, t_x, T) pattern among the customers asked about, CLV per distinct (pattern, mean value).

use crate::engine::chunks::each_in_chunks;

use super::draws::ParameterDraws;
use super::gamma_gamma::GammaGammaParams;
use super::patterns::PurchasePatterns;
use super::predict::{order_value, PatternPredictions};
use super::report::{CustomerIntervals, CustomerValues, Interval};
use super::summary::CalibrationSummary;
use super::value::{customer_value, ValueHorizon};

/// The calibration histories of the customers (rows), as the summary or the report's values hold them.
#[derive(Clone, Copy)]
pub(super) struct Histories<'a> {
    pub frequency: &'a [u32],
    pub recency: &'a [f64],
    pub age: &'a [f64],
    pub monetary: &'a [Option<f64>],
}

impl<'a> Histories<'a> {
    pub fn of_summary(summary: &'a CalibrationSummary) -> Histories<'a> {
        Histories {
            frequency: &summary.frequency,
            recency: &summary.recency,
            age: &summary.age,
            monetary: &summary.monetary,
        }
    }

    pub fn of_values(values: &'a CustomerValues) -> Histories<'a> {
        Histories {
            frequency: &values.frequency,
            recency: &values.recency,
            age: &values.age,
            monetary: &values.monetary,
        }
    }
}

/// 5th and 95th percentiles of the finite values (reordered in place); `None` if there are none.
/// Each percentile needs only the two values ranked around it: selecting them (linear time) gives
/// the values a full sort would put there, in a fraction of the time. The result depends only on
/// the values, not on their order.
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

/// Whether a customer gets an order value at all (repeat buyers need a positive mean value).
pub(super) fn order_value_exists(x: u32, monetary: Option<f64>) -> bool {
    x == 0 || monetary.is_some_and(|m| m > 0.0)
}

/// The intervals of the customers `rows` of `histories`, in the order of `rows` (`None` when a
/// history cannot be described by the model, which the fit has already refused).
pub(super) fn customer_intervals(
    draws: &ParameterDraws,
    histories: Histories,
    rows: &[usize],
    horizon: &ValueHorizon,
    margin_percent: f64,
) -> Option<CustomerIntervals> {
    let pick = |column: &dyn Fn(usize) -> f64| -> Vec<f64> { rows.iter().map(|&i| column(i)).collect() };
    let frequency: Vec<u32> = rows.iter().map(|&i| histories.frequency[i]).collect();
    let (data, pattern_of_row) =
        PurchasePatterns::from_customers(&frequency, &pick(&|i| histories.recency[i]), &pick(&|i| histories.age[i]))
            .ok()?;
    let rows = RowPatterns { rows, data: &data, pattern_of_row: &pattern_of_row };
    Some(intervals_of_rows(draws, histories, rows, horizon, margin_percent, |_, _| {}))
}

/// Customers (`rows` of the histories) with their distinct patterns: `data`, and the pattern of the
/// customer at each position of `rows`.
pub(super) struct RowPatterns<'a> {
    pub rows: &'a [usize],
    pub data: &'a PurchasePatterns,
    pub pattern_of_row: &'a [u32],
}

/// The intervals of `rows`, in their order; `on_draw` sees each draw's predictions for `rows.data`
/// with that draw's spend parameters (so the population totals can share the work when the rows are
/// everyone).
pub(super) fn intervals_of_rows(
    draws: &ParameterDraws,
    histories: Histories,
    rows: RowPatterns,
    horizon: &ValueHorizon,
    margin_percent: f64,
    mut on_draw: impl FnMut(&PatternPredictions, Option<&GammaGammaParams>),
) -> CustomerIntervals {
    let RowPatterns { rows, data, pattern_of_row } = rows;
    let count = draws.count();
    let patterns = data.pattern_count();
    // [pattern * draws + draw]
    let mut p_alive = vec![f64::NAN; patterns * count];
    let mut purchases = vec![f64::NAN; patterns * count];
    let mut discounted = vec![f64::NAN; patterns * count];
    // Draws are evaluated a block at a time and stored pattern by pattern, each pattern's values of a
    // block side by side (writing one draw's values across all patterns touches a cache line each).
    let mut block: Vec<PatternPredictions> = Vec::with_capacity(DRAWS_PER_BLOCK);
    for first in (0..count).step_by(DRAWS_PER_BLOCK) {
        block.clear();
        for d in first..(first + DRAWS_PER_BLOCK).min(count) {
            let predicted = PatternPredictions::compute(&draws.purchase[d], data, horizon, None);
            on_draw(&predicted, draws.spend[d].as_ref());
            block.push(predicted);
        }
        each_in_chunks(0..patterns, |j| {
            for (offset, predicted) in block.iter().enumerate() {
                let at = j * count + first + offset;
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
        each_in_chunks(0..patterns, |j| intervals.push(interval(&mut values[j * count..(j + 1) * count].to_vec())));
        intervals
    };
    let alive_intervals = pattern_intervals(&p_alive);
    let purchase_intervals = pattern_intervals(&purchases);

    let n = rows.len();
    let mut out = CustomerIntervals {
        p_alive_low: Vec::with_capacity(n),
        p_alive_high: Vec::with_capacity(n),
        expected_purchases_low: Vec::with_capacity(n),
        expected_purchases_high: Vec::with_capacity(n),
        clv_low: vec![None; n],
        clv_high: vec![None; n],
    };
    each_in_chunks(0..n, |k| {
        let j = pattern_of_row[k] as usize;
        let (alive, bought) = (alive_intervals[j], purchase_intervals[j]);
        out.p_alive_low.push(alive.map_or(f64::NAN, |i| i.low));
        out.p_alive_high.push(alive.map_or(f64::NAN, |i| i.high));
        out.expected_purchases_low.push(bought.map(|i| i.low));
        out.expected_purchases_high.push(bought.map(|i| i.high));
    });
    if !draws.has_spend {
        return out;
    }

    // CLV per distinct (pattern, mean value): the rows sorted so equal ones are adjacent.
    // (pattern, bits of the mean value, position in `rows`): sorting the keys themselves reads nothing else.
    let monetary = |k: usize| histories.monetary[rows[k]];
    let mut keyed: Vec<(u32, u64, u32)> = Vec::with_capacity(n);
    each_in_chunks(0..n, |k| keyed.push((pattern_of_row[k], monetary(k).map_or(u64::MAX, f64::to_bits), k as u32)));
    keyed.sort_unstable();
    let mut values = Vec::with_capacity(count);
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
        next_group = end;
        let (x, m) = (histories.frequency[rows[first]], monetary(first));
        if !order_value_exists(x, m) {
            return;
        }
        let j = pattern_of_row[first] as usize;
        values.clear();
        for (d, spend) in draws.spend.iter().enumerate() {
            let value = spend.as_ref().and_then(|s| order_value(s, x, m));
            values.push(value.map_or(f64::NAN, |v| {
                customer_value(p_alive[j * count + d], discounted[j * count + d], v, margin_percent)
            }));
        }
        let customer_interval = interval(&mut values);
        for k in keyed[start..end].iter().map(|k| k.2 as usize) {
            out.clv_low[k] = customer_interval.map(|c| c.low);
            out.clv_high[k] = customer_interval.map(|c| c.high);
        }
    });
    out
}
