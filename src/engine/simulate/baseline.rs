//! Each customer's behaviour without any scheme: purchase rate, dropout and order value, as
//! distributions the simulator draws from in every replication (the customer's posterior, not a
//! point estimate), plus their usual monthly engagement.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::engagement::{engagement, Engagement, EngagementByCustomer};

use crate::engine::dataset::EventLog;
use crate::engine::date::{MonthIndex, SECONDS_PER_DAY};
use crate::engine::evaluate::PreparedData;
use crate::engine::models::clv::bgnbd::BgNbdParams;
use crate::engine::models::clv::gamma_gamma::GammaGammaParams;
use crate::engine::models::clv::ClvError;
use crate::engine::models::clv::{ClvModel, ClvReport, PurchaseParams, PurchasePosterior, PurchasePredictor, TimeUnit};

/// Days in an average month: every simulated month is this long (seasonality scales a month's
/// purchase rate, not its length).
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineSource {
    /// BG/NBD purchases and Gamma-Gamma order values fitted to the event log.
    BgNbd,
    /// Pareto/NBD purchases (an exponential lifetime) and Gamma-Gamma order values.
    ParetoNbd,
    /// MBG/NBD purchases (BG/NBD with a dropout chance at the first purchase) and Gamma-Gamma order values.
    MbgNbd,
    /// Each customer's own purchase rate and order value with a population prior, no dropout
    /// (used when the probabilistic model cannot be fitted, and for customer tables).
    Empirical,
}

/// Why the simulator used the empirical baseline instead of BG/NBD + Gamma-Gamma: a typed value the
/// page translates (never English text to match).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FallbackReason {
    /// A customer table has no purchase dates to fit BG/NBD to.
    NoPurchaseDates,
    /// The purchase or spend model could not be fitted to the event log.
    FitFailed { error: ClvError },
    /// The purchase model asked for (Pareto/NBD or MBG/NBD) could not be fitted: BG/NBD is used instead.
    ModelFailed { model: ClvModel, error: ClvError },
}

impl std::fmt::Display for FallbackReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FallbackReason::NoPurchaseDates => write!(f, "a customer table has no purchase dates to fit BG/NBD to"),
            FallbackReason::FitFailed { error } => write!(f, "{error}"),
            FallbackReason::ModelFailed { model, error } => {
                write!(f, "{} could not be fitted, so BG/NBD is used: {error}", model.label())
            }
        }
    }
}

/// Per-customer behaviour distributions (struct of arrays, index = customer number).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Baseline {
    pub source: Option<BaselineSource>,
    /// Probability the customer is still active at the start of the simulation.
    pub p_alive: Vec<f64>,
    /// Purchase rate per day given active: Gamma(shape, scale).
    pub rate_shape: Vec<f64>,
    pub rate_scale: Vec<f64>,
    /// Dropout probability after each purchase: Beta(a, b); `a == 0` means the customer never drops out.
    pub drop_a: Vec<f64>,
    pub drop_b: Vec<f64>,
    /// Dropout at a continuous time instead (Pareto/NBD): an exponential lifetime whose rate per day
    /// given active is Gamma(lifetime_rate_shape, lifetime_rate_scale); shape 0 (or no entry) means
    /// no such dropout.
    pub lifetime_rate_shape: Vec<f64>,
    pub lifetime_rate_scale: Vec<f64>,
    /// Order values are Gamma(order_shape, theta) with theta = 1 / nu, nu ~ Gamma(nu_shape, nu_scale)
    /// (Gamma-Gamma); with `nu_shape == 0` theta is fixed at `fixed_theta`.
    pub order_shape: f64,
    pub nu_shape: Vec<f64>,
    pub nu_scale: Vec<f64>,
    pub fixed_theta: Vec<f64>,
    /// Expected order value (for converting free shipping into an equivalent discount).
    pub expected_order_value: Vec<f64>,
    /// In the top fifth of expected purchase rates: responds weakly (Liu 2007).
    pub heavy: Vec<bool>,
    pub engagement: EngagementByCustomer,
    /// Purchase-rate factor per seasonal slot (see `seasonal_slot`), the 12 calendar months averaging
    /// 1: the history's seasonality (11.11, 618, the Spring Festival ...), all ones when it cannot be
    /// estimated.
    pub seasonality: [f64; SEASONAL_SLOTS],
}

