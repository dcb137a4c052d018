//! The worker's `Session` behind a Python class: a request as JSON in, the response as JSON out,
//! exactly the messages the page's worker exchanges (`tierlab::protocol`).

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use tierlab::engine::members::{MemberFormat, MemberOptions};
use tierlab::engine::models::clv::ClvSettings;
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{self, SampleConfig};
use tierlab::engine::scenario::Scenario;
use tierlab::engine::simulate::planner::plan_field_test;
use tierlab::engine::simulate::SimulationSettings;
use tierlab::protocol::{Request, Response, UserError};

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
    /// `TierLabError` with the engine's message.
    #[pyo3(signature = (request, attachment=None))]
    fn request(&mut self, py: Python<'_>, request: &str, attachment: Option<Vec<u8>>) -> PyResult<String> {
        let request: Request = serde_json::from_str(request).map_err(|e| bad_json("request", e))?;
        encode(&self.answer(py, request, attachment)?)
    }

    /// BG/NBD + Gamma-Gamma with every customer's values, as `tierlab clv --json` prints them (the
    /// page's worker answers `fit_clv` with what the page shows instead). `settings` are the engine's
    /// CLV settings as JSON; with `publish` the values become columns, as on the page.
    fn fit_clv(&mut self, py: Python<'_>, settings: &str, publish: bool) -> PyResult<String> {
        let settings: ClvSettings = serde_json::from_str(settings).map_err(|e| bad_json("settings", e))?;
        let inner = &mut self.inner;
        let report = py.detach(move || inner.fit_clv_report(&settings, publish, &mut Silent));
        encode(&report.map_err(|error| user_error(&error))?)
    }

    /// One scenario on the data (`tierlab run`). Scenarios cross as their file's text and are read
    /// by the engine as the CLI reads a scenario file (upgraded, checked).
    fn evaluate(&mut self, py: Python<'_>, scenario: &str) -> PyResult<String> {
        let scenario = Box::new(read_scenario(scenario)?);
        encode(&self.answer(py, Request::Evaluate { scenario }, None)?)
    }

    /// A and B side by side (`tierlab compare`).
    fn compare(&mut self, py: Python<'_>, a: &str, b: &str) -> PyResult<String> {
        let (a, b) = (Box::new(read_scenario(a)?), Box::new(read_scenario(b)?));
        encode(&self.answer(py, Request::Compare { a, b }, None)?)
    }

    /// Why one customer is in their tier (`tierlab explain`).
    fn explain(&mut self, py: Python<'_>, scenario: &str, customer_id: String) -> PyResult<String> {
        let scenario = Box::new(read_scenario(scenario)?);
        encode(&self.answer(py, Request::Explain { scenario, customer_id }, None)?)
    }

    /// The simulation (`tierlab simulate`), and the field-test plan drawn from its result the way
    /// the CLI draws it (planned here, so the inputs never leave the engine's exact numbers).
    /// Returns (response JSON, plan JSON or None).
    #[pyo3(signature = (a, b, settings, plan=Some((0.05, 0.8))))]
    fn simulate(
        &mut self,
        py: Python<'_>,
        a: &str,
        b: &str,
        settings: &str,
        plan: Option<(f64, f64)>,
    ) -> PyResult<(String, Option<String>)> {
        let schemes = vec![read_scenario(a)?, read_scenario(b)?];
        let settings: SimulationSettings = serde_json::from_str(settings).map_err(|e| bad_json("settings", e))?;
        let response = self.answer(py, Request::Simulate { schemes, reference: 0, settings }, None)?;
        // The field test sizes B against A, as the CLI does for two schemes.
        let plan = match (&response, plan) {
            (Response::Simulated { result, .. }, Some((significance, power))) => match result.comparison(1) {
                Some(comparison) => {
                    let plan = plan_field_test(&comparison.field_test, significance, power)
                        .map_err(|error| user_error(&UserError::FieldTest { error }))?;
                    Some(encode(&plan)?)
                }
                None => None,
            },
            _ => None,
        };
        Ok((encode(&response)?, plan))
    }

    /// The member list (`tierlab members`): one row per customer with their place under each scheme,
    /// as the file the CLI writes. `format` is "csv" or "xlsx"; `options` the protocol's
    /// `MemberOptions` as JSON; `exclude_flagged` turns on every scheme's exclusion of flagged
    /// customers, as the CLI's `--exclude-flagged`. Returns the file's bytes.
    fn member_list<'py>(
        &mut self,
        py: Python<'py>,
        scenarios: Vec<String>,
        format: &str,
        options: &str,
        exclude_flagged: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let mut scenarios = scenarios.iter().map(|s| read_scenario(s)).collect::<PyResult<Vec<_>>>()?;
        for scenario in &mut scenarios {
            scenario.risk.exclude_flagged |= exclude_flagged;
        }
        let format: MemberFormat =
            serde_json::from_value(serde_json::Value::String(format.to_string())).map_err(|e| bad_json("format", e))?;
        let options: MemberOptions = serde_json::from_str(options).map_err(|e| bad_json("member options", e))?;
        match self.answer(py, Request::MemberList { scenarios, format, options, recommend: None }, None)? {
            Response::File { bytes, .. } => Ok(PyBytes::new(py, &bytes)),
            _ => Err(data_error("the engine answered a member list with something else")),
        }
    }

    /// The loaded customers' ids, by customer number (the engine's results name customers by number).
    fn customer_ids(&self) -> PyResult<Vec<String>> {
        let data = self.inner.prepared().ok_or_else(|| data_error("load data first"))?;
        Ok(data.dataset.customers.ids.iter().map(str::to_string).collect())
    }
}

impl Session {
    /// The session's answer; a failure becomes the matching exception. The GIL is released while
    /// the engine works, so other Python threads (a notebook's UI, Spark's) keep running.
    fn answer(&mut self, py: Python<'_>, request: Request, attachment: Option<Vec<u8>>) -> PyResult<Response> {
        let inner = &mut self.inner;
        match py.detach(move || inner.handle(request, attachment, &mut Silent)) {
            Response::Failed { error } => Err(user_error(&error)),
            response => Ok(response),
        }
    }
}

pub fn read_scenario(text: &str) -> PyResult<Scenario> {
    Scenario::from_json(text).map_err(|e| scenario_error(e.to_string()))
}

pub fn encode<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| data_error(format!("cannot encode the result: {e}")))
}

/// A scenario document of any version (JSON text) in the current format, checked: what
/// `tierlab scenario-upgrade` prints.
#[pyfunction]
pub fn upgrade_scenario(text: &str) -> PyResult<String> {
    Ok(read_scenario(text)?.to_json())
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
