//! The worker's state and request handling, free of browser types so it is tested natively.
//! The page sends `Request`s; this answers each with one `Response` (plus progress on the way).
//!
//! One file per job: `loading` (sample, inspect, load), `scoring` (evaluate, explain, compare),
//! `models` (the model lab), `columns` (model outputs published as columns), `simulation`.

mod columns;
mod loading;
mod models;
mod scoring;
mod simulation;
#[cfg(test)]
mod tests;

use crate::engine::evaluate::{Evaluated, PreparedData};
use crate::engine::explain::feature_stats;
use crate::engine::ingest::{Inspection, SourceText};
use crate::engine::progress::Progress;
use crate::engine::scenario::{Scenario, ScenarioError};
use crate::engine::simulate::backtest::backtest;
use crate::engine::simulate::baseline::Baseline;
use crate::engine::simulate::planner::plan_field_test;
use crate::protocol::{Request, Response, UserError};

use loading::sample_csv;
pub use simulation::fit_baseline;

/// Everything the worker remembers between requests: the attached file, the loaded data and the
/// last evaluated scenario (explanations of one customer after another reuse it).
#[derive(Default)]
pub struct Session {
    source: Option<AttachedSource>,
    data: Option<PreparedData>,
    last_evaluated: Option<(Scenario, Evaluated)>,
    /// Each customer's no-program behaviour, fitted once per dataset for the simulator.
    baseline: Option<(Baseline, Option<String>)>,
    /// Columns added from model outputs (they may be replaced; the file's own columns may not).
    published: std::collections::BTreeSet<String>,
}

/// A file that was inspected but maybe not loaded yet.
struct AttachedSource {
    name: String,
    text: SourceText,
    inspection: Inspection,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// Answers one request. `attachment` carries the file bytes of an `Inspect` request.
    pub fn handle(&mut self, request: Request, attachment: Option<Vec<u8>>, progress: &mut dyn Progress) -> Response {
        let answer = match request {
            Request::LoadSample { customers, seed } => self.load_sample(customers, seed, progress),
            Request::Inspect { file_name, options } => self.inspect(file_name, attachment, &options),
            Request::Load { settings } => self.load(settings, progress),
            Request::Compare { a, b } => self.compare(&a, &b, progress),
            Request::Evaluate { scenario } => self.evaluate(&scenario, progress),
            Request::Explain { scenario, customer_id } => self.explain(&scenario, &customer_id, progress),
            Request::FeatureStats => self.data().map(|data| Response::Features { stats: feature_stats(data) }),
            Request::FitClv { settings, publish } => self.fit_clv(&settings, publish, progress),
            Request::TrainValue { spec, model, options, publish_as } => {
                self.train_value(&spec, &model, &options, publish_as, progress)
            }
            Request::TrainTiers { features, target, model, options, publish_as } => {
                self.train_tiers(features, target, &model, &options, publish_as, progress)
            }
            Request::Segment { params, publish_as, names } => self.segment(&params, publish_as, &names, progress),
            Request::Simulate { a, b, settings } => self.simulate(&a, &b, &settings, progress),
            Request::Sensitivity { a, b, settings } => self.sensitivity(&a, &b, &settings, progress),
            Request::Optimise { base, settings, search } => self.optimise(&base, &settings, &search, progress),
            Request::Backtest { calibration_end, replications, seed } => self
                .data()
                .and_then(|data| {
                    backtest(data, calibration_end, replications, seed, progress)
                        .map_err(|error| UserError::Simulate { error })
                })
                .map(|result| Response::Backtested { result: Box::new(result) }),
            Request::PlanFieldTest { inputs, significance, power } => plan_field_test(&inputs, significance, power)
                .map(|plan| Response::FieldTestPlanned { plan: Box::new(plan) })
                .map_err(|error| UserError::FieldTest { error }),
            Request::SampleCsv { customers, seed } => sample_csv(customers, seed, progress),
        };
        answer.unwrap_or_else(|error| Response::Failed { error })
    }

    fn data(&self) -> Result<&PreparedData, UserError> {
        self.data.as_ref().ok_or(UserError::NoData)
    }
}

/// Scenarios A and B of a comparison or simulation, each checked.
fn validated_pair(a: &Scenario, b: &Scenario) -> Result<(), UserError> {
    validated("A", a)?;
    validated("B", b)
}

fn validated(which: &str, scenario: &Scenario) -> Result<(), UserError> {
    let problems = scenario.validate();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(UserError::Scenario { which: which.into(), error: ScenarioError::Invalid(problems) })
    }
}