/// Twelve calendar months plus the month holding the Spring Festival, which moves between January
/// and February with the lunar calendar (a fixed calendar-month pattern would put its dip in the
/// wrong month every other year).
pub const SEASONAL_SLOTS: usize = 13;

/// Month (1 or 2) and day of the Spring Festival (春节), 2000-2040.
const SPRING_FESTIVAL: [(u32, u32); 41] = [
    (2, 5),
    (1, 24),
    (2, 12),
    (2, 1),
    (1, 22),
    (2, 9),
    (1, 29),
    (2, 18),
    (2, 7),
    (1, 26),
    (2, 14),
    (2, 3),
    (1, 23),
    (2, 10),
    (1, 31),
    (2, 19),
    (2, 8),
    (1, 28),
    (2, 16),
    (2, 5),
    (1, 25),
    (2, 12),
    (2, 1),
    (1, 22),
    (2, 10),
    (1, 29),
    (2, 17),
    (2, 6),
    (1, 26),
    (2, 13),
    (2, 3),
    (1, 23),
    (2, 11),
    (1, 31),
    (2, 19),
    (2, 8),
    (1, 28),
    (2, 15),
    (2, 4),
    (1, 24),
    (2, 12),
];

/// The seasonal slot of a month: 12 for the month holding the Spring Festival, else month - 1.
pub fn seasonal_slot(month: MonthIndex) -> usize {
    let year = month.year();
    let festival_month = (2000..=2040).contains(&year).then(|| SPRING_FESTIVAL[(year - 2000) as usize].0);
    if festival_month == Some(month.month()) {
        12
    } else {
        month.month() as usize - 1
    }
}

impl Baseline {
    pub fn customer_count(&self) -> usize {
        self.p_alive.len()
    }

    /// Each customer's own purchase rate (Gamma posterior with a population prior worth half a
    /// purchase) and average order value; nobody drops out. Works for event logs and customer tables.
    pub fn empirical(data: &PreparedData) -> Baseline {
        let inputs = EmpiricalInputs::of(data);
        let mut baseline = Baseline::empirical_with(data, &inputs, EmpiricalPrior::of_inputs(&inputs));
        baseline.mark_heavy_buyers();
        baseline
    }

    /// The empirical baseline of `data`'s customers under a population prior (from these customers,
    /// or from the whole population when they are one partition of it), without the heavy-buyer flags.
    pub fn empirical_with(data: &PreparedData, inputs: &EmpiricalInputs, prior: EmpiricalPrior) -> Baseline {
        let n = data.dataset.customer_count();
        const PRIOR_PURCHASES: f64 = 0.5;
        let prior_days = if prior.rate > 0.0 { PRIOR_PURCHASES / prior.rate } else { 365.25 };
        // Order values vary around the customer's mean with a coefficient of variation of 0.5.
        const ORDER_SHAPE: f64 = 4.0;
        let mean_value = |c: usize| {
            let (k, spend) = (inputs.orders[c], inputs.spend[c]);
            if k > 0.0 && spend > 0.0 {
                spend / k
            } else {
                prior.value
            }
        };
        // Each column is allocated once at its length (collected from a range): pushed one by one,
        // eleven columns of millions of customers would hold up to twice their size for the whole
        // simulation (docs/benchmarks.md, "The simulation's baseline without the CLV predictions").
        let column = |value: &dyn Fn(usize) -> f64| (0..n).map(value).collect::<Vec<f64>>();
        Baseline {
            source: Some(BaselineSource::Empirical),
            p_alive: vec![1.0; n],
            rate_shape: column(&|c| inputs.orders[c] + PRIOR_PURCHASES),
            rate_scale: column(&|c| 1.0 / (inputs.exposure[c] + prior_days)),
            drop_a: vec![0.0; n],
            drop_b: vec![1.0; n],
            lifetime_rate_shape: vec![0.0; n],
            lifetime_rate_scale: vec![0.0; n],
            order_shape: ORDER_SHAPE,
            nu_shape: vec![0.0; n],
            nu_scale: vec![0.0; n],
            fixed_theta: column(&|c| mean_value(c) / ORDER_SHAPE),
            expected_order_value: column(&mean_value),
            heavy: Vec::new(),
            engagement: engagement(data),
            seasonality: [1.0; SEASONAL_SLOTS],
        }
    }

