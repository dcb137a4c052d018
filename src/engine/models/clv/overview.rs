//! What a page shows of a CLV fit: the fit without its per-customer values, the totals and the
//! P(active) distribution computed from them, and the most valuable customers' rows. Its size does
//! not grow with the customers (the per-customer values of 2.36M customers are 434 MB of JSON), so
//! a fit can cross from a worker to a page; the values themselves stay where the fit ran (published
//! as columns when asked).

use serde::{Deserialize, Serialize};

use super::report::{ClvReport, CustomerIntervals, CustomerValues, Interval};
use crate::engine::dataset::TextList;

/// Bins of the P(active) distribution: tenths.
pub const P_ALIVE_BINS: usize = 10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClvOverview {
    /// The fit (parameters, model comparison, holdout check, exclusions, population intervals) with
    /// an empty `per_customer`.
    pub report: ClvReport,
    /// CLV summed over the customers with one, and how many have one.
    pub total_clv: f64,
    pub customers_with_clv: u32,
    /// Customers per tenth of P(active), lowest first.
    pub p_alive_bins: Vec<u32>,
    /// The customers with the highest CLV, most valuable first.
    pub top: Vec<TopCustomer>,
}

/// One of the most valuable customers, each value with its 5 % - 95 % interval when the fit drew them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopCustomer {
    pub id: String,
    pub p_alive: f64,
    pub p_alive_interval: Option<Interval>,
    pub expected_purchases: Option<f64>,
    pub expected_purchases_interval: Option<Interval>,
    pub expected_order_value: Option<f64>,
    pub clv: f64,
    pub clv_interval: Option<Interval>,
}

impl ClvOverview {
    /// The overview of `report`, naming its `top` most valuable customers by their ids in `ids`
    /// (indexed by customer number), with their rows of the report's intervals. The per-customer
    /// values are dropped.
    pub fn of(report: ClvReport, ids: &TextList, top: usize) -> ClvOverview {
        ClvOverview::of_with(report, ids, top, |values, rows| values.intervals.as_ref().map(|all| all.rows(rows)))
    }

    /// `of`, the top customers' intervals given by `intervals_of(values, rows)` (in the order of
    /// `rows`) rather than read from the values: a fit that computes them for those rows only.
    pub fn of_with(
        mut report: ClvReport,
        ids: &TextList,
        top: usize,
        intervals_of: impl FnOnce(&CustomerValues, &[usize]) -> Option<CustomerIntervals>,
    ) -> ClvOverview {
        let values = std::mem::take(&mut report.per_customer);
        let rows: Vec<usize> = top_rows(&values, top).collect();
        let intervals = intervals_of(&values, &rows);
        ClvOverview {
            report,
            total_clv: values.clv.iter().flatten().sum(),
            customers_with_clv: values.clv.iter().flatten().count() as u32,
            p_alive_bins: p_alive_bins(&values.p_alive),
            top: rows
                .iter()
                .enumerate()
                .filter_map(|(k, &row)| top_customer(&values, row, intervals.as_ref().map(|i| (i, k)), ids))
                .collect(),
        }
    }
}

/// Customers per tenth of P(active): who is probably still buying and who has probably left.
pub fn p_alive_bins(p_alive: &[f64]) -> Vec<u32> {
    let mut bins = vec![0u32; P_ALIVE_BINS];
    for &p in p_alive.iter().filter(|p| p.is_finite()) {
        bins[((p * P_ALIVE_BINS as f64).floor() as usize).min(P_ALIVE_BINS - 1)] += 1;
    }
    bins
}

/// The rows of the `count` highest finite CLVs, highest first; ties keep the data's order so the
/// list is the same on every run. Customers without a CLV are not listed.
fn top_rows(values: &CustomerValues, count: usize) -> impl Iterator<Item = usize> {
    let mut rows: Vec<(usize, f64)> = values
        .clv
        .iter()
        .enumerate()
        .filter_map(|(row, clv)| clv.filter(|v| v.is_finite()).map(|v| (row, v)))
        .collect();
    let order = |(ra, a): &(usize, f64), (rb, b): &(usize, f64)| b.total_cmp(a).then(ra.cmp(rb));
    // The order is total (rows are distinct), so the `count` first rows are the same whether all
    // rows are sorted or only those selected: a full sort of millions of customers for 50 of them
    // was a good part of a big file's fit in the tab.
    if rows.len() > count {
        rows.select_nth_unstable_by(count, order);
        rows.truncate(count);
    }
    rows.sort_by(order);
    rows.into_iter().map(|(row, _)| row)
}

