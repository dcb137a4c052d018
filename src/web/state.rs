//! The page's single source of truth: one reducer. Components read `AppState` from context and
//! change it only by dispatching an `Action`; worker traffic arrives as actions too.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;

use crate::engine::compare::Comparison;
use crate::engine::explain::{Explanation, FeatureStats};
use crate::engine::ingest::{DuplicatePolicy, Inspection, LoadSettings, MissingPolicy};
use crate::engine::pricing::ScenarioOutcome;
use crate::engine::progress::Stage;
use crate::engine::roles::{ColumnRole, DatasetShape};
use crate::engine::scenario::{Scenario, ScenarioError};
use crate::protocol::{DataSummary, JobId, Response, UserError};

use super::i18n::Lang;
use super::lab::{LabAction, LabJob, LabState};
use super::sim_state::{self, SimAction, SimInputs, SimState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Data,
    Scoring,
    Compare,
    Lab,
    Simulator,
}

/// The collapsible parts of a scenario editor. Which are open is shared by A and B, so the two
/// editors side by side stay aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Scoring,
    Tiers,
    Movement,
    Segments,
    Points,
    Benefits,
    Economics,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Scoring,
        Section::Tiers,
        Section::Movement,
        Section::Segments,
        Section::Points,
        Section::Benefits,
        Section::Economics,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::Scoring => "scoring",
            Section::Tiers => "tiers",
            Section::Movement => "movement",
            Section::Segments => "segments",
            Section::Points => "points",
            Section::Benefits => "benefits",
            Section::Economics => "economics",
        }
    }
}

/// Scenario A (index 0) or B (index 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    A,
    B,
}

impl Which {
    pub fn index(self) -> usize {
        match self {
            Which::A => 0,
            Which::B => 1,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Which::A => "A",
            Which::B => "B",
        }
    }
}

/// What a job was sent for, so its answer lands in the right place.
#[derive(Clone, Debug, PartialEq)]
pub enum JobKind {
    LoadSample,
    Inspect {
        file_name: String,
    },
    /// `startup`: restoring the file saved in this browser (a failure falls back to the sample).
    Load {
        startup: bool,
    },
    Compare,
    /// The Scoring tab's live outcome of one scenario.
    Evaluate {
        which: Which,
    },
    /// The looked-up customer under one scenario.
    Explain {
        which: Which,
    },
    FeatureStats,
    SampleCsv,
    /// Re-sending the data a fresh worker needs after a cancel or a crash; its answers only matter
    /// when they fail.
    Restore,
    /// The Simulator tab's jobs; a simulation carries what it was run on.
    Simulate {
        inputs: Rc<SimInputs>,
    },
    Sensitivity {
        inputs: Rc<SimInputs>,
    },
    Optimise {
        which: Which,
    },
    Backtest,
    /// Sizes a field test from the simulation that job `simulation` produced.
    PlanFieldTest {
        simulation: JobId,
        significance: f64,
        power: f64,
    },
    /// A model lab job (CLV fit, training, segments).
    Lab(LabJob),
}

