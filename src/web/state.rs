//! The page's single source of truth: one reducer. Components read `AppState` from context and
//! change it only by dispatching an `Action`; worker traffic arrives as actions too.

use std::rc::Rc;

use yew::Reducible;

use crate::engine::compare::Comparison;
use crate::engine::ingest::{DuplicatePolicy, Inspection, LoadSettings, MissingPolicy};
use crate::engine::progress::Stage;
use crate::engine::roles::{ColumnRole, DatasetShape};
use crate::engine::scenario::{Scenario, ScenarioError};
use crate::protocol::{DataSummary, JobId, Response, UserError};

use super::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Data,
    Compare,
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
    SampleCsv,
    /// Re-sending the data a fresh worker needs after a cancel or a crash; its answers only matter
    /// when they fail.
    Restore,
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
}

/// The starting pair: the template as A, and a copy named "B".
pub fn default_scenarios() -> [Scenario; 2] {
    let a = Scenario::template();
    let mut b = a.clone();
    b.name = "B".to_string();
    [a, b]
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
    CopyAToB,
    ResetScenario(Which),
    ImportScenario {
        which: Which,
        result: Result<Scenario, ScenarioError>,
    },
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
        }
        Rc::new(next)
    }
}

fn apply_response(state: &mut AppState, job: JobId, kind: JobKind, response: Response) {
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
            }
        }
        Response::Compared { comparison } => {
            // Answers arrive in the order sent; never let an older one replace a newer one.
            let newer = state.comparison.as_ref().is_none_or(|(shown, _)| job > *shown);
            if newer {
                state.comparison = Some((job, Rc::new(*comparison)));
            }
        }
        Response::Failed { error } => {
            // A failed startup restore is replaced by the sample: say so, not the raw error.
            if kind == (JobKind::Load { startup: true }) {
                push_notice(&mut state.notices, Notice::FileRestoreFailed);
            } else {
                state.error = Some(error);
            }
        }
        Response::Csv { .. } | Response::Ready | Response::Progress { .. } => {}
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
