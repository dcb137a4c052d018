//! The schemes' evaluations on the history, kept from one simulation to the next. Evaluating a
//! scheme replays every customer's history month by month (scores, tiers, points): in the browser
//! that is about a third of a second per scheme at 100,000 customers, paid by every worker of the
//! pool on every run. A scheme's history depends only on the scheme and the data, so a worker that
//! simulates the same schemes again (another horizon, seed or number of futures; a second run)
//! reuses it. The caller forgets them when the data changes.

use super::prepare::{calendar_after_history, join_months, scheme_letter, SchemeHistory};
use super::settings::SimulateError;
use crate::engine::evaluate::PreparedData;
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;

/// Data with more customers than this keeps no histories after a simulation: each takes a few hundred
/// bytes per customer and scheme, which a big file's worker needs for the Model lab's fits.
pub const KEPT_CUSTOMERS: usize = 500_000;

/// The histories of the last simulation's schemes, each with the scheme it is the history of.
#[derive(Default)]
pub struct KeptHistories {
    kept: Vec<(Scenario, SchemeHistory)>,
}

impl KeptHistories {
    /// Keeps the histories of `schemes` (already validated) on `data`: those kept already are
    /// reused, the others evaluated; histories of other schemes are let go.
    pub fn update(
        &mut self,
        schemes: &[Scenario],
        data: &PreparedData,
        progress: &mut dyn Progress,
    ) -> Result<(), SimulateError> {
        let mut old = std::mem::take(&mut self.kept);
        // The history ends where the data does, whatever the horizon: no simulated month is needed.
        let calendar = calendar_after_history(data, 0);
        let join = join_months(data, data.dataset.customer_count());
        for (i, scheme) in schemes.iter().enumerate() {
            let history = match old.iter().position(|(kept, _)| kept == scheme) {
                Some(at) => old.swap_remove(at).1,
                None => SchemeHistory::new(&scheme_letter(i), scheme, data, &join, &calendar, progress)?,
            };
            self.kept.push((scheme.clone(), history));
        }
        Ok(())
    }

    /// The histories of `schemes`, in their order, if every one is kept.
    pub fn of(&self, schemes: &[Scenario]) -> Option<Vec<&SchemeHistory>> {
        schemes.iter().map(|s| self.kept.iter().find(|(kept, _)| kept == s).map(|(_, h)| h)).collect()
    }

    pub fn forget(&mut self) {
        self.kept.clear();
    }
}
