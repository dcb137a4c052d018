//! The engine's failures as Python exceptions: one class per kind of problem under `TierLabError`,
//! the engine's own message as the text, and the typed error (as JSON) in `detail`.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use tierlab::protocol::UserError;

create_exception!(tierlab, TierLabError, PyException, "Any failure the TierLab engine reports.");
create_exception!(tierlab, DataError, TierLabError, "The file or table cannot be read or lacks what is asked.");
create_exception!(tierlab, ScenarioError, TierLabError, "A scenario is invalid or does not fit the data.");
create_exception!(tierlab, ModelError, TierLabError, "A model (CLV, value, tier, segments) cannot be fitted.");
create_exception!(tierlab, SimulationError, TierLabError, "A simulation setting or run failed.");
create_exception!(tierlab, InternalError, TierLabError, "A bug in TierLab: please report it.");

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("TierLabError", py.get_type::<TierLabError>())?;
    m.add("DataError", py.get_type::<DataError>())?;
    m.add("ScenarioError", py.get_type::<ScenarioError>())?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add("SimulationError", py.get_type::<SimulationError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}

/// The exception for an engine error: its class by kind, its message as the engine words it.
pub fn user_error(error: &UserError) -> PyErr {
    let message = error.to_string();
    let err = match error {
        UserError::Ingest { .. }
        | UserError::NoData
        | UserError::NoFile
        | UserError::UnknownCustomer { .. }
        | UserError::ColumnName { .. }
        | UserError::BadRequest { .. } => DataError::new_err(message),
        UserError::Scenario { .. } | UserError::Evaluate { .. } => ScenarioError::new_err(message),
        UserError::Clv { .. } | UserError::TrainingSet { .. } | UserError::Model { .. } | UserError::Segments { .. } => {
            ModelError::new_err(message)
        }
        UserError::Simulate { .. } | UserError::Optimise { .. } | UserError::FieldTest { .. } => {
            SimulationError::new_err(message)
        }
        UserError::Internal { .. } => InternalError::new_err(message),
        #[allow(unreachable_patterns)]
        _ => TierLabError::new_err(message),
    };
    attach_detail(err, error)
}

/// A failure outside the worker protocol (a malformed request from the Python side, a partition
/// summary that does not parse): `kind` picks the class.
pub fn data_error(message: impl Into<String>) -> PyErr {
    DataError::new_err(message.into())
}

pub fn scenario_error(message: impl Into<String>) -> PyErr {
    ScenarioError::new_err(message.into())
}

pub fn simulation_error(message: impl Into<String>) -> PyErr {
    SimulationError::new_err(message.into())
}

pub fn model_error(message: impl Into<String>) -> PyErr {
    ModelError::new_err(message.into())
}

fn attach_detail(err: PyErr, error: &UserError) -> PyErr {
    Python::attach(|py| {
        if let Ok(detail) = serde_json::to_string(error) {
            // Best effort: the message alone is still a complete report.
            let _ = err.value(py).setattr("detail", detail);
        }
    });
    err
}

/// A request the Python layer built wrongly (a bug there, or a caller passing raw JSON).
pub fn bad_json(what: &str, error: serde_json::Error) -> PyErr {
    DataError::new_err(format!("{what}: {error}"))
}
