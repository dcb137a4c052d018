//! Month-by-month behavioural simulation of benefit schemes (docs/model.md): Monte Carlo
//! replications with common random numbers across a no-program counterfactual and the schemes;
//! KPIs with intervals, paired differences, migration, groups and fairness.

pub mod backtest;
pub mod baseline;
pub mod blocks;
pub mod calendar;
pub mod draws;
pub mod groups;
pub mod kpi;
pub mod lots;
pub mod month_score;
pub mod optimise;
pub mod order;
pub mod planner;
pub mod prepare;
pub mod response;
pub mod result;
pub mod run;
pub mod sensitivity;
pub mod settings;
pub mod summary;
pub mod until_sure;
pub mod window;

use self::baseline::{Baseline, BaselineSource};
use self::blocks::{run_blocks, PlanTotals, Run};
use self::groups::GroupDefinitions;
use self::order::CustomerOrder;
use self::prepare::{calendar_after_history, join_months, month_labels, no_program_plan, PreparedScheme};
pub use self::result::{
    Comparison, CounterfactualResult, IncrementalKpi, IncrementalStat, Rank, SchemeResult, SimulationResult,
};
pub use self::settings::{SimulateError, SimulationSettings, MAX_MONTHS};
use self::summary::Summary;
use self::until_sure::{Precision, UntilSure};
use self::window::WindowStart;
use super::evaluate::PreparedData;
use super::limits::Limit;
use super::progress::{Progress, Stage};
use super::scenario::Scenario;

/// Letter naming scheme `index` in messages (A, B, C, ...).
pub fn scheme_letter(index: usize) -> String {
    char::from(b'A' + (index % 26) as u8).to_string()
}

/// Simulates the schemes (already validated) and the no-program counterfactual on the same random
/// draws, comparing every scheme with `schemes[reference]`.
pub fn simulate(
    schemes: &[Scenario],
    reference: usize,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    progress: &mut dyn Progress,
) -> Result<SimulationResult, SimulateError> {
    check_schemes(schemes.len(), reference)?;
    settings.check()?;
    let customers = baseline.customer_count();
    if customers == 0 {
        return Err(SimulateError::NoCustomers);
    }
    let months = settings.months as usize;
    let calendar = calendar_after_history(data, months);
    let join = join_months(data, customers);
    let prepared = schemes
        .iter()
        .enumerate()
        .map(|(i, s)| PreparedScheme::new(&scheme_letter(i), s, data, &join, &calendar, progress))
        .collect::<Result<Vec<_>, _>>()?;
    let groups = GroupDefinitions::of(data);
    let no_window = WindowStart::default();
    // The counterfactual's own margin is not reported; it is taken at the first scheme's rate.
    let counterfactual_margin = schemes[0].economics.gross_margin_percent / 100.0;
    let plans = std::iter::once(no_program_plan(&no_window, counterfactual_margin))
        .chain(prepared.iter().map(|s| s.plan(months)))
        .collect();
    let run = Run {
        baseline,
        plans,
        calendar,
        join,
        groups: Some(&groups),
        order: CustomerOrder::of(&data.dataset.customers.ids),
        seed: settings.seed,
        deterministic: settings.deterministic,
    };
    let summarise = |merged: Vec<Vec<PlanTotals>>| {
        Summary::new(merged, schemes.iter().collect(), customers, months, counterfactual_margin)
    };
    let (summary, precision) = match &settings.until_sure {
        None => {
            let summary = summarise(run_blocks(&run, 0..settings.replications, progress));
            let precision = summary.precision(reference);
            (summary, precision)
        }
        Some(rule) => run_until_sure(&run, settings.replications, rule, reference, summarise, progress),
    };
    Ok(SimulationResult {
        settings: SimulationSettings { replications: precision.replications, ..settings.clone() },
        customers,
        baseline: baseline.source.unwrap_or(BaselineSource::Empirical),
        month_labels: month_labels(data, &run.calendar),
        counterfactual: summary.counterfactual(),
        schemes: prepared
            .iter()
            .enumerate()
            .map(|(i, s)| summary.scheme_result(i, s.scorer.is_frozen(), &groups))
            .collect(),
        reference,
        comparisons: (0..schemes.len()).filter(|&i| i != reference).map(|i| summary.comparison(reference, i)).collect(),
        ranking: summary.ranking(),
        precision,
    })
}

/// Runs `first` replications, then batches of `rule.batch`, until the key difference is known to
/// `rule.relative_error` or `rule.cap` replications have run. Progress counts toward the cap.
fn run_until_sure<'a>(
    run: &Run,
    first: u32,
    rule: &UntilSure,
    reference: usize,
    summarise: impl Fn(Vec<Vec<PlanTotals>>) -> Summary<'a>,
    progress: &mut dyn Progress,
) -> (Summary<'a>, Precision) {
    let cap = rule.cap.max(1);
    let blocks = run.block_count() as u64;
    let mut merged = Vec::new();
    let mut done = 0u32;
    let mut next = first.min(cap);
    loop {
        let mut batch_progress =
            |stage: Stage, block: u64, _total: u64| {
                let units = u64::from(done) * blocks + block * u64::from(next - done);
                progress.report(stage, units, u64::from(cap) * blocks)
            };
        merged.extend(run_blocks(run, done..next, &mut batch_progress));
        done = next;
        let summary = summarise(merged.clone());
        let mut precision = summary.precision(reference);
        let met = rule.is_met(&precision);
        if met || done >= cap {
            precision.target_met = Some(met);
            return (summary, precision);
        }
        next = (done + rule.batch.max(1)).min(cap);
    }
}

/// How many schemes one run compares (the page and the CLI ask for at least two; the optimiser
/// simulates one at a time).
pub const SCHEMES: Limit = Limit::whole("schemes", 1.0, 6.0);

fn check_schemes(count: usize, reference: usize) -> Result<(), SimulateError> {
    SCHEMES.check_count(count as u64)?;
    if reference >= count {
        return Err(Limit::whole("reference", 0.0, count as f64 - 1.0).error(reference as f64).into());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
