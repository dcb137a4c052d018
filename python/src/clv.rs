//! CLV on customers split over partitions: each partition's history counts (`ClvPartial`, CBOR
//! bytes), the driver's one fit on their merge, and each partition's per-customer values under the
//! whole data's parameters (the engine's `models::clv::partitioned`; the same numbers as
//! `tierlab clv` on the whole file).

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::models::clv::partitioned::{fit_partials, partition_partial, predict_partition};
use tierlab::engine::models::clv::{ClvError, ClvPartial, ClvReport, ClvSettings};
use tierlab::protocol::UserError;

use crate::errors::{bad_json, data_error, model_error, user_error};
use crate::partitions::{decode, to_bytes};
use crate::session::encode;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(merge_clv, m)?)?;
    Ok(())
}

/// CLV settings as the protocol's JSON (`ClvSettings`). A holdout is refused: its check adds
/// every customer's expected holdout purchases in file order, which no partition knows.
fn read_settings(text: &str) -> PyResult<ClvSettings> {
    let settings: ClvSettings = serde_json::from_str(text).map_err(|e| bad_json("CLV settings", e))?;
    if settings.holdout_end.is_some() {
        return Err(model_error(
            "a CLV fit split by customer takes no holdout: the holdout check adds every customer's expected \
             purchases in file order, which no partition knows; leave the holdout out, or fit on one machine \
             (the CLI)",
        ));
    }
    Ok(settings)
}

fn clv_error(error: ClvError) -> PyErr {
    user_error(&UserError::Clv { error })
}

/// A partition's history counts (CBOR bytes).
pub fn partial<'py>(py: Python<'py>, data: &PreparedData, settings: &str) -> PyResult<Bound<'py, PyBytes>> {
    let settings = read_settings(settings)?;
    let log = data.dataset.events.as_ref().ok_or_else(|| data_error("CLV needs an event log with dates"))?;
    let partial = py.detach(|| partition_partial(log, &settings));
    to_bytes(py, &partial)
}

/// The partitions' values: the engine's per-customer values as JSON (`customer` indexes the
/// partition's customers), under the merged fit `model` (the bytes `merge_clv` returns).
pub fn values(py: Python<'_>, data: &PreparedData, settings: &str, model: &[u8]) -> PyResult<String> {
    let settings = read_settings(settings)?;
    let report: ClvReport = decode(model)?;
    let log = data.dataset.events.as_ref().ok_or_else(|| data_error("CLV needs an event log with dates"))?;
    let values = py.detach(|| predict_partition(log, &settings, &report)).map_err(clv_error)?;
    encode(&values)
}

/// The whole data's CLV report (as `tierlab clv --json`, without the per-customer rows) from the
/// partitions' counts, merged; and the same report as CBOR bytes for the partitions' predictions.
#[pyfunction]
pub fn merge_clv<'py>(
    py: Python<'py>,
    settings: &str,
    partials: Vec<Vec<u8>>,
) -> PyResult<(String, Bound<'py, PyBytes>)> {
    let settings = read_settings(settings)?;
    let mut total = ClvPartial::default();
    for bytes in &partials {
        total.merge(&decode::<ClvPartial>(bytes)?);
    }
    let report = py.detach(|| fit_partials(&total, &settings)).map_err(clv_error)?;
    Ok((encode(&report)?, to_bytes(py, &report)?))
}
