//! What the simulator form holds, kept in this browser: run settings, interval level and field-test
//! inputs, checked against the engine's own limits before anything is sent.

use serde::{Deserialize, Serialize};

use crate::engine::date::{default_calibration_end, end_of_day, format_date};
use crate::engine::limits::{Limit, RangeError};
use crate::engine::models::clv::{ClvModel, PurchaseModelChoice};
use crate::engine::simulate::baseline_model::BaselineModel;
use crate::engine::simulate::planner::{POWER, SIGNIFICANCE};
use crate::engine::simulate::{SimulationSettings, UntilSure};

use super::super::lab::LabState;

/// A 0-1 share in percent without floating-point noise (0.15 -> 15, not 15.000000000000002).
pub fn percent_of(share: f64) -> f64 {
    (share * 100.0 * 1e9).round() / 1e9
}

/// Which interval the dashboard shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalLevel {
    #[default]
    P90,
    P95,
}

impl IntervalLevel {
    pub fn percent(self) -> u32 {
        match self {
            IntervalLevel::P90 => 90,
            IntervalLevel::P95 => 95,
        }
    }
}

/// What the simulator form holds. Numbers are kept as typed values (NaN for text that is not a
/// number) so a wrong entry stays on screen with its message; `check_*` turn them into requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimSettings {
    pub months: f64,
    pub replications: f64,
    pub seed: f64,
    pub level: IntervalLevel,
    /// Assumptions are edited once for both schemes (they describe customers, not schemes).
    pub same_assumptions: bool,
    pub show_editors: bool,
    pub significance_percent: f64,
    pub power_percent: f64,
    /// Back-test calibration end as `YYYY-MM-DD`; empty = six months before the end of the data.
    pub backtest_end: String,
    /// Run until sure: add batches of `replications` futures until the key difference's Monte Carlo
    /// error is at most `until_sure_percent` % of its size (or `UntilSure::CAP` futures are run).
    pub until_sure: bool,
    pub until_sure_percent: f64,
    /// The purchase model the no-program baseline draws from.
    pub baseline_model: BaselineModel,
}

impl Default for SimSettings {
    fn default() -> Self {
        let engine = SimulationSettings::default();
        SimSettings {
            months: f64::from(engine.months),
            replications: f64::from(engine.replications),
            seed: engine.seed as f64,
            level: IntervalLevel::P90,
            same_assumptions: true,
            show_editors: false,
            significance_percent: 5.0,
            power_percent: 80.0,
            backtest_end: String::new(),
            until_sure: false,
            until_sure_percent: percent_of(UntilSure::default().relative_error),
            baseline_model: engine.baseline_model,
        }
    }
}

impl SimSettings {
    pub fn months_problem(&self) -> Option<RangeError> {
        SimulationSettings::MONTHS.check(self.months).err()
    }

    pub fn replications_problem(&self) -> Option<RangeError> {
        SimulationSettings::REPLICATIONS.check(self.replications).err()
    }

    pub fn seed_problem(&self) -> Option<RangeError> {
        SimulationSettings::SEED.check(self.seed).err()
    }

    /// The target precision typed (percent) outside the engine's range: that range in percent.
    pub fn until_sure_problem(&self) -> Option<(f64, f64)> {
        percent_problem(self.until_sure_percent, &UntilSure::RELATIVE_ERROR)
    }

    /// The stopping rule when "run until sure" is on: batches as large as the first one, up to the
    /// engine's cap. `Err(())` while the target precision is not a usable number.
    fn until_sure_rule(&self, replications: u32) -> Result<Option<UntilSure>, ()> {
        if !self.until_sure {
            return Ok(None);
        }
        let relative_error = self.until_sure_percent / 100.0;
        if !relative_error.is_finite() || !UntilSure::RELATIVE_ERROR.contains(relative_error) {
            return Err(());
        }
        Ok(Some(UntilSure { relative_error, batch: replications, ..UntilSure::default() }))
    }

    /// The engine's settings, when every field is valid.
    pub fn simulation(&self) -> Option<SimulationSettings> {
        let months = SimulationSettings::MONTHS.check(self.months).ok()?;
        let replications = SimulationSettings::REPLICATIONS.check(self.replications).ok()? as u32;
        let seed = SimulationSettings::SEED.check(self.seed).ok()?;
        Some(SimulationSettings {
            months: months as u32,
            replications,
            seed: seed as u64,
            deterministic: false,
            until_sure: self.until_sure_rule(replications).ok()?,
            threads: None,
            baseline_model: self.baseline_model,
        })
    }

    /// The simulation settings with a fixed number of futures: what sensitivity runs each variant
    /// with (running each one until sure would multiply the cost).
    pub fn fixed_simulation(&self) -> Option<SimulationSettings> {
        Some(SimulationSettings { until_sure: None, ..self.simulation()? })
    }

