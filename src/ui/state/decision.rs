//! The decision-support slice (Simulator tab): the optimiser's form and its best scheme, the
//! next-best benefit of every segment and category affinity, each with the data version it was
//! computed on. It reduces only itself; loading the best scheme into the scheme list is asked of
//! the scenarios through an effect.

use std::rc::Rc;

use crate::engine::optimise::affinity::SegmentAffinity;
use crate::engine::optimise::recommend::SegmentAdvice;
use crate::engine::optimise::segments::SegmentChoice;
use crate::engine::optimise::SchemeOptimum;
use crate::engine::scenario::Scenario;
use crate::protocol::{JobId, Request, Response, UserError};

use super::decision_form::{AdviceForm, OptimiseForm};
use super::effect::Effect;

/// The optimiser's answer with what it searched around.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimumRun {
    pub job: JobId,
    pub data_version: u32,
    /// The scheme searched around, as it was sent.
    pub base: Rc<Scenario>,
    pub result: Rc<SchemeOptimum>,
    /// The budget it was searched under (the frontier shows candidates over it too).
    pub budget: Option<f64>,
    /// The best scheme was added to the scheme list.
    pub loaded: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AdviceRun {
    pub job: JobId,
    pub data_version: u32,
    pub segments: SegmentChoice,
    pub advice: Rc<Vec<SegmentAdvice>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AffinityRun {
    pub job: JobId,
    pub data_version: u32,
    pub segments: SegmentChoice,
    /// `None`: the data has no category column.
    pub affinity: Option<Rc<Vec<SegmentAffinity>>>,
}

/// Which panel a job's answer or failure belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionPanel {
    Optimiser,
    Advice,
}

/// What a decision-support job was sent for.
#[derive(Clone, Debug, PartialEq)]
pub enum DecisionJob {
    Optimise { base: Rc<Scenario>, ranges: Box<crate::engine::optimise::SearchRanges> },
    Recommend { scheme: Rc<Scenario>, segments: SegmentChoice, settings: crate::engine::simulate::SimulationSettings },
    Affinity { segments: SegmentChoice },
}

impl DecisionJob {
    pub fn panel(&self) -> DecisionPanel {
        match self {
            DecisionJob::Optimise { .. } => DecisionPanel::Optimiser,
            DecisionJob::Recommend { .. } | DecisionJob::Affinity { .. } => DecisionPanel::Advice,
        }
    }

