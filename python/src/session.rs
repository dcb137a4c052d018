//! The worker's `Session` behind a Python class: a request as JSON in, the response as JSON out,
//! exactly the messages the page's worker exchanges (`tierlab::protocol`).

use pyo3::prelude::*;
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{self, SampleConfig};
use tierlab::engine::scenario::Scenario;
use tierlab::protocol::{Request, Response};

use crate::errors::{bad_json, data_error, scenario_error, user_error};

/// One loaded dataset and what the engine remembers about it (the fitted simulation baseline, the
/// last evaluated scenario, published model columns), as in the page's worker.
#[pyclass(module = "tierlab._native")]
pub struct Session {
    inner: tierlab::session::Session,
}

#[pymethods]
impl Session {
    #[new]
    fn new() -> Self {
        Session { inner: tierlab::session::Session::new() }
    }

    /// Answers one request (`tierlab.protocol.Request` as JSON; `attachment` holds the file bytes
    /// of an `inspect` request). Returns the response as JSON; a failure raises the matching
    /// `TierLabError` with the engine's message. The GIL is released while the engine works.
    #[pyo3(signature = (request, attachment=None))]
    fn request(&mut self, py: Python<'_>, request: &str, attachment: Option<Vec<u8>>) -> PyResult<String> {
        let request: Request = serde_json::from_str(request).map_err(|e| bad_json("request", e))?;
        let inner = &mut self.inner;
        let response = py.detach(move || inner.handle(request, attachment, &mut Silent));
        if let Response::Failed { error } = &response {
            return Err(user_error(error));
        }
        serde_json::to_string(&response).map_err(|e| data_error(format!("cannot encode the response: {e}")))
    }

    /// The loaded customers' ids, by customer number (the engine's results name customers by number).
    fn customer_ids(&self) -> PyResult<Vec<String>> {
        let data = self.inner.prepared().ok_or_else(|| data_error("load data first"))?;
        Ok(data.dataset.customers.ids.clone())
    }
}

/// A scenario document of any version (JSON text) in the current format, checked: what
/// `tierlab scenario-upgrade` prints.
#[pyfunction]
pub fn upgrade_scenario(text: &str) -> PyResult<String> {
    let scenario = Scenario::from_json(text).map_err(|e| scenario_error(e.to_string()))?;
    Ok(scenario.to_json())
}

/// The page's default scenario A, or B (`tierlab scenario-template [--b]`).
#[pyfunction]
#[pyo3(signature = (b=false))]
pub fn scenario_template(b: bool) -> String {
    if b { Scenario::template_b() } else { Scenario::template() }.to_json()
}

/// The last second of a `YYYY-MM-DD` day, as the CLI reads `--calibration-end` and `--holdout-end`.
#[pyfunction]
pub fn end_of_day(date: &str) -> PyResult<i64> {
    tierlab::engine::date::end_of_day(date)
        .ok_or_else(|| data_error(format!("{date:?} is not a date (expected YYYY-MM-DD)")))
}

/// The embedded sample population as CSV text (`tierlab sample`).
#[pyfunction]
#[pyo3(signature = (customers=None, seed=None))]
pub fn sample_csv(customers: Option<usize>, seed: Option<u64>) -> PyResult<String> {
    let defaults = SampleConfig::default();
    let config = SampleConfig {
        customers: customers.unwrap_or(defaults.customers),
        seed: seed.unwrap_or(defaults.seed),
        ..defaults
    };
    sample::validate_config(&config).map_err(|e| data_error(e.to_string()))?;
    Ok(sample::generate_csv(&config, &mut Silent))
}