    /// The significance typed (percent) outside the planner's range: that range in percent.
    pub fn significance_problem(&self) -> Option<(f64, f64)> {
        percent_problem(self.significance_percent, &SIGNIFICANCE)
    }

    /// The power typed (percent) outside the planner's range: that range in percent.
    pub fn power_problem(&self) -> Option<(f64, f64)> {
        percent_problem(self.power_percent, &POWER)
    }

    /// The back-test's calibration end as shown: the date typed, or the engine's default for data
    /// ending at `last_event` (the same rule as the model lab's).
    pub fn backtest_end_text(&self, last_event: Option<i64>) -> String {
        if self.backtest_end.is_empty() {
            last_event.map(|last| format_date(default_calibration_end(last))).unwrap_or_default()
        } else {
            self.backtest_end.clone()
        }
    }

    /// The back-test's calibration end (the last second of that day), when the date reads.
    pub fn backtest_end(&self, last_event: Option<i64>) -> Option<i64> {
        end_of_day(&self.backtest_end_text(last_event))
    }

    /// Significance and power as the planner's fractions, when both are inside its ranges.
    pub fn field_test(&self) -> Option<(f64, f64)> {
        let (significance, power) = (self.significance_percent / 100.0, self.power_percent / 100.0);
        (SIGNIFICANCE.contains(significance) && POWER.contains(power)).then_some((significance, power))
    }

    /// The settings with anything unusable replaced by its default, for saving: a half-typed value
    /// is not worth keeping, and JSON cannot hold NaN.
    pub fn for_storage(&self) -> SimSettings {
        let defaults = SimSettings::default();
        let keep = |value: f64, fallback: f64| if value.is_finite() { value } else { fallback };
        let mut stored = self.clone();
        stored.months = keep(self.months, defaults.months);
        stored.replications = keep(self.replications, defaults.replications);
        stored.seed = keep(self.seed, defaults.seed);
        stored.significance_percent = keep(self.significance_percent, defaults.significance_percent);
        stored.power_percent = keep(self.power_percent, defaults.power_percent);
        stored.until_sure_percent = keep(self.until_sure_percent, defaults.until_sure_percent);
        stored
    }
}

/// The Model lab's choice of purchase model, once it has compared the models by holdout (what
/// the simulator's "best by holdout" baseline follows).
pub fn lab_purchase_choice(lab: &LabState) -> Option<ClvModel> {
    lab.clv
        .as_ref()
        .filter(|c| c.settings.purchase_model == PurchaseModelChoice::ByHoldout && c.settings.holdout_end.is_some())
        .map(|c| c.overview.report.purchase_model)
}

/// The settings a run sends: "best by holdout" becomes the Model lab's choice when it has made one,
/// so whichever worker runs it draws from the same model.
pub fn with_lab_choice(settings: SimulationSettings, lab_choice: Option<ClvModel>) -> SimulationSettings {
    match (settings.baseline_model, lab_choice) {
        (BaselineModel::BestByHoldout, Some(chosen)) => {
            SimulationSettings { baseline_model: BaselineModel::of(chosen), ..settings }
        }
        _ => settings,
    }
}