    /// Flags the top fifth of customers by expected purchase rate.
    pub fn mark_heavy_buyers(&mut self) {
        self.mark_heavy_from(self.heavy_cut());
    }

    /// The 80th percentile of the customers' expected purchase rates: the heavy-buyer cut.
    pub fn heavy_cut(&self) -> f64 {
        let mut sorted = self.expected_rates();
        sorted.sort_by(f64::total_cmp);
        sorted.get(sorted.len() * 4 / 5).copied().unwrap_or(f64::INFINITY)
    }

    /// Each customer's expected purchase rate per day (what the heavy-buyer cut ranks).
    pub fn expected_rates(&self) -> Vec<f64> {
        (0..self.customer_count()).map(|c| self.p_alive[c] * self.rate_shape[c] * self.rate_scale[c]).collect()
    }

    /// Flags the customers whose expected purchase rate reaches `cut` (the population's 80th
    /// percentile).
    pub fn mark_heavy_from(&mut self, cut: f64) {
        self.heavy = self.expected_rates().iter().map(|&e| e >= cut && e > 0.0).collect();
    }
}

/// What the empirical baseline reads of each customer: orders, net spend (at least 0) and exposure
/// in days (from the first event to the end of the data, at least a month; a year for a customer
/// table, whose aggregates carry no period).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmpiricalInputs {
    pub orders: Vec<f64>,
    pub spend: Vec<f64>,
    pub exposure: Vec<f64>,
}

impl EmpiricalInputs {
    pub fn of(data: &PreparedData) -> EmpiricalInputs {
        let n = data.dataset.customer_count();
        let activity = data.activity.as_ref().ok();
        let exposure: Vec<f64> = match &data.monthly {
            Some(m) => m.first_seen.iter().map(|&t| ((m.as_of - t) as f64 / 86_400.0).max(DAYS_PER_MONTH)).collect(),
            None => vec![365.25; n],
        };
        EmpiricalInputs {
            orders: (0..n).map(|c| activity.map_or(0.0, |a| f64::from(a.orders[c]))).collect(),
            spend: (0..n).map(|c| activity.map_or(0.0, |a| a.net_spend[c].max(0.0))).collect(),
            exposure,
        }
    }
}

/// The population's purchase rate per day and mean order value: the empirical baseline's prior.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmpiricalPrior {
    pub rate: f64,
    pub value: f64,
}

impl EmpiricalPrior {
    /// From every customer's inputs (sums taken in an order that does not depend on the customers').
    pub fn of_inputs(inputs: &EmpiricalInputs) -> EmpiricalPrior {
        EmpiricalPrior::of_sums(
            order_free_sum(inputs.orders.iter().copied()),
            order_free_sum(inputs.exposure.iter().copied()),
            order_free_sum(inputs.spend.iter().copied()),
        )
    }

    /// From the population's total orders, exposure days and spend.
    pub fn of_sums(orders: f64, exposure: f64, spend: f64) -> EmpiricalPrior {
        EmpiricalPrior {
            rate: if exposure > 0.0 { orders / exposure } else { 0.0 },
            value: if orders > 0.0 { spend / orders } else { 0.0 },
        }
    }
}

