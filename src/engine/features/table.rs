//! Computes named features per customer over a time window, from an event log (via monthly totals)
//! or from the columns of a customer table.

use serde::{Deserialize, Serialize};

use crate::engine::dataset::Dataset;
use crate::engine::roles::ColumnRole;

use super::catalog::{Feature, FeatureKey};
use super::monthly::{MonthTotals, MonthlyActivity};

/// Feature columns per customer (index = customer number); NaN where a customer has no value
/// (e.g. no rating).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeatureTable {
    pub keys: Vec<FeatureKey>,
    pub columns: Vec<Vec<f64>>,
}

impl FeatureTable {
    pub fn get(&self, key: &FeatureKey) -> Option<&[f64]> {
        self.keys.iter().position(|k| k == key).map(|i| self.columns[i].as_slice())
    }

    pub fn customer_count(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }
}

/// Beta prior that smooths per-customer conversion rates: `(k + a) / (n + a + b)`.
/// With `Population`, the prior mean is the population's pooled rate and `strength` = a + b is how
/// many pseudo-events it weighs, so customers with few events shrink toward the average.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ConversionPrior {
    Population { strength: f64 },
    Fixed { a: f64, b: f64 },
}

impl Default for ConversionPrior {
    fn default() -> Self {
        ConversionPrior::Population { strength: 10.0 }
    }
}

/// Which months a feature sums, per customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthRange {
    /// From the first month of the data up to and including month offset `to`.
    UpTo { to: usize },
    /// The last `months` calendar months up to `to`.
    Rolling { to: usize, months: usize },
    /// January of `to`'s year up to `to`.
    CalendarYear { to: usize },
    /// From the customer's last join-month anniversary up to `to`.
    Anniversary { to: usize },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeatureError {
    /// The data lacks the column the feature is computed from.
    #[error("feature {feature} needs a {} column, which this data does not have", .needs.key())]
    Unavailable { feature: FeatureKey, needs: ColumnRole },
    /// `column:<name>` names no numeric column of the data.
    #[error("there is no numeric column named {name}")]
    UnknownColumn { name: String },
    /// Time windows need an event log with dates.
    #[error("feature {feature} needs an event log with dates")]
    NeedsEventLog { feature: FeatureKey },
}

/// Where features come from: the dataset plus, for event logs, its monthly totals.
pub struct FeatureSource<'a> {
    pub dataset: &'a Dataset,
    pub monthly: Option<&'a MonthlyActivity>,
    pub prior: ConversionPrior,
}

impl<'a> FeatureSource<'a> {
    pub fn new(dataset: &'a Dataset, monthly: Option<&'a MonthlyActivity>) -> Self {
        FeatureSource { dataset, monthly, prior: ConversionPrior::default() }
    }

    /// The last month offset of the data (for "as of the end" windows).
    pub fn last_month(&self) -> usize {
        self.monthly.map_or(0, |m| m.month_count.saturating_sub(1))
    }

    /// Checks that every key can be computed from this data, before any work is done.
    pub fn check(&self, keys: &[FeatureKey]) -> Result<(), FeatureError> {
        for key in keys {
            match (key, self.monthly) {
                (FeatureKey::Column(name), _) => {
                    if self.column_values(name).is_none() {
                        return Err(FeatureError::UnknownColumn { name: name.clone() });
                    }
                }
                (FeatureKey::Builtin(feature), Some(_)) => {
                    if let Some(needs) = event_log_requirement(*feature) {
                        let has = self.dataset.events.as_ref().is_some_and(|e| e.has(needs));
                        if !has {
                            return Err(FeatureError::Unavailable { feature: key.clone(), needs });
                        }
                    }
                }
                (FeatureKey::Builtin(feature), None) => {
                    let needs = feature.customer_table_source();
                    match needs {
                        Some(role) if self.dataset.measure(role).is_some() => {}
                        Some(role) => return Err(FeatureError::Unavailable { feature: key.clone(), needs: role }),
                        None => return Err(FeatureError::NeedsEventLog { feature: key.clone() }),
                    }
                }
            }
        }
        Ok(())
    }

