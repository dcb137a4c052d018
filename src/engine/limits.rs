//! Checked parameters, one style for the whole engine (like linfa's checked hyper-parameters): every
//! number a user can set has one `Limit`, declared once beside the setting it bounds. The engine checks
//! with it and answers a `RangeError` naming the field, the value and the range; the page and the CLI
//! read the same `Limit` to label their inputs and never keep a copy of the numbers.

use serde::{Deserialize, Serialize};

/// The allowed range of one numeric setting.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Limit {
    /// The setting's key as it appears in requests and scenario files (`replications`,
    /// `assumptions.discount_elasticity`): an identifier the page maps to its own label, never prose.
    pub field: &'static str,
    pub min: f64,
    pub max: f64,
    /// Only whole numbers are allowed (counts, months, seeds).
    pub whole: bool,
}

/// A setting outside its `Limit` (or not a number at all: `value` is then NaN).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{field} must be {} between {min} and {max} (got {})", if *.whole { "a whole number" } else { "a number" }, shown(*.value))]
pub struct RangeError {
    pub field: String,
    #[serde(with = "crate::engine::json_float::nan_as_null")]
    pub value: f64,
    pub min: f64,
    pub max: f64,
    pub whole: bool,
}

fn shown(value: f64) -> String {
    if value.is_nan() {
        "no number".to_string()
    } else {
        format!("{value}")
    }
}

impl Limit {
    /// Any number in `min..=max`.
    pub const fn new(field: &'static str, min: f64, max: f64) -> Limit {
        Limit { field, min, max, whole: false }
    }

    /// A whole number in `min..=max`.
    pub const fn whole(field: &'static str, min: f64, max: f64) -> Limit {
        Limit { field, min, max, whole: true }
    }

    pub fn contains(&self, value: f64) -> bool {
        value.is_finite() && value >= self.min && value <= self.max && (!self.whole || value.fract() == 0.0)
    }

    /// The value when it is allowed, else the error that names this setting.
    pub fn check(&self, value: f64) -> Result<f64, RangeError> {
        if self.contains(value) {
            Ok(value)
        } else {
            Err(self.error(value))
        }
    }

    /// For settings held as integers (a count cannot be fractional, but it can be out of range).
    pub fn check_count(&self, value: u64) -> Result<u64, RangeError> {
        self.check(value as f64).map(|_| value)
    }

    /// The same limit under a more precise field path (`schemes[2].points.multiplier`).
    pub fn error_at(&self, field: impl Into<String>, value: f64) -> RangeError {
        RangeError { field: field.into(), ..self.error(value) }
    }

    pub fn error(&self, value: f64) -> RangeError {
        RangeError { field: self.field.to_string(), value, min: self.min, max: self.max, whole: self.whole }
    }

    /// `value` moved into the range (and rounded for whole numbers); NaN becomes `min`.
    pub fn clamp(&self, value: f64) -> f64 {
        let value = if value.is_nan() { self.min } else { value.clamp(self.min, self.max) };
        if self.whole {
            value.round()
        } else {
            value
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPS: Limit = Limit::whole("replications", 1.0, 500.0);
    const SHARE: Limit = Limit::new("share", 0.0, 1.0);

    #[test]
    fn whole_limits_refuse_fractions_and_values_outside() {
        assert_eq!(REPS.check(20.0), Ok(20.0));
        assert_eq!(REPS.check(1.0), Ok(1.0));
        assert_eq!(REPS.check(500.0), Ok(500.0));
        for bad in [0.0, 501.0, 2.5, f64::NAN, f64::INFINITY] {
            let error = REPS.check(bad).unwrap_err();
            assert_eq!((error.field.as_str(), error.min, error.max, error.whole), ("replications", 1.0, 500.0, true));
        }
        assert_eq!(REPS.check_count(600).unwrap_err().value, 600.0);
    }

    #[test]
    fn fractional_limits_accept_any_number_inside() {
        assert!(SHARE.contains(0.25));
        assert!(!SHARE.contains(-0.01));
        assert_eq!(SHARE.clamp(f64::NAN), 0.0);
        assert_eq!(REPS.clamp(2.6), 3.0);
        assert_eq!(REPS.clamp(1e9), 500.0);
    }

    #[test]
    fn the_message_names_field_value_and_range() {
        assert_eq!(
            REPS.check(0.0).unwrap_err().to_string(),
            "replications must be a whole number between 1 and 500 (got 0)"
        );
        assert_eq!(
            SHARE.error_at("schemes[1].share", f64::NAN).to_string(),
            "schemes[1].share must be a number between 0 and 1 (got no number)"
        );
    }

    #[test]
    fn a_range_error_survives_json_with_nan() {
        let error = SHARE.error(f64::NAN);
        let text = serde_json::to_string(&error).unwrap();
        let back: RangeError = serde_json::from_str(&text).unwrap();
        assert!(back.value.is_nan());
        assert_eq!(back.field, "share");
    }
}
