//! The Simulator tab's slice: its settings (kept in this browser) and the answers of the
//! simulator's jobs with the inputs that produced them, so the page can say when a result no longer
//! matches the scenarios on screen. The scenario library lives with the scenarios.

pub mod settings;

use std::rc::Rc;

use crate::engine::scenario::{Problem, Scenario};
use crate::engine::simulate::backtest::BacktestResult;
use crate::engine::simulate::baseline::FallbackReason;
use crate::engine::simulate::planner::FieldTestPlan;
use crate::engine::simulate::sensitivity::SensitivityResult;
use crate::engine::simulate::{SimulationResult, SimulationSettings};
use crate::protocol::{JobId, Response, UserError};
use crate::ui::share_link::LinkError;

use super::effect::Effect;
use super::scenarios::ScenarioId;

pub use settings::{lab_purchase_choice, percent_of, with_lab_choice, IntervalLevel, SimSettings};

/// What a simulation was run on: a result whose inputs differ from the page's is out of date.
#[derive(Clone, Debug, PartialEq)]
pub struct SimInputs {
    /// The schemes in order (A, B, ...).
    pub schemes: Vec<Rc<Scenario>>,
    /// The scheme the others are compared with (index into `schemes`).
    pub reference: usize,
    pub settings: SimulationSettings,
    pub data_version: u32,
}

impl SimInputs {
    /// The schemes as a request carries them.
    pub fn scenarios(&self) -> Vec<Scenario> {
        self.schemes.iter().map(|s| (**s).clone()).collect()
    }

