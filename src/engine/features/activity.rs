//! Purchase and engagement totals per customer, from an event log or a customer table. Every scoring
//! model and the benefit pricing start from these.

use serde::{Deserialize, Serialize};

use crate::engine::chunks::each_in_chunks;
use crate::engine::dataset::Dataset;
use crate::engine::roles::{ColumnRole, EventKind};

/// Totals per customer (struct of arrays, index = customer number).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Activity {
    /// Completed purchases (payments when the log records them, otherwise orders).
    pub orders: Vec<u32>,
    /// Purchases minus refunds, in currency units.
    pub net_spend: Vec<f64>,
    /// Non-purchase engagement: views, carts, favourites, reviews (or the visit count of a customer table).
    pub interactions: Vec<u32>,
    /// Time of the last purchase, seconds since 1970 (`None` if the customer never bought or the
    /// customer table has no such column).
    pub last_purchase: Vec<Option<i64>>,
    /// Length of the observed history in years; gifts are charged per year and all totals are
    /// annualised with it. 1 for customer tables, whose aggregates carry no period.
    pub history_years: f64,
    /// Last timestamp of the history (the "as of" date), when known.
    pub as_of: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActivityError {
    /// A customer table needs spend and/or order columns to be scored.
    #[error("the data needs one of these columns: {}", role_keys(.needed))]
    MissingColumns { needed: Vec<ColumnRole> },
}

fn role_keys(roles: &[ColumnRole]) -> String {
    roles.iter().map(|r| r.key()).collect::<Vec<_>>().join(", ")
}

const DAYS_PER_YEAR: f64 = 365.25;

impl Activity {
    pub fn from_dataset(dataset: &Dataset) -> Result<Activity, ActivityError> {
        Activity::from_dataset_over(dataset, dataset.events.as_ref().and_then(|log| log.time_span()))
    }

    /// Totals with the history length and "as of" date of an event log's larger history `span`
    /// (see `MonthlyActivity::from_events_over`).
    pub fn from_dataset_over(dataset: &Dataset, span: Option<(i64, i64)>) -> Result<Activity, ActivityError> {
        match &dataset.events {
            Some(_) => Ok(Self::from_events(dataset, span)),
            None => Self::from_customer_table(dataset),
        }
    }

    pub fn customer_count(&self) -> usize {
        self.orders.len()
    }

    fn from_events(dataset: &Dataset, span: Option<(i64, i64)>) -> Activity {
        let log = dataset.events.as_ref().expect("checked by caller");
        let n = log.customer_count();
        let purchase = log.purchase_kind();
        let mut activity = Activity {
            orders: vec![0; n],
            net_spend: vec![0.0; n],
            interactions: vec![0; n],
            last_purchase: vec![None; n],
            history_years: 1.0,
            as_of: None,
        };
        // In chunks: a wasm engine optimises the loop only between calls (`engine::chunks`).
        each_in_chunks(0..n, |customer| {
            for row in log.rows_of(customer) {
                let kind = log.kind[row];
                let amount = log.amount[row];
                match kind {
                    k if k == purchase => {
                        activity.orders[customer] += 1;
                        if amount.is_finite() {
                            activity.net_spend[customer] += amount;
                        }
                        activity.last_purchase[customer] = Some(log.time[row]);
                    }
                    EventKind::Refund => {
                        // Refund rows may carry the amount as negative or positive: a refund always reduces spend.
                        if amount.is_finite() {
                            activity.net_spend[customer] -= amount.abs();
                        }
                    }
                    EventKind::View | EventKind::Cart | EventKind::Favorite | EventKind::Review => {
                        activity.interactions[customer] += 1;
                    }
                    // An order that was never paid is an abandoned checkout: engagement, not a purchase.
                    EventKind::Order => activity.interactions[customer] += 1,
                    EventKind::Pay | EventKind::Other => {}
                }
            }
        });
        if let Some((first, last)) = span {
            let days = ((last - first) as f64 / 86_400.0).max(1.0);
            activity.history_years = days / DAYS_PER_YEAR;
            activity.as_of = Some(last);
        }
        activity
    }

