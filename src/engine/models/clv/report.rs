//! What a CLV fit reports: fitted parameters, per-customer values with intervals, exclusions, the
//! purchase models' comparison and the holdout check.

use serde::{Deserialize, Serialize};

use super::error::ClvError;
use super::fitted::{ClvModel, FittedParams};
use super::holdout::HoldoutCheck;
use super::summary::{CalibrationSummary, TimeUnit};

/// Per-customer results (struct of arrays; one entry per customer included in the calibration).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerValues {
    /// Index of the customer in the data set.
    pub customer: Vec<u32>,
    pub frequency: Vec<u32>,
    pub recency: Vec<f64>,
    pub age: Vec<f64>,
    /// Mean repeat-purchase value (net of refunds); `None` without repeat purchases or amounts.
    pub monetary: Vec<Option<f64>>,
    pub p_alive: Vec<f64>,
    pub expected_purchases_horizon: Vec<Option<f64>>,
    pub expected_order_value: Vec<Option<f64>>,
    pub clv: Vec<Option<f64>>,
    pub holdout_purchases: Option<Vec<u32>>,
    pub expected_holdout_purchases: Option<Vec<Option<f64>>>,
    pub holdout_spend: Option<Vec<f64>>,
    /// 5 % - 95 % intervals from the parameters' uncertainty (`None` with 0 draws).
    #[serde(default)]
    pub intervals: Option<CustomerIntervals>,
}

impl CustomerValues {
    /// Each customer's calibration history (customer, frequency, recency, age, mean value), every
    /// predicted column empty: what the simulator's baseline and the back-test read. The summary's
    /// columns are moved, not copied (on millions of customers the copy is hundreds of MB).
    pub fn history_only(summary: CalibrationSummary) -> CustomerValues {
        CustomerValues {
            customer: summary.customer,
            frequency: summary.frequency,
            recency: summary.recency,
            age: summary.age,
            monetary: summary.monetary,
            ..CustomerValues::default()
        }
    }
}

/// Per-customer 5th and 95th percentiles over the parameter draws (same order as `CustomerValues`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerIntervals {
    pub p_alive_low: Vec<f64>,
    pub p_alive_high: Vec<f64>,
    pub expected_purchases_low: Vec<Option<f64>>,
    pub expected_purchases_high: Vec<Option<f64>>,
    pub clv_low: Vec<Option<f64>>,
    pub clv_high: Vec<Option<f64>>,
}

impl CustomerIntervals {
    /// The intervals of `rows` (positions in these intervals), in that order.
    pub fn rows(&self, rows: &[usize]) -> CustomerIntervals {
        fn pick<T: Copy>(column: &[T], rows: &[usize]) -> Vec<T> {
            rows.iter().map(|&i| column[i]).collect()
        }
        CustomerIntervals {
            p_alive_low: pick(&self.p_alive_low, rows),
            p_alive_high: pick(&self.p_alive_high, rows),
            expected_purchases_low: pick(&self.expected_purchases_low, rows),
            expected_purchases_high: pick(&self.expected_purchases_high, rows),
            clv_low: pick(&self.clv_low, rows),
            clv_high: pick(&self.clv_high, rows),
        }
    }
}

/// Customers left out of (part of) the analysis, with the reason. Nothing is dropped silently.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusions {
    /// No purchase in the data at all (only views, carts, refunds, ...): not in the models.
    pub never_purchased: u32,
    /// First purchase after the calibration end: not in the models.
    pub first_purchase_after_calibration: u32,
    /// Repeat buyers whose mean purchase value is 0 or negative (refunds, negative amounts): left out of
    /// the spend model, no expected order value or CLV.
    pub spend_not_positive: u32,
    /// Repeat buyers without any amount on their repeat purchases: left out of the spend model.
    pub spend_missing: u32,
    /// Customers whose mean value was reduced by refunds (still included).
    pub refunds_applied: u32,
    /// Customers whose expected purchases could not be computed (extreme parameters).
    pub predictions_unavailable: u32,
}

