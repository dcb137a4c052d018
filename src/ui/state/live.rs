//! The Scoring tab's live view: one scenario's outcome and one customer's explanation, refreshed
//! while the scenario is edited.

use std::rc::Rc;

use crate::engine::explain::Explanation;
use crate::engine::pricing::ScenarioOutcome;
use crate::protocol::{JobId, UserError};

use super::scenarios::ScenarioId;

#[derive(Clone, Debug, PartialEq)]
pub struct LiveState {
    /// The scenario the Scoring tab works on.
    pub side: ScenarioId,
    /// The outcome on screen, the job that produced it and the scenario it belongs to.
    pub outcome: Option<(JobId, ScenarioId, Rc<ScenarioOutcome>)>,
    pub explanation: Option<(JobId, ScenarioId, Rc<Explanation>)>,
    /// The customer id asked for (kept while the scenario changes, so the explanation follows).
    pub lookup: Option<String>,
    /// The id that matched no customer.
    pub unknown_customer: Option<String>,
    /// Why the live outcome could not be computed (shown in place of the results).
    pub error: Option<UserError>,
}

impl Default for LiveState {
    fn default() -> Self {
        LiveState {
            side: ScenarioId::A,
            outcome: None,
            explanation: None,
            lookup: None,
            unknown_customer: None,
            error: None,
        }
    }
}

pub enum LiveAction {
    SetSide(ScenarioId),
    /// Look up a customer by id.
    LookUp(String),
}

impl LiveState {
    pub fn reduce(&mut self, action: LiveAction) {
        match action {
            LiveAction::SetSide(id) => self.side = id,
            LiveAction::LookUp(id) => {
                let id = id.trim().to_string();
                let asked = (!id.is_empty()).then_some(id);
                // Asking again for the same unknown id keeps saying so (nothing is re-sent).
                if asked != self.lookup {
                    self.unknown_customer = None;
                }
                self.lookup = asked;
            }
        }
    }

    /// Answers arrive in the order sent; an older one never replaces a newer one.
    pub fn evaluated(&mut self, job: JobId, id: ScenarioId, outcome: ScenarioOutcome) {
        if self.outcome.as_ref().is_none_or(|(shown, _, _)| job > *shown) {
            self.outcome = Some((job, id, Rc::new(outcome)));
            self.error = None;
        }
    }

    pub fn explained(&mut self, job: JobId, id: ScenarioId, explanation: Explanation) {
        if self.explanation.as_ref().is_none_or(|(shown, _, _)| job > *shown) {
            self.explanation = Some((job, id, Rc::new(explanation)));
            self.unknown_customer = None;
        }
    }

    /// A live job failed: an unknown customer (asked for by an explanation) is said next to the
    /// lookup field, anything else in place of the results.
    pub fn failed(&mut self, explaining: bool, error: UserError) {
        match error {
            UserError::UnknownCustomer { id } if explaining => {
                self.unknown_customer = Some(id);
                self.explanation = None;
            }
            error => self.error = Some(error),
        }
    }

    /// Another population: the live view is recomputed for it (the customer asked for stays).
    pub fn data_replaced(&mut self) {
        *self = LiveState { side: self.side, lookup: self.lookup.take(), ..LiveState::default() };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looking_up_and_failing_stay_in_the_live_view() {
        let mut live = LiveState::default();
        live.reduce(LiveAction::LookUp("  ".into()));
        assert_eq!(live.lookup, None);
        live.reduce(LiveAction::LookUp(" C7 ".into()));
        live.failed(true, UserError::UnknownCustomer { id: "C7".into() });
        assert_eq!((live.lookup.as_deref(), live.unknown_customer.as_deref()), (Some("C7"), Some("C7")));
        // Asking again for the same id keeps saying it is unknown; another id clears that.
        live.reduce(LiveAction::LookUp("C7".into()));
        assert_eq!(live.unknown_customer.as_deref(), Some("C7"));
        live.reduce(LiveAction::LookUp("C8".into()));
        assert_eq!(live.unknown_customer, None);
        // An evaluation's failure is said in place of the results, never as an unknown customer.
        live.failed(false, UserError::UnknownCustomer { id: "C8".into() });
        assert_eq!(live.unknown_customer, None);
        assert!(live.error.is_some());
        live.reduce(LiveAction::SetSide(ScenarioId::B));
        live.data_replaced();
        assert_eq!((live.side, live.lookup.as_deref(), live.error.clone()), (ScenarioId::B, Some("C8"), None));
    }
}
