//! What a simulation result reports besides the sums of its blocks, so a result can be assembled
//! from merged block sums without the data (one machine's simulation and a split one both report
//! through it).

use serde::{Deserialize, Serialize};

use super::baseline::BaselineSource;
use super::blocks::PlanTotals;
use super::groups::{Dimension, GroupDefinitions};
use super::planner::Covariate;
use super::result::SimulationResult;
use super::settings::SimulationSettings;
use super::summary::Summary;
use super::until_sure::Precision;
use crate::engine::scenario::Scenario;

/// What a simulation result reports besides the sums of its blocks: with the merged sums of every
/// block it gives the result without the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationOutline {
    pub settings: SimulationSettings,
    pub reference: usize,
    pub customers: usize,
    pub baseline: BaselineSource,
    pub month_labels: Vec<String>,
    /// Per scheme: whether its score model is frozen over the simulated months.
    pub frozen_scores: Vec<bool>,
    pub groups: Vec<(Dimension, String)>,
    pub counterfactual_margin: f64,
    pub months: usize,
    /// The pre-period covariate's length in months, mean and variance over customers.
    pub covariate: Option<(u32, f64, f64)>,
}

impl SimulationOutline {
    pub fn summary<'a>(&self, schemes: &'a [Scenario], merged: Vec<Vec<PlanTotals>>) -> Summary<'a> {
        let covariate =
            self.covariate.map(|(months, mean, variance)| Covariate { values: Vec::new(), months, mean, variance });
        let schemes = schemes.iter().collect();
        Summary::new(merged, schemes, self.customers, self.months, self.counterfactual_margin, covariate.as_ref())
    }

    /// The result of the replications `0..merged.len()`, merged (`Simulation::result` without the
    /// data: groups are reported by their labels).
    pub fn result(&self, schemes: &[Scenario], merged: Vec<Vec<PlanTotals>>) -> SimulationResult {
        let summary = self.summary(schemes, merged);
        let precision = summary.precision(self.reference);
        self.report(summary, precision, &GroupDefinitions::labelled(self.groups.clone()))
    }

    pub fn report(&self, summary: Summary, precision: Precision, groups: &GroupDefinitions) -> SimulationResult {
        let reference = self.reference;
        let schemes = self.frozen_scores.len();
        SimulationResult {
            settings: SimulationSettings { replications: precision.replications, ..self.settings.clone() },
            customers: self.customers,
            baseline: self.baseline,
            month_labels: self.month_labels.clone(),
            counterfactual: summary.counterfactual(),
            schemes: self.frozen_scores.iter().enumerate().map(|(i, &f)| summary.scheme_result(i, f, groups)).collect(),
            reference,
            comparisons: (0..schemes).filter(|&i| i != reference).map(|i| summary.comparison(reference, i)).collect(),
            ranking: summary.ranking(),
            precision,
        }
    }
}
