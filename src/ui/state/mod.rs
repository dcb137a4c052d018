//! The page state as slices (data, scenarios, compare, live scoring, lab, simulator, the page
//! around them, the jobs in flight), each owning its state and reducing only itself; the root
//! reducer routes actions and worker answers and applies the effects slices return.

pub mod compare;
pub mod data;
pub mod decision;
pub mod decision_form;
pub mod effect;
pub mod jobs;
pub mod lab;
pub mod live;
pub mod operations;
pub mod page;
pub mod root;
pub mod scenarios;
pub mod simulator;

pub use compare::{CompareAction, CompareState, SchemesReplay, Section, ShownComparison};
pub use data::{DataAction, DataState, Draft};
pub use decision::{AdviceRun, AffinityRun, DecisionAction, DecisionJob, DecisionPanel, DecisionState, OptimumRun};
pub use decision_form::{AdviceForm, OptimiseForm, SegmentsKind};
pub use effect::Effect;
pub use jobs::{JobInfo, JobKind, Jobs};
pub use lab::{
    ClvResult, ColumnKind, LabAction, LabJob, LabState, Prediction, PredictionResult, PublishedColumn, SegmentResult,
    CLV_COLUMNS,
};
pub use live::{LiveAction, LiveState};
pub use operations::{OpsAction, OpsState, RiskRun};
pub use page::{EngineStatus, Notice, PageAction, PageState, Tab};
pub use root::{Action, AppState, Restored};
pub use scenarios::{LibraryEntry, ScenarioAction, ScenarioId, ScenarioList, ScenarioSlot};
pub use simulator::{
    percent_of, shared_problems, IntervalLevel, PlanRun, SensitivityRun, SharedLinkNotice, SharedProblems, SimAction,
    SimInputs, SimJob, SimPanel, SimRun, SimSettings, SimState,
};
