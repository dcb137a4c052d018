//! The page's single source of truth: one `AppState` made of slices, changed only through `Action`s
//! (worker traffic arrives as actions too). Each slice reduces itself and returns what it needs of
//! the others as `Effect`s; this root routes actions and answers to the slices and applies the
//! effects, so no slice ever sees the whole state.

use crate::engine::pricing::ScenarioOutcome;
use crate::engine::progress::Stage;
use crate::engine::scenario::Scenario;
use crate::protocol::{JobId, Response};
use crate::ui::i18n::lang::Lang;
use crate::ui::lab::LabSettings;
use crate::ui::share_link::{Decoded, LinkError};

use super::compare::{CompareAction, CompareState};
use super::data::{DataAction, DataState};
use super::decision::{DecisionAction, DecisionState};
use super::effect::Effect;
use super::jobs::{JobInfo, JobKind, Jobs};
use super::lab::{LabAction, LabState};
use super::live::{LiveAction, LiveState};
use super::operations::{OpsAction, OpsState, RiskRun};
use super::page::{EngineStatus, Notice, PageAction, PageState};
use super::scenarios::{LibraryEntry, ScenarioAction, ScenarioId, ScenarioList};
use super::simulator::{shared_problems, SharedLinkNotice, SimAction, SimSettings, SimState};

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub page: PageState,
    pub jobs: Jobs,
    pub data: DataState,
    pub scenarios: ScenarioList,
    pub compare: CompareState,
    /// The Scoring tab.
    pub live: LiveState,
    pub lab: LabState,
    pub sim: SimState,
    /// The optimiser, the next-best benefit and category affinity (Simulator tab).
    pub decision: DecisionState,
    /// The member list download and the flagged customers.
    pub ops: OpsState,
}

pub enum Action {
    Page(PageAction),
    Data(DataAction),
    Scenarios(ScenarioAction),
    Compare(CompareAction),
    Live(LiveAction),
    Lab(LabAction),
    Sim(SimAction),
    Decision(DecisionAction),
    Ops(OpsAction),
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
    /// The address carried a shared link: its scenarios replace the ones on screen (which are kept
    /// in the library under `label`), or it could not be read.
    OpenSharedLink {
        link: Result<Decoded, LinkError>,
        label: String,
    },
}

/// What the page starts from: the language, the saved scenarios and library, and notices about
/// anything saved that could not be read.
pub struct Restored {
    pub lang: Lang,
    pub scenarios: Vec<Scenario>,
    /// The reference scheme's position among `scenarios`.
    pub reference: usize,
    pub library: Vec<LibraryEntry>,
    pub sim_settings: SimSettings,
    pub lab_settings: LabSettings,
    pub notices: Vec<Notice>,
    /// Stored lab settings could not be read and were replaced by the defaults (said once).
    pub lab_settings_corrupt: bool,
}

impl Restored {
    /// A first visit: nothing stored.
    pub fn fresh(lang: Lang) -> Restored {
        Restored {
            lang,
            scenarios: Vec::new(),
            reference: 0,
            library: Vec::new(),
            sim_settings: SimSettings::default(),
            lab_settings: LabSettings::default(),
            notices: Vec::new(),
            lab_settings_corrupt: false,
        }
    }
}