impl JobKind {
    /// Jobs the Scoring tab sends by itself while the user edits; quick, and shown in place.
    pub fn is_live(&self) -> bool {
        matches!(
            self,
            JobKind::Evaluate { .. } | JobKind::Explain { .. } | JobKind::FeatureStats | JobKind::PlanFieldTest { .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct JobInfo {
    pub id: JobId,
    pub kind: JobKind,
    pub stage: Option<Stage>,
    pub done: u64,
    pub total: u64,
}

impl JobInfo {
    /// 0-1, or `None` before the first progress report.
    pub fn fraction(&self) -> Option<f64> {
        (self.total > 0).then(|| (self.done as f64 / self.total as f64).clamp(0.0, 1.0))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineStatus {
    Starting,
    Ready,
    /// The worker could not be started at all: the page says so instead of staying blank.
    Failed,
}

/// Short informational messages (not errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    StorageCorrupt,
    FileRestored,
    FileRestoreFailed,
    EngineRestarted,
    Cancelled,
}

/// A file as inspected, with the user's pending decisions (roles, policies) before `Load`.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub file_name: String,
    pub inspection: Inspection,
    pub settings: LoadSettings,
    /// The draft describes the data currently loaded (nothing changed since).
    pub loaded: bool,
}

/// The Scoring tab's live view: one scenario's outcome and one customer's explanation, refreshed
/// while the scenario is edited.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Live {
    /// The outcome on screen, the job that produced it and the scenario it belongs to.
    pub outcome: Option<(JobId, Which, Rc<ScenarioOutcome>)>,
    pub explanation: Option<(JobId, Which, Rc<Explanation>)>,
    /// The customer id asked for (kept while the scenario changes, so the explanation follows).
    pub lookup: Option<String>,
    /// The id that matched no customer.
    pub unknown_customer: Option<String>,
    /// Why the live outcome could not be computed (shown in place of the results).
    pub error: Option<UserError>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub tab: Tab,
    pub engine: EngineStatus,
    /// Jobs sent and not answered yet, oldest first (the worker runs them in this order).
    pub jobs: Vec<JobInfo>,
    pub error: Option<UserError>,
    pub notices: Vec<Notice>,
    pub draft: Option<Rc<Draft>>,
    pub data: Option<Rc<DataSummary>>,
    /// Bumped on every completed load, so anything derived from the data (the comparison) re-runs.
    pub data_version: u32,
    pub scenarios: [Rc<Scenario>; 2],
    /// Problems with the last imported scenario file, per editor.
    pub import_errors: [Option<ScenarioError>; 2],
    /// The comparison on screen and the job that produced it.
    pub comparison: Option<(JobId, Rc<Comparison>)>,
    /// The scenario the Scoring tab works on.
    pub scoring_side: Which,
    pub live: Live,
    /// Distribution of every feature the loaded data provides (feeds the feature pickers).
    pub features: Option<Rc<Vec<FeatureStats>>>,
    /// Editor sections the user opened.
    pub open_sections: BTreeSet<Section>,
    /// The Simulator tab: its settings, scenario library and results.
    pub sim: SimState,
    /// The model lab: its settings, results and published columns.
    pub lab: LabState,
}

impl AppState {
    pub fn new(lang: Lang, scenarios: [Scenario; 2], notices: Vec<Notice>) -> AppState {
        let [a, b] = scenarios;
        AppState {
            lang,
            tab: Tab::Data,
            engine: EngineStatus::Starting,
            jobs: Vec::new(),
            error: None,
            notices,
            draft: None,
            data: None,
            data_version: 0,
            scenarios: [Rc::new(a), Rc::new(b)],
            import_errors: [None, None],
            comparison: None,
            scoring_side: Which::A,
            live: Live::default(),
            features: None,
            // Tiers first: they are what people come to change, and the rest is one click away.
            open_sections: BTreeSet::from([Section::Tiers]),
            sim: SimState::default(),
            lab: LabState::default(),
        }
    }

    pub fn scenario(&self, which: Which) -> &Scenario {
        &self.scenarios[which.index()]
    }

    /// The job the worker is running now (the oldest unanswered one).
    pub fn running_job(&self) -> Option<&JobInfo> {
        self.jobs.first()
    }

    pub fn compare_running(&self) -> bool {
        self.jobs.iter().any(|j| j.kind == JobKind::Compare)
    }

    /// A live evaluation or explanation is being computed.
    pub fn live_running(&self) -> bool {
        self.jobs.iter().any(|j| matches!(j.kind, JobKind::Evaluate { .. } | JobKind::Explain { .. }))
    }

    /// The latest outcome known for a scenario (the live one when it is for this scenario, else the
    /// comparison's), for hints such as where target shares put the bounds.
    pub fn latest_outcome(&self, which: Which) -> Option<&ScenarioOutcome> {
        let live = self.live.outcome.as_ref().filter(|(_, side, _)| *side == which).map(|(_, _, o)| o.as_ref());
        live.or_else(|| {
            self.comparison.as_ref().map(|(_, c)| match which {
                Which::A => &c.a,
                Which::B => &c.b,
            })
        })
    }
}

/// The starting pair: the template as A and its points-instead-of-discounts variant as B, so the
/// first comparison already shows a trade-off.
pub fn default_scenarios() -> [Scenario; 2] {
    [Scenario::template(), Scenario::template_b()]
}

pub enum Action {
    SetLang(Lang),
    SetTab(Tab),
    EngineReady,
    EngineFailed,
    /// A fresh worker replaced the old one (after a cancel or a crash). Jobs in flight are gone and
    /// the worker holds the loaded data again, so an unloaded draft is dropped.
    WorkerReplaced {
        crashed: bool,
    },
    JobSent(JobInfo),
    JobProgress {
        job: JobId,
        stage: Stage,
        done: u64,
        total: u64,
    },
    /// The final answer of a job.
    JobFinished {
        job: JobId,
        kind: JobKind,
        response: Response,
    },
    ShowError(UserError),
    DismissError,
    AddNotice(Notice),
    DismissNotice(Notice),
    SetRole {
        column: usize,
        role: ColumnRole,
    },
    SetShape(DatasetShape),
    SetMissing(MissingPolicy),
    SetDuplicates(DuplicatePolicy),
    UpdateScenario {
        which: Which,
        scenario: Scenario,
    },
    /// Changes the scenario as it is in the state when the action is applied (never a stale copy
    /// captured by an earlier render, which fast slider moves would otherwise overwrite).
    EditScenario {
        which: Which,
        change: Box<dyn FnOnce(&mut Scenario)>,
    },
    ToggleSection(Section),
    SetScoringSide(Which),
    /// Look up a customer by id on the Scoring tab.
    LookUp(String),
    CopyAToB,
    ResetScenario(Which),
    ImportScenario {
        which: Which,
        result: Result<Scenario, ScenarioError>,
    },
    /// The Simulator tab's own actions.
    Sim(SimAction),
    Lab(LabAction),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::SetTab(tab) => next.tab = tab,
            Action::EngineReady => next.engine = EngineStatus::Ready,
            Action::EngineFailed => next.engine = EngineStatus::Failed,
            Action::WorkerReplaced { crashed } => {
                next.jobs.clear();
                next.draft = next.data.as_ref().map(|data| Rc::new(draft_of_loaded(data)));
                let notice = if crashed { Notice::EngineRestarted } else { Notice::Cancelled };
                push_notice(&mut next.notices, notice);
                // The fresh worker's data lacks the model columns published into the old one.
                if next.lab.worker_replaced() {
                    next.features = None;
                    next.data_version += 1;
                }
            }
            Action::JobSent(info) => next.jobs.push(info),
            Action::JobProgress { job, stage, done, total } => {
                if let Some(info) = next.jobs.iter_mut().find(|j| j.id == job) {
                    info.stage = Some(stage);
                    info.done = done;
                    info.total = total;
                }
            }
            Action::JobFinished { job, kind, response } => {
                next.jobs.retain(|j| j.id != job);
                apply_response(&mut next, job, kind, response);
            }
            Action::ShowError(error) => next.error = Some(error),
            Action::DismissError => next.error = None,
            Action::AddNotice(notice) => push_notice(&mut next.notices, notice),
            Action::DismissNotice(notice) => next.notices.retain(|n| *n != notice),
            Action::SetRole { column, role } => edit_draft(&mut next, |d| {
                if let Some(slot) = d.settings.roles.get_mut(column) {
                    *slot = role;
                }
            }),
            Action::SetShape(shape) => edit_draft(&mut next, |d| d.settings.shape = shape),
            Action::SetMissing(policy) => edit_draft(&mut next, |d| d.settings.missing = policy),
            Action::SetDuplicates(policy) => edit_draft(&mut next, |d| d.settings.duplicates = policy),
            Action::UpdateScenario { which, scenario } => {
                next.scenarios[which.index()] = Rc::new(scenario);
            }
            Action::EditScenario { which, change } => {
                let mut scenario = (*next.scenarios[which.index()]).clone();
                change(&mut scenario);
                next.scenarios[which.index()] = Rc::new(scenario);
            }
            Action::ToggleSection(section) => {
                if !next.open_sections.remove(&section) {
                    next.open_sections.insert(section);
                }
            }
            Action::SetScoringSide(which) => next.scoring_side = which,
            Action::LookUp(id) => {
                let id = id.trim().to_string();
                let asked = (!id.is_empty()).then_some(id);
                // Asking again for the same unknown id keeps saying so (nothing is re-sent).
                if asked != next.live.lookup {
                    next.live.unknown_customer = None;
                }
                next.live.lookup = asked;
            }
            Action::CopyAToB => {
                let mut copy = (*next.scenarios[0]).clone();
                copy.name = "B".to_string();
                next.scenarios[1] = Rc::new(copy);
                next.import_errors[1] = None;
            }
            Action::ResetScenario(which) => {
                next.scenarios[which.index()] = Rc::new(default_scenarios()[which.index()].clone());
                next.import_errors[which.index()] = None;
            }
            Action::ImportScenario { which, result } => match result {
                Ok(scenario) => {
                    next.scenarios[which.index()] = Rc::new(scenario);
                    next.import_errors[which.index()] = None;
                }
                Err(error) => next.import_errors[which.index()] = Some(error),
            },
            Action::Sim(action) => sim_state::reduce(&mut next, action),
            Action::Lab(action) => next.lab.reduce(action),
        }
        Rc::new(next)
    }
}

fn apply_response(state: &mut AppState, job: JobId, kind: JobKind, response: Response) {
    if let JobKind::Lab(lab_job) = kind {
        return super::lab::state::apply_response(state, job, lab_job, response);
    }
    match response {
        Response::Inspected { inspection, settings } => {
            if let JobKind::Inspect { file_name } = kind {
                state.draft =
                    Some(Rc::new(Draft { file_name, inspection: *inspection, settings: *settings, loaded: false }));
                state.error = None;
            }
        }
        Response::Loaded { summary } => {
            if kind == (JobKind::Load { startup: true }) {
                push_notice(&mut state.notices, Notice::FileRestored);
            }
            if kind != JobKind::Restore {
                state.draft = Some(Rc::new(draft_of_loaded(&summary)));
                state.data = Some(Rc::new(*summary));
                state.data_version += 1;
                state.comparison = None;
                state.error = None;
                // Another population: the live view and the feature list are recomputed for it.
                state.live = Live { lookup: state.live.lookup.take(), ..Live::default() };
                state.features = None;
                state.lab.data_loaded();
            }
        }
        Response::Compared { comparison } => {
            // Answers arrive in the order sent; never let an older one replace a newer one.
            let newer = state.comparison.as_ref().is_none_or(|(shown, _)| job > *shown);
            if newer {
                state.comparison = Some((job, Rc::new(*comparison)));
            }
        }
        Response::Evaluated { outcome } => {
            if let JobKind::Evaluate { which } = kind {
                let newer = state.live.outcome.as_ref().is_none_or(|(shown, _, _)| job > *shown);
                if newer {
                    state.live.outcome = Some((job, which, Rc::new(*outcome)));
                    state.live.error = None;
                }
            }
        }
        Response::Explained { explanation } => {
            if let JobKind::Explain { which } = kind {
                let newer = state.live.explanation.as_ref().is_none_or(|(shown, _, _)| job > *shown);
                if newer {
                    state.live.explanation = Some((job, which, Rc::new(*explanation)));
                    state.live.unknown_customer = None;
                }
            }
        }
        Response::Features { stats } => state.features = Some(Rc::new(stats)),
        Response::Failed { error } => match (kind, error) {
            // A failed startup restore is replaced by the sample: say so, not the raw error.
            (JobKind::Load { startup: true }, _) => push_notice(&mut state.notices, Notice::FileRestoreFailed),
            // Said next to the lookup field, not as a page-wide error.
            (JobKind::Explain { .. }, UserError::UnknownCustomer { id }) => {
                state.live.unknown_customer = Some(id);
                state.live.explanation = None;
            }
            (JobKind::Evaluate { .. } | JobKind::Explain { .. }, error) => state.live.error = Some(error),
            // Without statistics the feature pickers offer every feature; the evaluation names
            // anything the data lacks.
            (JobKind::FeatureStats, _) => {}
            (kind, error) if kind.sim_panel().is_some() => sim_state::apply_failure(state, &kind, error),
            (_, error) => state.error = Some(error),
        },
        // Member-list files and the risk table: their views come with the page's next restructuring.
        Response::Csv { .. }
        | Response::File { .. }
        | Response::RiskAssessed { .. }
        | Response::Ready
        | Response::Progress { .. } => {}
        // Model lab and simulator answers: their tabs take them over (being built next).
        Response::ClvFitted { .. }
        | Response::TrainedValue { .. }
        | Response::TrainedTiers { .. }
        | Response::Segmented { .. } => {}
        response @ (Response::Simulated { .. }
        | Response::SensitivityDone { .. }
        | Response::Optimised { .. }
        | Response::Backtested { .. }
        | Response::FieldTestPlanned { .. }) => sim_state::apply_response(state, job, kind, response),
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

fn edit_draft(state: &mut AppState, change: impl FnOnce(&mut Draft)) {
    if let Some(draft) = &state.draft {
        let mut draft = (**draft).clone();
        change(&mut draft);
        draft.loaded = false;
        state.draft = Some(Rc::new(draft));
    }
}

fn push_notice(notices: &mut Vec<Notice>, notice: Notice) {
    if !notices.contains(&notice) {
        notices.push(notice);
    }
}
