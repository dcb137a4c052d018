//! The model lab's forms as the user types them (numbers may be half-typed, dates may be wrong),
//! kept in localStorage, and turned into worker requests only when every field reads: otherwise the
//! problems come back field by field so the page can show each next to its input. Engine checks
//! (`check()` of the hyper-parameters) run here too, so a value out of range is said at the field
//! before anything is sent. One file per form.

pub mod clv_form;
pub mod dates;
pub mod predict_form;
pub mod problems;
pub mod segment_form;

use serde::{Deserialize, Serialize};

pub use clv_form::ClvForm;
pub use predict_form::{
    recommended_features, ForestForm, PredictForm, PredictInputs, PredictRequest, TargetChoice, TierModelKind,
    TreeForm, ValueModelKind, DEFAULT_HOLDOUT_MONTHS, DEFAULT_TIER_COLUMN, DEFAULT_VALUE_COLUMN,
};
pub use problems::{publish_name_problem, range_problem, FieldProblem, Problems};
pub use segment_form::{segment_name_problems, SegmentForm, DEFAULT_SEGMENT_COLUMN};

/// The three parts of the lab (`as_ref()` is the key in test ids and stored settings).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter, strum::AsRefStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum LabSection {
    #[default]
    Clv,
    Predict,
    Segments,
}

/// Every form of the lab, as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabSettings {
    pub section: LabSection,
    pub clv: ClvForm,
    pub predict: PredictForm,
    pub segments: SegmentForm,
}

/// Reads stored settings; `None` for anything unreadable. Fields missing from an older version
/// take their defaults.
pub fn read_settings(text: &str) -> Option<LabSettings> {
    serde_json::from_str(text).ok()
}

/// The settings as stored, or `None` when they would not read back (a half-typed number is NaN,
/// which JSON cannot hold): the last complete version is kept instead.
pub fn stored_text(settings: &LabSettings) -> Option<String> {
    let text = serde_json::to_string(settings).ok()?;
    read_settings(&text).is_some().then_some(text)
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn stored_settings_read_back_or_are_not_stored() {
        let mut settings = LabSettings::default();
        settings.section = LabSection::Segments;
        let text = stored_text(&settings).unwrap();
        assert_eq!(read_settings(&text), Some(settings.clone()));
        // A half-typed number is not stored (it would not read back).
        settings.clv.horizon_months = f64::NAN;
        assert_eq!(stored_text(&settings), None);
        // Older content without newer fields gets the defaults; garbage is refused.
        let old = read_settings(r#"{"section":"predict","clv":{"margin_percent":40}}"#).unwrap();
        assert_eq!((old.section, old.clv.margin_percent, old.clv.horizon_months), (LabSection::Predict, 40.0, 12.0));
        assert_eq!(read_settings("{not json"), None);
        assert_eq!(read_settings(r#"{"section":"nonsense"}"#), None);
    }

    #[test]
    fn section_keys_are_the_stored_ones() {
        let keys: Vec<String> = LabSection::iter().map(|s| s.as_ref().to_string()).collect();
        assert_eq!(keys, ["clv", "predict", "segments"]);
        let stored: Vec<String> = LabSection::iter().map(|s| serde_json::to_string(&s).unwrap()).collect();
        assert_eq!(stored, [r#""clv""#, r#""predict""#, r#""segments""#]);
    }
}