    /// The worker request for this job.
    pub fn request(&self) -> Request {
        match self {
            DecisionJob::Optimise { base, ranges } => {
                Request::Optimise { base: Box::new((**base).clone()), ranges: ranges.clone() }
            }
            DecisionJob::Recommend { scheme, segments, settings } => Request::Recommend {
                scheme: Box::new((**scheme).clone()),
                segments: segments.clone(),
                settings: settings.clone(),
            },
            DecisionJob::Affinity { segments } => Request::Affinity { segments: segments.clone() },
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DecisionState {
    /// `None` until the panel first shows (it starts from the scheme on screen then).
    pub form: Option<OptimiseForm>,
    pub advice_form: AdviceForm,
    pub optimum: Option<OptimumRun>,
    pub advice: Option<AdviceRun>,
    pub affinity: Option<AffinityRun>,
    pub errors: Vec<(DecisionPanel, UserError)>,
}

impl Default for DecisionState {
    fn default() -> Self {
        DecisionState {
            form: None,
            advice_form: AdviceForm::default(),
            optimum: None,
            advice: None,
            affinity: None,
            errors: Vec::new(),
        }
    }
}

pub enum DecisionAction {
    /// Searches around the scheme at `base` from the engine's default ranges for it.
    SearchAround {
        base: usize,
        scheme: Rc<Scenario>,
    },
    Form(Box<dyn FnOnce(&mut OptimiseForm)>),
    AdviceForm(Box<dyn FnOnce(&mut AdviceForm)>),
    /// Adds the best scheme to the scheme list under `name` (in the page's language).
    LoadBest {
        name: String,
    },
}

impl DecisionState {
    pub fn error(&self, panel: DecisionPanel) -> Option<&UserError> {
        self.errors.iter().find(|(p, _)| *p == panel).map(|(_, e)| e)
    }

    pub fn reduce(&mut self, action: DecisionAction) -> Vec<Effect> {
        match action {
            DecisionAction::SearchAround { base, scheme } => self.form = Some(OptimiseForm::around(base, &scheme)),
            DecisionAction::Form(change) => {
                if let Some(form) = &mut self.form {
                    change(form);
                }
            }
            DecisionAction::AdviceForm(change) => change(&mut self.advice_form),
            DecisionAction::LoadBest { name } => {
                if let Some(run) = self.optimum.as_mut().filter(|run| !run.loaded) {
                    run.loaded = true;
                    let scenario = Scenario { name, ..run.result.best.clone() };
                    return vec![Effect::AddScenario { scenario: Box::new(scenario) }];
                }
            }
        }
        Vec::new()
    }

    /// Routes an answer to its panel (`data_version`: the data it was computed on). Answers of one
    /// kind arrive in the order sent; an older one never replaces a newer one.
    pub fn answered(&mut self, job: JobId, sent: DecisionJob, response: Response, data_version: u32) -> Vec<Effect> {
        let panel = sent.panel();
        if !matches!(sent, DecisionJob::Affinity { .. }) {
            self.errors.retain(|(p, _)| *p != panel);
        }
        match (sent, response) {
            (DecisionJob::Affinity { .. }, Response::Failed { .. }) => {
                // The recommendation sent with it says what is wrong with the segments.
                self.affinity = None;
            }
            (_, Response::Failed { error }) => self.errors.push((panel, error)),
            (DecisionJob::Optimise { base, ranges }, Response::Optimised { result })
                if self.optimum.as_ref().is_none_or(|run| job > run.job) =>
            {
                let budget = ranges.constraints.max_benefit_cost;
                let result = Rc::new(*result);
                self.optimum = Some(OptimumRun { job, data_version, base, result, budget, loaded: false });
            }
            (DecisionJob::Recommend { segments, .. }, Response::Recommended { advice })
                if self.advice.as_ref().is_none_or(|run| job > run.job) =>
            {
                self.advice = Some(AdviceRun { job, data_version, segments, advice: Rc::new(advice) });
            }
            (DecisionJob::Affinity { segments }, Response::AffinityFound { affinity })
                if self.affinity.as_ref().is_none_or(|run| job > run.job) =>
            {
                self.affinity = Some(AffinityRun { job, data_version, segments, affinity: affinity.map(Rc::new) });
            }
            _ => {}
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::optimise::SearchRanges;
    use crate::engine::progress::Silent;
    use crate::engine::simulate::SimulationSettings;
    use crate::session::Session;

    fn optimise_job(session: &mut Session) -> (DecisionJob, Response) {
        let base = Rc::new(Scenario::template());
        let mut form = OptimiseForm::around(0, &base);
        form.ranges.thresholds = None;
        form.ranges.points_multiplier = None;
        form.ranges.welcome_points = None;
        form.ranges.discount_percent = None;
        (form.futures, form.sweeps, form.confirm_futures, form.months) = (2.0, 1.0, 2.0, 2.0);
        let ranges = form.request(&base).unwrap();
        let job = DecisionJob::Optimise { base, ranges: Box::new(ranges) };
        let answer = session.handle(job.request(), None, &mut Silent);
        (job, answer)
    }

    #[test]
    fn the_best_scheme_is_added_once_through_an_effect() {
        let mut session = Session::new();
        session.handle(Request::LoadSample { customers: 200, seed: 3 }, None, &mut Silent);
        let mut state = DecisionState::default();
        assert!(state.reduce(DecisionAction::LoadBest { name: "x".into() }).is_empty(), "nothing found yet");
        let (job, answer) = optimise_job(&mut session);
        let Response::Optimised { result } = &answer else { panic!("{answer:?}") };
        let best = result.best.clone();
        assert!(state.answered(4, job.clone(), answer.clone(), 1).is_empty());
        let run = state.optimum.as_ref().unwrap();
        assert_eq!((run.job, run.data_version, *run.base == Scenario::template()), (4, 1, true));
        let effects = state.reduce(DecisionAction::LoadBest { name: "Optimised A".into() });
        let expected = Scenario { name: "Optimised A".into(), ..best };
        assert_eq!(effects, [Effect::AddScenario { scenario: Box::new(expected) }]);
        assert!(state.optimum.as_ref().unwrap().loaded);
        assert!(state.reduce(DecisionAction::LoadBest { name: "again".into() }).is_empty(), "added once");
        // An older answer never replaces a newer one.
        state.answered(3, job, answer, 0);
        assert_eq!(state.optimum.as_ref().map(|r| r.job), Some(4));
    }

    #[test]
    fn failures_land_at_their_panel_and_a_newer_answer_clears_them() {
        let mut state = DecisionState::default();
        let recommend = DecisionJob::Recommend {
            scheme: Rc::new(Scenario::template()),
            segments: SegmentChoice::Rfm,
            settings: SimulationSettings::default(),
        };
        state.answered(1, recommend.clone(), Response::Failed { error: UserError::NoData }, 1);
        assert_eq!(state.error(DecisionPanel::Advice), Some(&UserError::NoData));
        assert_eq!(state.error(DecisionPanel::Optimiser), None);
        // The affinity sent beside it fails the same way and is not said twice.
        let affinity = DecisionJob::Affinity { segments: SegmentChoice::Rfm };
        state.answered(2, affinity.clone(), Response::Failed { error: UserError::NoData }, 1);
        assert_eq!(state.errors.len(), 1);
        state.answered(3, recommend, Response::Recommended { advice: vec![] }, 1);
        assert_eq!(state.error(DecisionPanel::Advice), None);
        assert_eq!(state.advice.as_ref().map(|a| (a.job, a.advice.len())), Some((3, 0)));
        state.answered(4, affinity, Response::AffinityFound { affinity: None }, 1);
        assert_eq!(state.affinity.as_ref().map(|a| a.affinity.is_none()), Some(true), "no category column");
        // An answer of another kind than the job's is dropped.
        let wrong = DecisionJob::Affinity { segments: SegmentChoice::Rfm };
        state.answered(5, wrong, Response::Recommended { advice: vec![] }, 1);
        assert_eq!(state.affinity.as_ref().map(|a| a.job), Some(4));
    }

    #[test]
    fn the_form_starts_around_the_chosen_scheme_and_changes_only_itself() {
        let mut state = DecisionState::default();
        state.reduce(DecisionAction::Form(Box::new(|f| f.budget = "1".into())));
        assert_eq!(state.form, None, "no form before a scheme is chosen");
        let b = Rc::new(Scenario::template_b());
        assert!(state.reduce(DecisionAction::SearchAround { base: 1, scheme: b.clone() }).is_empty());
        let form = state.form.clone().unwrap();
        assert_eq!((form.base, form.ranges.clone()), (1, SearchRanges::around(&b)));
        state.reduce(DecisionAction::Form(Box::new(|f| f.percentile = 20.0)));
        assert_eq!(state.form.as_ref().map(|f| f.percentile), Some(20.0));
        state.reduce(DecisionAction::AdviceForm(Box::new(|f| f.member_column = true)));
        assert!(state.advice_form.member_column);
    }
}
