//! One scenario (evaluate, explain), two (compare) or up to six (compare schemes) on the loaded data.

use super::state::{validated, validated_pair, validated_schemes, Session};
use crate::engine::compare::compare;
use crate::engine::evaluate::{evaluate, Evaluated};
use crate::engine::explain::{explain, find_customer};
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::{scheme_letter, SCHEMES};
use crate::protocol::{Response, SchemeComparison, UserError};

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

    /// Every scheme but the reference replayed beside the reference; problems name the scheme by its
    /// letter (A, B, C ...).
    pub(super) fn compare_schemes(
        &mut self,
        schemes: &[Scenario],
        reference: usize,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        SCHEMES.check_count(schemes.len() as u64).map_err(|error| UserError::Simulate { error: error.into() })?;
        if reference >= schemes.len() {
            return Err(UserError::BadRequest { message: format!("no scheme {}", scheme_letter(reference)) });
        }
        validated_schemes(schemes)?;
        let data = self.data()?;
        let comparisons = (0..schemes.len())
            .filter(|&scheme| scheme != reference)
            .map(|scheme| {
                compare(&schemes[reference], &schemes[scheme], data, progress)
                    .map(|comparison| SchemeComparison { scheme, comparison })
                    .map_err(|(which, error)| {
                        let index = if which == 'A' { reference } else { scheme };
                        UserError::Evaluate { which: scheme_letter(index), error }
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Response::SchemesCompared { reference, comparisons })
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
