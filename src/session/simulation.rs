//! The simulator's no-program baseline (fitted once per dataset and model) and the one path every
//! scheme job takes to it (`on_baseline`: simulation, sensitivity, the pool's shares, ...).

use super::state::{validated_schemes, CachedBaseline, Session};
use crate::engine::evaluate::PreparedData;
use crate::engine::models::clv::{ClvModel, ClvReport};
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::baseline::{Baseline, FallbackReason};
use crate::engine::simulate::baseline_model::{baseline_clv_settings, fit_for_baseline, BaselineModel};
use crate::engine::simulate::kept::KEPT_CUSTOMERS;
use crate::engine::simulate::population::{PopulationBaseline, PopulationFit};
use crate::engine::simulate::simulation::checked_customers;
use crate::engine::simulate::{SimulateError, Simulation, SimulationSettings};
use crate::protocol::UserError;

impl Session {
    /// The dataset's no-program baseline for the settings' purchase model (`fit_baseline_with`),
    /// fitted once per dataset, model and Model lab choice.
    pub(super) fn baseline(
        &mut self,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<(&PreparedData, &Baseline, Option<FallbackReason>), UserError> {
        self.baseline_from(settings, None, progress)
    }

    /// `baseline`, or with `shipped` (the first worker's, sent with a share of a pooled job) the
    /// baseline rebuilt from it without fitting anything: exactly the first worker's.
    pub(super) fn baseline_from(
        &mut self,
        settings: &SimulationSettings,
        shipped: Option<&PopulationBaseline>,
        progress: &mut dyn Progress,
    ) -> Result<(&PreparedData, &Baseline, Option<FallbackReason>), UserError> {
        // The lab's choice matters only to "best by holdout" (a named model needs no refit after a lab fit).
        let lab_choice = self.lab_purchase_model.filter(|_| settings.baseline_model == BaselineModel::BestByHoldout);
        let key = (settings.baseline_model, lab_choice);
        let current = match (&self.baseline, &self.data) {
            (Some(cached), Some(data)) if cached.key == key => shipped.is_none_or(|s| &cached.shareable(data) == s),
            _ => false,
        };
        if !current {
            let data = self.data.as_ref().ok_or(UserError::NoData)?;
            self.baseline = Some(match shipped {
                Some(shipped) => {
                    let baseline = Baseline::of_shipped(data, shipped)
                        .map_err(|error| UserError::Internal { message: error.to_string() })?;
                    let note = shipped.fallback.clone();
                    CachedBaseline { key, baseline, note, fit: None, shipped: Some(shipped.clone()) }
                }
                None => {
                    let (baseline, note, fit) = fit_baseline_and_model(data, key.0, key.1, progress);
                    let fit = fit.map(|fit| PopulationFit {
                        report: ClvReport { per_customer: Default::default(), ..fit.report },
                        ..fit
                    });
                    CachedBaseline { key, baseline, note, fit, shipped: None }
                }
            });
        }
        let cached = self.baseline.as_ref().expect("set above");
        Ok((self.data.as_ref().ok_or(UserError::NoData)?, &cached.baseline, cached.note.clone()))
    }

    /// The baseline for `settings` (fitted now if needed) in the form the pool ships to its helpers.
    pub(super) fn shareable_baseline(
        &mut self,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<PopulationBaseline, UserError> {
        self.baseline(settings, progress)?;
        Ok(self.baseline.as_ref().expect("fitted above").shareable(self.data()?))
    }

    /// Checks the schemes, then runs `work` on the data and its baseline (fitted first if needed).
    pub(super) fn on_baseline<R>(
        &mut self,
        schemes: &[Scenario],
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
        work: impl FnOnce(&PreparedData, &Baseline, &mut dyn Progress) -> Result<R, SimulateError>,
    ) -> Result<(R, Option<FallbackReason>), UserError> {
        self.on_shipped_baseline(schemes, settings, None, progress, work)
    }

    /// `on_baseline` on the baseline rebuilt from `shipped` when given (`baseline_from`).
    pub(super) fn on_shipped_baseline<R>(
        &mut self,
        schemes: &[Scenario],
        settings: &SimulationSettings,
        shipped: Option<&PopulationBaseline>,
        progress: &mut dyn Progress,
        work: impl FnOnce(&PreparedData, &Baseline, &mut dyn Progress) -> Result<R, SimulateError>,
    ) -> Result<(R, Option<FallbackReason>), UserError> {
        validated_schemes(schemes)?;
        let (data, baseline, note) = self.baseline_from(settings, shipped, progress)?;
        let result = work(data, baseline, progress).map_err(|error| UserError::Simulate { error })?;
        Ok((result, note))
    }
}

impl Session {
    /// `work` on the simulation of `schemes` on the baseline (`on_shipped_baseline`), built on the
    /// schemes' histories kept from the last simulation (`KeptHistories`): a scheme simulated again
    /// is not evaluated on the history again.
    pub(super) fn on_simulation<R>(
        &mut self,
        schemes: &[Scenario],
        reference: usize,
        settings: &SimulationSettings,
        shipped: Option<&PopulationBaseline>,
        progress: &mut dyn Progress,
        work: impl FnOnce(&Simulation, &mut dyn Progress) -> R,
    ) -> Result<(R, Option<FallbackReason>), UserError> {
        let mut kept = std::mem::take(&mut self.kept_histories);
        let answer = self.on_shipped_baseline(schemes, settings, shipped, progress, |data, baseline, progress| {
            checked_customers(schemes, reference, baseline, settings)?;
            kept.update(schemes, data, progress)?;
            let simulation = Simulation::on_kept(schemes, reference, data, baseline, settings, &kept)?;
            Ok(work(&simulation, progress))
        });
        if self.data.as_ref().is_none_or(|data| data.dataset.customer_count() > KEPT_CUSTOMERS) {
            kept.forget();
        }
        self.kept_histories = kept;
        answer
    }
}

impl CachedBaseline {
    /// This baseline as the pool ships it (`PopulationBaseline::of_fitted`, or what it was rebuilt from).
    fn shareable(&self, data: &PreparedData) -> PopulationBaseline {
        match &self.shipped {
            Some(shipped) => shipped.clone(),
            None => PopulationBaseline::of_fitted(data, &self.baseline, self.fit.clone(), self.note.clone()),
        }
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
    let (baseline, note, _) = fit_baseline_and_model(data, model, lab_choice, progress);
    (baseline, note)
}

/// `fit_baseline_with`, with the fit the baseline was made from (`None` for the empirical baseline):
/// what the pool ships to its helpers (`PopulationBaseline::of_fitted`) so they need not fit it again.
fn fit_baseline_and_model(
    data: &PreparedData,
    model: BaselineModel,
    lab_choice: Option<ClvModel>,
    progress: &mut dyn Progress,
) -> (Baseline, Option<FallbackReason>, Option<PopulationFit>) {
    let (Some(log), Some(monthly)) = (&data.dataset.events, &data.monthly) else {
        return (Baseline::empirical(data), Some(FallbackReason::NoPurchaseDates), None);
    };
    let purchase_model = model.resolve(lab_choice, log, monthly.as_of, progress);
    match fit_for_baseline(log, monthly.as_of, purchase_model, progress) {
        Ok(report) => {
            let baseline = Baseline::from_clv_model(data, &report, purchase_model);
            let settings = baseline_clv_settings(monthly.as_of, purchase_model);
            (baseline, None, Some(PopulationFit { report, model: purchase_model, settings }))
        }
        // Pareto/NBD or MBG/NBD did not fit (say, no sign of dropout in the data): BG/NBD, with the reason;
        // if BG/NBD does not fit either, its own fallback and reason.
        Err(error) if purchase_model != ClvModel::BgNbd => {
            let (baseline, note, fit) = fit_baseline_and_model(data, BaselineModel::BgNbd, None, progress);
            (baseline, Some(note.unwrap_or(FallbackReason::ModelFailed { model: purchase_model, error })), fit)
        }
        Err(error) => (Baseline::empirical(data), Some(FallbackReason::FitFailed { error }), None),
    }
}
