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
pub mod window;

use self::baseline::{Baseline, BaselineSource};
use self::blocks::{run_blocks, Run};
use self::groups::GroupDefinitions;
use self::order::CustomerOrder;
use self::prepare::{calendar_after_history, join_months, month_labels, no_program_plan, PreparedScheme};
pub use self::result::{CounterfactualResult, IncrementalKpi, IncrementalStat, SchemeResult, SimulationResult};
pub use self::settings::{SimulateError, SimulationSettings, MAX_MONTHS};
use self::summary::Summary;
use self::window::WindowStart;
use super::evaluate::PreparedData;
use super::progress::Progress;
use super::scenario::Scenario;

/// Simulates schemes A and B (already validated) and the no-program counterfactual.
pub fn simulate(
    a: &Scenario,
    b: &Scenario,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    progress: &mut dyn Progress,
) -> Result<SimulationResult, SimulateError> {
    settings.check()?;
    let customers = baseline.customer_count();
    if customers == 0 {
        return Err(SimulateError::NoCustomers);
    }
    let months = settings.months as usize;
    let calendar = calendar_after_history(data, months);
    let join = join_months(data, customers);
    let schemes = [
        PreparedScheme::new("A", a, data, &join, &calendar, progress)?,
        PreparedScheme::new("B", b, data, &join, &calendar, progress)?,
    ];
    let groups = GroupDefinitions::of(data);
    let no_window = WindowStart::default();
    let counterfactual_margin = a.economics.gross_margin_percent / 100.0;
    let plans = std::iter::once(no_program_plan(&no_window, counterfactual_margin))
        .chain(schemes.iter().map(|s| s.plan(months)))
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
    let merged = run_blocks(&run, 0..settings.replications, progress);
    let summary = Summary::new(merged, vec![a, b], customers, months, counterfactual_margin);
    Ok(SimulationResult {
        settings: settings.clone(),
        customers,
        baseline: baseline.source.unwrap_or(BaselineSource::Empirical),
        month_labels: month_labels(data, &run.calendar),
        counterfactual: summary.counterfactual(),
        schemes: schemes
            .iter()
            .enumerate()
            .map(|(i, s)| summary.scheme_result(i, s.scorer.is_frozen(), &groups))
            .collect(),
        difference: summary.difference(0, 1),
        b_better_on_margin: summary.chance_better_on_margin(0, 1),
        field_test: summary.field_test(0, 1),
    })
}

#[cfg(test)]
mod tests;
