//! What a slice asks of the rest of the page. A slice reducer changes only its own state; anything
//! that touches another slice comes back as an `Effect`, and the root reducer applies it.

use crate::engine::scenario::Scenario;
use crate::protocol::UserError;

use super::page::{Notice, Tab};
use super::scenarios::ScenarioId;

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    ShowError(UserError),
    ClearError,
    Notice(Notice),
    ShowTab(Tab),
    /// Other data was loaded: everything computed from the old data is dropped.
    DataReplaced,
    /// Model columns were added to (or lost from) the loaded data: the feature list is asked for
    /// again and anything computed from the data re-runs.
    DataColumnsChanged,
    /// Puts a scenario in place of one on screen.
    SetScenario {
        id: ScenarioId,
        scenario: Box<Scenario>,
    },
    /// Adds a scheme at the end of the list (the optimiser's best), while there is room.
    AddScenario {
        scenario: Box<Scenario>,
    },
}
