//! The simulator's no-program baseline (fitted once per dataset and model) and the one path every
//! scheme job takes to it (`on_baseline`: simulation, sensitivity, the pool's shares, ...).

use super::state::{validated_schemes, CachedBaseline, Session};
use crate::engine::evaluate::PreparedData;
use crate::engine::models::clv::ClvModel;
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::baseline::{Baseline, FallbackReason};
use crate::engine::simulate::baseline_model::{fit_for_baseline, BaselineModel};
use crate::engine::simulate::{SimulateError, SimulationSettings};
use crate::protocol::UserError;

impl Session {
    /// The dataset's no-program baseline for the settings' purchase model (`fit_baseline_with`),
    /// fitted once per dataset, model and Model lab choice.
    pub(super) fn baseline(
        &mut self,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<(&PreparedData, &Baseline, Option<FallbackReason>), UserError> {
        // The lab's choice matters only to "best by holdout" (a named model needs no refit after a lab fit).
        let lab_choice = self.lab_purchase_model.filter(|_| settings.baseline_model == BaselineModel::BestByHoldout);
        let key = (settings.baseline_model, lab_choice);
        if self.baseline.as_ref().map(|cached| cached.key) != Some(key) {
            let data = self.data.as_ref().ok_or(UserError::NoData)?;
            let (baseline, note) = fit_baseline_with(data, key.0, key.1, progress);
            self.baseline = Some(CachedBaseline { key, baseline, note });
        }
        let cached = self.baseline.as_ref().expect("set above");
        Ok((self.data.as_ref().ok_or(UserError::NoData)?, &cached.baseline, cached.note.clone()))
    }

    /// Checks the schemes, then runs `work` on the data and its baseline (fitted first if needed).
    pub(super) fn on_baseline<R>(
        &mut self,
        schemes: &[Scenario],
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
        work: impl FnOnce(&PreparedData, &Baseline, &mut dyn Progress) -> Result<R, SimulateError>,
    ) -> Result<(R, Option<FallbackReason>), UserError> {
        validated_schemes(schemes)?;
        let (data, baseline, note) = self.baseline(settings, progress)?;
        let result = work(data, baseline, progress).map_err(|error| UserError::Simulate { error })?;
        Ok((result, note))
    }
}

/// The no-program baseline the simulator starts from: BG/NBD + Gamma-Gamma fitted on the whole
/// history when the data allows it, otherwise the empirical baseline, with the reason.
pub fn fit_baseline(data: &PreparedData, progress: &mut dyn Progress) -> (Baseline, Option<FallbackReason>) {
    fit_baseline_with(data, BaselineModel::BgNbd, None, progress)
}

/// The no-program baseline from `model` (with `lab_choice`, the Model lab's choice by holdout, when
/// it compared the models) + Gamma-Gamma, fitted on the whole history when the data allows it; BG/NBD
/// when that model does not fit, and the empirical baseline when BG/NBD does not either, with the reason. The page's simulator and the CLI both use
/// this one rule.
pub fn fit_baseline_with(
    data: &PreparedData,
    model: BaselineModel,
    lab_choice: Option<ClvModel>,
    progress: &mut dyn Progress,
) -> (Baseline, Option<FallbackReason>) {
    let (Some(log), Some(monthly)) = (&data.dataset.events, &data.monthly) else {
        return (Baseline::empirical(data), Some(FallbackReason::NoPurchaseDates));
    };
    let purchase_model = model.resolve(lab_choice, log, monthly.as_of, progress);
    match fit_for_baseline(log, monthly.as_of, purchase_model, progress) {
        Ok(report) => (Baseline::from_clv_model(data, &report, purchase_model), None),
        // Pareto/NBD or MBG/NBD did not fit (say, no sign of dropout in the data): BG/NBD, with the reason;
        // if BG/NBD does not fit either, its own fallback and reason.
        Err(error) if purchase_model != ClvModel::BgNbd => {
            let (baseline, note) = fit_baseline_with(data, BaselineModel::BgNbd, None, progress);
            (baseline, Some(note.unwrap_or(FallbackReason::ModelFailed { model: purchase_model, error })))
        }
        Err(error) => (Baseline::empirical(data), Some(FallbackReason::FitFailed { error })),
    }
}
