//! A head start: at launch a scheme gives its new (or all) members a push toward the next tier or
//! welcome points (endowed progress, Nunes & Dreze 2006: a card with 2 of 10 stamps pre-filled was
//! completed by 34 % of customers against 19 % for an empty card of 8).

use serde::{Deserialize, Serialize};

use crate::engine::limits::Limit;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadStart {
    pub members: HeadStartMembers,
    /// Points each eligible member gets at launch: spendable, expiring and priced like any points
    /// issued. When the tier score counts points (qualifying points) they count toward it too.
    #[serde(default)]
    pub welcome_points: f64,
    /// Share (percent) of the way from the member's current tier bound to the next tier's that is
    /// credited to their tier score at launch.
    #[serde(default)]
    pub progress_percent: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadStartMembers {
    /// Members who have not bought yet when the scheme starts.
    New,
    /// Every member.
    All,
}

impl HeadStart {
    pub const WELCOME_POINTS: Limit = Limit::new("head_start.welcome_points", 0.0, 1e6);
    /// Up to 90 %: a full head start would be a free upgrade, which is a different benefit.
    pub const PROGRESS_PERCENT: Limit = Limit::new("head_start.progress_percent", 0.0, 90.0);

    /// Whether a customer with `purchases` in the history gets the head start.
    pub fn applies_to(&self, purchases: u32) -> bool {
        match self.members {
            HeadStartMembers::All => true,
            HeadStartMembers::New => purchases == 0,
        }
    }
}
