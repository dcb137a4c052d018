//! Month-by-month behavioural simulation of benefit schemes (docs/model.md): Monte Carlo
//! replications with common random numbers across a no-program counterfactual and the schemes;
//! KPIs with intervals, paired differences, migration, groups and fairness.

pub mod backtest;
pub mod baseline;
pub mod baseline_model;
pub mod blocks;
pub mod calendar;
pub mod draws;
pub mod groups;
pub mod kpi;
pub mod lots;
pub mod month_score;
pub mod order;
pub mod planner;
pub mod prepare;
pub mod response;
pub mod result;
pub mod run;
pub mod sensitivity;
pub mod settings;
pub mod simulation;
pub mod summary;
pub mod until_sure;
pub mod window;

use self::baseline::Baseline;
pub use self::result::{
    Comparison, CounterfactualResult, IncrementalKpi, IncrementalStat, Rank, SchemeResult, SimulationResult,
};
use self::sensitivity::SensitivityResult;
pub use self::settings::{SimulateError, SimulationSettings, UntilSure, MAX_MONTHS};
pub use self::simulation::{scheme_letter, Simulation, SCHEMES};
use super::evaluate::PreparedData;
use super::progress::Progress;
use super::scenario::Scenario;

/// One simulation job: the schemes (already validated), the one the others are compared with, the
/// data and its baseline, and the settings. Simulating and the sensitivity sweep take the same job.
#[derive(Clone, Copy)]
pub struct SchemeRun<'a> {
    pub schemes: &'a [Scenario],
    pub reference: usize,
    pub data: &'a PreparedData,
    pub baseline: &'a Baseline,
    pub settings: &'a SimulationSettings,
}

impl<'a> SchemeRun<'a> {
    pub fn new(
        schemes: &'a [Scenario],
        reference: usize,
        data: &'a PreparedData,
        baseline: &'a Baseline,
        settings: &'a SimulationSettings,
    ) -> Self {
        SchemeRun { schemes, reference, data, baseline, settings }
    }

    /// Simulates the schemes and the no-program counterfactual on the same random draws, comparing
    /// every scheme with the reference.
    pub fn simulate(&self, progress: &mut dyn Progress) -> Result<SimulationResult, SimulateError> {
        let SchemeRun { schemes, reference, data, baseline, settings } = *self;
        Ok(Simulation::new(schemes, reference, data, baseline, settings, progress)?.run_all(progress))
    }

    /// Re-runs the schemes with each parameter at the low and high end of its range (see
    /// `sensitivity::sensitivity_runs`).
    pub fn sensitivity(&self, progress: &mut dyn Progress) -> Result<SensitivityResult, SimulateError> {
        sensitivity::sensitivity(self, progress)
    }
}

#[cfg(test)]
mod tests;
