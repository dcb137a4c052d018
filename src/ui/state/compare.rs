//! The Compare tab: the comparison of A and B on screen, and which editor sections are open (shared
//! by every editor, so editors side by side stay aligned).

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::engine::compare::Comparison;
use crate::protocol::JobId;

/// The collapsible parts of a scenario editor (`as_ref()` is the key in test ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::AsRefStr)]
#[strum(serialize_all = "snake_case")]
pub enum Section {
    Scoring,
    Tiers,
    Movement,
    Segments,
    Points,
    Benefits,
    Economics,
    /// The scheme's risk option (keep flagged customers out of tiering).
    Risk,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompareState {
    /// The comparison on screen and the job that produced it.
    pub comparison: Option<(JobId, Rc<Comparison>)>,
    /// Editor sections the user opened.
    pub open_sections: BTreeSet<Section>,
}

impl Default for CompareState {
    fn default() -> Self {
        // Tiers first: they are what people come to change, and the rest is one click away.
        CompareState { comparison: None, open_sections: BTreeSet::from([Section::Tiers]) }
    }
}

pub enum CompareAction {
    ToggleSection(Section),
}

impl CompareState {
    pub fn reduce(&mut self, action: CompareAction) {
        match action {
            CompareAction::ToggleSection(section) => {
                if !self.open_sections.remove(&section) {
                    self.open_sections.insert(section);
                }
            }
        }
    }

    /// Answers arrive in the order sent; an older one never replaces a newer one.
    pub fn compared(&mut self, job: JobId, comparison: Comparison) {
        if self.comparison.as_ref().is_none_or(|(shown, _)| job > *shown) {
            self.comparison = Some((job, Rc::new(comparison)));
        }
    }

    /// Other data: the comparison belonged to the old one.
    pub fn data_replaced(&mut self) {
        self.comparison = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_keys_stay_the_test_ids() {
        let keys: Vec<&str> = [
            Section::Scoring,
            Section::Tiers,
            Section::Movement,
            Section::Segments,
            Section::Points,
            Section::Benefits,
            Section::Economics,
        ]
        .iter()
        .map(|s| s.as_ref())
        .collect();
        assert_eq!(keys, ["scoring", "tiers", "movement", "segments", "points", "benefits", "economics"]);
    }

    #[test]
    fn sections_toggle_and_new_data_drops_the_comparison() {
        let mut compare = CompareState::default();
        compare.reduce(CompareAction::ToggleSection(Section::Points));
        assert_eq!(compare.open_sections, BTreeSet::from([Section::Tiers, Section::Points]));
        compare.reduce(CompareAction::ToggleSection(Section::Tiers));
        assert_eq!(compare.open_sections, BTreeSet::from([Section::Points]));
        compare.data_replaced();
        assert_eq!(compare.comparison, None);
    }
}
