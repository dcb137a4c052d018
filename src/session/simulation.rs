//! The simulator: the no-program baseline (fitted once per dataset), simulation, sensitivity.

use super::state::{validated_schemes, Session};
use crate::engine::evaluate::PreparedData;
use crate::engine::models::clv::{fit_clv, ClvSettings};
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::baseline::{Baseline, FallbackReason};
use crate::engine::simulate::sensitivity::sensitivity;
use crate::engine::simulate::{simulate, SimulateError, SimulationSettings};
use crate::protocol::{Response, UserError};

impl Session {
    /// The dataset's no-program baseline (`fit_baseline`), fitted once per dataset.
    pub(super) fn baseline(
        &mut self,
        progress: &mut dyn Progress,
    ) -> Result<(&PreparedData, &Baseline, Option<FallbackReason>), UserError> {
        if self.baseline.is_none() {
            let data = self.data.as_ref().ok_or(UserError::NoData)?;
            self.baseline = Some(fit_baseline(data, progress));
        }
        let (baseline, note) = self.baseline.as_ref().expect("set above");
        Ok((self.data.as_ref().ok_or(UserError::NoData)?, baseline, note.clone()))
    }

    pub(super) fn simulate(
        &mut self,
        schemes: &[Scenario],
        reference: usize,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let (result, baseline_note) = self.on_baseline(schemes, progress, |data, baseline, progress| {
            simulate(schemes, reference, data, baseline, settings, progress)
        })?;
        Ok(Response::Simulated { result: Box::new(result), baseline_note })
    }

    pub(super) fn sensitivity(
        &mut self,
        schemes: &[Scenario],
        reference: usize,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let (result, _) = self.on_baseline(schemes, progress, |data, baseline, progress| {
            sensitivity(schemes, reference, data, baseline, settings, progress)
        })?;
        Ok(Response::SensitivityDone { result: Box::new(result) })
    }

    /// Checks the schemes, then runs `work` on the data and its baseline (fitted first if needed).
    fn on_baseline<R>(
        &mut self,
        schemes: &[Scenario],
        progress: &mut dyn Progress,
        work: impl FnOnce(&PreparedData, &Baseline, &mut dyn Progress) -> Result<R, SimulateError>,
    ) -> Result<(R, Option<FallbackReason>), UserError> {
        validated_schemes(schemes)?;
        let (data, baseline, note) = self.baseline(progress)?;
        let result = work(data, baseline, progress).map_err(|error| UserError::Simulate { error })?;
        Ok((result, note))
    }
}

/// The no-program baseline the simulator starts from: BG/NBD + Gamma-Gamma fitted on the whole
/// history when the data allows it, otherwise the empirical baseline, with the reason. The page's
/// simulator and the CLI both use this one rule.
pub fn fit_baseline(data: &PreparedData, progress: &mut dyn Progress) -> (Baseline, Option<FallbackReason>) {
    match (&data.dataset.events, &data.monthly) {
        (Some(log), Some(monthly)) => match fit_clv(log, &ClvSettings::new(monthly.as_of), progress) {
            Ok(report) => (Baseline::from_clv(data, &report), None),
            Err(error) => (Baseline::empirical(data), Some(FallbackReason::FitFailed { error })),
        },
        _ => (Baseline::empirical(data), Some(FallbackReason::NoPurchaseDates)),
    }
}
