//! The Simulator tab's part of the page state: its settings (kept in this browser), the scenario
//! library, and the answers of the simulator's jobs with the inputs that produced them, so the
//! page can say when a result no longer matches the scenarios on screen.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::engine::scenario::{Assumptions, Scenario};
use crate::engine::simulate::backtest::BacktestResult;
use crate::engine::simulate::optimise::{Constraints, OptimiserResult, OptimiserSettings};
use crate::engine::simulate::planner::FieldTestPlan;
use crate::engine::simulate::sensitivity::SensitivityResult;
use crate::engine::simulate::{SimulationResult, SimulationSettings};
use crate::protocol::{JobId, Response, UserError};

use super::state::{AppState, JobKind, Tab, Which};

/// Which interval the dashboard shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalLevel {
    #[default]
    P90,
    P95,
}

impl IntervalLevel {
    pub fn percent(self) -> u32 {
        match self {
            IntervalLevel::P90 => 90,
            IntervalLevel::P95 => 95,
        }
    }
}

/// What the simulator form holds. Numbers are kept as typed values (NaN for text that is not a
/// number) so a wrong entry stays on screen with its message; `check_*` turn them into requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimSettings {
    pub months: f64,
    pub replications: f64,
    pub seed: f64,
    pub level: IntervalLevel,
    /// Assumptions are edited once for both schemes (they describe customers, not schemes).
    pub same_assumptions: bool,
    pub show_editors: bool,
    pub optimiser: OptimiserForm,
    pub significance_percent: f64,
    pub power_percent: f64,
    /// Back-test calibration end as `YYYY-MM-DD`; empty = six months before the end of the data.
    pub backtest_end: String,
}

/// The optimiser's inputs as the user typed them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OptimiserForm {
    pub which: OptimiseWhich,
    pub threshold_scales: String,
    pub benefit_scales: String,
    /// Percent; empty = no limit.
    pub max_top_tier_percent: String,
    pub max_benefit_cost: String,
    /// Percent; empty = no limit.
    pub min_retention_percent: String,
    pub replications: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptimiseWhich {
    A,
    #[default]
    B,
}

impl OptimiseWhich {
    pub fn which(self) -> Which {
        match self {
            OptimiseWhich::A => Which::A,
            OptimiseWhich::B => Which::B,
        }
    }
}

/// Factors as the page lists them: `0.6, 0.8, 1, 1.25, 1.5`.
pub fn factor_list(values: &[f64]) -> String {
    values.iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(", ")
}

fn optional_text(value: Option<f64>) -> String {
    value.map(|v| format!("{v}")).unwrap_or_default()
}

impl Default for OptimiserForm {
    fn default() -> Self {
        let engine = OptimiserSettings::default();
        let Constraints { max_top_tier_share, max_benefit_cost, min_retention } = engine.constraints;
        OptimiserForm {
            which: OptimiseWhich::B,
            threshold_scales: factor_list(&engine.threshold_scales),
            benefit_scales: factor_list(&engine.benefit_scales),
            max_top_tier_percent: optional_text(max_top_tier_share.map(percent_of)),
            max_benefit_cost: optional_text(max_benefit_cost),
            min_retention_percent: optional_text(min_retention.map(percent_of)),
            replications: 5.0,
        }
    }
}

/// A 0-1 share in percent without floating-point noise (0.15 -> 15, not 15.000000000000002).
pub fn percent_of(share: f64) -> f64 {
    (share * 100.0 * 1e9).round() / 1e9
}

impl Default for SimSettings {
    fn default() -> Self {
        let engine = SimulationSettings::default();
        SimSettings {
            months: f64::from(engine.months),
            replications: f64::from(engine.replications),
            seed: engine.seed as f64,
            level: IntervalLevel::P90,
            same_assumptions: true,
            show_editors: false,
            optimiser: OptimiserForm::default(),
            significance_percent: 5.0,
            power_percent: 80.0,
            backtest_end: String::new(),
        }
    }
}

/// The largest seed a number field can carry exactly (JavaScript's safe integers).
pub const MAX_SEED: f64 = 9_007_199_254_740_991.0;

/// A run setting outside its range: which field, and the range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RangeProblem {
    pub min: f64,
    pub max: f64,
}