impl Exclusions {
    /// One sentence per non-zero count, for the user.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        // (one customer ..., several customers ...): the verb agrees with the count.
        let mut say = |count: u32, one: &str, several: &str| {
            if count == 1 {
                out.push(format!("1 customer {one}"));
            } else if count > 1 {
                out.push(format!("{count} customers {several}"));
            }
        };
        say(
            self.never_purchased,
            "never made a purchase and is not part of the models.",
            "never made a purchase and are not part of the models.",
        );
        say(
            self.first_purchase_after_calibration,
            "made their first purchase after the calibration end and is not part of the models.",
            "made their first purchase after the calibration end and are not part of the models.",
        );
        say(
            self.spend_not_positive,
            "has a mean purchase value of 0 or less (refunds or negative amounts): left out of the spend model, \
             no order value or CLV.",
            "have a mean purchase value of 0 or less (refunds or negative amounts): they are left out of the \
             spend model and get no order value or CLV.",
        );
        say(
            self.spend_missing,
            "has no amount on their repeat purchases: left out of the spend model, no CLV.",
            "have no amount on their repeat purchases: they are left out of the spend model and get no CLV.",
        );
        say(
            self.refunds_applied,
            "had refunds, which reduce their mean purchase value in proportion.",
            "had refunds, which reduce their mean purchase value in proportion.",
        );
        say(
            self.predictions_unavailable,
            "could not be given expected purchases (the series did not converge).",
            "could not be given expected purchases (the series did not converge).",
        );
        out
    }
}

/// Why the spend model was not fitted (the purchase model's results are still reported).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SpendModelSkipped {
    /// The data has no amount column.
    #[error("the data has no amount column, so order values and CLV cannot be estimated")]
    NoAmounts,
    #[error("only {usable} repeat buyers have a positive purchase value; the spend model needs at least {needed}")]
    TooFewPositiveSpenders { usable: u32, needed: u32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClvReport {
    pub time_unit: TimeUnit,
    pub calibration_end: i64,
    pub holdout_end: Option<i64>,
    pub horizon_months: u32,
    /// The horizon in periods of the time unit (months × 30 days or × 4.345 weeks).
    pub horizon_periods: f64,
    pub monthly_discount_rate: f64,
    pub margin_percent: f64,
    /// Customers in the models, and how many of them bought again within the calibration.
    pub customers: u32,
    pub repeat_buyers: u32,
    /// BG/NBD is always fitted (the simulator's baseline reads it).
    pub bgnbd: FittedParams,
    /// The purchase model behind `per_customer` and `holdout` (see `ClvSettings::purchase_model`).
    #[serde(default = "bgnbd_model")]
    pub purchase_model: ClvModel,
    /// Every purchase model fitted, with its holdout fit, in the order BG/NBD, Pareto/NBD, MBG/NBD.
    #[serde(default)]
    pub purchase_models: Vec<PurchaseModelFit>,
    pub gamma_gamma: Option<FittedParams>,
    pub spend_model_skipped: Option<SpendModelSkipped>,
    /// Mean order value of the population p·v/(q-1) (the value given to customers without repeats).
    pub population_order_value: Option<f64>,
    /// Pearson correlation of frequency and mean value among the spend model's customers: Gamma-Gamma
    /// assumes they are independent, so a value far from 0 is a warning.
    pub frequency_value_correlation: Option<f64>,
    pub per_customer: CustomerValues,
    pub holdout: Option<HoldoutCheck>,
    pub exclusions: Exclusions,
    /// Population totals over the parameter draws (`None` with 0 draws).
    #[serde(default)]
    pub uncertainty: Option<Uncertainty>,
}

fn bgnbd_model() -> ClvModel {
    ClvModel::BgNbd
}

impl ClvReport {
    /// The fitted parameters of the purchase model behind the per-customer predictions.
    pub fn chosen_purchase_model(&self) -> &FittedParams {
        self.purchase_models
            .iter()
            .filter_map(|m| m.fitted.as_ref())
            .find(|f| f.model == self.purchase_model)
            .unwrap_or(&self.bgnbd)
    }
}

/// One purchase model in the comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PurchaseModelFit {
    pub model: ClvModel,
    /// `None` when the fit failed (`error` says why).
    pub fitted: Option<FittedParams>,
    pub error: Option<ClvError>,
    /// How well it predicted the holdout (`None` without a holdout or a fit).
    pub holdout: Option<HoldoutFit>,
}

/// A purchase model's predictions against the holdout purchases.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HoldoutFit {
    pub actual_total: u64,
    pub expected_total: f64,
    /// |expected - actual| / actual over all customers: what the choice is made on.
    pub total_relative_error: f64,
    /// Mean over the non-empty calibration-frequency buckets (0 .. 6, 7+) of |expected - actual|
    /// mean holdout purchases per customer.
    pub bucket_mean_absolute_error: f64,
}

/// 5th and 95th percentiles of one quantity over the parameter draws.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The population's totals with their intervals from the parameter draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Uncertainty {
    pub draws: u32,
    pub seed: u64,
    /// Expected purchases over the horizon, summed over the customers.
    pub total_expected_purchases: Interval,
    /// CLV summed over the customers with a CLV (`None` without the spend model).
    pub total_clv: Option<Interval>,
}
