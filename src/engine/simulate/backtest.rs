//! Back-test: fit the baseline on the history up to a calibration date, simulate the following
//! months with no program, and compare with what customers actually did (the no-program scenario
//! must reproduce what actually happened; docs/model.md).

use serde::{Deserialize, Serialize};

use super::baseline::{purchase_params, Baseline, BaselineSource, FallbackReason};
use super::baseline_model::{fit_for_baseline, BaselineModel};
use super::blocks::{default_threads, run_blocks, Run};
use super::calendar::Calendar;
use super::kpi::{MonthlyKpi, Spread};
use super::order::CustomerOrder;
use super::prepare::no_program_plan;
use super::window::WindowStart;
use super::{SimulateError, MAX_MONTHS};
use crate::engine::dataset::{Dataset, EventLog};
use crate::engine::date::{MonthIndex, SECONDS_PER_DAY};
use crate::engine::evaluate::PreparedData;
use crate::engine::features::monthly::MonthlyActivity;
use crate::engine::models::clv::{ClvReport, PurchaseParams, PurchasePredictor, TimeUnit};
use crate::engine::progress::Progress;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BacktestResult {
    /// Last second of the calibration period (the end of its month).
    pub calibration_end: i64,
    pub baseline: BaselineSource,
    /// What the order counts count: the model's own unit, so simulated and actual compare like with
    /// like.
    pub basis: CountBasis,
    /// Customers active by the end of the calibration period (later newcomers are left out of both
    /// the simulation and the actuals).
    pub customers: usize,
    pub month_labels: Vec<String>,
    pub simulated_orders: Vec<Spread>,
    /// What customers did, counted on `basis`.
    pub actual_orders: Vec<f64>,
    /// Purchase rows, whatever the basis (for reference: several on one day are one purchase day).
    pub actual_order_lines: Vec<f64>,
    /// The fitted model's own closed-form expectation on the same basis (BG/NBD: the sum over
    /// customers of E[purchases in (T, T + t)] month by month); `None` on the fallback baseline.
    pub expected_orders: Option<Vec<f64>>,
    pub simulated_revenue: Vec<Spread>,
    pub actual_revenue: Vec<f64>,
    pub total_orders: Spread,
    pub actual_total_orders: f64,
    pub expected_total_orders: Option<f64>,
    pub total_revenue: Spread,
    pub actual_total_revenue: f64,
    /// (simulated mean - actual) / actual over the holdout.
    pub orders_error: f64,
    /// (closed form - actual) / actual: the model's own error, which the simulator inherits.
    pub expected_orders_error: Option<f64>,
    pub revenue_error: f64,
    /// Why the BG/NBD baseline was not used, when it was not.
    pub fallback_reason: Option<FallbackReason>,
}

/// The unit orders are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountBasis {
    /// Days on which a customer bought (several purchases on one day count once): what BG/NBD counts.
    PurchaseDays,
    /// Purchase rows: what the empirical fallback baseline counts.
    OrderLines,
}

/// Back-tests the BG/NBD baseline with calibration through the month of `calibration_end`.
pub fn backtest(
    data: &PreparedData,
    calibration_end: i64,
    replications: u32,
    seed: u64,
    progress: &mut dyn Progress,
) -> Result<BacktestResult, SimulateError> {
    backtest_model(data, calibration_end, BaselineModel::BgNbd, replications, seed, progress)
}