/// A sum that does not depend on the order of the customers (floating-point addition does):
/// the values are added smallest first.
fn order_free_sum(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_unstable_by(f64::total_cmp);
    values.iter().sum()
}

impl Baseline {
    /// Each customer's BG/NBD posterior (P(active), purchase rate and dropout given active) and
    /// Gamma-Gamma posterior of their order values, fitted on the history up to `calibration_end`
    /// (the end of the data for forecasts, an earlier date for back-tests). Customers who had not
    /// bought by then keep the empirical rate of a non-buyer; without an amount column the order
    /// values stay empirical too.
    pub fn from_clv(data: &PreparedData, report: &ClvReport) -> Baseline {
        Baseline::from_purchase_model(data, report, &PurchaseParams::BgNbd(bgnbd_params(report)))
    }

    /// The baseline from the report's fit of `model` (BG/NBD's when the report did not fit it).
    pub fn from_clv_model(data: &PreparedData, report: &ClvReport, model: ClvModel) -> Baseline {
        Baseline::from_purchase_model(data, report, &purchase_params(report, model))
    }

    /// Each customer's posterior under the purchase model `params` (fitted in the report), with the
    /// report's Gamma-Gamma posterior of their order values.
    pub fn from_purchase_model(data: &PreparedData, report: &ClvReport, params: &PurchaseParams) -> Baseline {
        let mut baseline = Baseline::empirical(data).with_posteriors(report, params);
        baseline.mark_heavy_buyers();
        if let Some(log) = &data.dataset.events {
            baseline.seasonality = seasonality(log, params, report.time_unit, report.calibration_end);
        }
        baseline
    }

    /// This empirical baseline with each customer of `report.per_customer` given their posterior
    /// under `params` and the report's Gamma-Gamma (no heavy-buyer flags, no seasonality).
    pub fn with_posteriors(self, report: &ClvReport, params: &PurchaseParams) -> Baseline {
        let mut baseline = self;
        baseline.source = Some(BaselineSource::of_model(params.model()));
        let days_per_period = match report.time_unit {
            TimeUnit::Days => 1.0,
            TimeUnit::Weeks => 7.0,
        };
        let spend = report.gamma_gamma.as_ref().map(|g| GammaGammaParams {
            p: g.value("p").unwrap_or(f64::NAN),
            q: g.value("q").unwrap_or(f64::NAN),
            v: g.value("v").unwrap_or(f64::NAN),
        });
        if let Some(gg) = &spend {
            baseline.order_shape = gg.p;
        }
        let values = &report.per_customer;
        for (i, &customer) in values.customer.iter().enumerate() {
            let c = customer as usize;
            let posterior = params.posterior(values.frequency[i], values.recency[i], values.age[i]);
            baseline.set_purchase_posterior(c, &posterior, days_per_period);
            match (&spend, values.monetary[i]) {
                (Some(gg), monetary) => {
                    let (shape, rate) = gg.posterior_nu(values.frequency[i], monetary.unwrap_or(0.0));
                    if shape > 1.0 && rate > 0.0 {
                        baseline.nu_shape[c] = shape;
                        baseline.nu_scale[c] = 1.0 / rate;
                        baseline.expected_order_value[c] = gg.p * rate / (shape - 1.0);
                    }
                }
                (None, _) => {}
            }
        }
        // Customers without a Gamma-Gamma posterior (no purchase by the calibration end) keep their
        // empirical mean order value; with the order shape now the fitted p, theta must be mean / p
        // for the Gamma(p, theta) draws to keep that mean.
        for c in 0..baseline.fixed_theta.len() {
            if baseline.nu_shape[c] == 0.0 {
                baseline.fixed_theta[c] = baseline.expected_order_value[c] / baseline.order_shape;
            }
        }
        baseline
    }

