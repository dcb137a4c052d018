//! The model lab: customer value (BG/NBD + Gamma-Gamma), value and tier models, segments.

use super::state::Session;
use crate::engine::features::catalog::FeatureKey;
use crate::engine::members::{CLV_COLUMN, P_ALIVE_COLUMN};
use crate::engine::models::clv::{
    fit_clv, fit_clv_overview, ClvError, ClvOverview, ClvReport, ClvSettings, PurchaseModelChoice,
};
use crate::engine::models::segments::{segment_customers, SegmentParams, SegmentReport};
use crate::engine::models::supervised::{
    train_classifier, train_regressor_from, ClassificationModel, EvaluationOptions, GrownTrees, RegressionModel,
    TargetSpec, TrainingSet, TrainingSpec,
};
use crate::engine::progress::Progress;
use crate::protocol::{Response, TierTarget, UserError, TOP_CUSTOMERS};

impl Session {
    pub(super) fn fit_clv(
        &mut self,
        settings: &ClvSettings,
        publish: bool,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        // The page gets what it shows; every customer's values would be hundreds of MB of JSON on a
        // big file, held by the worker and the page at once. Only a publish needs every customer's
        // intervals (they become columns); the page shows those of the top customers, computed for
        // them alone (the same numbers: docs/model.md, "CLV intervals").
        let overview = if publish {
            let report = self.fit_clv_report(settings, publish, progress)?;
            ClvOverview::of(report, &self.data()?.dataset.customers.ids, TOP_CUSTOMERS)
        } else {
            let data = self.data()?;
            let log = data.dataset.events.as_ref().ok_or(UserError::Clv { error: ClvError::NoPurchases })?;
            let overview = fit_clv_overview(log, settings, &data.dataset.customers.ids, TOP_CUSTOMERS, progress)
                .map_err(|error| UserError::Clv { error })?;
            self.follow_lab_choice(settings, &overview.report);
            overview
        };
        Ok(Response::ClvFitted { overview: Box::new(overview) })
    }

    /// Once the lab has compared the models by holdout, the simulator's "best by holdout" baseline
    /// follows its choice.
    fn follow_lab_choice(&mut self, settings: &ClvSettings, report: &ClvReport) {
        if settings.purchase_model == PurchaseModelChoice::ByHoldout && settings.holdout_end.is_some() {
            self.lab_purchase_model = Some(report.purchase_model);
        }
    }

    /// `Request::FitClv` with every customer's values in the answer (what `tierlab clv --json` prints
    /// and the Python package reads).
    pub fn fit_clv_report(
        &mut self,
        settings: &ClvSettings,
        publish: bool,
        progress: &mut dyn Progress,
    ) -> Result<ClvReport, UserError> {
        let log = self.data()?.dataset.events.as_ref().ok_or(UserError::Clv { error: ClvError::NoPurchases })?;
        let report = fit_clv(log, settings, progress).map_err(|error| UserError::Clv { error })?;
        self.follow_lab_choice(settings, &report);
        if publish {
            let n = self.data()?.dataset.customer_count();
            let values = &report.per_customer;
            let column = |pick: &dyn Fn(usize) -> Option<f64>| {
                let mut out = vec![f64::NAN; n];
                for (i, &c) in values.customer.iter().enumerate() {
                    out[c as usize] = pick(i).unwrap_or(f64::NAN);
                }
                out
            };
            let p_alive = column(&|i| Some(values.p_alive[i]));
            let expected = column(&|i| values.expected_purchases_horizon[i]);
            let clv = column(&|i| values.clv[i]);
            self.publish_numeric(P_ALIVE_COLUMN, p_alive)?;
            self.publish_numeric("expected_purchases", expected)?;
            self.publish_numeric(CLV_COLUMN, clv)?;
            // The 5 % - 95 % intervals from the parameters' uncertainty, beside each value.
            if let Some(intervals) = &values.intervals {
                let bounds: [(&str, &dyn Fn(usize) -> Option<f64>); 6] = [
                    ("p_alive_low", &|i| Some(intervals.p_alive_low[i])),
                    ("p_alive_high", &|i| Some(intervals.p_alive_high[i])),
                    ("expected_purchases_low", &|i| intervals.expected_purchases_low[i]),
                    ("expected_purchases_high", &|i| intervals.expected_purchases_high[i]),
                    ("clv_low", &|i| intervals.clv_low[i]),
                    ("clv_high", &|i| intervals.clv_high[i]),
                ];
                for (name, pick) in bounds {
                    self.publish_numeric(name, column(pick))?;
                }
            }
        }
        Ok(report)
    }

