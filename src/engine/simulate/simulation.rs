//! One simulation request made ready to run: the schemes evaluated on the history, the calendar,
//! the customers' order. It runs its blocks (on threads natively), and also exposes them one by
//! one so that other workers (Web Workers, machines) can each simulate a range of blocks and the
//! partial sums merge into exactly the same result: `simulate_blocks` -> `BlockPartial`s, `merge`
//! -> the per-replication sums, `result` -> what the run reports.

use std::ops::Range;

use super::baseline::{Baseline, BaselineSource};
use super::blocks::{default_threads, run_blocks, BlockPartial, Merged, PlanTotals, Run};
use super::calendar::Calendar;
use super::groups::GroupDefinitions;
use super::kept::KeptHistories;
use super::month_score::MonthScorer;
use super::order::CustomerOrder;
use super::outline::SimulationOutline;
use super::planner::{Covariate, PRE_PERIOD_MONTHS};
use super::prepare::{calendar_after_history, join_months, month_labels, no_program_plan, SchemeHistory};
use super::result::SimulationResult;
use super::run::Scratch;
use super::settings::UntilSure;
use super::settings::{SimulateError, SimulationSettings};
use super::summary::Summary;
use super::until_sure::Precision;
use super::window::WindowStart;
use crate::engine::evaluate::PreparedData;
use crate::engine::limits::Limit;
use crate::engine::progress::{Progress, Silent, Stage};
use crate::engine::scenario::Scenario;

/// How many schemes one run compares (the page and the CLI ask for at least two; the optimiser
/// simulates one at a time).
pub const SCHEMES: Limit = Limit::whole("schemes", 1.0, 6.0);

pub use super::prepare::scheme_letter;

/// A simulation request, prepared.
pub struct Simulation<'a> {
    schemes: &'a [Scenario],
    reference: usize,
    data: &'a PreparedData,
    baseline: &'a Baseline,
    settings: SimulationSettings,
    /// Each scheme's evaluation on the history, in the schemes' order.
    histories: Vec<History<'a>>,
    calendar: Calendar,
    join: Vec<usize>,
    groups: GroupDefinitions,
    order: CustomerOrder,
    no_window: WindowStart,
    /// The counterfactual's own margin is not reported; it is taken at the first scheme's rate.
    counterfactual_margin: f64,
    /// Each customer's net spend before the start, for the field test's CUPED adjustment.
    pre_period: Option<Covariate>,
}

/// A scheme's evaluation on the history: made for this simulation, or kept from an earlier one
/// (`KeptHistories`).
enum History<'a> {
    Made(SchemeHistory),
    Kept(&'a SchemeHistory),
}

impl std::ops::Deref for History<'_> {
    type Target = SchemeHistory;

    fn deref(&self) -> &SchemeHistory {
        match self {
            History::Made(history) => history,
            History::Kept(history) => history,
        }
    }
}

/// Each customer's net spend over the last `PRE_PERIOD_MONTHS` months of the history (fewer when the
/// history is shorter); none for a customer table, which has no months. Its moments are summed like
/// every other total: per block of customers in id order, blocks added in block order, so the file's
/// row order and any split of the blocks change nothing.
fn pre_period_spend(data: &PreparedData, first_simulated: usize, order: &CustomerOrder) -> Option<Covariate> {
    let monthly = data.monthly.as_ref()?;
    let last = first_simulated.checked_sub(1)?;
    let from = first_simulated.saturating_sub(PRE_PERIOD_MONTHS);
    let values: Vec<f64> =
        (0..monthly.customer_count()).map(|c| monthly.window_totals(c, from, last).net_spend()).collect();
    let (mean, variance) = mean_and_variance(block_moments(&values, order), values.len());
    Some(Covariate { values, months: (first_simulated - from) as u32, mean, variance })
}