    /// Computes `keys` for every customer over `range` (ignored for customer tables, whose columns
    /// carry no time).
    pub fn compute(&self, keys: &[FeatureKey], range: MonthRange) -> Result<FeatureTable, FeatureError> {
        self.check(keys)?;
        let columns = match self.monthly {
            Some(monthly) => self.from_monthly(monthly, keys, range),
            None => self.from_customer_table(keys),
        };
        Ok(FeatureTable { keys: keys.to_vec(), columns })
    }

    fn from_monthly(&self, monthly: &MonthlyActivity, keys: &[FeatureKey], range: MonthRange) -> Vec<Vec<f64>> {
        let n = monthly.customer_count();
        let to = range_end(range);
        let as_of = monthly.month_end(to);
        let window = |c: usize| monthly.window_totals(c, range_start(range, monthly, c), to);
        // Each customer's window is summed again where needed rather than kept: a window per
        // customer (112 bytes each) was the largest thing scoring held.
        let rates = PooledRates::of((0..n).map(window), monthly.has_payments, &self.prior);
        let mut columns: Vec<Vec<f64>> = keys
            .iter()
            .map(|key| match key {
                FeatureKey::Builtin(_) => Vec::with_capacity(n),
                FeatureKey::Column(name) => self.measure_by_name(name),
            })
            .collect();
        let builtin: Vec<(usize, Feature)> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, key)| match key {
                FeatureKey::Builtin(feature) => Some((i, *feature)),
                FeatureKey::Column(_) => None,
            })
            .collect();
        if !builtin.is_empty() {
            for c in 0..n {
                let totals = window(c);
                for &(i, feature) in &builtin {
                    columns[i].push(event_feature(feature, &totals, monthly, c, to, as_of, &rates));
                }
            }
        }
        columns
    }

    fn from_customer_table(&self, keys: &[FeatureKey]) -> Vec<Vec<f64>> {
        let n = self.dataset.customer_count();
        let dates_as_of = [ColumnRole::LastPurchaseDate, ColumnRole::FirstPurchaseDate]
            .iter()
            .filter_map(|r| self.dataset.measure(*r))
            .flat_map(|m| m.values.iter().copied().filter(|v| v.is_finite()))
            .fold(f64::NAN, f64::max);
        keys.iter()
            .map(|key| match key {
                FeatureKey::Column(name) => self.measure_by_name(name),
                FeatureKey::Builtin(feature) => {
                    let role = feature.customer_table_source().expect("checked");
                    let values = &self.dataset.measure(role).expect("checked").values;
                    match feature {
                        // Dates become "days before the latest date in the table".
                        Feature::RecencyDays | Feature::TenureDays => {
                            values.iter().map(|&t| (dates_as_of - t) / 86_400.0).collect()
                        }
                        _ => values.iter().copied().take(n).collect(),
                    }
                }
            })
            .collect()
    }

    fn measure_by_name(&self, name: &str) -> Vec<f64> {
        self.column_values(name).unwrap_or_default()
    }

    /// A customer column as numbers: a numeric column by name; for text columns (gender, city, a
    /// segment) either one-hot (`city=上海`: 1 for that value, 0 for others, NaN when missing) or a
    /// label code (`city#code`: the value's index in the column's sorted dictionary, for trees).
    pub fn column_values(&self, name: &str) -> Option<Vec<f64>> {
        let customers = &self.dataset.customers;
        if let Some(measure) = customers.measures.iter().find(|m| m.name == name) {
            return Some(measure.values.clone());
        }
        let attribute = |column: &str| customers.attributes.iter().find(|a| a.name == column);
        if let Some(column) = name.strip_suffix(LABEL_SUFFIX) {
            return attribute(column).map(|a| label_encode(&a.codes));
        }
        let (column, value) = name.split_once('=')?;
        let a = attribute(column)?;
        let code = a.dictionary.iter().position(|v| v == value)?;
        let indicator = &one_hot(&a.codes, a.dictionary.len())[code];
        Some(
            a.codes
                .iter()
                .zip(indicator)
                .map(|(&c, &x)| if c == crate::engine::dataset::NO_CODE { f64::NAN } else { x })
                .collect(),
        )
    }
}

