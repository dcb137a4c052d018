//! The model lab's work split over the pool (`super::pool`): a segmentation by its k-means runs, a
//! random forest by its trees. Every run and tree draws from its own seed (the request's seed and
//! the item's index), so a worker's share is what one worker would compute for those items, and
//! the first worker finishes from all of them: the same segments and forest as one worker's.

use std::ops::Range;

use super::state::Session;
use crate::engine::models::segments::{kmeans_runs, segment_from_runs, segment_share, BestRun, SegmentParams};
use crate::engine::models::supervised::{
    grow_forest_share, EvaluationOptions, ForestParams, GrownTrees, RegressionModel, TrainingSet, TrainingSpec,
};
use crate::engine::progress::Progress;
use crate::protocol::{Response, UserError};

impl Session {
    /// The best k-means run of every k among runs `runs` (one worker's share).
    pub(super) fn segment_part(
        &mut self,
        params: &SegmentParams,
        runs: Range<usize>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        if runs.is_empty() || runs.end > kmeans_runs(params) {
            return Err(UserError::BadRequest { message: format!("k-means runs {runs:?} of {}", kmeans_runs(params)) });
        }
        let best =
            segment_share(self.data()?, params, runs, progress).map_err(|error| UserError::Segments { error })?;
        Ok(Response::SegmentRuns { best })
    }

    /// The `Segment` answer from every k's best run.
    pub(super) fn finish_segment(
        &mut self,
        params: &SegmentParams,
        publish_as: Option<String>,
        names: &[String],
        best: &[BestRun],
    ) -> Result<Response, UserError> {
        let report = segment_from_runs(self.data()?, params, best)
            .map_err(|error| UserError::Segments { error })?
            .ok_or_else(|| UserError::BadRequest { message: format!("{} best runs for {params:?}", best.len()) })?;
        self.segmented(report, publish_as, names)
    }

    /// Trees `trees` of every forest a `TrainValue` with this forest fits (one worker's share).
    pub(super) fn train_value_part(
        &mut self,
        spec: &TrainingSpec,
        model: &ForestParams,
        options: &EvaluationOptions,
        trees: Range<usize>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        if trees.is_empty() || trees.end > model.n_trees {
            return Err(UserError::BadRequest { message: format!("trees {trees:?} of {}", model.n_trees) });
        }
        let set = TrainingSet::build(self.data()?, spec).map_err(|error| UserError::TrainingSet { error })?;
        let grown =
            grow_forest_share(&set, model, options, trees, progress).map_err(|error| UserError::Model { error })?;
        Ok(Response::TreesGrown { trees: Box::new(grown) })
    }

    /// The `TrainValue` answer from every tree the shares grew.
    pub(super) fn finish_train_value(
        &mut self,
        spec: &TrainingSpec,
        model: ForestParams,
        options: &EvaluationOptions,
        publish_as: Option<String>,
        trees: &GrownTrees,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let model = RegressionModel::RandomForest(model);
        self.train_value_from(spec, &model, options, publish_as, Some(trees), progress)
    }
}
