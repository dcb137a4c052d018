//! The Compare tab: the two schemes compared head to head (A and B unless the user picks others), their
//! comparison on screen, every scheme replayed beside the reference (when asked for), and which editor
//! sections are open (shared by every editor, so editors side by side stay aligned).

use std::collections::BTreeSet;
use std::rc::Rc;

use super::scenarios::ScenarioId;
use crate::engine::compare::Comparison;
use crate::engine::scenario::Scenario;
use crate::protocol::{JobId, SchemeComparison};

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

/// Every scheme replayed beside the reference, with what it was computed on (a replay of other
/// schemes than those on screen is shown as out of date).
#[derive(Clone, Debug, PartialEq)]
pub struct SchemesReplay {
    pub job: JobId,
    pub schemes: Vec<Rc<Scenario>>,
    pub reference: usize,
    /// Every scheme but the reference, in scheme order.
    pub comparisons: Rc<Vec<SchemeComparison>>,
}

impl SchemesReplay {
    /// Whether it was computed on these schemes with this reference.
    pub fn is_for(&self, schemes: &[Rc<Scenario>], reference: usize) -> bool {
        self.reference == reference && self.schemes == schemes
    }
}

/// A head-to-head comparison with the schemes it compared (`comparison.a` is `pair[0]`'s outcome).
#[derive(Clone, Debug, PartialEq)]
pub struct ShownComparison {
    pub job: JobId,
    pub pair: [ScenarioId; 2],
    pub comparison: Rc<Comparison>,
}

impl ShownComparison {
    /// The outcome of scheme `id` in this comparison, if it is one of the pair.
    pub fn outcome(&self, id: ScenarioId) -> Option<&crate::engine::pricing::ScenarioOutcome> {
        let position = self.pair.iter().position(|&p| p == id)?;
        Some(if position == 0 { &self.comparison.a } else { &self.comparison.b })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompareState {
    /// The two schemes compared head to head, left then right (never the same one twice). Read it
    /// through `pair_of`, which falls back to A and B when a scheme was removed.
    pair: [ScenarioId; 2],
    /// The comparison on screen.
    pub comparison: Option<ShownComparison>,
    /// Every scheme beside the reference, when replayed.
    pub replay: Option<SchemesReplay>,
    /// Editor sections the user opened.
    pub open_sections: BTreeSet<Section>,
}

impl Default for CompareState {
    fn default() -> Self {
        // Tiers first: they are what people come to change, and the rest is one click away.
        CompareState {
            pair: [ScenarioId::A, ScenarioId::B],
            comparison: None,
            replay: None,
            open_sections: BTreeSet::from([Section::Tiers]),
        }
    }
}

pub enum CompareAction {
    ToggleSection(Section),
    /// Compare `scheme` on `side` (0 left, 1 right); picking the scheme the other side shows swaps them.
    Pick {
        side: usize,
        scheme: ScenarioId,
    },
}

impl CompareState {
    pub fn reduce(&mut self, action: CompareAction) {
        match action {
            CompareAction::ToggleSection(section) => {
                if !self.open_sections.remove(&section) {
                    self.open_sections.insert(section);
                }
            }
            CompareAction::Pick { side, scheme } => {
                let side = side.min(1);
                if self.pair[1 - side] == scheme {
                    self.pair.swap(0, 1);
                } else {
                    self.pair[side] = scheme;
                }
            }
        }
    }

    /// The pair compared head to head among `schemes` schemes: the one picked, or A and B when a
    /// scheme it named has been removed since.
    pub fn pair_of(&self, schemes: usize) -> [ScenarioId; 2] {
        if self.pair.iter().all(|id| id.index() < schemes) {
            self.pair
        } else {
            [ScenarioId::A, ScenarioId::B]
        }
    }

    /// Answers arrive in the order sent; an older one never replaces a newer one.
    pub fn compared(&mut self, job: JobId, pair: [ScenarioId; 2], comparison: Comparison) {
        if self.comparison.as_ref().is_none_or(|shown| job > shown.job) {
            self.comparison = Some(ShownComparison { job, pair, comparison: Rc::new(comparison) });
        }
    }

    /// Answers arrive in the order sent; an older one never replaces a newer one.
    pub fn replayed(
        &mut self,
        job: JobId,
        schemes: Vec<Rc<Scenario>>,
        reference: usize,
        comparisons: Vec<SchemeComparison>,
    ) {
        if self.replay.as_ref().is_none_or(|shown| job > shown.job) {
            self.replay = Some(SchemesReplay { job, schemes, reference, comparisons: Rc::new(comparisons) });
        }
    }

    /// Other data: the comparisons belonged to the old one.
    pub fn data_replaced(&mut self) {
        self.comparison = None;
        self.replay = None;
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

    #[test]
    fn picking_a_pair_never_compares_a_scheme_with_itself() {
        let (a, b, c, d) = (ScenarioId::A, ScenarioId::B, ScenarioId::nth(2).unwrap(), ScenarioId::nth(3).unwrap());
        let mut compare = CompareState::default();
        assert_eq!(compare.pair_of(2), [a, b]);
        compare.reduce(CompareAction::Pick { side: 1, scheme: c });
        assert_eq!(compare.pair_of(3), [a, c]);
        compare.reduce(CompareAction::Pick { side: 0, scheme: c });
        assert_eq!(compare.pair_of(3), [c, a], "the right side's scheme picked on the left: swapped");
        compare.reduce(CompareAction::Pick { side: 1, scheme: d });
        assert_eq!(compare.pair_of(4), [c, d]);
        assert_eq!(compare.pair_of(3), [a, b], "D removed: back to A and B");
    }

    #[test]
    fn a_replay_of_every_scheme_knows_what_it_was_computed_on() {
        let schemes: Vec<Rc<Scenario>> =
            vec![Rc::new(Scenario::template()), Rc::new(Scenario::template_b()), Rc::new(Scenario::template())];
        let mut compare = CompareState::default();
        compare.replayed(4, schemes.clone(), 1, vec![]);
        compare.replayed(3, schemes[..2].to_vec(), 0, vec![]);
        let replay = compare.replay.clone().expect("the newer answer stays");
        assert_eq!(replay.job, 4);
        assert!(replay.is_for(&schemes, 1));
        assert!(!replay.is_for(&schemes, 0), "another reference");
        assert!(!replay.is_for(&schemes[..2], 1), "other schemes");
        compare.data_replaced();
        assert_eq!(compare.replay, None);
    }
}
