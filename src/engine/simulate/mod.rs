//! Month-by-month behavioural simulation of benefit schemes (docs/model.md): Monte Carlo
//! replications with common random numbers across a no-program counterfactual and the schemes;
//! KPIs with intervals, paired differences, migration, groups and fairness.

pub mod backtest;
pub mod baseline;
pub mod baseline_model;
pub mod blocks;
pub mod calendar;
pub mod draws;
pub mod engagement;
pub mod groups;
pub mod kept;
pub mod kpi;
pub mod lots;
pub mod month_score;
pub mod order;
pub mod outline;
pub mod planner;
pub mod population;
pub mod prepare;
pub mod response;
pub mod result;
pub mod run;
pub mod scheme_run;
pub mod sensitivity;
pub mod settings;
pub mod simulation;
pub mod split;
pub mod summary;
pub mod until_sure;
pub mod window;

pub use self::result::{
    Comparison, CounterfactualResult, IncrementalKpi, IncrementalStat, Rank, SchemeResult, SimulationResult,
};
pub use self::scheme_run::SchemeRun;
pub use self::settings::{SimulateError, SimulationSettings, UntilSure, MAX_MONTHS};
pub use self::simulation::{scheme_letter, Simulation, SCHEMES};

#[cfg(test)]
mod tests;
