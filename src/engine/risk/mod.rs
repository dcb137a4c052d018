//! Risk control: customers whose behaviour looks like abuse of the program or is far from everyone
//! else's, each flag with the figure behind it and the threshold it crossed, so the marketer can
//! review them and, if the scenario says so, keep them out of tiering. Results are typed values
//! (kind, figure, threshold, detail); the page and the CLI put them into words. The rules and their
//! defaults are written down in docs/model-notes/risk.md.

mod customer_rules;
mod gaming;
mod outliers;
pub mod planted;
pub mod robust;
pub mod settings;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use gaming::GamingContext;
pub use settings::RiskSettings;

use super::evaluate::{EvaluateError, PreparedData};
use super::progress::Progress;
use super::scenario::Scenario;
use robust::RobustScale;

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

/// A flagged customer and every reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlaggedCustomer {
    pub customer: u32,
    pub id: String,
    pub flags: Vec<Flag>,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleStatus {
    pub kind: FlagKind,
    pub state: RuleState,
    pub flagged: usize,
}

/// The population figures the rules compare customers with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PopulationFigures {
    pub buyers: usize,
    pub refund_share_of_orders: f64,
    pub refund_share_of_amount: f64,
    pub purchases_per_buying_day: f64,
    pub median_order_value: f64,
    /// Robust scales of log(1 + net spend), log(1 + purchases), log(1 + average order value) among buyers.
    pub spend: Option<RobustScale>,
    pub frequency: Option<RobustScale>,
    pub order_value: Option<RobustScale>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskReport {
    pub customers: usize,
    pub settings: RiskSettings,
    /// Flagged customers in customer order.
    pub flagged: Vec<FlaggedCustomer>,
    pub rules: Vec<RuleStatus>,
    pub population: PopulationFigures,
}

impl RiskReport {
    /// Per customer: holds a flag of one of `kinds`.
    pub fn mask(&self, kinds: &[FlagKind]) -> Vec<bool> {
        let mut mask = vec![false; self.customers];
        for flagged in &self.flagged {
            if flagged.flags.iter().any(|f| kinds.contains(&f.kind)) {
                mask[flagged.customer as usize] = true;
            }
        }
        mask
    }

    /// Customers with at least one flag of `kind`.
    pub fn count(&self, kind: FlagKind) -> usize {
        self.flagged.iter().filter(|c| c.flags.iter().any(|f| f.kind == kind)).count()
    }
}

/// Runs every rule the data allows. Threshold gaming runs only with `gaming` (a scenario's window
/// and the tier bounds it draws); `assess_for_scenario` supplies them from a scenario.
pub fn assess(
    data: &PreparedData,
    settings: &RiskSettings,
    gaming: Option<GamingContext>,
    progress: &mut dyn Progress,
) -> RiskReport {
    let customers = data.dataset.customer_count();
    let mut flags: Vec<Vec<Flag>> = vec![Vec::new(); customers];
    let mut population = PopulationFigures::default();
    let mut states = Vec::new();
    let event_state = match data.dataset.events.as_ref() {
        Some(log) => {
            customer_rules::apply(log, settings, &mut population, &mut flags, progress);
            RuleState::Applied
        }
        None => RuleState::NeedsEventLog,
    };
    for kind in [FlagKind::RefundAbuse, FlagKind::Velocity, FlagKind::StepBunching, FlagKind::SplitOrders] {
        states.push((kind, event_state));
    }
    let gaming_state = match (gaming, data.monthly.as_ref()) {
        (_, None) => RuleState::NeedsEventLog,
        (None, Some(_)) => RuleState::NeedsScenario,
        (Some(context), Some(monthly)) => gaming::apply(&context, data, monthly, settings, &mut flags),
    };
    states.push((FlagKind::ThresholdGaming, gaming_state));
    if let Ok(activity) = &data.activity {
        outliers::apply(activity, settings, &mut population, &mut flags);
    }
    for kind in [FlagKind::SpendOutlier, FlagKind::FrequencyOutlier, FlagKind::OrderValueOutlier] {
        states.push((kind, RuleState::Applied));
    }
    let ids = &data.dataset.customers.ids;
    let flagged: Vec<FlaggedCustomer> = flags
        .into_iter()
        .enumerate()
        .filter(|(_, f)| !f.is_empty())
        .map(|(c, flags)| FlaggedCustomer { customer: c as u32, id: ids[c].clone(), flags })
        .collect();
    let mut report = RiskReport { customers, settings: settings.clone(), flagged, rules: Vec::new(), population };
    report.rules =
        states.into_iter().map(|(kind, state)| RuleStatus { kind, state, flagged: report.count(kind) }).collect();
    report
}

/// `assess` with threshold gaming judged against `scenario`'s window and the bounds it draws on
/// everybody's final scores.
pub fn assess_for_scenario(
    data: &PreparedData,
    scenario: &Scenario,
    progress: &mut dyn Progress,
) -> Result<RiskReport, EvaluateError> {
    let context = gaming::context_for(scenario, data)?;
    Ok(assess(data, &scenario.risk.settings, context, progress))
}

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
