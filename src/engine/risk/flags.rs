//! What a risk flag says (kind, figure, threshold, detail) and whether a rule could run: the typed
//! results every rule writes, kept apart from the rules so each rule imports them without importing
//! the assessment that runs it.

use serde::{Deserialize, Serialize};

/// What a flag is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Refund share of orders or of amount far above the population's.
    RefundAbuse,
    /// Far more purchases within 24 hours than the customer or anyone else usually makes in a day.
    Velocity,
    /// Points farming: many orders just above a spend step.
    StepBunching,
    /// Several small orders on one day that together make one ordinary basket.
    SplitOrders,
    /// The last month of a qualifying window lifted the score just over a tier bound.
    ThresholdGaming,
    /// Robust outliers (high side) of net spend, purchase count and average order value.
    SpendOutlier,
    FrequencyOutlier,
    OrderValueOutlier,
}

impl FlagKind {
    pub const ALL: [FlagKind; 8] = [
        FlagKind::RefundAbuse,
        FlagKind::Velocity,
        FlagKind::StepBunching,
        FlagKind::SplitOrders,
        FlagKind::ThresholdGaming,
        FlagKind::SpendOutlier,
        FlagKind::FrequencyOutlier,
        FlagKind::OrderValueOutlier,
    ];

    /// The kinds that suggest abuse of the program; outliers are unusual, not wrong (the best
    /// customers are outliers too), so only these are excluded from tiering by default.
    pub const ABUSE: [FlagKind; 5] = [
        FlagKind::RefundAbuse,
        FlagKind::Velocity,
        FlagKind::StepBunching,
        FlagKind::SplitOrders,
        FlagKind::ThresholdGaming,
    ];

    /// Stable machine name (the serde name).
    pub fn key(self) -> &'static str {
        match self {
            FlagKind::RefundAbuse => "refund_abuse",
            FlagKind::Velocity => "velocity",
            FlagKind::StepBunching => "step_bunching",
            FlagKind::SplitOrders => "split_orders",
            FlagKind::ThresholdGaming => "threshold_gaming",
            FlagKind::SpendOutlier => "spend_outlier",
            FlagKind::FrequencyOutlier => "frequency_outlier",
            FlagKind::OrderValueOutlier => "order_value_outlier",
        }
    }

    pub fn from_key(key: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One reason to look at a customer: the figure that crossed the threshold, and the context needed
/// to say it in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// The customer's value of the measure the rule tests (see `FlagDetail` for its unit).
    pub figure: f64,
    /// The value the figure had to reach.
    pub threshold: f64,
    pub detail: FlagDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FlagDetail {
    /// Figure: share (0-1) of orders refunded or of the amount refunded.
    Refunds { basis: RefundBasis, refunds: u32, purchases: u32, population_share: f64 },
    /// Figure: purchases within the 24 hours from `window_start`.
    Velocity {
        window_start: i64,
        /// Purchases per buying day outside that window (NaN, null in JSON, when there was none).
        #[serde(with = "crate::engine::json_float::nan_as_null")]
        own_rate: f64,
        population_rate: f64,
    },
    /// Figure: share (0-1) of purchases just above a multiple of `step`.
    StepBunching { just_above: u32, purchases: u32, step: f64 },
    /// Figure: days with a split basket.
    SplitOrders { orders: u32, first_day: i64, median_order_value: f64 },
    /// Figure: how far the window-end score is above the bound it crossed, in percent of the bound.
    ThresholdGaming {
        /// Tier entered (index, lowest = 0).
        tier: u8,
        bound: f64,
        score: f64,
        score_before_last_month: f64,
        /// `YYYY-MM` of the window's last month.
        month: String,
        /// Windows where this happened (the figures above are the latest).
        windows: u32,
    },
    /// Figure: modified z-score on log(1 + value).
    Outlier { value: f64, median: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundBasis {
    Orders,
    Amount,
}

/// Whether a rule could run on this data, and if not why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    Applied,
    /// A customer table has no individual orders or refunds.
    NeedsEventLog,
    /// Threshold gaming needs a scenario's tier bounds and qualifying window.
    NeedsScenario,
    /// The scenario's window never ends (lifetime, or rolling without evaluations): nothing to game.
    WindowNeverEnds,
}