/// Suffix of a text column's label-encoding feature key (`column:city#code`).
pub const LABEL_SUFFIX: &str = "#code";

use super::transform::{label_encode, one_hot};

/// The column an event-log feature is computed from, when it is not always present.
fn event_log_requirement(feature: Feature) -> Option<ColumnRole> {
    match feature {
        Feature::Views
        | Feature::Carts
        | Feature::Orders
        | Feature::ViewToCart
        | Feature::CartToOrder
        | Feature::OrderToPay
        | Feature::Conversion => Some(ColumnRole::EventType),
        Feature::AverageRating => Some(ColumnRole::Rating),
        Feature::PositiveFeedback | Feature::NegativeFeedback => Some(ColumnRole::Comment),
        Feature::BrowseMinutes => Some(ColumnRole::BrowseMinutes),
        Feature::ChannelsUsed => Some(ColumnRole::Channel),
        Feature::CategoryDiversity => Some(ColumnRole::Category),
        _ => None,
    }
}

pub fn range_end(range: MonthRange) -> usize {
    match range {
        MonthRange::UpTo { to }
        | MonthRange::Rolling { to, .. }
        | MonthRange::CalendarYear { to }
        | MonthRange::Anniversary { to } => to,
    }
}

/// First month offset of a customer's window.
pub fn range_start(range: MonthRange, monthly: &MonthlyActivity, customer: usize) -> usize {
    match range {
        MonthRange::UpTo { .. } => 0,
        MonthRange::Rolling { to, months } => (to + 1).saturating_sub(months.max(1)),
        MonthRange::CalendarYear { to } => {
            let month_of_year = (monthly.first_month.0 + to as i32).rem_euclid(12) as usize;
            to.saturating_sub(month_of_year)
        }
        MonthRange::Anniversary { to } => {
            let join = monthly.join_month(customer);
            if join > to {
                to
            } else {
                to - (to - join) % 12
            }
        }
    }
}

/// Smoothing parameters (a, b) per funnel stage, resolved once per window.
struct PooledRates {
    view_to_cart: (f64, f64),
    cart_to_order: (f64, f64),
    order_to_pay: (f64, f64),
    conversion: (f64, f64),
}

impl PooledRates {
    /// From every customer's window, in customer order.
    fn of(windows: impl Iterator<Item = MonthTotals>, has_payments: bool, prior: &ConversionPrior) -> PooledRates {
        // Each field summed on its own, customer after customer, as four separate sums would be.
        let (mut views, mut carts, mut placed, mut purchases) = (0.0, 0.0, 0.0, 0.0);
        for w in windows {
            views += f64::from(w.views);
            carts += f64::from(w.carts);
            placed += f64::from(w.orders_placed);
            purchases += f64::from(w.purchases);
        }
        let orders = if has_payments { placed } else { purchases };
        let ab = |successes: f64, trials: f64| match prior {
            ConversionPrior::Fixed { a, b } => (*a, *b),
            ConversionPrior::Population { strength } => {
                let mean = if trials > 0.0 { (successes / trials).clamp(0.0, 1.0) } else { 0.5 };
                (mean * strength, (1.0 - mean) * strength)
            }
        };
        PooledRates {
            view_to_cart: ab(carts, views),
            cart_to_order: ab(orders, carts),
            order_to_pay: ab(purchases, orders),
            conversion: ab(purchases, views),
        }
    }
}

/// `(k + a) / (n + a + b)`, with k capped at n (more carts than views happens in real logs when
/// people add to cart from a list page).
pub fn smoothed_rate(k: f64, n: f64, (a, b): (f64, f64)) -> f64 {
    let k = k.min(n);
    if n + a + b == 0.0 {
        f64::NAN
    } else {
        (k + a) / (n + a + b)
    }
}

