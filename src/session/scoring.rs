//! One scenario (evaluate, explain) or two (compare) on the loaded data.

use super::state::{validated, validated_pair, Session};
use crate::engine::compare::compare;
use crate::engine::evaluate::{evaluate, Evaluated};
use crate::engine::explain::{explain, find_customer};
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;
use crate::protocol::{Response, UserError};

impl Session {
    pub(super) fn compare(
        &mut self,
        a: &Scenario,
        b: &Scenario,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        validated_pair(a, b)?;
        let data = self.data()?;
        let comparison = compare(a, b, data, progress)
            .map_err(|(which, error)| UserError::Evaluate { which: which.to_string(), error })?;
        Ok(Response::Compared { comparison: Box::new(comparison) })
    }

    pub(super) fn evaluate(&mut self, scenario: &Scenario, progress: &mut dyn Progress) -> Result<Response, UserError> {
        let evaluated = self.evaluated(scenario, progress)?;
        Ok(Response::Evaluated { outcome: Box::new(evaluated.outcome.clone()) })
    }

    pub(super) fn explain(
        &mut self,
        scenario: &Scenario,
        id: &str,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let data = self.data()?;
        let customer = find_customer(data, id).ok_or_else(|| UserError::UnknownCustomer { id: id.to_string() })?;
        self.evaluated(scenario, progress)?;
        let (scenario, evaluated) = self.last_evaluated.as_ref().expect("just evaluated");
        let data = self.data()?;
        Ok(Response::Explained { explanation: Box::new(explain(scenario, data, evaluated, customer)) })
    }

    /// Evaluates a scenario, reusing the last result when the scenario has not changed.
    pub(super) fn evaluated(
        &mut self,
        scenario: &Scenario,
        progress: &mut dyn Progress,
    ) -> Result<&Evaluated, UserError> {
        validated(&scenario.name, scenario)?;
        let cached = self.last_evaluated.as_ref().is_some_and(|(s, _)| s == scenario);
        if !cached {
            let data = self.data()?;
            let evaluated = evaluate(scenario, data, progress)
                .map_err(|error| UserError::Evaluate { which: scenario.name.clone(), error })?;
            self.last_evaluated = Some((scenario.clone(), evaluated));
        }
        Ok(&self.last_evaluated.as_ref().expect("set above").1)
    }
}