    pub(super) fn train_value(
        &mut self,
        spec: &TrainingSpec,
        model: &RegressionModel,
        options: &EvaluationOptions,
        publish_as: Option<String>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        self.train_value_from(spec, model, options, publish_as, None, progress)
    }

    /// `train_value`, a forest's trees taken from `grown` when given (grown by the pool's workers).
    pub(super) fn train_value_from(
        &mut self,
        spec: &TrainingSpec,
        model: &RegressionModel,
        options: &EvaluationOptions,
        publish_as: Option<String>,
        grown: Option<&GrownTrees>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let set = TrainingSet::build(self.data()?, spec).map_err(|error| UserError::TrainingSet { error })?;
        let report =
            train_regressor_from(&set, model, options, grown, progress).map_err(|error| UserError::Model { error })?;
        if let Some(name) = publish_as {
            self.publish_numeric(&name, report.predictions.value.clone())?;
        }
        Ok(Response::TrainedValue { report: Box::new(report) })
    }

    pub(super) fn train_tiers(
        &mut self,
        features: Vec<FeatureKey>,
        target: TierTarget,
        model: &ClassificationModel,
        options: &EvaluationOptions,
        publish_as: Option<String>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let target = match target {
            TierTarget::Scenario { scenario } => {
                let names = scenario.tiers.names.clone();
                let evaluated = self.evaluated(&scenario, progress)?;
                TargetSpec::Tiers { tiers: evaluated.final_tiers.clone(), names }
            }
            TierTarget::Column { name } => TargetSpec::ClassColumn { name },
        };
        let set = TrainingSet::build(self.data()?, &TrainingSpec { features, target })
            .map_err(|error| UserError::TrainingSet { error })?;
        let report = train_classifier(&set, model, options, progress).map_err(|error| UserError::Model { error })?;
        if let Some(name) = publish_as {
            let classes = report.classes.clone();
            let labels = report
                .predictions
                .class
                .iter()
                .map(|&c| classes.get(c as usize).cloned().unwrap_or_default())
                .collect();
            self.publish_text(&name, labels)?;
        }
        Ok(Response::TrainedTiers { report: Box::new(report) })
    }

    pub(super) fn segment(
        &mut self,
        params: &SegmentParams,
        publish_as: Option<String>,
        names: &[String],
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let report =
            segment_customers(self.data()?, params, progress).map_err(|error| UserError::Segments { error })?;
        self.segmented(report, publish_as, names)
    }

    /// A segmentation renamed and published as asked.
    pub(super) fn segmented(
        &mut self,
        mut report: SegmentReport,
        publish_as: Option<String>,
        names: &[String],
    ) -> Result<Response, UserError> {
        if !names.is_empty() {
            rename_segments(&mut report, names)?;
        }
        if let Some(name) = publish_as {
            self.publish_text(&name, report.customer_segment_names())?;
        }
        Ok(Response::Segmented { report: Box::new(report) })
    }
}

/// The user's names for the segments, one per segment: non-empty and all different (the page checks
/// them at the fields; this guards the column against a request that slipped past).
fn rename_segments(report: &mut SegmentReport, names: &[String]) -> Result<(), UserError> {
    let cleaned: Vec<String> = names.iter().map(|n| n.trim().to_string()).collect();
    let distinct: std::collections::BTreeSet<&String> = cleaned.iter().collect();
    if cleaned.len() != report.segments.len() || cleaned.iter().any(String::is_empty) || distinct.len() != cleaned.len()
    {
        return Err(UserError::BadRequest {
            message: format!(
                "segment names must be {} different, non-empty names, got {:?}",
                report.segments.len(),
                names
            ),
        });
    }
    for (segment, name) in report.segments.iter_mut().zip(cleaned) {
        segment.name = name;
    }
    Ok(())
}
