//! Which purchase model the simulator's baseline draws each customer's future from (docs/model.md,
//! "Baseline purchase model").

use serde::{Deserialize, Serialize};

use crate::engine::dataset::EventLog;
use crate::engine::models::clv::{fit_clv_history, ClvError, ClvModel, ClvReport, ClvSettings, PurchaseModelChoice};
use crate::engine::progress::Progress;

/// The purchase model behind the no-program baseline, a setting of the simulation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineModel {
    /// BG/NBD: dropout with probability p after each repeat purchase.
    #[default]
    BgNbd,
    /// Pareto/NBD: an exponential lifetime with rate μ, independent of purchases.
    ParetoNbd,
    /// MBG/NBD: like BG/NBD, with a dropout chance at the first purchase too.
    MbgNbd,
    /// The model the Model lab chose by holdout fit when it compared the models; otherwise the same
    /// comparison run on the data (calibration to the engine's default calibration end, holdout after).
    BestByHoldout,
}

impl BaselineModel {
    pub const ALL: [BaselineModel; 4] =
        [BaselineModel::BgNbd, BaselineModel::ParetoNbd, BaselineModel::MbgNbd, BaselineModel::BestByHoldout];

    pub fn is_default(&self) -> bool {
        *self == BaselineModel::default()
    }

    /// The purchase model named outright; `None` for the choice by holdout.
    pub fn named(self) -> Option<ClvModel> {
        match self {
            BaselineModel::BgNbd => Some(ClvModel::BgNbd),
            BaselineModel::ParetoNbd => Some(ClvModel::ParetoNbd),
            BaselineModel::MbgNbd => Some(ClvModel::MbgNbd),
            BaselineModel::BestByHoldout => None,
        }
    }

    /// The setting that names `model` (BG/NBD for the spend model, which is no purchase model).
    pub fn of(model: ClvModel) -> BaselineModel {
        match model {
            ClvModel::ParetoNbd => BaselineModel::ParetoNbd,
            ClvModel::MbgNbd => BaselineModel::MbgNbd,
            _ => BaselineModel::BgNbd,
        }
    }

    /// The CLV fit's setting that fits `model` (BG/NBD is always fitted beside it).
    pub fn fit_choice(model: ClvModel) -> PurchaseModelChoice {
        match model {
            ClvModel::ParetoNbd => PurchaseModelChoice::ParetoNbd,
            ClvModel::MbgNbd => PurchaseModelChoice::MbgNbd,
            _ => PurchaseModelChoice::BgNbd,
        }
    }

    /// The short name used on the command line and in files.
    pub fn key(self) -> &'static str {
        match self {
            BaselineModel::BgNbd => "bgnbd",
            BaselineModel::ParetoNbd => "pareto",
            BaselineModel::MbgNbd => "mbg",
            BaselineModel::BestByHoldout => "best",
        }
    }

    pub fn from_key(key: &str) -> Option<BaselineModel> {
        BaselineModel::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The purchase model this setting stands for on the history up to `calibration_end`: the one
    /// named, or by holdout the Model lab's choice (`lab_choice`) or else the same comparison made here.
    pub fn resolve(
        self,
        lab_choice: Option<ClvModel>,
        log: &EventLog,
        calibration_end: i64,
        progress: &mut dyn Progress,
    ) -> ClvModel {
        self.named().or(lab_choice).unwrap_or_else(|| best_by_holdout(log, calibration_end, progress))
    }
}

/// The Model lab's rule on the history up to `last_event`: the three purchase models fitted up to the
/// engine's default calibration end and the one closest to the holdout's total purchases chosen
/// (BG/NBD when the comparison cannot be made).
pub fn best_by_holdout(log: &EventLog, last_event: i64, progress: &mut dyn Progress) -> ClvModel {
    let settings = ClvSettings {
        purchase_model: PurchaseModelChoice::ByHoldout,
        uncertainty_draws: 0,
        ..ClvSettings::with_default_calibration(last_event)
    };
    // The choice is made on the models' holdout fit, before any customer's prediction.
    fit_clv_history(log, &settings, progress).map_or(ClvModel::BgNbd, |report| report.purchase_model)
}

/// The CLV fit a baseline from `model` reads: `model` (and BG/NBD) with Gamma-Gamma on the history up
/// to `calibration_end`, without parameter draws and without predictions (the baseline reads the
/// parameters and each customer's calibration history, not the CLV fit's per-customer predictions:
/// `fit_clv_history`).
pub fn fit_for_baseline(
    log: &EventLog,
    calibration_end: i64,
    model: ClvModel,
    progress: &mut dyn Progress,
) -> Result<ClvReport, ClvError> {
    fit_clv_history(log, &baseline_clv_settings(calibration_end, model), progress)
}

/// The settings of the CLV fit a baseline from `model` reads (also the split fit's: `population`).
pub fn baseline_clv_settings(calibration_end: i64, model: ClvModel) -> ClvSettings {
    ClvSettings {
        purchase_model: BaselineModel::fit_choice(model),
        uncertainty_draws: 0,
        ..ClvSettings::new(calibration_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_the_default_is_bgnbd() {
        for model in BaselineModel::ALL {
            assert_eq!(BaselineModel::from_key(model.key()), Some(model));
        }
        assert_eq!(BaselineModel::from_key("lifetimes"), None);
        assert!(BaselineModel::default().is_default());
        assert_eq!(BaselineModel::BgNbd.named(), Some(ClvModel::BgNbd));
        assert_eq!(BaselineModel::BestByHoldout.named(), None);
        assert_eq!(serde_json::to_string(&BaselineModel::BestByHoldout).unwrap(), "\"best_by_holdout\"");
    }
}