/// A share typed in percent outside `limit` (a fraction): the range in percent. Nothing while the
/// field holds no number (the field says that itself).
fn percent_problem(percent: f64, limit: &Limit) -> Option<(f64, f64)> {
    (percent.is_finite() && !limit.contains(percent / 100.0)).then(|| (percent_of(limit.min), percent_of(limit.max)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::simulate::sensitivity::sensitivity_replications;

    #[test]
    fn the_baseline_model_travels_and_best_by_holdout_takes_the_lab_choice() {
        let form = SimSettings { baseline_model: BaselineModel::MbgNbd, ..SimSettings::default() };
        let settings = form.simulation().unwrap();
        assert_eq!(settings.baseline_model, BaselineModel::MbgNbd);
        // A named model stays what it is whatever the lab chose.
        assert_eq!(with_lab_choice(settings.clone(), Some(ClvModel::ParetoNbd)), settings);
        // "Best by holdout" becomes the lab's choice when there is one, and is left to the worker otherwise.
        let best = SimSettings { baseline_model: BaselineModel::BestByHoldout, ..SimSettings::default() };
        let sent = with_lab_choice(best.simulation().unwrap(), Some(ClvModel::ParetoNbd));
        assert_eq!(sent.baseline_model, BaselineModel::ParetoNbd);
        let unresolved = with_lab_choice(best.simulation().unwrap(), None);
        assert_eq!(unresolved.baseline_model, BaselineModel::BestByHoldout);
        // No lab fit: no choice.
        assert_eq!(lab_purchase_choice(&LabState::default()), None);
        // Stored settings from before the setting existed read as BG/NBD.
        let stored: SimSettings = serde_json::from_str(r#"{"months": 6}"#).unwrap();
        assert_eq!(stored.baseline_model, BaselineModel::BgNbd);
    }

    #[test]
    fn form_inputs_become_the_engine_settings_or_say_what_is_wrong() {
        // The form starts at the engine's defaults, and reads them back unchanged.
        let mut form = SimSettings::default();
        assert_eq!(form.simulation(), Some(SimulationSettings::default()));
        form.months = 0.0;
        let months = form.months_problem().unwrap();
        assert_eq!((months.field.as_str(), months.min, months.max, months.whole), ("months", 1.0, 36.0, true));
        assert_eq!(form.simulation(), None);
        form.months = 36.0;
        form.replications = 2.5;
        let replications = form.replications_problem().unwrap();
        assert_eq!((replications.min, replications.max), (1.0, 500.0));
        form.replications = f64::NAN;
        assert!(form.simulation().is_none());
        assert_eq!(form.for_storage().replications, 20.0, "a half-typed value is not stored");
        // 2^53 is the first whole number a page number field cannot hold exactly.
        form.seed = 9_007_199_254_740_992.0;
        assert!(form.seed_problem().is_some());
        // Sensitivity: a quarter of the replications, at least 3.
        assert_eq!([sensitivity_replications(20), sensitivity_replications(8), sensitivity_replications(2)], [5, 3, 3]);
        assert_eq!(percent_of(0.15), 15.0, "no floating-point noise");
    }

    #[test]
    fn run_until_sure_asks_for_batches_of_the_first_run_up_to_the_cap() {
        let mut form = SimSettings { replications: 30.0, ..SimSettings::default() };
        assert_eq!(form.until_sure_percent, 5.0, "the engine's default target, in percent");
        assert_eq!(form.simulation().and_then(|s| s.until_sure), None, "off by default");
        form.until_sure = true;
        form.until_sure_percent = 2.0;
        let rule = form.simulation().and_then(|s| s.until_sure).unwrap();
        assert_eq!((rule.relative_error, rule.batch, rule.cap), (0.02, 30, 500));
        assert_eq!(rule.check(), Ok(()));
        // Sensitivity runs a fixed number of futures either way.
        assert_eq!(form.fixed_simulation().map(|s| (s.replications, s.until_sure)), Some((30, None)));
        // 0.5 % to 50 %: the engine's range for the relative error, said in percent.
        form.until_sure_percent = 60.0;
        assert_eq!(form.until_sure_problem(), Some((0.5, 50.0)));
        assert_eq!(form.simulation(), None);
        form.until_sure_percent = f64::NAN;
        assert_eq!((form.until_sure_problem(), form.simulation()), (None, None));
        assert_eq!(form.for_storage().until_sure_percent, 5.0);
        // Off, a wrong target does not block a fixed run.
        form.until_sure = false;
        assert!(form.simulation().is_some());
    }

    #[test]
    fn field_test_percent_in_fractions_out() {
        let plan = |significance_percent, power_percent| {
            SimSettings { significance_percent, power_percent, ..SimSettings::default() }.field_test()
        };
        assert_eq!(plan(5.0, 80.0), Some((0.05, 0.8)));
        assert_eq!(plan(25.0, 80.0), None);
        assert_eq!(plan(5.0, 99.5), None);
        assert_eq!(plan(f64::NAN, 80.0), None);
        let form = |significance_percent, power_percent| SimSettings {
            significance_percent,
            power_percent,
            ..SimSettings::default()
        };
        assert_eq!(form(25.0, 80.0).significance_problem(), Some((0.1, 20.0)));
        assert_eq!(form(0.1, 80.0).significance_problem(), None);
        assert_eq!(form(5.0, 99.5).power_problem(), Some((50.0, 99.0)));
        assert_eq!(form(5.0, 99.0).power_problem(), None);
    }

    #[test]
    fn the_back_test_defaults_to_the_engine_calibration_end() {
        // Data ending 2026-10-15 12:00 UTC (1792065600) calibrates through the end of April 2026, six
        // whole months earlier; 2026-04-30 is day 20573 since 1970, so its last second is
        // 20574 x 86400 - 1.
        let form = SimSettings::default();
        assert_eq!(form.backtest_end_text(Some(1_792_065_600)), "2026-04-30");
        assert_eq!(form.backtest_end(Some(1_792_065_600)), Some(1_777_593_599));
        assert_eq!(form.backtest_end_text(None), "");
        let typed = |text: &str| SimSettings { backtest_end: text.into(), ..SimSettings::default() };
        assert_eq!(typed("2026-02-28").backtest_end(Some(1_792_065_600)), Some(20_513 * 86_400 - 1));
        assert_eq!(typed("2026-02-30").backtest_end(None), None);
        assert_eq!(typed("30.04.2026").backtest_end(None), None);
    }
}