    /// The gross margin (0-1) every scheme shares, when they all share one: the no-program line's
    /// margin on the margin chart.
    pub fn shared_gross_margin(&self) -> Option<f64> {
        let first = self.schemes.first()?.economics.gross_margin_percent;
        self.schemes.iter().all(|s| s.economics.gross_margin_percent == first).then_some(first / 100.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SimRun {
    pub job: JobId,
    pub inputs: Rc<SimInputs>,
    pub result: Rc<SimulationResult>,
    /// Why the simple baseline was used, when it was.
    pub baseline_note: Option<FallbackReason>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityRun {
    pub job: JobId,
    pub inputs: Rc<SimInputs>,
    pub result: Rc<SensitivityResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanRun {
    /// The simulation whose effect it sizes, and the significance and power asked for.
    pub simulation: JobId,
    pub significance: f64,
    pub power: f64,
    pub plan: Rc<FieldTestPlan>,
}

/// A shared link opened on this page: what arrived and what is wrong with it, kept as typed values
/// and said in the language of the moment.
#[derive(Clone, Debug, PartialEq)]
pub enum SharedLinkNotice {
    /// The scenarios were loaded; each one's problems are shown at the fields too. `kept_previous`:
    /// the scenarios on screen before were saved to the library.
    Loaded { problems: Vec<SharedProblems>, kept_previous: bool },
    /// The link could not be read; nothing was changed.
    Unreadable { error: LinkError },
}

/// The validation problems of one scenario that arrived by link, with its tier names (problems name
/// tiers by position).
#[derive(Clone, Debug, PartialEq)]
pub struct SharedProblems {
    pub id: ScenarioId,
    pub tier_names: Vec<String>,
    pub problems: Vec<Problem>,
}

/// Which simulator panel a failure belongs to (it is shown there, not only at the top).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimPanel {
    Run,
    Sensitivity,
    Backtest,
    FieldTest,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimState {
    pub settings: SimSettings,
    pub run: Option<SimRun>,
    pub sensitivity: Option<SensitivityRun>,
    pub backtest: Option<(JobId, u32, Rc<BacktestResult>)>,
    pub plan: Option<PlanRun>,
    pub shared_link: Option<SharedLinkNotice>,
    pub errors: Vec<(SimPanel, UserError)>,
}

impl SimState {
    pub fn error(&self, panel: SimPanel) -> Option<&UserError> {
        self.errors.iter().find(|(p, _)| *p == panel).map(|(_, e)| e)
    }
}

/// What a simulator job was sent for; a simulation carries what it was run on.
#[derive(Clone, Debug, PartialEq)]
pub enum SimJob {
    Simulate {
        inputs: Rc<SimInputs>,
    },
    Sensitivity {
        inputs: Rc<SimInputs>,
    },
    Backtest,
    /// Sizes a field test from the simulation that job `simulation` produced.
    PlanFieldTest {
        simulation: JobId,
        significance: f64,
        power: f64,
    },
}

impl SimJob {
    /// The panel whose answer this job brings (and where its failure is said).
    pub fn panel(&self) -> SimPanel {
        match self {
            SimJob::Simulate { .. } => SimPanel::Run,
            SimJob::Sensitivity { .. } => SimPanel::Sensitivity,
            SimJob::Backtest => SimPanel::Backtest,
            SimJob::PlanFieldTest { .. } => SimPanel::FieldTest,
        }
    }
}

pub enum SimAction {
    Settings(Box<dyn FnOnce(&mut SimSettings)>),
    /// Shows what a shared link brought (or why it could not be read).
    SharedLink(SharedLinkNotice),
    DismissSharedLink,
}

impl SimState {
    pub fn reduce(&mut self, action: SimAction) -> Vec<Effect> {
        match action {
            SimAction::Settings(change) => change(&mut self.settings),
            SimAction::SharedLink(notice) => {
                self.shared_link = Some(notice);
                return vec![Effect::ShowTab(super::page::Tab::Simulator)];
            }
            SimAction::DismissSharedLink => self.shared_link = None,
        }
        Vec::new()
    }

    /// Routes a simulator answer to its place (`data_version`: the data it was computed on); none
    /// asks anything of another slice.
    /// Answers of one kind arrive in the order sent; an older one never replaces a newer one.
    pub fn answered(&mut self, job: JobId, sim_job: SimJob, response: Response, data_version: u32) -> Vec<Effect> {
        let panel = sim_job.panel();
        self.errors.retain(|(p, _)| *p != panel);
        match (sim_job, response) {
            (_, Response::Failed { error }) => self.errors.push((panel, error)),
            (SimJob::Simulate { inputs }, Response::Simulated { result, baseline_note })
                if self.run.as_ref().is_none_or(|run| job > run.job) =>
            {
                self.run = Some(SimRun { job, inputs, result: Rc::new(*result), baseline_note });
            }
            (SimJob::Sensitivity { inputs }, Response::SensitivityDone { result })
                if self.sensitivity.as_ref().is_none_or(|run| job > run.job) =>
            {
                self.sensitivity = Some(SensitivityRun { job, inputs, result: Rc::new(*result) });
            }
            (SimJob::Backtest, Response::Backtested { result }) => {
                self.backtest = Some((job, data_version, Rc::new(*result)));
            }
            (SimJob::PlanFieldTest { simulation, significance, power }, Response::FieldTestPlanned { plan }) => {
                self.plan = Some(PlanRun { simulation, significance, power, plan: Rc::new(*plan) });
            }
            _ => {}
        }
        Vec::new()
    }
}

/// What a shared link's scenarios bring to the page: each one's validation problems, kept typed.
pub fn shared_problems(scenarios: &[Scenario]) -> Vec<SharedProblems> {
    scenarios
        .iter()
        .enumerate()
        .filter_map(|(index, scenario)| {
            Some(SharedProblems {
                id: ScenarioId::nth(index)?,
                tier_names: scenario.tiers.names.clone(),
                problems: scenario.validate(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::simulate::planner::FieldTestPlan;
    use crate::ui::state::page::Tab;

    fn plan(significance: f64) -> Response {
        Response::FieldTestPlanned {
            plan: Box::new(FieldTestPlan { significance, power: 0.8, durations: vec![], recommended_months: None }),
        }
    }

    #[test]
    fn answers_and_failures_land_at_their_panel() {
        let mut sim = SimState::default();
        let job = |simulation| SimJob::PlanFieldTest { simulation, significance: 0.05, power: 0.8 };
        assert!(sim.answered(4, job(2), Response::Failed { error: UserError::NoData }, 1).is_empty());
        assert_eq!(sim.error(SimPanel::FieldTest), Some(&UserError::NoData));
        assert_eq!(sim.error(SimPanel::Run), None);
        sim.answered(5, job(2), plan(0.05), 1);
        assert_eq!(sim.error(SimPanel::FieldTest), None, "a newer answer clears the panel's error");
        assert_eq!(sim.plan.as_ref().map(|p| (p.simulation, p.significance)), Some((2, 0.05)));
        // An answer of another kind than the job's is dropped.
        sim.answered(6, SimJob::Backtest, plan(0.1), 1);
        assert_eq!(sim.backtest, None);
    }

    #[test]
    fn the_slice_asks_others_only_through_effects() {
        let mut sim = SimState::default();
        let notice = SharedLinkNotice::Unreadable { error: LinkError::NotAPair };
        assert_eq!(sim.reduce(SimAction::SharedLink(notice.clone())), [Effect::ShowTab(Tab::Simulator)]);
        assert_eq!(sim.shared_link, Some(notice));
        assert!(sim.reduce(SimAction::DismissSharedLink).is_empty());
        assert_eq!(sim.shared_link, None);
        sim.reduce(SimAction::Settings(Box::new(|s| s.months = 24.0)));
        assert_eq!(sim.settings.months, 24.0);
    }

    #[test]
    fn the_no_program_line_takes_the_margin_every_scheme_shares() {
        let inputs = |margins: &[f64]| SimInputs {
            schemes: margins
                .iter()
                .map(|&m| {
                    let mut s = Scenario::template();
                    s.economics.gross_margin_percent = m;
                    Rc::new(s)
                })
                .collect(),
            reference: 0,
            settings: SimulationSettings::default(),
            data_version: 1,
        };
        assert_eq!(inputs(&[40.0, 40.0, 40.0]).shared_gross_margin(), Some(0.4));
        assert_eq!(inputs(&[40.0, 40.0, 35.0]).shared_gross_margin(), None);
        assert_eq!(inputs(&[40.0, 40.0]).scenarios().len(), 2);
    }

    #[test]
    fn shared_problems_are_kept_typed_per_scenario() {
        let mut b = Scenario::template_b();
        b.points.breakage_percent = 130.0;
        let problems = shared_problems(&[Scenario::template(), b]);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].problems.is_empty());
        assert_eq!(
            (problems[1].id, problems[1].problems[0].field.as_str()),
            (ScenarioId::B, "points.breakage_percent")
        );
        assert_eq!(problems[1].tier_names, Scenario::template_b().tiers.names);
    }
}