impl AppState {
    pub fn new(restored: Restored) -> AppState {
        AppState {
            page: PageState::new(restored.lang, restored.notices),
            jobs: Jobs::default(),
            data: DataState::default(),
            scenarios: {
                let mut list = ScenarioList::new(restored.scenarios, restored.library);
                list.set_reference_index(restored.reference);
                list
            },
            compare: CompareState::default(),
            live: LiveState::default(),
            lab: LabState::new(restored.lab_settings, restored.lab_settings_corrupt),
            sim: SimState { settings: restored.sim_settings, ..SimState::default() },
            decision: DecisionState::default(),
            ops: OpsState::default(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.page.lang
    }

    pub fn reduce(&mut self, action: Action) {
        let effects = match action {
            Action::Page(action) => {
                self.page.reduce(action);
                Vec::new()
            }
            Action::Data(action) => {
                self.data.reduce(action);
                Vec::new()
            }
            Action::Scenarios(action) => {
                self.scenarios.reduce(action);
                Vec::new()
            }
            Action::Compare(action) => {
                self.compare.reduce(action);
                Vec::new()
            }
            Action::Live(action) => {
                self.live.reduce(action);
                Vec::new()
            }
            Action::Lab(action) => self.lab.reduce(action),
            Action::Sim(action) => self.sim.reduce(action),
            Action::Decision(action) => self.decision.reduce(action),
            Action::Ops(action) => {
                self.ops.reduce(action);
                Vec::new()
            }
            Action::EngineReady => {
                self.page.engine = EngineStatus::Ready;
                Vec::new()
            }
            Action::EngineFailed => {
                self.page.engine = EngineStatus::Failed;
                Vec::new()
            }
            Action::WorkerReplaced { crashed } => {
                self.jobs.clear();
                self.data.worker_replaced();
                self.page.notice(if crashed { Notice::EngineRestarted } else { Notice::Cancelled });
                // The fresh worker's data lacks the model columns published into the old one.
                self.lab.worker_replaced()
            }
            Action::JobSent(info) => {
                self.jobs.sent(info);
                Vec::new()
            }
            Action::JobProgress { job, stage, done, total } => {
                self.jobs.progress(job, stage, done, total);
                Vec::new()
            }
            Action::JobFinished { job, kind, response } => {
                self.jobs.finished(job);
                let response = super::operations::in_page_language(&kind, response, self.page.lang);
                self.answered(job, kind, response)
            }
            Action::OpenSharedLink { link, label } => self.open_shared_link(link, &label),
        };
        self.apply(effects);
    }

    /// Routes a job's answer to the slice that asked for it.
    fn answered(&mut self, job: JobId, kind: JobKind, response: Response) -> Vec<Effect> {
        match (kind, response) {
            (JobKind::Lab(lab_job), response) => self.lab.answered(job, lab_job, response),
            (JobKind::Sim(sim_job), response) => self.sim.answered(job, sim_job, response, self.data.version),
            (JobKind::Decision(sent), response) => self.decision.answered(job, sent, response, self.data.version),
            (JobKind::Inspect { file_name }, Response::Inspected { inspection, settings }) => {
                self.data.inspected(file_name, *inspection, *settings)
            }
            // Re-sent data is the data already on screen.
            (JobKind::Restore, Response::Loaded { .. }) => Vec::new(),
            (kind, Response::Loaded { summary }) => self.data.loaded(*summary, kind == JobKind::Load { startup: true }),
            (JobKind::Compare { pair }, Response::Compared { comparison }) => {
                self.compare.compared(job, pair, *comparison);
                Vec::new()
            }
            (JobKind::CompareSchemes { schemes, reference }, Response::SchemesCompared { comparisons, .. }) => {
                self.compare.replayed(job, schemes, reference, comparisons);
                Vec::new()
            }
            (JobKind::Evaluate { which }, Response::Evaluated { outcome }) => {
                self.live.evaluated(job, which, *outcome);
                Vec::new()
            }
            (JobKind::Explain { which }, Response::Explained { explanation }) => {
                self.live.explained(job, which, *explanation);
                Vec::new()
            }
            (JobKind::Members { .. }, Response::File { file_name, size, .. }) => {
                self.ops.member_file_ready(file_name, size);
                Vec::new()
            }
            (JobKind::Risk { which, scenario }, Response::RiskAssessed { report }) => {
                let data_version = self.data.version;
                self.ops.risk_assessed(RiskRun { job, data_version, which, scenario, report: report.into() });
                Vec::new()
            }
            (_, Response::Features { stats }) => {
                self.data.features_computed(stats);
                Vec::new()
            }
            (kind, Response::Failed { error }) => match kind {
                // A failed startup restore is replaced by the sample: say so, not the raw error.
                JobKind::Load { startup: true } => vec![Effect::Notice(Notice::FileRestoreFailed)],
                JobKind::Evaluate { .. } | JobKind::Explain { .. } => {
                    self.live.failed(matches!(kind, JobKind::Explain { .. }), error);
                    Vec::new()
                }
                // Without statistics the feature pickers offer every feature; the evaluation names
                // anything the data lacks.
                JobKind::FeatureStats => Vec::new(),
                _ => vec![Effect::ShowError(error)],
            },
            _ => Vec::new(),
        }
    }

    fn open_shared_link(&mut self, link: Result<Decoded, LinkError>, label: &str) -> Vec<Effect> {
        let notice = match link {
            Ok(decoded) => {
                let problems = shared_problems(&decoded.scenarios);
                let kept_previous = self.scenarios.load_shared(decoded.scenarios, decoded.reference, label);
                SharedLinkNotice::Loaded { problems, kept_previous }
            }
            Err(error) => SharedLinkNotice::Unreadable { error },
        };
        self.sim.reduce(SimAction::SharedLink(notice))
    }

    /// Applies what the slices asked of each other.
    fn apply(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::ShowError(error) => self.page.error = Some(error),
                Effect::ClearError => self.page.error = None,
                Effect::Notice(notice) => self.page.notice(notice),
                Effect::ShowTab(tab) => self.page.tab = tab,
                Effect::DataReplaced => {
                    self.compare.data_replaced();
                    self.live.data_replaced();
                    self.lab.data_loaded();
                    self.ops.data_replaced();
                }
                Effect::DataColumnsChanged => self.data.columns_changed(),
                Effect::SetScenario { id, scenario } => self.scenarios.set(id, *scenario),
                Effect::AddScenario { scenario } => self.scenarios.push(*scenario),
            }
        }
    }

