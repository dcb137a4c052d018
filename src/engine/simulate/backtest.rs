//! Back-test: fit the baseline on the history up to a calibration date, simulate the following
//! months with no program, and compare with what customers actually did (DOMAIN.md section 8: the
//! no-program scenario must reproduce what actually happened).

use serde::{Deserialize, Serialize};

use super::baseline::{Baseline, BaselineSource, FallbackReason};
use super::kpi::{MonthlyKpi, Spread};
use super::month_score::MonthScorer;
use super::run::{
    simulate_customer, Calendar, CustomerDraws, MonthTally, SchemePlan, Scratch, WindowStart, MAX_MONTHS,
};
use super::SimulateError;
use crate::engine::dataset::{Dataset, EventLog};
use crate::engine::date::MonthIndex;
use crate::engine::evaluate::PreparedData;
use crate::engine::models::clv::{fit_clv, ClvSettings};
use crate::engine::progress::{Progress, Stage};
use crate::engine::rng::Rng;
use crate::engine::scenario::Assumptions;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BacktestResult {
    /// Last second of the calibration period (the end of its month).
    pub calibration_end: i64,
    pub baseline: BaselineSource,
    /// Customers active by the end of the calibration period (later newcomers are left out of both
    /// the simulation and the actuals).
    pub customers: usize,
    pub month_labels: Vec<String>,
    pub simulated_orders: Vec<Spread>,
    pub actual_orders: Vec<f64>,
    pub simulated_revenue: Vec<Spread>,
    pub actual_revenue: Vec<f64>,
    pub total_orders: Spread,
    pub actual_total_orders: f64,
    pub total_revenue: Spread,
    pub actual_total_revenue: f64,
    /// (simulated mean - actual) / actual over the holdout.
    pub orders_error: f64,
    pub revenue_error: f64,
    /// Why the BG/NBD baseline was not used, when it was not.
    pub fallback_reason: Option<FallbackReason>,
}

/// Back-tests the no-program baseline with calibration through the month of `calibration_end`.
pub fn backtest(
    data: &PreparedData,
    calibration_end: i64,
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
    let calibration_log = calibration.dataset.events.as_ref().expect("truncated event log");
    let mut settings = ClvSettings::new(calibration_end);
    settings.horizon_months = months as u32;
    let (mut baseline, fallback_reason) = match fit_clv(calibration_log, &settings, progress) {
        Ok(report) => (Baseline::from_clv(&calibration, &report), None),
        Err(error) => (Baseline::empirical(&calibration), Some(FallbackReason::FitFailed { error })),
    };
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
    let calendar = Calendar::new(calibration_month + 1, monthly.first_month, months);
    let zero_tiers = vec![0u8; customers];
    let zeros = vec![0.0; customers];
    let ones = vec![1.0; customers];
    let no_bounds: Vec<Vec<f64>> = vec![Vec::new(); customers];
    let no_window = WindowStart { sums: zeros.clone(), rings: Vec::new(), ring_len: 0 };
    let plan = SchemePlan {
        scenario: None,
        assumptions: Assumptions::no_response(),
        scorer: MonthScorer::Frozen,
        start_tier: &zero_tiers,
        start_score: &zeros,
        entry: &no_bounds,
        retain: &no_bounds,
        segment_multiplier: &ones,
        start_points: &zeros,
        level_bonus: None,
        window_start: &no_window,
        fade: vec![0.0; months],
    };
    let mut orders_by_rep = Vec::new();
    let mut revenue_by_rep = Vec::new();
    let mut scratch = Scratch::default();
    for replication in 0..replications.max(1) {
        let replication_seed = Rng::for_stream(seed, u64::from(replication)).next_u64();
        let mut tally = MonthTally::new(months, 1);
        for c in 0..customers {
            let draws = CustomerDraws::draw(&baseline, c, replication_seed, 0.0, months, false);
            scratch.new_customer(months);
            simulate_customer(&plan, &baseline, &draws, c, 0, &calendar, 0.0, &mut scratch, &mut tally);
        }
        orders_by_rep.push(tally.kpis.iter().map(|m| m[MonthlyKpi::Orders as usize]).collect::<Vec<f64>>());
        revenue_by_rep.push(tally.kpis.iter().map(|m| m[MonthlyKpi::Revenue as usize]).collect::<Vec<f64>>());
        progress.report(Stage::Simulating, u64::from(replication) + 1, u64::from(replications.max(1)));
    }
    let mut actual_orders = vec![0.0; months];
    let mut actual_revenue = vec![0.0; months];
    for c in (0..customers).filter(|&c| arrived[c]) {
        for entry in monthly.offsets[c] as usize..monthly.offsets[c + 1] as usize {
            let month = monthly.month[entry] as usize;
            if month > calibration_month && month - calibration_month - 1 < months {
                let i = month - calibration_month - 1;
                actual_orders[i] += f64::from(monthly.totals[entry].purchases);
                actual_revenue[i] += monthly.totals[entry].net_spend();
            }
        }
    }
    let by_month = |reps: &[Vec<f64>]| {
        (0..months).map(|m| Spread::of(&reps.iter().map(|r| r[m]).collect::<Vec<_>>())).collect::<Vec<_>>()
    };
    let totals = |reps: &[Vec<f64>]| Spread::of(&reps.iter().map(|r| r.iter().sum()).collect::<Vec<f64>>());
    let (total_orders, total_revenue) = (totals(&orders_by_rep), totals(&revenue_by_rep));
    let actual_total_orders: f64 = actual_orders.iter().sum();
    let actual_total_revenue: f64 = actual_revenue.iter().sum();
    let error = |simulated: f64, actual: f64| if actual != 0.0 { (simulated - actual) / actual } else { 0.0 };
    Ok(BacktestResult {
        calibration_end,
        baseline: baseline.source.unwrap_or(BaselineSource::Empirical),
        customers: arrived.iter().filter(|&&a| a).count(),
        month_labels: (0..months)
            .map(|m| MonthIndex(monthly.first_month.0 + (calibration_month + 1 + m) as i32).label())
            .collect(),
        simulated_orders: by_month(&orders_by_rep),
        actual_orders,
        simulated_revenue: by_month(&revenue_by_rep),
        actual_revenue,
        orders_error: error(total_orders.mean, actual_total_orders),
        revenue_error: error(total_revenue.mean, actual_total_revenue),
        total_orders,
        actual_total_orders,
        total_revenue,
        actual_total_revenue,
        fallback_reason,
    })
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
            kept.time.push(log.time[row]);
            kept.kind.push(log.kind[row]);
            kept.amount.push(log.amount[row]);
            kept.quantity.push(log.quantity[row]);
            kept.category.push(log.category[row]);
            kept.channel.push(log.channel[row]);
            kept.rating.push(log.rating[row]);
            kept.comment.push(log.comment[row]);
            kept.browse_minutes.push(log.browse_minutes[row]);
        }
        kept.offsets.push(kept.time.len() as u32);
    }
    Dataset { shape: dataset.shape, customers: dataset.customers.clone(), events: Some(kept) }
}
