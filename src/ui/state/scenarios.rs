//! The schemes being designed, as a list lettered by position (A, B, C, ... up to `MAX_SCHEMES`),
//! each with the problems of its last imported file, the reference the others are compared with,
//! and the library of scenarios saved in this browser.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::engine::scenario::{Assumptions, Scenario, ScenarioError, ASSUMPTIONS};
use crate::engine::simulate::SCHEMES;

/// The fewest schemes the page holds (a comparison needs two).
pub const MIN_SCHEMES: usize = 2;
/// The most schemes the page holds: as many as one simulation runs.
pub const MAX_SCHEMES: usize = SCHEMES.max as usize;

/// A scheme's id, shown as its letter: A, B, C, ... Letters follow the position in the list, so
/// removing B makes C the new B (as in the engine's results, stored sets and shared links); results
/// carry the scenarios they were computed on, so a result never silently changes owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScenarioId(u8);

impl ScenarioId {
    pub const A: ScenarioId = ScenarioId(0);
    pub const B: ScenarioId = ScenarioId(1);
    /// Letters run from A to Z.
    pub const MAX: usize = 26;

    pub fn nth(index: usize) -> Option<ScenarioId> {
        (index < Self::MAX).then(|| ScenarioId(index as u8))
    }

    /// Position in the list (A = 0).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    pub fn letter(self) -> char {
        char::from(b'A' + self.0)
    }

    /// The letter of the scheme at `index` in a result; '?' past Z (a result never holds that many).
    pub fn letter_at(index: usize) -> char {
        Self::nth(index).map_or('?', Self::letter)
    }

    /// The lower-case letter: the key in stored and shared JSON and in test ids (`a`, `b`, ...).
    pub fn key(self) -> String {
        self.letter().to_ascii_lowercase().to_string()
    }

    /// The starting scenario under this letter: the template as A and its points-instead-of-
    /// discounts variant as B, so the first comparison already shows a trade-off.
    pub fn default_scenario(self) -> Scenario {
        match self {
            ScenarioId::A => Scenario::template(),
            ScenarioId::B => Scenario::template_b(),
            other => Scenario { name: other.letter().to_string(), ..Scenario::template() },
        }
    }
}