/// Back-tests the no-program baseline from `model` (by holdout: the comparison made within the
/// calibration period) with calibration through the month of `calibration_end`.
pub fn backtest_model(
    data: &PreparedData,
    calibration_end: i64,
    model: BaselineModel,
    replications: u32,
    seed: u64,
    progress: &mut dyn Progress,
) -> Result<BacktestResult, SimulateError> {
    let (Some(log), Some(monthly)) = (data.dataset.events.as_ref(), data.monthly.as_ref()) else {
        return Err(SimulateError::NeedsEventLog);
    };
    let calibration_month = (MonthIndex::of_timestamp(calibration_end).0 - monthly.first_month.0).max(0) as usize;
    let months = monthly.month_count.saturating_sub(calibration_month + 1).min(MAX_MONTHS);
    if calibration_month + 1 >= monthly.month_count || months == 0 {
        return Err(SimulateError::NoHoldout);
    }
    let calibration_end = monthly.month_end(calibration_month);
    let calibration = PreparedData::new(truncated(&data.dataset, log, calibration_end));
    let fitted = fit_calibration(&calibration, calibration_end, model, progress);
    let mut baseline = fitted.baseline;
    // Customers with no event by the calibration end had not arrived yet.
    let arrived: Vec<bool> = (0..log.customer_count())
        .map(|c| log.rows_of(c).next().is_some_and(|r| log.time[r] <= calibration_end))
        .collect();
    for (c, &here) in arrived.iter().enumerate() {
        if !here {
            baseline.p_alive[c] = 0.0;
        }
    }
    let customers = baseline.customer_count();
    let no_window = WindowStart::default();
    let (calendar, join) = (Calendar::new(calibration_month + 1, monthly.first_month, months), vec![0; customers]);
    let order = CustomerOrder::of(&data.dataset.customers.ids);
    let run = Run {
        baseline: &baseline,
        plans: vec![no_program_plan(&no_window, 0.0)],
        calendar: &calendar,
        join: &join,
        groups: None,
        order: &order,
        pre_period: &[],
        seed,
        deterministic: false,
    };
    let merged = run_blocks(&run, 0..replications.max(1), default_threads(), progress);
    let series = |kpi: MonthlyKpi| -> Vec<Vec<f64>> {
        merged.iter().map(|r| r[0].tally.kpis.iter().map(|m| m[kpi as usize]).collect()).collect()
    };
    let (orders_by_rep, revenue_by_rep) = (series(MonthlyKpi::Orders), series(MonthlyKpi::Revenue));
    let holdout = Holdout { first_month: calibration_month + 1, months };
    let actual = holdout.actuals(log, monthly, &arrived);
    let basis = if fitted.expectation.is_some() { CountBasis::PurchaseDays } else { CountBasis::OrderLines };
    let actual_orders = match basis {
        CountBasis::PurchaseDays => actual.purchase_days,
        CountBasis::OrderLines => actual.order_lines.clone(),
    };
    let month_ends: Vec<i64> = (0..months).map(|m| monthly.month_end(calibration_month + 1 + m)).collect();
    let expected_orders = fitted.expectation.map(|e| e.by_month(calibration_end, &month_ends));
    let by_month = |reps: &[Vec<f64>]| {
        (0..months).map(|m| Spread::of(&reps.iter().map(|r| r[m]).collect::<Vec<_>>())).collect::<Vec<_>>()
    };
    let totals = |reps: &[Vec<f64>]| Spread::of(&reps.iter().map(|r| r.iter().sum()).collect::<Vec<f64>>());
    let (total_orders, total_revenue) = (totals(&orders_by_rep), totals(&revenue_by_rep));
    let actual_total_orders: f64 = actual_orders.iter().sum();
    let actual_total_revenue: f64 = actual.revenue.iter().sum();
    let expected_total_orders = expected_orders.as_ref().map(|e| e.iter().sum::<f64>());
    let error = |simulated: f64, actual: f64| if actual != 0.0 { (simulated - actual) / actual } else { 0.0 };
    Ok(BacktestResult {
        calibration_end,
        baseline: baseline.source.unwrap_or(BaselineSource::Empirical),
        basis,
        customers: arrived.iter().filter(|&&a| a).count(),
        month_labels: (0..months)
            .map(|m| MonthIndex(monthly.first_month.0 + (calibration_month + 1 + m) as i32).label())
            .collect(),
        simulated_orders: by_month(&orders_by_rep),
        actual_orders,
        actual_order_lines: actual.order_lines,
        expected_orders,
        simulated_revenue: by_month(&revenue_by_rep),
        actual_revenue: actual.revenue,
        orders_error: error(total_orders.mean, actual_total_orders),
        expected_orders_error: expected_total_orders.map(|e| error(e, actual_total_orders)),
        revenue_error: error(total_revenue.mean, actual_total_revenue),
        total_orders,
        actual_total_orders,
        expected_total_orders,
        total_revenue,
        actual_total_revenue,
        fallback_reason: fitted.fallback_reason,
    })
}

/// The no-program model fitted on the calibration period: the simulator's baseline and, when the
/// model has one, its closed-form expectation.
struct Fitted {
    baseline: Baseline,
    expectation: Option<ClosedForm>,
    fallback_reason: Option<FallbackReason>,
}