/// The row `row` of `values`, with its intervals at `interval_row` (intervals, position) when given.
fn top_customer(
    values: &CustomerValues,
    row: usize,
    interval_row: Option<(&CustomerIntervals, usize)>,
    ids: &TextList,
) -> Option<TopCustomer> {
    let customer = *values.customer.get(row)? as usize;
    let both = |low: Option<f64>, high: Option<f64>| Some(Interval { low: low?, high: high? });
    let (intervals, k) = (interval_row.map(|(i, _)| i), interval_row.map_or(0, |(_, k)| k));
    Some(TopCustomer {
        id: ids.get(customer)?.to_string(),
        p_alive: *values.p_alive.get(row)?,
        p_alive_interval: intervals.and_then(|i| both(i.p_alive_low.get(k).copied(), i.p_alive_high.get(k).copied())),
        expected_purchases: *values.expected_purchases_horizon.get(row)?,
        expected_purchases_interval: intervals
            .and_then(|i| both(i.expected_purchases_low.get(k).copied()?, i.expected_purchases_high.get(k).copied()?)),
        expected_order_value: *values.expected_order_value.get(row)?,
        clv: (*values.clv.get(row)?)?,
        clv_interval: intervals.and_then(|i| both(i.clv_low.get(k).copied()?, i.clv_high.get(k).copied()?)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_valuable_customers_come_with_their_values_and_intervals() {
        let mut ids = TextList::new();
        for id in ["A", "B", "C", "D", "E"] {
            ids.push(id);
        }
        // Rows are customers 4, 0, 2, 1 (customer 3 was not in the fit).
        let values = CustomerValues {
            customer: vec![4, 0, 2, 1],
            p_alive: vec![0.05, 0.42, 0.97, 1.0],
            expected_purchases_horizon: vec![Some(0.3), Some(1.1), Some(9.5), None],
            expected_order_value: vec![Some(38.0), None, Some(52.5), None],
            clv: vec![Some(120.5), None, Some(300.25), Some(120.5)],
            intervals: Some(CustomerIntervals {
                p_alive_low: vec![0.01, 0.3, 0.9, 0.95],
                p_alive_high: vec![0.1, 0.5, 0.99, 1.0],
                expected_purchases_low: vec![Some(0.2), Some(0.9), Some(8.0), None],
                expected_purchases_high: vec![Some(0.4), Some(1.3), Some(11.0), None],
                clv_low: vec![Some(100.0), None, Some(250.0), None],
                clv_high: vec![Some(140.0), None, Some(350.0), None],
            }),
            ..CustomerValues::default()
        };
        // Highest first; the tie at 120.5 keeps the data's order (row 0 before row 3); row 1 has no CLV.
        assert_eq!(top_rows(&values, 10).collect::<Vec<_>>(), [2, 0, 3]);
        assert_eq!(top_rows(&values, 2).collect::<Vec<_>>(), [2, 0]);
        let all = values.intervals.as_ref();
        let first = top_customer(&values, 2, all.map(|i| (i, 2)), &ids).unwrap();
        assert_eq!(
            first,
            TopCustomer {
                id: "C".into(),
                p_alive: 0.97,
                p_alive_interval: Some(Interval { low: 0.9, high: 0.99 }),
                expected_purchases: Some(9.5),
                expected_purchases_interval: Some(Interval { low: 8.0, high: 11.0 }),
                expected_order_value: Some(52.5),
                clv: 300.25,
                clv_interval: Some(Interval { low: 250.0, high: 350.0 }),
            }
        );
        // Without a bound, no interval.
        let third = top_customer(&values, 3, all.map(|i| (i, 3)), &ids).unwrap();
        assert_eq!((third.id.as_str(), third.expected_purchases_interval, third.clv_interval), ("B", None, None));
        // 0.05 -> 0-10 %, 0.42 -> 40-50 %, 0.97 and 1.0 -> 90-100 %; NaN is not counted.
        assert_eq!(p_alive_bins(&[0.05, 0.42, 0.97, 1.0, f64::NAN]), [1, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
    }
}