fn whole_in(value: f64, min: f64, max: f64) -> Result<f64, RangeProblem> {
    if value.is_finite() && value.fract() == 0.0 && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(RangeProblem { min, max })
    }
}

impl SimSettings {
    pub fn months_problem(&self) -> Option<RangeProblem> {
        whole_in(self.months, 1.0, 36.0).err()
    }

    pub fn replications_problem(&self) -> Option<RangeProblem> {
        whole_in(self.replications, 1.0, 500.0).err()
    }

    pub fn seed_problem(&self) -> Option<RangeProblem> {
        whole_in(self.seed, 0.0, MAX_SEED).err()
    }

    /// The engine's settings, when every field is valid.
    pub fn simulation(&self) -> Option<SimulationSettings> {
        let months = whole_in(self.months, 1.0, 36.0).ok()?;
        let replications = whole_in(self.replications, 1.0, 500.0).ok()?;
        let seed = whole_in(self.seed, 0.0, MAX_SEED).ok()?;
        Some(SimulationSettings {
            months: months as u32,
            replications: replications as u32,
            seed: seed as u64,
            deterministic: false,
            until_sure: None,
            threads: None,
        })
    }

    /// The settings with anything unusable replaced by its default, for saving: a half-typed value
    /// is not worth keeping, and JSON cannot hold NaN.
    pub fn for_storage(&self) -> SimSettings {
        let defaults = SimSettings::default();
        let keep = |value: f64, fallback: f64| if value.is_finite() { value } else { fallback };
        let mut stored = self.clone();
        stored.months = keep(self.months, defaults.months);
        stored.replications = keep(self.replications, defaults.replications);
        stored.seed = keep(self.seed, defaults.seed);
        stored.significance_percent = keep(self.significance_percent, defaults.significance_percent);
        stored.power_percent = keep(self.power_percent, defaults.power_percent);
        stored.optimiser.replications = keep(self.optimiser.replications, defaults.optimiser.replications);
        stored
    }
}

/// The replications sensitivity runs with (the engine's rule).
pub use crate::engine::simulate::sensitivity::sensitivity_replications;

/// A scenario kept in this browser's library under a name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LibraryEntry {
    pub name: String,
    pub scenario: Scenario,
}