/// A scenario kept in this browser's library under a name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LibraryEntry {
    pub name: String,
    pub scenario: Scenario,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioSlot {
    pub id: ScenarioId,
    pub scenario: Rc<Scenario>,
    /// Problems with the last scenario file imported into this slot.
    pub import_error: Option<ScenarioError>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioList {
    /// Never fewer than `MIN_SCHEMES` nor more than `MAX_SCHEMES`.
    slots: Vec<ScenarioSlot>,
    /// The scheme every other one is compared with (index into `slots`).
    reference: usize,
    pub library: Rc<Vec<LibraryEntry>>,
}

pub enum ScenarioAction {
    Set {
        id: ScenarioId,
        scenario: Scenario,
    },
    /// Changes the scenario as it is in the state when the action is applied (never a stale copy
    /// captured by an earlier render, which fast slider moves would otherwise overwrite).
    Edit {
        id: ScenarioId,
        change: Box<dyn FnOnce(&mut Scenario)>,
    },
    Reset(ScenarioId),
    Import {
        id: ScenarioId,
        result: Result<Scenario, ScenarioError>,
    },
    /// Copies one scenario over another, under the target's letter (`keep_name: false`) or keeping
    /// the target's name.
    CopyOver {
        from: ScenarioId,
        to: ScenarioId,
        keep_name: bool,
    },
    /// Sets one assumption, on one scenario or on all.
    SetAssumption {
        key: &'static str,
        value: f64,
        id: Option<ScenarioId>,
    },
    /// Every other scenario takes A's assumptions (they describe customers, not schemes).
    AlignAssumptions,
    ResetAssumptions,
    /// Saves a scenario in the library under its name (replacing an entry of the same name).
    SaveToLibrary(ScenarioId),
    LoadFromLibrary {
        index: usize,
        into: ScenarioId,
    },
    DeleteFromLibrary(usize),
    /// A new scheme at the end (the template under its letter), while fewer than `MAX_SCHEMES`.
    Add,
    /// A copy of a scheme at the end, named "<name> (<new letter>)", while fewer than `MAX_SCHEMES`.
    Duplicate(ScenarioId),
    /// Removes a scheme while more than `MIN_SCHEMES` remain; later letters move up one, and the
    /// reference stays on its scheme (A when the reference itself goes).
    Remove(ScenarioId),
    SetReference(ScenarioId),
}

impl ScenarioList {
    /// The scenarios in order (A, B, ...); fewer than two get the defaults for the missing letters.
    pub fn new(scenarios: Vec<Scenario>, library: Vec<LibraryEntry>) -> ScenarioList {
        let mut list = ScenarioList { slots: Vec::new(), reference: 0, library: Rc::new(library) };
        list.replace_all(scenarios);
        list
    }

    /// The scheme every other one is compared with.
    pub fn reference(&self) -> ScenarioId {
        self.slots.get(self.reference).map_or(ScenarioId::A, |s| s.id)
    }

    pub fn can_add(&self) -> bool {
        self.slots.len() < MAX_SCHEMES
    }

    pub fn can_remove(&self) -> bool {
        self.slots.len() > MIN_SCHEMES
    }

    pub fn slots(&self) -> &[ScenarioSlot] {
        &self.slots
    }

    pub fn ids(&self) -> impl Iterator<Item = ScenarioId> + '_ {
        self.slots.iter().map(|s| s.id)
    }

    /// The scenario under `id`; an id the list does not hold gives A (ids come from the list itself,
    /// so this does not happen, but a page must not fail on it).
    pub fn get(&self, id: ScenarioId) -> &Rc<Scenario> {
        &self.slot(id).unwrap_or(&self.slots[0]).scenario
    }

    pub fn import_error(&self, id: ScenarioId) -> Option<&ScenarioError> {
        self.slot(id).and_then(|s| s.import_error.as_ref())
    }

    /// A and B, the pair the Compare tab's editors show side by side.
    pub fn pair(&self) -> [Rc<Scenario>; 2] {
        [self.get(ScenarioId::A).clone(), self.get(ScenarioId::B).clone()]
    }

    /// Every scenario in order, for saving and sharing.
    pub fn scenarios(&self) -> Vec<Rc<Scenario>> {
        self.slots.iter().map(|s| s.scenario.clone()).collect()
    }

    fn slot(&self, id: ScenarioId) -> Option<&ScenarioSlot> {
        self.slots.iter().find(|s| s.id == id)
    }

    fn slot_mut(&mut self, id: ScenarioId) -> Option<&mut ScenarioSlot> {
        self.slots.iter_mut().find(|s| s.id == id)
    }

    /// Puts a scenario under `id` and forgets that slot's import problems.
    pub fn set(&mut self, id: ScenarioId, scenario: Scenario) {
        if let Some(slot) = self.slot_mut(id) {
            slot.scenario = Rc::new(scenario);
            slot.import_error = None;
        }
    }

    fn edit(&mut self, id: ScenarioId, change: impl FnOnce(&mut Scenario)) {
        if let Some(slot) = self.slot_mut(id) {
            change(Rc::make_mut(&mut slot.scenario));
        }
    }

    fn replace_all(&mut self, scenarios: Vec<Scenario>) {
        let mut scenarios: Vec<Scenario> = scenarios.into_iter().take(MAX_SCHEMES).collect();
        for index in scenarios.len()..MIN_SCHEMES {
            scenarios.push(ScenarioId::nth(index).map(ScenarioId::default_scenario).unwrap_or_else(Scenario::template));
        }
        self.slots = scenarios
            .into_iter()
            .enumerate()
            .filter_map(|(index, scenario)| {
                Some(ScenarioSlot { id: ScenarioId::nth(index)?, scenario: Rc::new(scenario), import_error: None })
            })
            .collect();
        self.reference = 0;
    }

    /// Sets the reference by position; a position the list does not hold leaves A.
    pub fn set_reference_index(&mut self, index: usize) {
        self.reference = if index < self.slots.len() { index } else { 0 };
    }

    /// Adds a scheme at the end under the next letter, while fewer than `MAX_SCHEMES`.
    pub fn push(&mut self, scenario: Scenario) {
        if let Some(id) = ScenarioId::nth(self.slots.len()).filter(|_| self.can_add()) {
            self.slots.push(ScenarioSlot { id, scenario: Rc::new(scenario), import_error: None });
        }
    }

    fn remove(&mut self, id: ScenarioId) {
        let index = id.index();
        if !self.can_remove() || index >= self.slots.len() {
            return;
        }
        self.slots.remove(index);
        for (position, slot) in self.slots.iter_mut().enumerate().skip(index) {
            slot.id = ScenarioId::nth(position).unwrap_or(slot.id);
        }
        self.reference = match self.reference {
            r if r == index => 0,
            r if r > index => r - 1,
            r => r,
        };
    }

    pub fn reduce(&mut self, action: ScenarioAction) {
        match action {
            ScenarioAction::Set { id, scenario } => {
                if let Some(slot) = self.slot_mut(id) {
                    slot.scenario = Rc::new(scenario);
                }
            }
            ScenarioAction::Edit { id, change } => self.edit(id, change),
            ScenarioAction::Reset(id) => self.set(id, id.default_scenario()),
            ScenarioAction::Import { id, result } => match result {
                Ok(scenario) => self.set(id, scenario),
                Err(error) => {
                    if let Some(slot) = self.slot_mut(id) {
                        slot.import_error = Some(error);
                    }
                }
            },
            ScenarioAction::CopyOver { from, to, keep_name } => {
                let mut copy = (**self.get(from)).clone();
                copy.name = if keep_name { self.get(to).name.clone() } else { to.letter().to_string() };
                self.set(to, copy);
            }
            ScenarioAction::SetAssumption { key, value, id } => {
                let Some(assumption) = ASSUMPTIONS.iter().find(|a| a.key == key) else { return };
                let targets: Vec<ScenarioId> = match id {
                    Some(id) => vec![id],
                    None => self.ids().collect(),
                };
                for target in targets {
                    self.edit(target, |s| assumption.set(&mut s.assumptions, value));
                }
            }
            ScenarioAction::AlignAssumptions => {
                let first = self.slots[0].scenario.assumptions.clone();
                for slot in self.slots.iter_mut().skip(1) {
                    Rc::make_mut(&mut slot.scenario).assumptions = first.clone();
                }
            }
            ScenarioAction::ResetAssumptions => {
                for slot in &mut self.slots {
                    Rc::make_mut(&mut slot.scenario).assumptions = Assumptions::default();
                }
            }
            ScenarioAction::SaveToLibrary(id) => {
                let scenario = (**self.get(id)).clone();
                self.save_entry(scenario.name.clone(), scenario);
            }
            ScenarioAction::LoadFromLibrary { index, into } => {
                if let Some(entry) = self.library.get(index).cloned() {
                    self.set(into, entry.scenario);
                }
            }
            ScenarioAction::DeleteFromLibrary(index) => {
                if index < self.library.len() {
                    Rc::make_mut(&mut self.library).remove(index);
                }
            }
            ScenarioAction::Add => {
                if let Some(id) = ScenarioId::nth(self.slots.len()) {
                    self.push(id.default_scenario());
                }
            }
            ScenarioAction::Duplicate(from) => {
                if let (Some(id), Some(slot)) = (ScenarioId::nth(self.slots.len()), self.slot(from)) {
                    let mut copy = (*slot.scenario).clone();
                    copy.name = format!("{} ({})", copy.name, id.letter());
                    self.push(copy);
                }
            }
            ScenarioAction::Remove(id) => self.remove(id),
            ScenarioAction::SetReference(id) => self.set_reference_index(id.index()),
        }
    }

    /// Adds or replaces the library entry with this name.
    pub fn save_entry(&mut self, name: String, scenario: Scenario) {
        let entries = Rc::make_mut(&mut self.library);
        match entries.iter_mut().find(|e| e.name == name) {
            Some(entry) => entry.scenario = scenario,
            None => entries.push(LibraryEntry { name, scenario }),
        }
    }

    /// Loads scenarios from a shared link in place of the ones on screen (with the link's reference),
    /// first saving each one that differs to the library as "<name> (<label>)". Returns whether any
    /// was saved.
    pub fn load_shared(&mut self, shared: Vec<Scenario>, reference: usize, label: &str) -> bool {
        let mut kept_previous = false;
        for (slot, incoming) in self.slots.clone().iter().zip(&shared) {
            if *slot.scenario != *incoming {
                self.save_entry(format!("{} ({label})", slot.scenario.name), (*slot.scenario).clone());
                kept_previous = true;
            }
        }
        self.replace_all(shared);
        self.set_reference_index(reference);
        kept_previous
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> ScenarioList {
        ScenarioList::new(Vec::new(), Vec::new())
    }

    #[test]
    fn ids_are_letters_and_keys() {
        assert_eq!((ScenarioId::A.letter(), ScenarioId::B.key()), ('A', "b".to_string()));
        assert_eq!(ScenarioId::nth(2).map(ScenarioId::letter), Some('C'));
        assert_eq!(ScenarioId::nth(26), None);
        let three = ScenarioList::new(vec![Scenario::template(), Scenario::template(), Scenario::template()], vec![]);
        assert_eq!(three.ids().map(ScenarioId::letter).collect::<String>(), "ABC");
        // Never fewer than A and B.
        let one = ScenarioList::new(vec![Scenario::template_b()], vec![]);
        assert_eq!(one.slots().len(), 2);
        assert_eq!(**one.get(ScenarioId::B), Scenario::template_b());
    }

    #[test]
    fn copying_resetting_and_importing_touch_only_the_target() {
        let mut list = list();
        list.reduce(ScenarioAction::Edit { id: ScenarioId::A, change: Box::new(|s| s.name = "Gold push".into()) });
        list.reduce(ScenarioAction::Import {
            id: ScenarioId::B,
            result: Err(ScenarioError::Shape { message: "x".into() }),
        });
        assert!(list.import_error(ScenarioId::B).is_some());
        // The Compare tab's copy names the copy after its letter; the simulator's keeps B's name.
        list.reduce(ScenarioAction::CopyOver { from: ScenarioId::A, to: ScenarioId::B, keep_name: false });
        assert_eq!(list.get(ScenarioId::B).name, "B");
        assert_eq!(list.import_error(ScenarioId::B), None);
        list.reduce(ScenarioAction::Edit { id: ScenarioId::B, change: Box::new(|s| s.name = "Mine".into()) });
        list.reduce(ScenarioAction::CopyOver { from: ScenarioId::A, to: ScenarioId::B, keep_name: true });
        assert_eq!(list.get(ScenarioId::B).name, "Mine");
        assert_eq!(list.get(ScenarioId::A).name, "Gold push");
        list.reduce(ScenarioAction::Reset(ScenarioId::A));
        assert_eq!(**list.get(ScenarioId::A), Scenario::template());
        assert_eq!(list.get(ScenarioId::B).name, "Mine");
    }

    #[test]
    fn assumptions_change_on_one_or_on_all() {
        let mut list = list();
        list.reduce(ScenarioAction::SetAssumption { key: "discount_elasticity", value: 3.0, id: Some(ScenarioId::B) });
        assert_eq!(list.get(ScenarioId::B).assumptions.discount_elasticity, 3.0);
        assert_eq!(list.get(ScenarioId::A).assumptions, Assumptions::default());
        list.reduce(ScenarioAction::AlignAssumptions);
        assert_eq!(list.get(ScenarioId::B).assumptions, Assumptions::default());
        list.reduce(ScenarioAction::SetAssumption { key: "goal_gradient", value: 0.1, id: None });
        assert!(list.slots().iter().all(|s| s.scenario.assumptions.goal_gradient == 0.1));
        list.reduce(ScenarioAction::SetAssumption { key: "no_such_assumption", value: 9.0, id: None });
        list.reduce(ScenarioAction::ResetAssumptions);
        assert!(list.slots().iter().all(|s| s.scenario.assumptions == Assumptions::default()));
    }

    #[test]
    fn the_library_saves_by_name_loads_and_deletes() {
        let mut list = list();
        list.reduce(ScenarioAction::SaveToLibrary(ScenarioId::B));
        list.reduce(ScenarioAction::Edit {
            id: ScenarioId::B,
            change: Box::new(|s| s.benefits[0].discount_percent = 1.0),
        });
        list.reduce(ScenarioAction::SaveToLibrary(ScenarioId::B));
        assert_eq!(list.library.len(), 1, "the same name replaces its entry");
        assert_eq!(list.library[0].scenario.benefits[0].discount_percent, 1.0);
        list.reduce(ScenarioAction::LoadFromLibrary { index: 0, into: ScenarioId::A });
        assert_eq!(**list.get(ScenarioId::A), list.library[0].scenario);
        list.reduce(ScenarioAction::LoadFromLibrary { index: 5, into: ScenarioId::A });
        list.reduce(ScenarioAction::DeleteFromLibrary(3));
        assert_eq!(list.library.len(), 1);
        list.reduce(ScenarioAction::DeleteFromLibrary(0));
        assert!(list.library.is_empty());
    }

    fn names(list: &ScenarioList) -> Vec<String> {
        list.slots().iter().map(|s| format!("{}:{}", s.id.letter(), s.scenario.name)).collect()
    }

    #[test]
    fn schemes_are_added_duplicated_and_removed_between_two_and_six() {
        let mut list = list();
        list.reduce(ScenarioAction::Duplicate(ScenarioId::B));
        list.reduce(ScenarioAction::Add);
        let b_name = Scenario::template_b().name;
        assert_eq!(names(&list)[2..], [format!("C:{b_name} (C)"), "D:D".to_string()]);
        assert_eq!(list.get(ScenarioId::nth(2).unwrap()).benefits, Scenario::template_b().benefits);
        list.reduce(ScenarioAction::Add);
        list.reduce(ScenarioAction::Add);
        assert_eq!(list.slots().len(), 6);
        assert!(!list.can_add());
        list.reduce(ScenarioAction::Add);
        list.reduce(ScenarioAction::Duplicate(ScenarioId::A));
        assert_eq!(list.slots().len(), 6, "one run simulates at most six schemes");
        // The reference follows its scheme when a letter before it goes.
        let d = ScenarioId::nth(3).unwrap();
        list.reduce(ScenarioAction::SetReference(d));
        list.reduce(ScenarioAction::Remove(ScenarioId::B));
        assert_eq!(names(&list)[1..3], [format!("B:{b_name} (C)"), "C:D".to_string()]);
        assert_eq!(list.reference(), ScenarioId::nth(2).unwrap());
        assert_eq!(list.get(list.reference()).name, "D");
        // Removing the reference makes A the reference; a letter after it leaves it alone.
        list.reduce(ScenarioAction::Remove(ScenarioId::nth(2).unwrap()));
        assert_eq!(list.reference(), ScenarioId::A);
        list.reduce(ScenarioAction::SetReference(ScenarioId::B));
        list.reduce(ScenarioAction::Remove(ScenarioId::nth(3).unwrap()));
        assert_eq!((list.slots().len(), list.reference()), (3, ScenarioId::B));
        list.reduce(ScenarioAction::Remove(ScenarioId::nth(2).unwrap()));
        assert!(!list.can_remove());
        list.reduce(ScenarioAction::Remove(ScenarioId::A));
        assert_eq!(list.ids().map(ScenarioId::letter).collect::<String>(), "AB", "never fewer than two");
        // A reference outside the list falls back to A.
        list.reduce(ScenarioAction::SetReference(ScenarioId::nth(4).unwrap()));
        assert_eq!(list.reference(), ScenarioId::A);
        // A shared set brings its own reference.
        list.load_shared(vec![Scenario::template(); 3], 2, "before");
        assert_eq!((list.slots().len(), list.reference()), (3, ScenarioId::nth(2).unwrap()));
    }
}
