//! `tierlab._native`: the TierLab engine for Python. Deliberately thin: requests and results cross
//! as the same serde JSON the page's worker and `tierlab --json` use, file bytes as bytes; the
//! Python package (`python/tierlab`) turns results into pandas frames. Nothing here computes.

mod clv;
mod errors;
mod partitions;
mod session;
mod simulate;
mod split;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<session::Session>()?;
    m.add_function(wrap_pyfunction!(session::upgrade_scenario, m)?)?;
    m.add_function(wrap_pyfunction!(session::scenario_template, m)?)?;
    m.add_function(wrap_pyfunction!(session::end_of_day, m)?)?;
    m.add_function(wrap_pyfunction!(session::sample_csv, m)?)?;
    partitions::register(m)?;
    clv::register(m)?;
    m.add_class::<simulate::BlockSimulator>()?;
    split::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