fn event_feature(
    feature: Feature,
    w: &MonthTotals,
    monthly: &MonthlyActivity,
    customer: usize,
    to: usize,
    as_of: i64,
    rates: &PooledRates,
) -> f64 {
    let purchases = f64::from(w.purchases);
    let orders = if monthly.has_payments { f64::from(w.orders_placed) } else { purchases };
    let days = |seconds: i64| seconds as f64 / 86_400.0;
    match feature {
        Feature::RecencyDays => monthly.last_purchase_until(customer, to).map_or(f64::NAN, |t| days(as_of - t)),
        Feature::Frequency | Feature::Payments => purchases,
        Feature::RepeatPurchases => (purchases - 1.0).max(0.0),
        Feature::Monetary => w.net_spend(),
        Feature::AverageOrderValue => {
            if w.purchases == 0 {
                f64::NAN
            } else {
                w.spend / purchases
            }
        }
        Feature::TenureDays => days(as_of - monthly.first_seen[customer]).max(0.0),
        Feature::Views => f64::from(w.views),
        Feature::Carts => f64::from(w.carts),
        Feature::Orders => orders,
        Feature::ViewToCart => smoothed_rate(f64::from(w.carts), f64::from(w.views), rates.view_to_cart),
        Feature::CartToOrder => smoothed_rate(orders, f64::from(w.carts), rates.cart_to_order),
        Feature::OrderToPay => smoothed_rate(purchases, orders, rates.order_to_pay),
        Feature::Conversion => smoothed_rate(purchases, f64::from(w.views), rates.conversion),
        Feature::BrowseMinutes => w.browse_minutes,
        Feature::ActiveDays => f64::from(w.active_days),
        Feature::Interactions => {
            let unpaid_checkouts = if monthly.has_payments { w.orders_placed.saturating_sub(w.purchases) } else { 0 };
            f64::from(w.views + w.carts + w.favorites + w.reviews + unpaid_checkouts)
        }
        Feature::Reviews => f64::from(w.reviews),
        Feature::AverageRating => {
            if w.ratings == 0 {
                f64::NAN
            } else {
                w.rating_sum / f64::from(w.ratings)
            }
        }
        Feature::PositiveFeedback => f64::from(w.positive_comments),
        Feature::NegativeFeedback => f64::from(w.negative_comments),
        Feature::ChannelsUsed => f64::from(w.channels.count_ones()),
        Feature::CategoryDiversity => f64::from(w.categories.count_ones()),
        Feature::Refunds => f64::from(w.refunds),
        Feature::RefundRate => {
            if w.purchases == 0 {
                0.0
            } else {
                f64::from(w.refunds) / purchases
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::activity::tests::event_log;
    use crate::engine::roles::EventKind::*;

    fn with_event_types(mut data: Dataset) -> Dataset {
        data.events.as_mut().unwrap().present = vec![ColumnRole::EventType];
        data
    }

    #[test]
    fn funnel_rates_are_smoothed_toward_the_population() {
        // Customer 0: 4 views, 2 carts, 1 order, 1 pay. Customer 1: 6 views, 1 cart.
        // Pooled view->cart = 3 / 10; with strength 10 the prior is a = 3, b = 7.
        // Customer 0: (2 + 3) / (4 + 10) = 5/14. Customer 1: (1 + 3) / (6 + 10) = 4/16.
        let mut rows = vec![];
        for d in 0..4 {
            rows.push((0, d, View, f64::NAN));
        }
        rows.extend([(0, 1, Cart, f64::NAN), (0, 2, Cart, f64::NAN), (0, 3, Order, 80.0), (0, 3, Pay, 80.0)]);
        for d in 0..6 {
            rows.push((1, d, View, f64::NAN));
        }
        rows.push((1, 2, Cart, f64::NAN));
        let data = with_event_types(event_log(&rows));
        let monthly = MonthlyActivity::from_events(data.events.as_ref().unwrap());
        let source = FeatureSource::new(&data, Some(&monthly));
        let keys: Vec<FeatureKey> =
            vec![Feature::ViewToCart.into(), Feature::Interactions.into(), Feature::RecencyDays.into()];
        let table = source.compute(&keys, MonthRange::UpTo { to: 0 }).unwrap();
        let v2c = table.get(&Feature::ViewToCart.into()).unwrap();
        assert!((v2c[0] - 5.0 / 14.0).abs() < 1e-12);
        assert!((v2c[1] - 4.0 / 16.0).abs() < 1e-12);
        // Interactions: 4 views + 2 carts (the order was paid) ; 6 views + 1 cart.
        assert_eq!(table.get(&Feature::Interactions.into()).unwrap(), &[6.0, 7.0]);
        // Recency as of the last event (day 5): 5 - 3 = 2 days; customer 1 never bought.
        let recency = table.get(&Feature::RecencyDays.into()).unwrap();
        assert_eq!(recency[0], 2.0);
        assert!(recency[1].is_nan());
    }

    #[test]
    fn missing_columns_are_named() {
        let data = event_log(&[(0, 0, Pay, 10.0)]);
        let monthly = MonthlyActivity::from_events(data.events.as_ref().unwrap());
        let source = FeatureSource::new(&data, Some(&monthly));
        let err = source.compute(&[Feature::AverageRating.into()], MonthRange::UpTo { to: 0 }).unwrap_err();
        assert_eq!(
            err,
            FeatureError::Unavailable { feature: Feature::AverageRating.into(), needs: ColumnRole::Rating }
        );
    }

    #[test]
    fn window_starts() {
        // Data starting in 1970-01: month offset 14 is 1971-03.
        let data = event_log(&[(0, 0, Pay, 1.0), (0, 440, Pay, 1.0), (1, 100, Pay, 1.0)]);
        let monthly = MonthlyActivity::from_events(data.events.as_ref().unwrap());
        assert_eq!(range_start(MonthRange::Rolling { to: 14, months: 12 }, &monthly, 0), 3);
        assert_eq!(range_start(MonthRange::CalendarYear { to: 14 }, &monthly, 0), 12);
        // Customer 1 joined on day 100 = 1970-04-11 (offset 3): anniversaries at 3, 15, ...
        assert_eq!(range_start(MonthRange::Anniversary { to: 14 }, &monthly, 1), 3);
        assert_eq!(range_start(MonthRange::Anniversary { to: 15 }, &monthly, 1), 15);
    }
}

#[cfg(test)]
mod categorical_tests {
    use super::*;
    use crate::engine::dataset::{Attribute, NO_CODE};
    use crate::engine::features::activity::tests::event_log;
    use crate::engine::roles::EventKind::Pay;

    #[test]
    fn text_columns_become_one_hot_and_label_features() {
        let mut data = event_log(&[(0, 0, Pay, 1.0), (1, 0, Pay, 1.0), (2, 0, Pay, 1.0)]);
        data.customers.attributes.push(Attribute {
            name: "city".into(),
            role: ColumnRole::City,
            dictionary: vec!["北京".into(), "上海".into()],
            codes: vec![1, 0, NO_CODE],
        });
        let monthly = MonthlyActivity::from_events(data.events.as_ref().unwrap());
        let source = FeatureSource::new(&data, Some(&monthly));
        let keys = vec![FeatureKey::Column("city=上海".into()), FeatureKey::Column("city#code".into())];
        let table = source.compute(&keys, MonthRange::UpTo { to: 0 }).unwrap();
        assert_eq!(&table.columns[0][..2], &[1.0, 0.0]);
        assert!(table.columns[0][2].is_nan());
        assert_eq!(&table.columns[1][..2], &[1.0, 0.0]);
        let unknown = source.compute(&[FeatureKey::Column("city=广州".into())], MonthRange::UpTo { to: 0 });
        assert_eq!(unknown.unwrap_err(), FeatureError::UnknownColumn { name: "city=广州".into() });
    }
}
