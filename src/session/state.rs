//! What the worker remembers between requests, and the checks every request handler shares.

use crate::engine::evaluate::{Evaluated, PreparedData};
use crate::engine::ingest::{Inspection, SourceText};
use crate::engine::models::clv::ClvModel;
use crate::engine::sample::SampleConfig;
use crate::engine::scenario::{Scenario, ScenarioError};
use crate::engine::simulate::baseline::{Baseline, FallbackReason};
use crate::engine::simulate::baseline_model::BaselineModel;
use crate::engine::simulate::kept::KeptHistories;
use crate::engine::simulate::population::{PopulationBaseline, PopulationFit};
use crate::engine::simulate::scheme_letter;
use crate::protocol::UserError;

/// Everything the worker remembers between requests: the attached file, the loaded data and the
/// last evaluated scenario (explanations of one customer after another reuse it).
#[derive(Default)]
pub struct Session {
    pub(super) source: Option<AttachedSource>,
    pub(super) data: Option<PreparedData>,
    pub(super) last_evaluated: Option<(Scenario, Evaluated)>,
    /// Each customer's no-program behaviour, fitted once per dataset and purchase model for the
    /// simulator.
    pub(super) baseline: Option<CachedBaseline>,
    /// The purchase model the Model lab chose by holdout fit, once it has compared the models
    /// (what the simulator's "best by holdout" baseline uses).
    pub(super) lab_purchase_model: Option<ClvModel>,
    /// Columns added from model outputs (they may be replaced; the file's own columns may not).
    pub(super) published: std::collections::BTreeSet<String>,
    /// The last simulation's schemes evaluated on the history, for the next simulation of the same
    /// schemes (forgotten with the data, like `last_evaluated`).
    pub(super) kept_histories: KeptHistories,
}

/// The baseline fitted for a (requested model, Model lab choice) pair, with its fallback note.
pub(super) struct CachedBaseline {
    pub(super) key: (BaselineModel, Option<ClvModel>),
    pub(super) baseline: Baseline,
    pub(super) note: Option<FallbackReason>,
    /// The fit it was made from (without its per-customer rows), to ship to the pool's helpers.
    pub(super) fit: Option<PopulationFit>,
    /// The first worker's baseline it was rebuilt from, on a helper of the pool.
    pub(super) shipped: Option<PopulationBaseline>,
}

/// A file that was inspected but maybe not loaded yet.
pub(super) struct AttachedSource {
    pub(super) name: String,
    /// The decoded file, until it is loaded: then it is let go, so the models and the simulator can
    /// use that memory (a re-load of a file comes with the file again; the sample is generated again).
    pub(super) text: Option<SourceText>,
    pub(super) inspection: Inspection,
    /// How the sample was generated, when this is the sample.
    pub(super) sample: Option<SampleConfig>,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// The loaded data, for library users (the Python package) that run engine functions on it.
    pub fn prepared(&self) -> Option<&PreparedData> {
        self.data.as_ref()
    }

    pub(super) fn data(&self) -> Result<&PreparedData, UserError> {
        self.data.as_ref().ok_or(UserError::NoData)
    }
}

/// Scenarios A and B of a comparison or simulation, each checked.
pub(super) fn validated_pair(a: &Scenario, b: &Scenario) -> Result<(), UserError> {
    validated("A", a)?;
    validated("B", b)
}

/// Every scheme of an A/B/N run, each named by its letter (A, B, C ...) in any problem found.
pub(super) fn validated_schemes(schemes: &[Scenario]) -> Result<(), UserError> {
    schemes.iter().enumerate().try_for_each(|(i, scheme)| validated(&scheme_letter(i), scheme))
}

pub(super) fn validated(which: &str, scenario: &Scenario) -> Result<(), UserError> {
    let problems = scenario.validate();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(UserError::Scenario { which: which.into(), error: ScenarioError::Invalid(problems) })
    }
}
