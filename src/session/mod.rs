//! The worker's state and request handling, free of browser types so it is tested natively.
//! The page sends `Request`s; this answers each with one `Response` (plus progress on the way).
//!
//! One file per job: `state` (what is remembered between requests), `loading` (sample, inspect,
//! load), `scoring` (evaluate, explain, compare), `models` (the model lab), `columns` (model outputs
//! published as columns), `simulation`, `pool` (the simulator's work split over several workers), `pool_models` (the model
//! lab's), `pool_optimise` (the optimiser's, round by round),
//! `decision` (optimiser, next-best benefit, affinity), `operations` (member list, risk flags); this
//! file dispatches each request to its handler.

#[cfg(test)]
mod clv_answer_tests;
mod columns;
mod decision;
mod loading;
mod models;
mod operations;
pub mod pool;
mod pool_models;
#[cfg(test)]
mod pool_models_tests;
pub mod pool_optimise;
#[cfg(test)]
mod pool_optimise_tests;
#[cfg(test)]
mod pool_tests;
mod scoring;
mod simulation;
mod state;
#[cfg(test)]
mod tests;

use crate::engine::explain::feature_stats;
use crate::engine::progress::Progress;
use crate::engine::simulate::backtest::backtest_model;
use crate::engine::simulate::planner::plan_field_test;
use crate::engine::simulate::SchemeRun;
use crate::protocol::{Request, Response, UserError};

use loading::sample_csv;
pub use simulation::{fit_baseline, fit_baseline_with};
pub use state::Session;

impl Session {
    /// Answers one request. `attachment` carries the file bytes of an `Inspect` request, and of a
    /// `Load` of a file that was loaded before (its text is let go after loading).
    pub fn handle(&mut self, request: Request, attachment: Option<Vec<u8>>, progress: &mut dyn Progress) -> Response {
        let answer = match request {
            Request::LoadSample { customers, seed } => self.load_sample(customers, seed, progress),
            Request::Inspect { file_name, options } => self.inspect(file_name, attachment, &options),
            Request::Load { settings } => self.load(settings, attachment, progress),
            Request::Compare { a, b } => self.compare(&a, &b, progress),
            Request::CompareSchemes { schemes, reference } => self.compare_schemes(&schemes, reference, progress),
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
            Request::Simulate { schemes, reference, settings } => self
                .on_simulation(&schemes, reference, &settings, None, progress, |simulation, progress| {
                    simulation.run_all(progress)
                })
                .map(|(result, baseline_note)| Response::Simulated { result: Box::new(result), baseline_note }),
            Request::Sensitivity { schemes, reference, settings } => self
                .on_baseline(&schemes, &settings, progress, |data, baseline, progress| {
                    SchemeRun::new(&schemes, reference, data, baseline, &settings).sensitivity(progress)
                })
                .map(|(result, _)| Response::SensitivityDone { result: Box::new(result) }),
            Request::SimulatePart { schemes, reference, settings, replications, baseline } => {
                self.simulate_part(&schemes, reference, &settings, replications, baseline.as_deref(), progress)
            }
            Request::FinishSimulation { schemes, reference, settings, sums } => {
                self.finish_simulation(&schemes, reference, &settings, sums, progress)
            }
            Request::SensitivityPart { schemes, reference, settings, runs, baseline } => {
                self.sensitivity_part(&schemes, reference, &settings, runs, baseline.as_deref(), progress)
            }
            Request::FitBaseline { settings } => self
                .shareable_baseline(&settings, progress)
                .map(|baseline| Response::BaselineFitted { baseline: Box::new(baseline) }),
            Request::FinishSensitivity { schemes, reference, settings, outcomes } => {
                pool::finish_sensitivity(&schemes, reference, &settings, &outcomes)
            }
            Request::SegmentPart { params, runs } => self.segment_part(&params, runs, progress),
            Request::FinishSegment { params, publish_as, names, best } => {
                self.finish_segment(&params, publish_as, &names, &best)
            }
            Request::TrainValuePart { spec, model, options, trees } => {
                self.train_value_part(&spec, &model, &options, trees, progress)
            }
            Request::FinishTrainValue { spec, model, options, publish_as, trees } => {
                self.finish_train_value(&spec, model, &options, publish_as, &trees, progress)
            }
            Request::OptimiseRound { base, ranges, known } => self.optimise_round(&base, &ranges, &known, progress),
            Request::EstimateCandidates { base, ranges, points, replications } => {
                self.estimate_candidates(&base, &ranges, &points, replications, progress)
            }
            Request::Optimise { base, ranges } => self.optimise(&base, &ranges, progress),
            Request::Recommend { scheme, segments, settings } => {
                self.recommend(&scheme, &segments, &settings, progress)
            }
            Request::Affinity { segments } => self.affinity(&segments, progress),
            Request::Backtest { calibration_end, replications, seed, baseline_model } => self
                .data()
                .and_then(|data| {
                    backtest_model(data, calibration_end, baseline_model, replications, seed, progress)
                        .map_err(|error| UserError::Simulate { error })
                })
                .map(|result| Response::Backtested { result: Box::new(result) }),
            Request::PlanFieldTest { inputs, significance, power } => plan_field_test(&inputs, significance, power)
                .map(|plan| Response::FieldTestPlanned { plan: Box::new(plan) })
                .map_err(|error| UserError::FieldTest { error }),
            Request::SampleCsv { customers, seed } => sample_csv(customers, seed, progress),
            Request::MemberList { scenarios, format, options, recommend } => {
                self.member_list(&scenarios, format, &options, recommend.as_ref(), progress)
            }
            Request::Risk { scenario } => self.risk(scenario.as_deref(), progress),
        };
        answer.unwrap_or_else(|error| Response::Failed { error })
    }
}