    /// Customer `c`'s purchase posterior given active, with rates converted from the model's time
    /// unit (`days_per_period` days) to days: P(active), then λ's Gamma and either p's Beta (dropout
    /// after each purchase) or μ's Gamma (an exponential lifetime; docs/model.md).
    pub fn set_purchase_posterior(&mut self, c: usize, posterior: &PurchasePosterior, days_per_period: f64) {
        match posterior {
            PurchasePosterior::PerPurchase(p) => {
                self.p_alive[c] = p.p_alive;
                self.rate_shape[c] = p.lambda_shape;
                self.rate_scale[c] = 1.0 / (p.lambda_rate_if_alive * days_per_period);
                self.drop_a[c] = p.dropout_beta_if_alive.0;
                self.drop_b[c] = p.dropout_beta_if_alive.1;
            }
            PurchasePosterior::OverTime(p) => {
                self.p_alive[c] = p.p_alive;
                self.rate_shape[c] = p.lambda_shape;
                self.rate_scale[c] = 1.0 / (p.lambda_rate_if_alive * days_per_period);
                self.drop_a[c] = 0.0;
                self.lifetime_rate_shape[c] = p.dropout_shape;
                self.lifetime_rate_scale[c] = 1.0 / (p.dropout_rate_if_alive * days_per_period);
            }
        }
    }
}

impl BaselineSource {
    pub fn of_model(model: ClvModel) -> BaselineSource {
        match model {
            ClvModel::ParetoNbd => BaselineSource::ParetoNbd,
            ClvModel::MbgNbd => BaselineSource::MbgNbd,
            _ => BaselineSource::BgNbd,
        }
    }
}

/// The parameters of the report's fit of `model`, or BG/NBD's when it did not fit it.
pub fn purchase_params(report: &ClvReport, model: ClvModel) -> PurchaseParams {
    report
        .purchase_models
        .iter()
        .filter_map(|m| m.fitted.as_ref())
        .find(|f| f.model == model && model != ClvModel::BgNbd)
        .and_then(PurchaseParams::from_fitted)
        .unwrap_or(PurchaseParams::BgNbd(bgnbd_params(report)))
}

/// The BG/NBD parameters of a CLV report.
pub fn bgnbd_params(report: &ClvReport) -> BgNbdParams {
    BgNbdParams {
        r: report.bgnbd.value("r").unwrap_or(f64::NAN),
        alpha: report.bgnbd.value("alpha").unwrap_or(f64::NAN),
        a: report.bgnbd.value("a").unwrap_or(f64::NAN),
        b: report.bgnbd.value("b").unwrap_or(f64::NAN),
    }
}

/// Fewer expected repeat purchases than this in a month make its ratio too noisy to use.
const MIN_EXPECTED_PER_MONTH: f64 = 30.0;

/// Seasonal factors per calendar month: actual repeat purchases of each month of the history divided
/// by what the (season-blind) BG/NBD fit expects, averaged per calendar month and scaled to a mean of
/// 1. The expectation groups customers by first-purchase day, since E[X(t)] depends only on the time
/// since the first purchase.
pub fn seasonality(
    log: &EventLog,
    params: &impl PurchasePredictor,
    unit: TimeUnit,
    calibration_end: i64,
) -> [f64; SEASONAL_SLOTS] {
    SeasonalCounts::of(log, calibration_end).factors(params, unit, calibration_end)
}

/// What the seasonal factors read of the customers: how many made their first purchase on each day
/// and how many repeat-purchase days fell in each month (up to the calibration end). Counts add up
/// exactly over partitions of the customers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeasonalCounts {
    pub first_days: BTreeMap<i64, f64>,
    pub repeats_by_month: BTreeMap<i32, f64>,
}