    /// The latest outcome known for a scenario (the live one when it is for this scenario, else the
    /// comparison's), for hints such as where target shares put the bounds.
    pub fn latest_outcome(&self, id: ScenarioId) -> Option<&ScenarioOutcome> {
        let live = self.live.outcome.as_ref().filter(|(_, side, _)| *side == id).map(|(_, _, o)| o.as_ref());
        live.or_else(|| self.compare.comparison.as_ref().and_then(|shown| shown.outcome(id)))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::features::catalog::{Feature, FeatureKey};
    use crate::engine::models::segments::{SegmentCount, SegmentParams};
    use crate::engine::progress::Silent;
    use crate::engine::scenario::{Scenario, ScenarioError, Thresholds};
    use crate::protocol::{Request, UserError};
    use crate::session::Session;
    use crate::ui::share_link::decode;
    use crate::ui::state::{CompareAction, LabJob, ScenarioAction, Section, SimJob, SimPanel, Tab};

    use super::*;

    fn fresh() -> AppState {
        AppState::new(Restored::fresh(Lang::En))
    }

    /// A session with a small sample loaded, and the page after its answer.
    fn loaded() -> (Session, AppState) {
        let mut session = Session::new();
        let answer = session.handle(Request::LoadSample { customers: 300, seed: 7 }, None, &mut Silent);
        let mut state = fresh();
        finish(&mut state, 1, JobKind::LoadSample, answer);
        (session, state)
    }

    fn finish(state: &mut AppState, job: JobId, kind: JobKind, response: Response) {
        state.reduce(Action::JobSent(JobInfo { id: job, kind: kind.clone(), stage: None, done: 0, total: 0 }));
        state.reduce(Action::JobFinished { job, kind, response });
    }

    #[test]
    fn a_new_state_starts_on_the_templates_with_tiers_open() {
        let state = fresh();
        assert_eq!(state.scenarios.ids().collect::<Vec<_>>(), [ScenarioId::A, ScenarioId::B]);
        assert_eq!(**state.scenarios.get(ScenarioId::A), Scenario::template());
        assert_eq!(**state.scenarios.get(ScenarioId::B), Scenario::template_b());
        assert_eq!(state.page.tab, Tab::Data);
        assert!(state.compare.open_sections.contains(&Section::Tiers));
    }

    #[test]
    fn a_head_to_head_of_other_schemes_is_read_by_their_letters() {
        let (mut session, mut state) = loaded();
        let c = ScenarioId::nth(2).unwrap();
        state.reduce(Action::Scenarios(ScenarioAction::Duplicate(ScenarioId::B)));
        state.reduce(Action::Compare(CompareAction::Pick { side: 0, scheme: c }));
        state.reduce(Action::Compare(CompareAction::Pick { side: 1, scheme: ScenarioId::A }));
        let pair = state.compare.pair_of(state.scenarios.slots().len());
        assert_eq!(pair, [c, ScenarioId::A]);
        let [left, right] = pair.map(|id| (**state.scenarios.get(id)).clone());
        let compared =
            session.handle(Request::Compare { a: Box::new(left.clone()), b: Box::new(right) }, None, &mut Silent);
        finish(&mut state, 2, JobKind::Compare { pair }, compared);
        let shown = state.compare.comparison.clone().expect("the comparison is on screen");
        assert_eq!((shown.pair, shown.comparison.a.name.as_str()), (pair, left.name.as_str()));
        assert_eq!(state.latest_outcome(c), Some(&shown.comparison.a));
        assert_eq!(state.latest_outcome(ScenarioId::A), Some(&shown.comparison.b));
        assert_eq!(state.latest_outcome(ScenarioId::B), None, "B is not in this comparison");
        // C removed: the page falls back to A and B.
        state.reduce(Action::Scenarios(ScenarioAction::Remove(c)));
        assert_eq!(state.compare.pair_of(state.scenarios.slots().len()), [ScenarioId::A, ScenarioId::B]);
    }

    #[test]
    fn loading_data_resets_what_was_computed_from_the_old_data() {
        let (mut session, mut state) = loaded();
        assert_eq!(state.data.version, 1);
        assert_eq!(state.data.summary.as_ref().map(|d| d.customers), Some(300));
        assert!(state.data.draft.as_ref().is_some_and(|d| d.loaded));
        // A comparison and a live outcome on screen, a customer asked for, an error showing.
        let [a, b] = state.scenarios.pair();
        let compared = session.handle(
            Request::Compare { a: Box::new((*a).clone()), b: Box::new((*b).clone()) },
            None,
            &mut Silent,
        );
        finish(&mut state, 2, JobKind::Compare { pair: [ScenarioId::A, ScenarioId::B] }, compared);
        let evaluated = session.handle(Request::Evaluate { scenario: Box::new((*a).clone()) }, None, &mut Silent);
        finish(&mut state, 3, JobKind::Evaluate { which: ScenarioId::A }, evaluated);
        state.reduce(Action::Live(crate::ui::state::LiveAction::LookUp(" C00001 ".into())));
        state.reduce(Action::Page(PageAction::ShowError(UserError::NoData)));
        assert!(state.compare.comparison.is_some() && state.live.outcome.is_some());
        assert_eq!(state.latest_outcome(ScenarioId::A), state.live.outcome.as_ref().map(|(_, _, o)| &**o));
        // Reloading the data (the restored file on start says so).
        let again = session.handle(Request::LoadSample { customers: 300, seed: 7 }, None, &mut Silent);
        finish(&mut state, 4, JobKind::Load { startup: true }, again);
        assert_eq!(state.data.version, 2);
        assert_eq!(state.compare.comparison, None);
        assert_eq!((state.live.outcome.clone(), state.live.lookup.as_deref()), (None, Some("C00001")));
        assert_eq!(state.page.error, None);
        assert_eq!(state.page.notices, [Notice::FileRestored]);
        assert_eq!(state.jobs.running(), None, "every answered job is gone");
    }

    #[test]
    fn a_published_column_changes_the_data_and_a_fresh_worker_loses_it() {
        let (mut session, mut state) = loaded();
        let params = SegmentParams {
            features: vec![FeatureKey::from(Feature::Monetary), FeatureKey::from(Feature::Frequency)],
            k: SegmentCount::Fixed { k: 3 },
            ..SegmentParams::default()
        };
        let job = LabJob::Segment { params: Box::new(params), publish_as: Some("segment".into()), names: vec![] };
        let answer = session.handle(job.request(), None, &mut Silent);
        finish(&mut state, 2, JobKind::Lab(job), answer);
        assert!(state.lab.is_published("segment"));
        assert_eq!(state.data.version, 2, "anything computed from the data re-runs");
        assert_eq!(state.data.features, None, "the feature list is asked for again");
        // The worker is replaced after a cancel: the column is lost, said once, and results re-run.
        state.reduce(Action::WorkerReplaced { crashed: false });
        assert!(!state.lab.is_published("segment"));
        assert_eq!(state.lab.columns_lost, ["segment"]);
        assert_eq!(state.data.version, 3);
        assert_eq!(state.page.notices, [Notice::Cancelled]);
        // Without published columns a fresh worker changes nothing computed from the data.
        state.reduce(Action::WorkerReplaced { crashed: true });
        assert_eq!(state.data.version, 3);
        assert_eq!(state.page.notices, [Notice::Cancelled, Notice::EngineRestarted]);
    }

    #[test]
    fn failures_are_said_where_they_belong() {
        let mut state = fresh();
        finish(&mut state, 1, JobKind::Load { startup: true }, Response::Failed { error: UserError::NoData });
        assert_eq!((state.page.notices.clone(), state.page.error.clone()), (vec![Notice::FileRestoreFailed], None));
        finish(&mut state, 2, JobKind::FeatureStats, Response::Failed { error: UserError::NoData });
        assert_eq!(state.page.error, None, "pickers then offer every feature");
        let unknown = UserError::UnknownCustomer { id: "X".into() };
        finish(&mut state, 3, JobKind::Explain { which: ScenarioId::B }, Response::Failed { error: unknown });
        assert_eq!((state.live.unknown_customer.as_deref(), state.live.error.clone()), (Some("X"), None));
        finish(&mut state, 4, JobKind::Sim(SimJob::Backtest), Response::Failed { error: UserError::NoData });
        assert_eq!(state.sim.error(SimPanel::Backtest), Some(&UserError::NoData));
        assert_eq!(state.page.error, None);
        finish(
            &mut state,
            5,
            JobKind::Compare { pair: [ScenarioId::A, ScenarioId::B] },
            Response::Failed { error: UserError::NoData },
        );
        assert_eq!(state.page.error, Some(UserError::NoData));
    }

    #[test]
    fn a_shared_link_replaces_the_scenarios_and_keeps_the_old_ones() {
        let mut state = fresh();
        state.reduce(Action::Scenarios(ScenarioAction::Edit {
            id: ScenarioId::A,
            change: Box::new(|s| s.name = "Mine".into()),
        }));
        state.reduce(Action::Scenarios(ScenarioAction::Import {
            id: ScenarioId::B,
            result: Err(ScenarioError::Shape { message: "bad".into() }),
        }));
        let mut shared_b = Scenario::template_b();
        shared_b.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![500.0, 100.0, 2000.0] };
        let mine = (**state.scenarios.get(ScenarioId::A)).clone();
        let fragment = crate::ui::share_link::encode(&[&mine, &shared_b], 0);
        let link = decode(&fragment).unwrap().unwrap();
        state.reduce(Action::OpenSharedLink { link: Ok(link), label: "before the link".into() });
        assert_eq!(**state.scenarios.get(ScenarioId::B), shared_b);
        assert_eq!(state.scenarios.import_error(ScenarioId::B), None);
        let names: Vec<&str> = state.scenarios.library.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["B (before the link)"], "A was already the same");
        assert_eq!(state.page.tab, Tab::Simulator);
        let Some(SharedLinkNotice::Loaded { problems, kept_previous: true }) = &state.sim.shared_link else {
            panic!("{:?}", state.sim.shared_link)
        };
        // Problems stay typed, to be said in whatever language is on screen.
        assert!(problems[0].problems.is_empty());
        assert_eq!(problems[1].id, ScenarioId::B);
        assert!(problems[1].problems.iter().any(|p| p.field.starts_with("tiers.thresholds")), "{problems:?}");
        // An unreadable link changes no scenario.
        let before = state.scenarios.clone();
        state.reduce(Action::OpenSharedLink { link: Err(LinkError::Damaged), label: String::new() });
        assert_eq!(state.scenarios, before);
        assert_eq!(state.sim.shared_link, Some(SharedLinkNotice::Unreadable { error: LinkError::Damaged }));
    }

    #[test]
    fn a_shared_link_brings_every_scheme_and_its_reference() {
        let mut state = fresh();
        let c = Scenario { name: "Points only".into(), ..Scenario::template_b() };
        let fragment = crate::ui::share_link::encode(&[&Scenario::template(), &Scenario::template_b(), &c], 2);
        state.reduce(Action::OpenSharedLink { link: Ok(decode(&fragment).unwrap().unwrap()), label: "before".into() });
        assert_eq!(state.scenarios.ids().map(ScenarioId::letter).collect::<String>(), "ABC");
        assert_eq!(state.scenarios.reference(), ScenarioId::nth(2).unwrap());
        assert_eq!(state.scenarios.get(state.scenarios.reference()).name, "Points only");
        // A restored page keeps its reference too.
        let restored = Restored { scenarios: vec![Scenario::template(); 3], reference: 1, ..Restored::fresh(Lang::Zh) };
        assert_eq!(AppState::new(restored).scenarios.reference(), ScenarioId::B);
    }

    #[test]
    fn the_optimisers_best_is_added_as_a_new_scheme_through_an_effect() {
        let (mut session, mut state) = loaded();
        let base = state.scenarios.get(ScenarioId::A).clone();
        let mut ranges = crate::engine::optimise::SearchRanges {
            free_shipping_from: Some(crate::engine::optimise::ValueRange { min: 1.0, max: 4.0 }),
            ..Default::default()
        };
        ranges.search = crate::engine::optimise::SearchEffort {
            replications: 2,
            sweeps: 1,
            confirm_replications: 2,
            months: 2,
            seed: 1,
        };
        let job = crate::ui::state::DecisionJob::Optimise { base, ranges: Box::new(ranges) };
        let answer = session.handle(job.request(), None, &mut Silent);
        finish(&mut state, 2, JobKind::Decision(job), answer);
        let best = state.decision.optimum.as_ref().expect("the answer is on screen").result.best.clone();
        state.reduce(Action::Decision(crate::ui::state::DecisionAction::LoadBest { name: "A optimised".into() }));
        assert_eq!(state.scenarios.ids().map(ScenarioId::letter).collect::<String>(), "ABC");
        let c = state.scenarios.get(ScenarioId::nth(2).unwrap());
        assert_eq!(**c, Scenario { name: "A optimised".into(), ..best });
        assert_eq!(state.scenarios.reference(), ScenarioId::A, "the reference stays");
        state.reduce(Action::Compare(CompareAction::ToggleSection(Section::Tiers)));
        assert!(state.compare.open_sections.is_empty());
    }
}
