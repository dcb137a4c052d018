//! One simulation job and what can be run on it: the simulation itself and the sensitivity sweep,
//! which re-runs the same job with each parameter at the ends of its range.

use super::baseline::Baseline;
use super::result::SimulationResult;
use super::sensitivity::{assemble_sensitivity, sensitivity_run_count, sensitivity_runs, SensitivityResult};
use super::settings::{SimulateError, SimulationSettings};
use super::simulation::Simulation;
use crate::engine::evaluate::PreparedData;
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;

/// The schemes (already validated), the one the others are compared with, the data and its
/// baseline, and the settings.
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

    /// Re-runs the schemes with each parameter at the low and high end of its range, on every scheme
    /// (assumptions describe customers and economics the business, not one scheme).
    pub fn sensitivity(&self, progress: &mut dyn Progress) -> Result<SensitivityResult, SimulateError> {
        let SchemeRun { schemes, reference, data, baseline, settings } = *self;
        let outcomes =
            sensitivity_runs(schemes, reference, data, baseline, settings, 0..sensitivity_run_count(), progress)?;
        Ok(assemble_sensitivity(schemes, reference, settings, &outcomes).expect("one outcome per run"))
    }
}
