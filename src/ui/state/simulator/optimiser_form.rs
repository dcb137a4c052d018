//! The optimiser's form as typed: which scheme to start from, the factor lists and the optional
//! limits, read into the engine's search settings with the engine's own check of the lists.

use serde::{Deserialize, Serialize};

use crate::engine::simulate::optimise::{Constraints, OptimiserSettings};
use crate::ui::format::parse_number;

use super::super::scenarios::ScenarioId;

/// The optimiser's inputs as the user typed them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OptimiserForm {
    pub which: OptimiseWhich,
    pub threshold_scales: String,
    pub benefit_scales: String,
    /// Percent; empty = no limit.
    pub max_top_tier_percent: String,
    pub max_benefit_cost: String,
    /// Percent; empty = no limit.
    pub min_retention_percent: String,
    pub replications: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptimiseWhich {
    A,
    #[default]
    B,
}

impl OptimiseWhich {
    pub fn which(self) -> ScenarioId {
        match self {
            OptimiseWhich::A => ScenarioId::A,
            OptimiseWhich::B => ScenarioId::B,
        }
    }
}

/// Factors as the page lists them: `0.6, 0.8, 1, 1.25, 1.5`.
pub fn factor_list(values: &[f64]) -> String {
    values.iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(", ")
}

fn optional_text(value: Option<f64>) -> String {
    value.map(|v| format!("{v}")).unwrap_or_default()
}

impl Default for OptimiserForm {
    fn default() -> Self {
        let engine = OptimiserSettings::default();
        let Constraints { max_top_tier_share, max_benefit_cost, min_retention } = engine.constraints;
        OptimiserForm {
            which: OptimiseWhich::B,
            threshold_scales: factor_list(&engine.threshold_scales),
            benefit_scales: factor_list(&engine.benefit_scales),
            max_top_tier_percent: optional_text(max_top_tier_share.map(percent_of)),
            max_benefit_cost: optional_text(max_benefit_cost),
            min_retention_percent: optional_text(min_retention.map(percent_of)),
            replications: 5.0,
        }
    }
}

/// A 0-1 share in percent without floating-point noise (0.15 -> 15, not 15.000000000000002).
pub fn percent_of(share: f64) -> f64 {
    (share * 100.0 * 1e9).round() / 1e9
}

/// A list of factors as typed ("0.6, 0.8, 1"; commas, full-width commas, semicolons or spaces),
/// when the engine accepts it as the threshold (`thresholds`) or the benefit search list.
pub fn parse_factors(text: &str, thresholds: bool) -> Option<Vec<f64>> {
    let values: Option<Vec<f64>> =
        text.split([',', '，', ';', ' ']).filter(|t| !t.trim().is_empty()).map(parse_number).collect();
    let values = values?;
    let defaults = OptimiserSettings::default();
    let search = if thresholds {
        OptimiserSettings { threshold_scales: values.clone(), ..defaults }
    } else {
        OptimiserSettings { benefit_scales: values.clone(), ..defaults }
    };
    search.check().ok().map(|_| values)
}

/// An optional limit as typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LimitInput {
    None,
    /// A share (0-1, typed in percent) or an amount.
    At(f64),
    /// Not a number, negative, or a percentage above 100.
    Wrong,
}

/// An optional limit: empty = none; otherwise a number not below zero (and at most 100 for percents).
pub fn parse_limit(text: &str, percent: bool) -> LimitInput {
    if text.trim().is_empty() {
        return LimitInput::None;
    }
    match parse_number(text) {
        Some(v) if v >= 0.0 && (!percent || v <= 100.0) => LimitInput::At(if percent { v / 100.0 } else { v }),
        _ => LimitInput::Wrong,
    }
}

fn limit(text: &str, percent: bool) -> Option<Option<f64>> {
    match parse_limit(text, percent) {
        LimitInput::None => Some(None),
        LimitInput::At(v) => Some(Some(v)),
        LimitInput::Wrong => None,
    }
}

impl OptimiserForm {
    /// The engine's search settings for the form, or `None` while a field is wrong.
    pub fn search(&self) -> Option<OptimiserSettings> {
        Some(OptimiserSettings {
            threshold_scales: parse_factors(&self.threshold_scales, true)?,
            benefit_scales: parse_factors(&self.benefit_scales, false)?,
            constraints: Constraints {
                max_top_tier_share: limit(&self.max_top_tier_percent, true)?,
                max_benefit_cost: limit(&self.max_benefit_cost, false)?,
                min_retention: limit(&self.min_retention_percent, true)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factor_lists_and_limits_as_typed() {
        assert_eq!(OptimiserForm::default().search(), Some(OptimiserSettings::default()));
        // Search lists as typed: commas (also full-width) or spaces; the engine's limits.
        assert_eq!(parse_factors("0.6, 0.8，1  1.25", true), Some(vec![0.6, 0.8, 1.0, 1.25]));
        assert_eq!(parse_factors("0, 1", true), None, "a threshold factor of 0 means no tiers at all");
        assert_eq!(parse_factors("0, 1", false), Some(vec![0.0, 1.0]));
        assert_eq!(parse_factors(&vec!["1"; 13].join(","), false), None, "at most 12 factors");
        assert_eq!(parse_factors("1, 6", false), None);
        assert_eq!(parse_factors("one", false), None);
        assert_eq!(parse_factors("", false), None);
        assert_eq!(parse_limit("15", true), LimitInput::At(0.15));
        assert_eq!(parse_limit(" ", true), LimitInput::None);
        assert_eq!(parse_limit("120", true), LimitInput::Wrong);
        assert_eq!(parse_limit("-1", false), LimitInput::Wrong);
        assert_eq!(parse_limit("50,000", false), LimitInput::At(50_000.0));
    }
}
