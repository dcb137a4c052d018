//! The Simulator tab's requests to the worker (simulations, sensitivity and the optimiser split over
//! the pool).

use std::rc::Rc;

use crate::engine::scenario::Scenario;
use crate::engine::simulate::planner::FieldTestInputs;
use crate::engine::simulate::SimulationSettings;
use crate::protocol::{JobId, Request};
use crate::ui::state::{DecisionJob, JobKind, SimInputs, SimJob};

use super::Bridge;

/// Each answer lands with the inputs it was computed from (see `crate::ui::state::SimState`), so the
/// page can tell a result that no longer matches the scenarios on screen.
impl Bridge {
    pub fn simulate(&self, inputs: SimInputs) -> JobId {
        let request = Request::Simulate {
            schemes: inputs.scenarios(),
            reference: inputs.reference,
            settings: inputs.settings.clone(),
        };
        self.send_pooled(request, JobKind::Sim(SimJob::Simulate { inputs: Rc::new(inputs) }))
    }

    /// `inputs.settings` already holds the reduced replications sensitivity runs with.
    pub fn sensitivity(&self, inputs: SimInputs) -> JobId {
        let request = Request::Sensitivity {
            schemes: inputs.scenarios(),
            reference: inputs.reference,
            settings: inputs.settings.clone(),
        };
        self.send_pooled(request, JobKind::Sim(SimJob::Sensitivity { inputs: Rc::new(inputs) }))
    }

    /// Every scheme replayed on the history beside the reference (the Compare tab).
    pub fn compare_schemes(&self, schemes: Vec<Rc<Scenario>>, reference: usize) -> JobId {
        let request = Request::CompareSchemes { schemes: schemes.iter().map(|s| (**s).clone()).collect(), reference };
        self.send(request, None, JobKind::CompareSchemes { schemes, reference })
    }

    /// The optimiser (its batches of candidates split over the pool), the next-best benefit or
    /// category affinity.
    pub fn decide(&self, job: DecisionJob) -> JobId {
        self.send_pooled(job.request(), JobKind::Decision(job))
    }

    /// The back-test of the no-program baseline from the simulation settings' purchase model.
    pub fn backtest(&self, calibration_end: i64, settings: &SimulationSettings) -> JobId {
        let SimulationSettings { replications, seed, baseline_model, .. } = *settings;
        let request = Request::Backtest { calibration_end, replications, seed, baseline_model };
        self.send(request, None, JobKind::Sim(SimJob::Backtest))
    }

    pub fn plan_field_test(&self, simulation: JobId, inputs: FieldTestInputs, significance: f64, power: f64) -> JobId {
        let request = Request::PlanFieldTest { inputs: Box::new(inputs), significance, power };
        self.send(request, None, JobKind::Sim(SimJob::PlanFieldTest { simulation, significance, power }))
    }
}
