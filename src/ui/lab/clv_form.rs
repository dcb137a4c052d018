//! The customer-value (BG/NBD + Gamma-Gamma) form: its dates follow the loaded data until the user
//! picks their own, and it reads into the engine's `ClvSettings` or the problems of each field.

use serde::{Deserialize, Serialize};

use crate::engine::date::{default_calibration_end, end_of_day, format_date};
use crate::engine::models::clv::settings::UNCERTAINTY_DRAWS;
use crate::engine::models::clv::{ClvSettings, TimeUnit, HORIZON_MONTHS};

use super::problems::{FieldProblem, Problems, Reader};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClvForm {
    /// The period of the data the dates below were chosen for: another dataset gets the defaults.
    pub period: Option<(i64, i64)>,
    /// `YYYY-MM-DD`; `None` = six months before the end of the data.
    pub calibration_end: Option<String>,
    pub holdout: bool,
    /// `YYYY-MM-DD`; `None` = the last day of the data.
    pub holdout_end: Option<String>,
    pub time_unit: TimeUnit,
    pub horizon_months: f64,
    /// Per month, in percent (the engine takes a rate: 1 % = 0.01).
    pub discount_percent: f64,
    pub margin_percent: f64,
    pub penalizer: f64,
    /// Draws of the fitted parameters behind each customer's interval (0 = no intervals).
    pub draws: f64,
    /// Publish values as of the end of the data (refitted on every purchase) rather than as of the
    /// calibration end of the checked fit.
    pub publish_as_of_end: bool,
}

impl Default for ClvForm {
    fn default() -> Self {
        let engine = ClvSettings::new(0);
        ClvForm {
            period: None,
            calibration_end: None,
            holdout: true,
            holdout_end: None,
            time_unit: engine.time_unit,
            horizon_months: f64::from(engine.horizon_months),
            discount_percent: engine.monthly_discount_rate * 100.0,
            margin_percent: engine.margin_percent,
            penalizer: engine.penalizer,
            draws: f64::from(engine.uncertainty_draws),
            publish_as_of_end: true,
        }
    }
}

impl ClvForm {
    fn own_dates(&self, period: Option<(i64, i64)>) -> bool {
        self.period.is_some() && self.period == period
    }

    /// The calibration end shown: the user's, or the engine's default (the end of the month six
    /// months before the data's last month, as for a back-test).
    pub fn calibration_end_text(&self, period: Option<(i64, i64)>) -> String {
        match (&self.calibration_end, period) {
            (Some(text), _) if self.own_dates(period) => text.clone(),
            (_, Some((_, last))) => format_date(default_calibration_end(last)),
            _ => String::new(),
        }
    }

    /// The holdout end shown: the user's, or the day of the last event.
    pub fn holdout_end_text(&self, period: Option<(i64, i64)>) -> String {
        match (&self.holdout_end, period) {
            (Some(text), _) if self.own_dates(period) => text.clone(),
            (_, Some((_, last))) => format_date(last),
            _ => String::new(),
        }
    }

    /// Records a date the user picked, for this data (the other date keeps what is shown).
    pub fn set_date(&mut self, period: Option<(i64, i64)>, calibration: Option<String>, holdout: Option<String>) {
        let shown = (self.calibration_end_text(period), self.holdout_end_text(period));
        self.calibration_end = Some(calibration.unwrap_or(shown.0));
        self.holdout_end = Some(holdout.unwrap_or(shown.1));
        self.period = period;
    }

    /// The settings a publish sends: the checked fit's, refitted up to the last day of the data when
    /// the values should be as of today (nothing is held out then).
    pub fn publish_settings(&self, checked: &ClvSettings, period: Option<(i64, i64)>) -> ClvSettings {
        let mut settings = checked.clone();
        if let (true, Some((_, last))) = (self.publish_as_of_end, period) {
            if let Some(end) = end_of_day(&format_date(last)) {
                settings.calibration_end = end;
                settings.holdout_end = None;
            }
        }
        settings
    }