/// The sum and the sum of squares of `values` over each block of customers, from zero in id order.
pub fn block_moments(values: &[f64], order: &CustomerOrder) -> Vec<(f64, f64)> {
    (0..order.block_count())
        .map(|b| order.block(b).iter().fold((0.0, 0.0), |(s, q), &c| (s + values[c], q + values[c] * values[c])))
        .collect()
}

/// Mean and variance over `n` customers of the block sums, added in block order.
pub fn mean_and_variance(blocks: impl IntoIterator<Item = (f64, f64)>, n: usize) -> (f64, f64) {
    let (sum, squares) = blocks.into_iter().fold((0.0, 0.0), |(s, q), (bs, bq)| (s + bs, q + bq));
    let n = n.max(1) as f64;
    let mean = sum / n;
    (mean, (squares / n - mean * mean).max(0.0))
}

/// Checks a request's scheme count, reference and settings; the number of customers to simulate.
pub fn checked_customers(
    schemes: &[Scenario],
    reference: usize,
    baseline: &Baseline,
    settings: &SimulationSettings,
) -> Result<usize, SimulateError> {
    SCHEMES.check_count(schemes.len() as u64)?;
    if reference >= schemes.len() {
        return Err(Limit::whole("reference", 0.0, schemes.len() as f64 - 1.0).error(reference as f64).into());
    }
    settings.check()?;
    match baseline.customer_count() {
        0 => Err(SimulateError::NoCustomers),
        customers => Ok(customers),
    }
}

/// The outline of a request's result without evaluating the schemes on the history, which is most
/// of `Simulation::new`'s work: what finishing a pooled simulation from its shares' sums needs (the
/// shares evaluated the schemes already). Equal to `Simulation::new(..).outline()`.
pub fn outline_without_evaluating(
    schemes: &[Scenario],
    reference: usize,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
) -> Result<SimulationOutline, SimulateError> {
    let customers = checked_customers(schemes, reference, baseline, settings)?;
    let calendar = calendar_after_history(data, settings.months as usize);
    let order = CustomerOrder::of(&data.dataset.customers.ids);
    let pre_period = pre_period_spend(data, calendar.first_simulated, &order);
    Ok(SimulationOutline {
        settings: settings.clone(),
        reference,
        customers,
        baseline: baseline.source.unwrap_or(BaselineSource::Empirical),
        month_labels: month_labels(data, &calendar),
        frozen_scores: schemes.iter().map(|s| MonthScorer::for_scenario(s).is_frozen()).collect(),
        groups: GroupDefinitions::of(data).labels(),
        counterfactual_margin: counterfactual_margin(schemes),
        months: calendar.months,
        covariate: pre_period.as_ref().map(|c| (c.months, c.mean, c.variance)),
    })
}

/// The counterfactual's own margin is not reported; it is taken at the first scheme's rate.
fn counterfactual_margin(schemes: &[Scenario]) -> f64 {
    schemes[0].economics.gross_margin_percent / 100.0
}

impl<'a> Simulation<'a> {
    /// Checks the request and evaluates every scheme (already validated) on the history.
    pub fn new(
        schemes: &'a [Scenario],
        reference: usize,
        data: &'a PreparedData,
        baseline: &'a Baseline,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<Simulation<'a>, SimulateError> {
        Simulation::with_histories(schemes, reference, data, baseline, settings, None, progress)
    }

    /// `new` on the schemes' histories kept from an earlier simulation (`KeptHistories::update`
    /// with these schemes and this data): nothing is evaluated again.
    pub fn on_kept(
        schemes: &'a [Scenario],
        reference: usize,
        data: &'a PreparedData,
        baseline: &'a Baseline,
        settings: &SimulationSettings,
        kept: &'a KeptHistories,
    ) -> Result<Simulation<'a>, SimulateError> {
        Simulation::with_histories(schemes, reference, data, baseline, settings, Some(kept), &mut Silent)
    }