/// What a simulation was run on: a result whose inputs differ from the page's is out of date.
#[derive(Clone, Debug, PartialEq)]
pub struct SimInputs {
    pub a: Rc<Scenario>,
    pub b: Rc<Scenario>,
    pub settings: SimulationSettings,
    pub data_version: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SimRun {
    pub job: JobId,
    pub inputs: Rc<SimInputs>,
    pub result: Rc<SimulationResult>,
    pub baseline_note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityRun {
    pub job: JobId,
    pub inputs: Rc<SimInputs>,
    pub result: Rc<SensitivityResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OptimiserRun {
    pub job: JobId,
    pub which: Which,
    pub data_version: u32,
    pub result: Rc<OptimiserResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanRun {
    /// The simulation whose effect it sizes, and the significance and power asked for.
    pub simulation: JobId,
    pub significance: f64,
    pub power: f64,
    pub plan: Rc<FieldTestPlan>,
}

/// A shared link opened on this page: what arrived and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub enum SharedLinkNotice {
    /// Both scenarios were loaded; problems (field, message) per scenario are shown at the fields
    /// too. `kept_previous`: the scenarios on screen before were saved to the library.
    Loaded { problems: Vec<(Which, Vec<String>)>, kept_previous: bool },
    /// The link could not be read; nothing was changed.
    Unreadable { reason: String },
}

/// Which simulator panel a failure belongs to (it is shown there, not only at the top).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimPanel {
    Run,
    Sensitivity,
    Optimiser,
    Backtest,
    FieldTest,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimState {
    pub settings: SimSettings,
    pub library: Rc<Vec<LibraryEntry>>,
    pub run: Option<SimRun>,
    pub sensitivity: Option<SensitivityRun>,
    pub optimiser: Option<OptimiserRun>,
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

pub enum SimAction {
    Settings(Box<dyn FnOnce(&mut SimSettings)>),
    /// Copies one scenario over the other (keeping the target's name unless it was the default).
    Clone {
        from: Which,
    },
    /// Saves a scenario in the library under its name (replacing an entry of the same name).
    SaveToLibrary(Which),
    LoadFromLibrary {
        index: usize,
        into: Which,
    },
    DeleteFromLibrary(usize),
    /// Sets one assumption, on one scheme or on both.
    SetAssumption {
        key: &'static str,
        value: f64,
        which: Option<Which>,
    },
    /// Puts B's assumptions equal to A's.
    AlignAssumptions,
    ResetAssumptions,
    LoadBest {
        into: Which,
    },
    DismissSharedLink,
}

impl JobKind {
    /// The simulator panel whose answer this job brings.
    pub fn sim_panel(&self) -> Option<SimPanel> {
        match self {
            JobKind::Simulate { .. } => Some(SimPanel::Run),
            JobKind::Sensitivity { .. } => Some(SimPanel::Sensitivity),
            JobKind::Optimise { .. } => Some(SimPanel::Optimiser),
            JobKind::Backtest => Some(SimPanel::Backtest),
            JobKind::PlanFieldTest { .. } => Some(SimPanel::FieldTest),
            _ => None,
        }
    }
}

pub fn reduce(state: &mut AppState, action: SimAction) {
    match action {
        SimAction::Settings(change) => change(&mut state.sim.settings),
        SimAction::Clone { from } => {
            let to = other(from);
            let mut copy = (*state.scenarios[from.index()]).clone();
            copy.name = state.scenarios[to.index()].name.clone();
            state.scenarios[to.index()] = Rc::new(copy);
            state.import_errors[to.index()] = None;
        }
        SimAction::SaveToLibrary(which) => {
            let scenario = (*state.scenarios[which.index()]).clone();
            save_entry(&mut state.sim.library, scenario.name.clone(), scenario);
        }
        SimAction::LoadFromLibrary { index, into } => {
            if let Some(entry) = state.sim.library.get(index) {
                state.scenarios[into.index()] = Rc::new(entry.scenario.clone());
                state.import_errors[into.index()] = None;
            }
        }
        SimAction::DeleteFromLibrary(index) => {
            let mut library = (*state.sim.library).clone();
            if index < library.len() {
                library.remove(index);
                state.sim.library = Rc::new(library);
            }
        }
        SimAction::SetAssumption { key, value, which } => {
            let targets: &[Which] = match which {
                Some(Which::A) => &[Which::A],
                Some(Which::B) => &[Which::B],
                None => &[Which::A, Which::B],
            };
            for &target in targets {
                let mut scenario = (*state.scenarios[target.index()]).clone();
                if let Some(assumption) = crate::engine::scenario::ASSUMPTIONS.iter().find(|a| a.key == key) {
                    assumption.set(&mut scenario.assumptions, value);
                }
                state.scenarios[target.index()] = Rc::new(scenario);
            }
        }
        SimAction::AlignAssumptions => {
            let mut b = (*state.scenarios[1]).clone();
            b.assumptions = state.scenarios[0].assumptions.clone();
            state.scenarios[1] = Rc::new(b);
        }
        SimAction::ResetAssumptions => {
            for index in 0..2 {
                let mut scenario = (*state.scenarios[index]).clone();
                scenario.assumptions = Assumptions::default();
                state.scenarios[index] = Rc::new(scenario);
            }
        }
        SimAction::LoadBest { into } => {
            let best = state.sim.optimiser.as_ref().and_then(|run| run.result.best_scenario.clone());
            if let Some(best) = best {
                state.scenarios[into.index()] = Rc::new(best);
                state.import_errors[into.index()] = None;
            }
        }
        SimAction::DismissSharedLink => state.sim.shared_link = None,
    }
}

fn other(which: Which) -> Which {
    match which {
        Which::A => Which::B,
        Which::B => Which::A,
    }
}

/// Adds or replaces the entry with this name.
pub fn save_entry(library: &mut Rc<Vec<LibraryEntry>>, name: String, scenario: Scenario) {
    let mut entries = (**library).clone();
    match entries.iter_mut().find(|e| e.name == name) {
        Some(entry) => entry.scenario = scenario,
        None => entries.push(LibraryEntry { name, scenario }),
    }
    *library = Rc::new(entries);
}

/// Routes a simulator answer to its place. Answers of one kind arrive in the order sent; an older
/// one never replaces a newer one.
pub fn apply_response(state: &mut AppState, job: JobId, kind: JobKind, response: Response) {
    if let Some(panel) = kind.sim_panel() {
        state.sim.errors.retain(|(p, _)| *p != panel);
    }
    match (kind, response) {
        (JobKind::Simulate { inputs }, Response::Simulated { result, baseline_note })
            if state.sim.run.as_ref().is_none_or(|run| job > run.job) =>
        {
            state.sim.run = Some(SimRun { job, inputs, result: Rc::new(*result), baseline_note });
        }
        (JobKind::Sensitivity { inputs }, Response::SensitivityDone { result })
            if state.sim.sensitivity.as_ref().is_none_or(|run| job > run.job) =>
        {
            state.sim.sensitivity = Some(SensitivityRun { job, inputs, result: Rc::new(*result) });
        }
        (JobKind::Optimise { which }, Response::Optimised { result }) => {
            state.sim.optimiser =
                Some(OptimiserRun { job, which, data_version: state.data_version, result: Rc::new(*result) });
        }
        (JobKind::Backtest, Response::Backtested { result }) => {
            state.sim.backtest = Some((job, state.data_version, Rc::new(*result)));
        }
        (JobKind::PlanFieldTest { simulation, significance, power }, Response::FieldTestPlanned { plan }) => {
            state.sim.plan = Some(PlanRun { simulation, significance, power, plan: Rc::new(*plan) });
        }
        _ => {}
    }
}

/// A simulator job failed: said at its panel.
pub fn apply_failure(state: &mut AppState, kind: &JobKind, error: UserError) {
    if let Some(panel) = kind.sim_panel() {
        state.sim.errors.retain(|(p, _)| *p != panel);
        state.sim.errors.push((panel, error));
    }
}

/// Loads scenarios from a shared link into A and B, first saving the ones on screen to the library
/// (unless they are the same), and shows the Simulator tab with a notice.
pub fn apply_shared_link(
    state: &mut AppState,
    shared: [Scenario; 2],
    problems: Vec<(Which, Vec<String>)>,
    label: &str,
) {
    let mut kept_previous = false;
    for which in [Which::A, Which::B] {
        let previous = &state.scenarios[which.index()];
        if **previous != shared[which.index()] {
            let name = format!("{} ({label})", previous.name);
            save_entry(&mut state.sim.library, name, (**previous).clone());
            kept_previous = true;
        }
    }
    let [a, b] = shared;
    state.scenarios = [Rc::new(a), Rc::new(b)];
    state.import_errors = [None, None];
    state.tab = Tab::Simulator;
    state.sim.shared_link = Some(SharedLinkNotice::Loaded { problems, kept_previous });
}

/// On page start: the simulator's saved settings and library, then a shared link if the address
/// carries one (loaded into A and B; what was on screen is kept in the library).
pub fn restore(state: &mut AppState) {
    state.sim.settings = super::persist::load_sim_settings();
    state.sim.library = Rc::new(super::persist::load_library());
    let fragment = super::share_link::current_fragment();
    let lang = state.lang;
    match super::share_link::decode(&fragment) {
        Ok(None) => return,
        Ok(Some(decoded)) => {
            let problems = [Which::A, Which::B]
                .into_iter()
                .map(|which| {
                    let scenario = &decoded.scenarios[which.index()];
                    let lines = scenario
                        .validate()
                        .iter()
                        .map(|p| super::i18n::problem_with_field(p, &scenario.tiers.names, lang))
                        .collect();
                    (which, lines)
                })
                .collect();
            let label = super::i18n::T::SimBeforeSharedLink.get(lang);
            apply_shared_link(state, decoded.scenarios, problems, label);
        }
        Err(error) => {
            state.tab = Tab::Simulator;
            state.sim.shared_link =
                Some(SharedLinkNotice::Unreadable { reason: super::i18n::link_error(&error, lang) });
        }
    }
    super::share_link::clear_fragment();
}

/// Keeps the simulator's settings and library in this browser.
#[yew::hook]
pub fn use_sim_storage(state: &yew::UseReducerHandle<AppState>) {
    yew::use_effect_with(state.sim.settings.clone(), super::persist::save_sim_settings);
    yew::use_effect_with(state.sim.library.clone(), |library| super::persist::save_library(library));
}
