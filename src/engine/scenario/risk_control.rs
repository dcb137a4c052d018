//! The scenario's risk option: keep flagged customers out of tiering, and the thresholds the flags
//! are judged by. Lives with the scenario (which carries it) rather than with the rules (which read
//! it), so the scenario document does not import the assessment.

use serde::{Deserialize, Serialize};

use crate::engine::risk::flags::FlagKind;
use crate::engine::risk::settings::RiskSettings;

/// The scenario option: keep flagged customers out of tiering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskControl {
    /// Customers with a flag of one of `exclude_kinds` are held in the lowest tier for the whole
    /// history: they stay in the data (their purchases, revenue and base-tier points count), are never
    /// upgraded, and their scores do not move share- or quantile-based bounds.
    pub exclude_flagged: bool,
    pub exclude_kinds: Vec<FlagKind>,
    pub settings: RiskSettings,
}

impl Default for RiskControl {
    fn default() -> Self {
        RiskControl {
            exclude_flagged: false,
            exclude_kinds: FlagKind::ABUSE.to_vec(),
            settings: RiskSettings::default(),
        }
    }
}

impl RiskControl {
    pub fn is_default(&self) -> bool {
        self == &RiskControl::default()
    }
}