    fn with_histories(
        schemes: &'a [Scenario],
        reference: usize,
        data: &'a PreparedData,
        baseline: &'a Baseline,
        settings: &SimulationSettings,
        kept: Option<&'a KeptHistories>,
        progress: &mut dyn Progress,
    ) -> Result<Simulation<'a>, SimulateError> {
        let customers = checked_customers(schemes, reference, baseline, settings)?;
        let calendar = calendar_after_history(data, settings.months as usize);
        let join = join_months(data, customers);
        let histories = match kept.and_then(|kept| kept.of(schemes)) {
            Some(kept) => kept.into_iter().map(History::Kept).collect(),
            None => schemes
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    SchemeHistory::new(&scheme_letter(i), s, data, &join, &calendar, progress).map(History::Made)
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        let order = CustomerOrder::of(&data.dataset.customers.ids);
        let pre_period = pre_period_spend(data, calendar.first_simulated, &order);
        Ok(Simulation {
            pre_period,
            schemes,
            reference,
            data,
            baseline,
            settings: settings.clone(),
            histories,
            calendar,
            join,
            groups: GroupDefinitions::of(data),
            order,
            no_window: WindowStart::default(),
            counterfactual_margin: counterfactual_margin(schemes),
        })
    }

    fn run(&self) -> Run<'_> {
        let months = self.calendar.months;
        Run {
            baseline: self.baseline,
            plans: std::iter::once(no_program_plan(&self.no_window, self.counterfactual_margin))
                .chain(self.histories.iter().zip(self.schemes).map(|(h, s)| h.plan(s, months)))
                .collect(),
            calendar: &self.calendar,
            join: &self.join,
            groups: Some(&self.groups),
            order: &self.order,
            pre_period: self.pre_period.as_ref().map_or(&[][..], |p| &p.values),
            seed: self.settings.seed,
            deterministic: self.settings.deterministic,
        }
    }

    pub fn block_count(&self) -> usize {
        self.order.block_count()
    }

    /// The same request with other groups tallied (segments chosen by the caller) instead of the
    /// data's demographic groups and RFM segments.
    pub fn with_groups(mut self, groups: GroupDefinitions) -> Simulation<'a> {
        self.groups = groups;
        self
    }

    /// Every block of `replications` (on `settings.threads` threads natively), merged:
    /// `[replication][plan]`, plan 0 being the counterfactual. Replication `r` draws the same
    /// randomness whatever range it is run in.
    pub fn run_replications(&self, replications: Range<u32>, progress: &mut dyn Progress) -> Vec<Vec<PlanTotals>> {
        let threads = self.settings.threads.map_or_else(default_threads, |t| t as usize);
        run_blocks(&self.run(), replications, threads, progress)
    }

    /// The partial sums of the blocks in `blocks` for the replications in `replications`.
    pub fn simulate_blocks(&self, blocks: Range<usize>, replications: Range<u32>) -> Vec<BlockPartial> {
        let run = self.run();
        let mut scratch = Scratch::default();
        blocks.map(|block| run.simulate_block(block, replications.clone(), &mut scratch)).collect()
    }

    /// Every block's partial sums for `replications` (in any order, each block once) merged in
    /// block order: `[replication][plan]`. `None` if a block is missing, repeated or covers other
    /// replications.
    pub fn merge(&self, replications: Range<u32>, mut partials: Vec<BlockPartial>) -> Option<Vec<Vec<PlanTotals>>> {
        partials.sort_by_key(|p| p.block);
        let complete = partials.len() == self.block_count()
            && partials.iter().enumerate().all(|(i, p)| {
                p.block == i && p.first_replication == replications.start && p.replications.len() == replications.len()
            });
        if !complete {
            return None;
        }
        let run = self.run();
        let mut merged = Merged::new(&run, replications);
        for partial in &partials {
            merged.absorb(partial);
        }
        Some(merged.replications)
    }

    fn summary(&self, merged: Vec<Vec<PlanTotals>>) -> Summary<'a> {
        self.outline().summary(self.schemes, merged)
    }

    /// Runs every block of the requested replications (natively on `settings.threads` threads,
    /// one per core by default), adding batches when running until sure.
    pub fn run_all(&self, progress: &mut dyn Progress) -> SimulationResult {
        let threads = self.settings.threads.map_or_else(default_threads, |t| t as usize);
        let run = self.run();
        let (summary, precision) = match &self.settings.until_sure {
            None => {
                let summary = self.summary(run_blocks(&run, 0..self.settings.replications, threads, progress));
                let precision = summary.precision(self.reference);
                (summary, precision)
            }
            Some(rule) => self.until_sure(&run, rule, threads, progress),
        };
        self.report(summary, precision)
    }

    /// The result of the replications `0..merged.len()`, merged.
    pub fn result(&self, merged: Vec<Vec<PlanTotals>>) -> SimulationResult {
        let summary = self.summary(merged);
        let precision = summary.precision(self.reference);
        self.report(summary, precision)
    }

    /// `result`, and every scheme's incremental margin in each replication, in replication order
    /// (the optimiser's cautious objective takes a percentile of these).
    pub fn result_with_margins(&self, merged: Vec<Vec<PlanTotals>>) -> (SimulationResult, Vec<Vec<f64>>) {
        let replications = merged.len();
        let summary = self.summary(merged);
        let margins = (0..self.schemes.len())
            .map(|scheme| (0..replications).map(|r| summary.incremental_margin(scheme, r)).collect())
            .collect();
        let precision = summary.precision(self.reference);
        (self.report(summary, precision), margins)
    }

    fn report(&self, summary: Summary, precision: Precision) -> SimulationResult {
        self.outline().report(summary, precision, &self.groups)
    }

    /// What the result reports besides the sums (`SimulationOutline`).
    pub fn outline(&self) -> SimulationOutline {
        SimulationOutline {
            settings: self.settings.clone(),
            reference: self.reference,
            customers: self.baseline.customer_count(),
            baseline: self.baseline.source.unwrap_or(BaselineSource::Empirical),
            month_labels: month_labels(self.data, &self.calendar),
            frozen_scores: self.histories.iter().map(|h| h.scorer.is_frozen()).collect(),
            groups: self.groups.labels(),
            counterfactual_margin: self.counterfactual_margin,
            months: self.calendar.months,
            covariate: self.pre_period.as_ref().map(|c| (c.months, c.mean, c.variance)),
        }
    }

    /// Each block's pre-period covariate sums (sum, sum of squares), in block order; empty without one.
    pub fn pre_period_blocks(&self) -> Vec<(f64, f64)> {
        self.pre_period.as_ref().map_or_else(Vec::new, |p| block_moments(&p.values, &self.order))
    }

    /// Runs the first `settings.replications`, then batches of `rule.batch`, until the key
    /// difference is known to `rule.relative_error` or `rule.cap` replications have run. Progress
    /// counts toward the cap.
    fn until_sure(
        &self,
        run: &Run,
        rule: &UntilSure,
        threads: usize,
        progress: &mut dyn Progress,
    ) -> (Summary<'a>, Precision) {
        let cap = rule.cap.max(1);
        let blocks = run.block_count() as u64;
        let mut merged = Vec::new();
        let mut done = 0u32;
        let mut next = self.settings.replications.min(cap);
        loop {
            let mut batch_progress = |stage: Stage, block: u64, _total: u64| {
                let units = u64::from(done) * blocks + block * u64::from(next - done);
                progress.report(stage, units, u64::from(cap) * blocks)
            };
            merged.extend(run_blocks(run, done..next, threads, &mut batch_progress));
            done = next;
            let summary = self.summary(merged.clone());
            let mut precision = summary.precision(self.reference);
            let met = rule.is_met(&precision);
            if met || done >= cap {
                precision.target_met = Some(met);
                return (summary, precision);
            }
            next = (done + rule.batch.max(1)).min(cap);
        }
    }
}
