//! The thresholds of every risk rule, with their defaults and allowed ranges. Each number has one
//! `Limit` beside it; the page and the CLI label their inputs from these, never from a copy.

use serde::{Deserialize, Serialize};

use crate::engine::limits::{Limit, RangeError};

/// How far from normal a customer must be before a rule flags them (docs/model-notes/risk.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskSettings {
    /// Refund abuse needs at least this many refunds (a share of one or two refunds says little).
    pub refund_min_refunds: u32,
    /// ... and a refund share (of orders or of amount) at least this many times the population's ...
    pub refund_share_multiple: f64,
    /// ... and at least this share (0-1) in absolute terms.
    pub refund_share_floor: f64,
    /// Implausible velocity: at least this many purchases within 24 hours ...
    pub velocity_min_orders: u32,
    /// ... at least this many times the customer's own purchases per buying day elsewhere ...
    pub velocity_own_multiple: f64,
    /// ... and this many times the population's purchases per buying day.
    pub velocity_population_multiple: f64,
    /// Orders bunched just above a step: the step in currency units (a "spend 100" threshold or the
    /// spend that earns one redemption block).
    pub step_amount: f64,
    /// "Just above" = from a multiple of the step up to this percent of the step above it.
    pub step_margin_percent: f64,
    /// Needs at least this many orders just above a step ...
    pub step_min_orders: u32,
    /// ... making up at least this share (0-1) of the customer's purchases.
    pub step_share: f64,
    /// A split basket: at least this many purchases on one calendar day, each below the population's
    /// median order value, together at least that median.
    pub split_min_orders: u32,
    /// Flagged after this many days with a split basket.
    pub split_min_days: u32,
    /// Threshold gaming: the score at the end of a qualifying window is at most this percent above
    /// the tier bound the window's last month crossed ...
    pub gaming_just_above_percent: f64,
    /// ... and the last month added at least this many times the customer's average month before it.
    pub gaming_late_multiple: f64,
    /// Robust outliers: modified z-score (0.6745 (x - median) / MAD on log values) at least this.
    pub outlier_z: f64,
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings {
            refund_min_refunds: 3,
            refund_share_multiple: 4.0,
            refund_share_floor: 0.3,
            velocity_min_orders: 6,
            velocity_own_multiple: 3.0,
            velocity_population_multiple: 4.0,
            step_amount: 100.0,
            step_margin_percent: 5.0,
            step_min_orders: 5,
            step_share: 0.5,
            split_min_orders: 3,
            split_min_days: 2,
            gaming_just_above_percent: 5.0,
            gaming_late_multiple: 3.0,
            outlier_z: 3.5,
        }
    }
}

pub const REFUND_MIN_REFUNDS: Limit = Limit::whole("refund_min_refunds", 1.0, 1000.0);
pub const REFUND_SHARE_MULTIPLE: Limit = Limit::new("refund_share_multiple", 1.0, 100.0);
pub const REFUND_SHARE_FLOOR: Limit = Limit::new("refund_share_floor", 0.0, 1.0);
pub const VELOCITY_MIN_ORDERS: Limit = Limit::whole("velocity_min_orders", 2.0, 10_000.0);
pub const VELOCITY_OWN_MULTIPLE: Limit = Limit::new("velocity_own_multiple", 1.0, 100.0);
pub const VELOCITY_POPULATION_MULTIPLE: Limit = Limit::new("velocity_population_multiple", 1.0, 100.0);
pub const STEP_AMOUNT: Limit = Limit::new("step_amount", 0.01, 1e9);
pub const STEP_MARGIN_PERCENT: Limit = Limit::new("step_margin_percent", 0.1, 50.0);
pub const STEP_MIN_ORDERS: Limit = Limit::whole("step_min_orders", 2.0, 10_000.0);
pub const STEP_SHARE: Limit = Limit::new("step_share", 0.0, 1.0);
pub const SPLIT_MIN_ORDERS: Limit = Limit::whole("split_min_orders", 2.0, 1000.0);
pub const SPLIT_MIN_DAYS: Limit = Limit::whole("split_min_days", 1.0, 1000.0);
pub const GAMING_JUST_ABOVE_PERCENT: Limit = Limit::new("gaming_just_above_percent", 0.1, 100.0);
pub const GAMING_LATE_MULTIPLE: Limit = Limit::new("gaming_late_multiple", 1.0, 100.0);
pub const OUTLIER_Z: Limit = Limit::new("outlier_z", 1.0, 100.0);

impl RiskSettings {
    /// Every setting outside its range (empty when all are fine).
    pub fn check(&self) -> Vec<RangeError> {
        let checks: [(Limit, f64); 15] = [
            (REFUND_MIN_REFUNDS, f64::from(self.refund_min_refunds)),
            (REFUND_SHARE_MULTIPLE, self.refund_share_multiple),
            (REFUND_SHARE_FLOOR, self.refund_share_floor),
            (VELOCITY_MIN_ORDERS, f64::from(self.velocity_min_orders)),
            (VELOCITY_OWN_MULTIPLE, self.velocity_own_multiple),
            (VELOCITY_POPULATION_MULTIPLE, self.velocity_population_multiple),
            (STEP_AMOUNT, self.step_amount),
            (STEP_MARGIN_PERCENT, self.step_margin_percent),
            (STEP_MIN_ORDERS, f64::from(self.step_min_orders)),
            (STEP_SHARE, self.step_share),
            (SPLIT_MIN_ORDERS, f64::from(self.split_min_orders)),
            (SPLIT_MIN_DAYS, f64::from(self.split_min_days)),
            (GAMING_JUST_ABOVE_PERCENT, self.gaming_just_above_percent),
            (GAMING_LATE_MULTIPLE, self.gaming_late_multiple),
            (OUTLIER_Z, self.outlier_z),
        ];
        checks.iter().filter_map(|(limit, value)| limit.check(*value).err()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_inside_their_limits_and_bad_values_are_named() {
        assert!(RiskSettings::default().check().is_empty());
        let bad = RiskSettings { refund_share_floor: 1.5, split_min_days: 0, ..RiskSettings::default() };
        let fields: Vec<String> = bad.check().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["refund_share_floor", "split_min_days"]);
        let nan = RiskSettings { outlier_z: f64::NAN, ..RiskSettings::default() };
        assert_eq!(nan.check()[0].field, "outlier_z");
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let settings: RiskSettings = serde_json::from_str(r#"{"outlier_z": 5}"#).unwrap();
        assert_eq!(settings, RiskSettings { outlier_z: 5.0, ..RiskSettings::default() });
    }
}