    fn from_customer_table(dataset: &Dataset) -> Result<Activity, ActivityError> {
        let n = dataset.customer_count();
        let values = |role: ColumnRole| dataset.measure(role).map(|m| &m.values);
        let count = |v: f64| if v.is_finite() && v > 0.0 { v.round() as u32 } else { 0 };
        let orders: Option<Vec<u32>> = values(ColumnRole::OrderCount).map(|v| v.iter().map(|&x| count(x)).collect());
        let net_spend: Option<Vec<f64>> = match (values(ColumnRole::TotalSpend), values(ColumnRole::AverageOrderValue))
        {
            (Some(total), _) => Some(total.iter().map(|&x| if x.is_finite() { x } else { 0.0 }).collect()),
            (None, Some(average)) => orders.as_ref().map(|orders| {
                average
                    .iter()
                    .zip(orders)
                    .map(|(&avg, &k)| if avg.is_finite() { avg * f64::from(k) } else { 0.0 })
                    .collect()
            }),
            (None, None) => None,
        };
        if orders.is_none() && net_spend.is_none() {
            return Err(ActivityError::MissingColumns {
                needed: vec![ColumnRole::TotalSpend, ColumnRole::OrderCount, ColumnRole::AverageOrderValue],
            });
        }
        let interactions =
            values(ColumnRole::VisitCount).map(|v| v.iter().map(|&x| count(x)).collect()).unwrap_or_else(|| vec![0; n]);
        let last_purchase = values(ColumnRole::LastPurchaseDate)
            .map(|v| v.iter().map(|&x| x.is_finite().then_some(x as i64)).collect())
            .unwrap_or_else(|| vec![None; n]);
        let as_of = last_purchase.iter().flatten().copied().max();
        Ok(Activity {
            orders: orders.unwrap_or_else(|| vec![0; n]),
            net_spend: net_spend.unwrap_or_else(|| vec![0.0; n]),
            interactions,
            last_purchase,
            history_years: 1.0,
            as_of,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::engine::dataset::{Customers, EventLog, Measure};
    // Named by path, not `super::*`: this test module is shared with other modules' tests.
    use crate::engine::features::activity::*;
    use crate::engine::roles::DatasetShape;

    const DAY: i64 = 86_400;

    /// A tiny event log: (customer, day, kind, amount).
    pub(crate) fn event_log(rows: &[(usize, i64, EventKind, f64)]) -> Dataset {
        let customers = rows.iter().map(|r| r.0).max().map_or(0, |m| m + 1);
        let mut sorted: Vec<_> = rows.to_vec();
        sorted.sort_by_key(|r| (r.0, r.1));
        let mut log = EventLog { offsets: vec![0], ..Default::default() };
        for c in 0..customers {
            for r in sorted.iter().filter(|r| r.0 == c) {
                log.push_bare(r.1 * DAY, r.2, r.3);
            }
            log.offsets.push(log.time.len() as u32);
        }
        Dataset {
            shape: Some(DatasetShape::EventLog),
            customers: Customers { ids: (0..customers).map(|c| format!("C{c}")).collect(), ..Default::default() },
            events: Some(log),
        }
    }

    #[test]
    fn totals_from_an_event_log() {
        use EventKind::*;
        // Customer 0: pays 100 and 50, refunds 30, views twice, abandons one order.
        // Customer 1: only views. Log spans day 0 .. day 730.5 (2 years of 365.25 days).
        let data = event_log(&[
            (0, 0, View, f64::NAN),
            (0, 1, Order, 100.0),
            (0, 1, Pay, 100.0),
            (0, 10, Pay, 50.0),
            (0, 20, Refund, -30.0),
            (0, 30, View, f64::NAN),
            (0, 40, Order, 70.0),
            (1, 730, View, f64::NAN),
        ]);
        let mut data = data;
        // Stretch the span to exactly two years.
        let log = data.events.as_mut().unwrap();
        let last = log.time.len() - 1;
        log.time[last] += DAY / 2;
        let a = Activity::from_dataset(&data).unwrap();
        assert_eq!(a.orders, vec![2, 0]);
        assert_eq!(a.net_spend, vec![120.0, 0.0]);
        // 2 views + 2 unpaid orders (payments exist, so orders are checkouts) ; 1 view.
        assert_eq!(a.interactions, vec![4, 1]);
        assert_eq!(a.last_purchase, vec![Some(10 * DAY), None]);
        assert!((a.history_years - 2.0).abs() < 1e-12);
    }

    #[test]
    fn orders_count_as_purchases_when_nothing_is_paid() {
        use EventKind::*;
        let data = event_log(&[(0, 0, Order, 10.0), (0, 5, Order, 20.0), (0, 6, Refund, 5.0)]);
        let a = Activity::from_dataset(&data).unwrap();
        assert_eq!(a.orders, vec![2]);
        // A refund reduces spend whatever its sign in the file.
        assert_eq!(a.net_spend, vec![25.0]);
    }

    #[test]
    fn customer_table_uses_average_times_count_without_a_total() {
        let data = Dataset {
            shape: Some(DatasetShape::CustomerTable),
            customers: Customers {
                ids: ["a", "b"].into_iter().collect(),
                attributes: vec![],
                measures: vec![
                    Measure { name: "orders".into(), role: ColumnRole::OrderCount, values: vec![3.0, f64::NAN] },
                    Measure { name: "aov".into(), role: ColumnRole::AverageOrderValue, values: vec![50.0, 20.0] },
                ],
            },
            events: None,
        };
        let a = Activity::from_dataset(&data).unwrap();
        assert_eq!(a.orders, vec![3, 0]);
        assert_eq!(a.net_spend, vec![150.0, 0.0]);
        assert_eq!(a.history_years, 1.0);
    }

    #[test]
    fn customer_table_without_value_columns_says_what_is_missing() {
        let data = Dataset {
            shape: Some(DatasetShape::CustomerTable),
            customers: Customers { ids: ["a"].into_iter().collect(), ..Default::default() },
            events: None,
        };
        assert!(matches!(Activity::from_dataset(&data), Err(ActivityError::MissingColumns { .. })));
    }
}
