//! The data slice: the file as inspected with the user's pending decisions (roles, policies), the
//! data loaded in the worker, its version (bumped whenever anything derived from it must re-run),
//! and the statistics of every feature it provides.

use std::rc::Rc;

use crate::engine::explain::FeatureStats;
use crate::engine::ingest::{DuplicatePolicy, Inspection, LoadSettings, MissingPolicy};
use crate::engine::roles::{ColumnRole, DatasetShape};
use crate::protocol::DataSummary;

use super::effect::Effect;
use super::page::Notice;

/// A file as inspected, with the user's pending decisions (roles, policies) before `Load`.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub file_name: String,
    pub inspection: Inspection,
    pub settings: LoadSettings,
    /// The draft describes the data currently loaded (nothing changed since).
    pub loaded: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataState {
    pub draft: Option<Rc<Draft>>,
    pub summary: Option<Rc<DataSummary>>,
    /// Bumped on every completed load and every change of its columns, so anything derived from the
    /// data (the comparison, the live view) re-runs.
    pub version: u32,
    /// Distribution of every feature the loaded data provides (feeds the feature pickers).
    pub features: Option<Rc<Vec<FeatureStats>>>,
}

pub enum DataAction {
    SetRole { column: usize, role: ColumnRole },
    SetShape(DatasetShape),
    SetMissing(MissingPolicy),
    SetDuplicates(DuplicatePolicy),
}

impl DataState {
    pub fn reduce(&mut self, action: DataAction) {
        match action {
            DataAction::SetRole { column, role } => self.edit_draft(|d| {
                if let Some(slot) = d.settings.roles.get_mut(column) {
                    *slot = role;
                }
            }),
            DataAction::SetShape(shape) => self.edit_draft(|d| d.settings.shape = shape),
            DataAction::SetMissing(policy) => self.edit_draft(|d| d.settings.missing = policy),
            DataAction::SetDuplicates(policy) => self.edit_draft(|d| d.settings.duplicates = policy),
        }
    }

    pub fn is_loaded(&self) -> bool {
        self.summary.is_some()
    }

    /// A newly chosen file was read: its draft replaces the one on screen.
    pub fn inspected(&mut self, file_name: String, inspection: Inspection, settings: LoadSettings) -> Vec<Effect> {
        self.draft = Some(Rc::new(Draft { file_name, inspection, settings, loaded: false }));
        vec![Effect::ClearError]
    }

    /// Data was loaded (`restored`: the file saved in this browser, reopened on start).
    pub fn loaded(&mut self, summary: DataSummary, restored: bool) -> Vec<Effect> {
        self.draft = Some(Rc::new(draft_of_loaded(&summary)));
        self.summary = Some(Rc::new(summary));
        self.version += 1;
        // Another population: the feature list is recomputed for it.
        self.features = None;
        let mut effects = vec![Effect::DataReplaced, Effect::ClearError];
        if restored {
            effects.insert(0, Effect::Notice(Notice::FileRestored));
        }
        effects
    }

    pub fn features_computed(&mut self, stats: Vec<FeatureStats>) {
        self.features = Some(Rc::new(stats));
    }

    /// Model columns were added or lost: the features are asked for again, results re-run.
    pub fn columns_changed(&mut self) {
        self.features = None;
        self.version += 1;
    }

    /// A fresh worker holds the loaded data again: an unloaded draft is dropped.
    pub fn worker_replaced(&mut self) {
        self.draft = self.summary.as_ref().map(|data| Rc::new(draft_of_loaded(data)));
    }

    fn edit_draft(&mut self, change: impl FnOnce(&mut Draft)) {
        if let Some(draft) = &mut self.draft {
            let draft = Rc::make_mut(draft);
            change(draft);
            draft.loaded = false;
        }
    }
}

fn draft_of_loaded(summary: &DataSummary) -> Draft {
    Draft {
        file_name: summary.source_name.clone(),
        inspection: summary.inspection.clone(),
        settings: summary.settings.clone(),
        loaded: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use crate::protocol::{Request, Response};
    use crate::session::Session;

    fn summary() -> DataSummary {
        match Session::new().handle(Request::LoadSample { customers: 50, seed: 3 }, None, &mut Silent) {
            Response::Loaded { summary } => *summary,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_load_asks_the_other_slices_to_start_over() {
        let mut data = DataState::default();
        assert_eq!(data.loaded(summary(), false), [Effect::DataReplaced, Effect::ClearError]);
        assert_eq!(
            data.loaded(summary(), true),
            [Effect::Notice(Notice::FileRestored), Effect::DataReplaced, Effect::ClearError]
        );
        assert_eq!(data.version, 2);
        data.features_computed(Vec::new());
        data.columns_changed();
        assert_eq!((data.version, data.features.clone()), (3, None));
    }

    #[test]
    fn editing_the_draft_marks_it_not_loaded_until_a_fresh_worker_resets_it() {
        let mut data = DataState::default();
        data.reduce(DataAction::SetShape(DatasetShape::CustomerTable));
        assert_eq!(data.draft, None, "nothing to edit before a file");
        data.loaded(summary(), false);
        let shape = data.draft.as_ref().unwrap().settings.shape;
        let other = if shape == DatasetShape::EventLog { DatasetShape::CustomerTable } else { DatasetShape::EventLog };
        data.reduce(DataAction::SetShape(other));
        data.reduce(DataAction::SetRole { column: 999, role: ColumnRole::Ignore });
        let draft = data.draft.clone().unwrap();
        assert_eq!((draft.settings.shape, draft.loaded), (other, false));
        data.worker_replaced();
        assert_eq!(data.draft.as_ref().map(|d| (d.settings.shape, d.loaded)), Some((shape, true)));
    }
}