/// Fits the purchase model + Gamma-Gamma on the calibration data (or falls back to each customer's
/// own rate): the baseline (per customer: P(alive), the posterior purchase rate and how they drop
/// out) and the model's own closed-form expectation.
fn fit_calibration(
    calibration: &PreparedData,
    calibration_end: i64,
    model: BaselineModel,
    progress: &mut dyn Progress,
) -> Fitted {
    let log = calibration.dataset.events.as_ref().expect("truncated event log");
    let purchase_model = model.resolve(None, log, calibration_end, progress);
    let fitted = fit_for_baseline(log, calibration_end, purchase_model, progress).map(|report| {
        let params = purchase_params(&report, purchase_model);
        (Baseline::from_purchase_model(calibration, &report, &params), ClosedForm::of(&report, params))
    });
    match fitted {
        Ok((baseline, closed_form)) => Fitted { baseline, expectation: Some(closed_form), fallback_reason: None },
        Err(error) => Fitted {
            baseline: Baseline::empirical(calibration),
            expectation: None,
            fallback_reason: Some(FallbackReason::FitFailed { error }),
        },
    }
}

/// The purchase model's expectation from each customer's calibration summary.
struct ClosedForm {
    params: PurchaseParams,
    unit: TimeUnit,
    /// Per customer: repeat purchase periods, recency and age (in `unit`).
    summaries: Vec<(u32, f64, f64)>,
}

impl ClosedForm {
    fn of(report: &ClvReport, params: PurchaseParams) -> ClosedForm {
        let values = &report.per_customer;
        ClosedForm {
            params,
            unit: report.time_unit,
            summaries: (0..values.customer.len())
                .map(|i| (values.frequency[i], values.recency[i], values.age[i]))
                .collect(),
        }
    }

    /// Expected purchases in each month ending at `month_ends` (last seconds), summed over
    /// customers: E[X(T, T + t_end)] - E[X(T, T + t_start)] with t from the calibration end.
    fn by_month(&self, calibration_end: i64, month_ends: &[i64]) -> Vec<f64> {
        let start = self.unit.period_of(calibration_end);
        let horizons: Vec<f64> = month_ends.iter().map(|&end| (self.unit.period_of(end) - start) as f64).collect();
        let mut months = vec![0.0; month_ends.len()];
        for &(x, recency, age) in &self.summaries {
            let mut before = 0.0;
            for (month, &t) in months.iter_mut().zip(&horizons) {
                let upto = self.params.conditional_expected_purchases(x, recency, age, t).unwrap_or(before);
                *month += upto - before;
                before = upto;
            }
        }
        months
    }
}

/// The holdout months, counted from the first month of the data.
struct Holdout {
    first_month: usize,
    months: usize,
}

/// What arrived customers did in each holdout month.
struct Actuals {
    purchase_days: Vec<f64>,
    order_lines: Vec<f64>,
    revenue: Vec<f64>,
}

impl Holdout {
    fn index(&self, month: usize) -> Option<usize> {
        month.checked_sub(self.first_month).filter(|&i| i < self.months)
    }

    fn actuals(&self, log: &EventLog, monthly: &MonthlyActivity, arrived: &[bool]) -> Actuals {
        let mut actual = Actuals {
            purchase_days: vec![0.0; self.months],
            order_lines: vec![0.0; self.months],
            revenue: vec![0.0; self.months],
        };
        let purchase = log.purchase_kind();
        for c in (0..arrived.len()).filter(|&c| arrived[c]) {
            for entry in monthly.offsets[c] as usize..monthly.offsets[c + 1] as usize {
                if let Some(i) = self.index(monthly.month[entry] as usize) {
                    let totals = monthly.totals(entry);
                    actual.order_lines[i] += f64::from(totals.purchases);
                    actual.revenue[i] += totals.net_spend();
                }
            }
            let mut last_day = None;
            for row in log.rows_of(c).filter(|&r| log.kind[r] == purchase) {
                let day = log.time[row].div_euclid(SECONDS_PER_DAY);
                let month = (MonthIndex::of_timestamp(log.time[row]).0 - monthly.first_month.0).max(0) as usize;
                if last_day != Some(day) {
                    if let Some(i) = self.index(month) {
                        actual.purchase_days[i] += 1.0;
                    }
                }
                last_day = Some(day);
            }
        }
        actual
    }
}

/// The dataset as it was known at `cutoff`: every customer kept (so indices stay the same), events
/// after the cutoff removed.
fn truncated(dataset: &Dataset, log: &EventLog, cutoff: i64) -> Dataset {
    let mut kept = EventLog { offsets: vec![0], present: log.present.clone(), ..EventLog::default() };
    kept.categories = log.categories.clone();
    kept.channels = log.channels.clone();
    kept.comments = log.comments.clone();
    for c in 0..log.customer_count() {
        for row in log.rows_of(c).filter(|&r| log.time[r] <= cutoff) {
            kept.push_row_of(log, row);
        }
        kept.offsets.push(kept.time.len() as u32);
    }
    Dataset { shape: dataset.shape, customers: dataset.customers.clone(), events: Some(kept) }
}