    pub fn settings(&self, period: Option<(i64, i64)>) -> Result<ClvSettings, Problems> {
        let mut r = Reader::default();
        let calibration_end = end_of_day(&self.calibration_end_text(period));
        if calibration_end.is_none() {
            r.flag("clv.calibration_end", FieldProblem::BadDate);
        }
        let holdout_end = if self.holdout {
            let end = end_of_day(&self.holdout_end_text(period));
            match (end, calibration_end) {
                (None, _) => r.flag("clv.holdout_end", FieldProblem::BadDate),
                (Some(h), Some(c)) if h <= c => r.flag("clv.holdout_end", FieldProblem::HoldoutNotAfterCalibration),
                _ => {}
            }
            end
        } else {
            None
        };
        let horizon = r.whole_within("clv.horizon_months", self.horizon_months, &HORIZON_MONTHS);
        let discount = r.number("clv.monthly_discount_rate", self.discount_percent);
        if discount.is_finite() && discount <= -100.0 {
            r.flag("clv.monthly_discount_rate", FieldProblem::Above { low: -100.0 });
        }
        let margin = r.number("clv.margin_percent", self.margin_percent);
        if margin.is_finite() && margin < 0.0 {
            r.flag("clv.margin_percent", FieldProblem::AtLeast { low: 0.0 });
        }
        let penalizer = r.number("clv.penalizer", self.penalizer);
        if penalizer.is_finite() && penalizer < 0.0 {
            r.flag("clv.penalizer", FieldProblem::AtLeast { low: 0.0 });
        }
        let draws = r.whole_within("clv.uncertainty_draws", self.draws, &UNCERTAINTY_DRAWS);
        let mut settings = ClvSettings::new(calibration_end.unwrap_or_default());
        settings.uncertainty_draws = draws as u32;
        settings.holdout_end = holdout_end;
        settings.time_unit = self.time_unit;
        settings.horizon_months = horizon as u32;
        settings.monthly_discount_rate = discount / 100.0;
        settings.margin_percent = margin;
        settings.penalizer = penalizer;
        r.done(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::days_from_civil;

    #[test]
    fn clv_defaults_follow_the_data_and_match_the_cli_reading() {
        // Events from 2024-11-01 to 2026-10-31 23:44:17.
        let period = Some((1_730_419_200, 1_793_490_257));
        let form = ClvForm::default();
        assert_eq!(form.calibration_end_text(period), "2026-04-30");
        assert_eq!(form.holdout_end_text(period), "2026-10-31");
        let settings = form.settings(period).unwrap();
        assert_eq!(settings.calibration_end, end_of_day("2026-04-30").unwrap());
        assert_eq!(settings.holdout_end, end_of_day("2026-10-31"));
        // 1 % a month is a rate of 0.01; 12 months; full margin: the engine's defaults.
        assert_eq!(
            (settings.monthly_discount_rate, settings.horizon_months, settings.margin_percent),
            (0.01, 12, 100.0)
        );
        // Dates picked for one dataset are not carried to another.
        let mut picked = form.clone();
        picked.set_date(period, Some("2026-01-31".into()), None);
        assert_eq!(picked.calibration_end_text(period), "2026-01-31");
        assert_eq!(picked.holdout_end_text(period), "2026-10-31");
        // Another dataset ending on day 400 (1971-02-05): the end of August 1970, six whole months
        // before February (the engine's one rule, shared with the back-test).
        assert_eq!(picked.calibration_end_text(Some((0, 86_400 * 400))), "1970-08-31");
        assert_eq!(days_from_civil(1971, 2, 5), 400);
    }

    #[test]
    fn clv_fields_say_what_is_wrong() {
        let period = Some((0, 86_400 * 400));
        let form = ClvForm {
            calibration_end: Some("1970-13-01".into()),
            period,
            horizon_months: 12.5,
            discount_percent: -120.0,
            margin_percent: f64::NAN,
            ..ClvForm::default()
        };
        let problems = form.settings(period).unwrap_err();
        assert_eq!(problems.get("clv.calibration_end"), Some(&FieldProblem::BadDate));
        assert_eq!(problems.get("clv.horizon_months"), Some(&FieldProblem::NotWhole));
        assert_eq!(problems.get("clv.monthly_discount_rate"), Some(&FieldProblem::Above { low: -100.0 }));
        assert_eq!(problems.get("clv.margin_percent"), Some(&FieldProblem::NotANumber));
        assert_eq!(ClvForm::default().settings(period).map(|s| s.uncertainty_draws), Ok(200));
        let draws = |draws: f64| ClvForm { draws, ..ClvForm::default() }.settings(period).map(|s| s.uncertainty_draws);
        assert_eq!(draws(0.0), Ok(0), "no intervals");
        assert_eq!(
            draws(2001.0).unwrap_err().get("clv.uncertainty_draws"),
            Some(&FieldProblem::Between { low: 0.0, high: 2000.0 })
        );
        let too_far = ClvForm { horizon_months: 601.0, ..ClvForm::default() };
        assert_eq!(
            too_far.settings(period).unwrap_err().get("clv.horizon_months"),
            Some(&FieldProblem::Between { low: 1.0, high: 600.0 })
        );
        let backwards = ClvForm {
            calibration_end: Some("1970-06-01".into()),
            holdout_end: Some("1970-05-01".into()),
            period,
            ..ClvForm::default()
        };
        assert_eq!(
            backwards.settings(period).unwrap_err().get("clv.holdout_end"),
            Some(&FieldProblem::HoldoutNotAfterCalibration)
        );
    }

    #[test]
    fn publishing_as_of_the_end_refits_up_to_the_last_day() {
        let period = Some((1_730_419_200, 1_793_490_257));
        let form = ClvForm::default();
        let checked = form.settings(period).unwrap();
        let published = form.publish_settings(&checked, period);
        assert_eq!(published.calibration_end, end_of_day("2026-10-31").unwrap());
        assert_eq!(published.holdout_end, None);
        let as_checked = ClvForm { publish_as_of_end: false, ..form }.publish_settings(&checked, period);
        assert_eq!(as_checked, checked);
    }
}
