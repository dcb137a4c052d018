//! Risk control: customers whose behaviour looks like abuse of the program or is far from everyone
//! else's, each flag with the figure behind it and the threshold it crossed, so the marketer can
//! review them and, if the scenario says so, keep them out of tiering. Results are typed values
//! (kind, figure, threshold, detail); the page and the CLI put them into words. The rules and their
//! defaults are written down in docs/model-notes/risk.md.

mod customer_rules;
pub mod flags;
mod gaming;
mod outliers;
pub mod planted;
pub mod robust;
pub mod settings;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use flags::{Flag, FlagDetail, FlagKind, RefundBasis, RuleState};
pub use gaming::GamingContext;
pub use settings::RiskSettings;

use super::prepared::{EvaluateError, PreparedData};
use super::progress::Progress;
use super::scenario::Scenario;
use robust::RobustScale;

/// A flagged customer and every reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlaggedCustomer {
    pub customer: u32,
    pub id: String,
    pub flags: Vec<Flag>,
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
        .map(|(c, flags)| FlaggedCustomer { customer: c as u32, id: ids[c].to_string(), flags })
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