impl SeasonalCounts {
    pub fn of(log: &EventLog, calibration_end: i64) -> SeasonalCounts {
        let purchase = log.purchase_kind();
        let mut counts = SeasonalCounts::default();
        for c in 0..log.customer_count() {
            let mut days: Vec<i64> = log
                .rows_of(c)
                .filter(|&r| log.kind[r] == purchase && log.time[r] <= calibration_end)
                .map(|r| log.time[r].div_euclid(SECONDS_PER_DAY))
                .collect();
            days.dedup();
            let Some((&first, repeats)) = days.split_first() else { continue };
            *counts.first_days.entry(first).or_default() += 1.0;
            for &day in repeats {
                *counts.repeats_by_month.entry(MonthIndex::of_timestamp(day * SECONDS_PER_DAY).0).or_default() += 1.0;
            }
        }
        counts
    }

    /// Adds another partition's counts (whole numbers: exact in any order).
    pub fn merge(&mut self, other: &SeasonalCounts) {
        for (day, n) in &other.first_days {
            *self.first_days.entry(*day).or_default() += n;
        }
        for (month, n) in &other.repeats_by_month {
            *self.repeats_by_month.entry(*month).or_default() += n;
        }
    }

    /// The seasonal factors of these counts under the season-blind fit `params`.
    pub fn factors(
        &self,
        params: &impl PurchasePredictor,
        unit: TimeUnit,
        calibration_end: i64,
    ) -> [f64; SEASONAL_SLOTS] {
        let (first_days, actual) = (&self.first_days, &self.repeats_by_month);
        let (Some(&first_day), Some(_)) = (first_days.keys().next(), actual.keys().next()) else {
            return [1.0; SEASONAL_SLOTS];
        };
        let unit_days = match unit {
            TimeUnit::Days => 1.0,
            TimeUnit::Weeks => 7.0,
        };
        let expected_since =
            |days: f64| params.expected_purchases_since_first(days.max(0.0) / unit_days).unwrap_or(0.0);
        let last_month = MonthIndex::of_timestamp(calibration_end);
        let mut ratios: [Vec<f64>; SEASONAL_SLOTS] = Default::default();
        let mut month = MonthIndex::of_timestamp(first_day * SECONDS_PER_DAY);
        while month <= last_month {
            let start = (month.start_timestamp() / SECONDS_PER_DAY) as f64;
            let end = ((MonthIndex(month.0 + 1).start_timestamp().min(calibration_end + 1)) / SECONDS_PER_DAY) as f64;
            let expected: f64 = first_days
                .range(..end as i64)
                .map(|(&d0, &n)| n * (expected_since(end - d0 as f64 - 1.0) - expected_since(start - d0 as f64 - 1.0)))
                .sum();
            // Only whole months count: a cut-off last month would look like a dip.
            let whole = MonthIndex(month.0 + 1).start_timestamp() <= calibration_end + 1;
            if expected >= MIN_EXPECTED_PER_MONTH && whole {
                let observed = actual.get(&month.0).copied().unwrap_or(0.0);
                ratios[seasonal_slot(month)].push(observed / expected);
            }
            month = MonthIndex(month.0 + 1);
        }
        let mut factors = [1.0; SEASONAL_SLOTS];
        // Without (nearly) a full year the calendar pattern cannot be told apart from the trend. January
        // or February may be missing a non-festival observation; they then count as ordinary months.
        let covered = (2..12).filter(|&m| !ratios[m].is_empty()).count();
        if covered < 10 {
            return factors;
        }
        let observed: Vec<usize> = (0..SEASONAL_SLOTS).filter(|&m| !ratios[m].is_empty()).collect();
        for &m in &observed {
            factors[m] = ratios[m].iter().sum::<f64>() / ratios[m].len() as f64;
        }
        let calendar: Vec<f64> = observed.iter().filter(|&&m| m < 12).map(|&m| factors[m]).collect();
        let mean = calendar.iter().sum::<f64>() / calendar.len().max(1) as f64;
        if mean > 0.0 {
            for &m in &observed {
                factors[m] /= mean;
            }
        }
        factors
    }
}
