//! The simulation split by data: every partition holds only its own customers' rows. A first pass
//! gathers what the no-program baseline takes from the whole population (`baseline_partial`,
//! merged and fitted by `merge_baseline`), a second the heavy-buyer cut (`heavy_rates`,
//! `with_heavy_cut`); then every partition of whole blocks of the simulator's id order simulates
//! its own customers (`simulate_partition`) and the driver adds the block sums in block order
//! (`merge_split_simulation`): exactly `tierlab simulate` (the engine's `simulate::population` and
//! `simulate::split`).

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde::{Deserialize, Serialize};
use tierlab::engine::simulate::baseline::Baseline;
use tierlab::engine::simulate::population::{BaselinePartial, PopulationBaseline, SplitError, ValueCounts};
use tierlab::engine::simulate::split::{
    merge_partitions, simulate_partition, BlockLayout, PartitionSums, SegmentCounts,
};
use tierlab::engine::simulate::SimulationSettings;

use crate::errors::{bad_json, simulation_error};
use crate::partitions::{decode, to_bytes, with_bounds, Partition};
use crate::session::{encode, read_scenario};

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(baseline_partial, m)?)?;
    m.add_function(wrap_pyfunction!(merge_baseline, m)?)?;
    m.add_function(wrap_pyfunction!(heavy_rates, m)?)?;
    m.add_function(wrap_pyfunction!(with_heavy_cut, m)?)?;
    m.add_function(wrap_pyfunction!(simulate_partition_sums, m)?)?;
    m.add_function(wrap_pyfunction!(merge_split_simulation, m)?)?;
    Ok(())
}

fn split_error(error: SplitError) -> PyErr {
    simulation_error(error.to_string())
}

/// A partition's contribution to the population's statistics: the baseline's and the RFM segments'.
#[derive(Serialize, Deserialize)]
struct Partial {
    baseline: BaselinePartial,
    segments: SegmentCounts,
}

/// The population's statistics: the baseline's (fitted) and the RFM segments' counts.
#[derive(Serialize, Deserialize)]
struct Population {
    baseline: PopulationBaseline,
    segments: SegmentCounts,
}

fn read_settings(text: &str) -> PyResult<SimulationSettings> {
    let settings: SimulationSettings = serde_json::from_str(text).map_err(|e| bad_json("settings", e))?;
    if settings.until_sure.is_some() {
        return Err(simulation_error(
            "a simulation split by customer runs a fixed number of replications; run until sure on one machine",
        ));
    }
    settings.check().map_err(|error| simulation_error(error.to_string()))?;
    Ok(settings)
}

/// Pass 1: what this partition's customers contribute to the population's baseline (CBOR bytes).
#[pyfunction]
pub fn baseline_partial<'py>(py: Python<'py>, partition: &Partition) -> PyResult<Bound<'py, PyBytes>> {
    let data = &partition.data;
    let partial = py.detach(|| Partial { baseline: BaselinePartial::of(data), segments: SegmentCounts::of(data) });
    to_bytes(py, &partial)
}

/// The partitions' pass-1 bytes merged and the baseline's models fitted once on them, as the
/// one-machine baseline is fitted for `settings` (JSON `SimulationSettings`: its baseline model).
#[pyfunction]
pub fn merge_baseline<'py>(py: Python<'py>, settings: &str, partials: Vec<Vec<u8>>) -> PyResult<Bound<'py, PyBytes>> {
    let settings = read_settings(settings)?;
    let mut baseline = BaselinePartial::default();
    let mut segments = SegmentCounts::default();
    for bytes in &partials {
        let partial: Partial = decode(bytes)?;
        baseline.merge(&partial.baseline).map_err(split_error)?;
        segments.merge(&partial.segments);
    }
    let fitted = py.detach(|| PopulationBaseline::fit(&baseline, settings.baseline_model)).map_err(split_error)?;
    to_bytes(py, &Population { baseline: fitted, segments })
}

fn partition_baseline(partition: &Partition, population: &Population) -> PyResult<Baseline> {
    Baseline::of_partition(&partition.data, &population.baseline).map_err(split_error)
}

/// Pass 2: this partition's expected purchase rates counted by value (CBOR bytes).
#[pyfunction]
pub fn heavy_rates<'py>(py: Python<'py>, partition: &Partition, population: Vec<u8>) -> PyResult<Bound<'py, PyBytes>> {
    let population: Population = decode(&population)?;
    let counts = py.detach(|| partition_baseline(partition, &population).map(|b| b.heavy_rate_counts()))?;
    to_bytes(py, &counts)
}

/// The population with the heavy-buyer cut of every partition's `heavy_rates`, and the baseline's
/// note (JSON: why the empirical baseline or BG/NBD is used; `null` when the model asked for fitted).
#[pyfunction]
pub fn with_heavy_cut<'py>(
    py: Python<'py>,
    population: Vec<u8>,
    rates: Vec<Vec<u8>>,
) -> PyResult<(Bound<'py, PyBytes>, String)> {
    let Population { baseline, segments } = decode(&population)?;
    let mut total = ValueCounts::default();
    for bytes in &rates {
        total.merge(&decode(bytes)?);
    }
    let baseline = baseline.with_heavy_cut(&total);
    let note = encode(&baseline.fallback)?;
    Ok((to_bytes(py, &Population { baseline, segments })?, note))
}

/// Pass 3: this partition (whole blocks of the id order, whose first ids are `block_starts` of
/// `customers` in all) simulated on the population's baseline; `bounds` as for `Partition.evaluate`
/// (the whole data's tier bounds, None for absolute thresholds). The block sums as CBOR bytes.
#[pyfunction]
#[pyo3(signature = (partition, population, block_starts, customers, schemes, bounds, settings, reference=0))]
#[allow(clippy::too_many_arguments)]
pub fn simulate_partition_sums<'py>(
    py: Python<'py>,
    partition: &Partition,
    population: Vec<u8>,
    block_starts: Vec<String>,
    customers: usize,
    schemes: Vec<String>,
    bounds: Vec<Option<Vec<f64>>>,
    settings: &str,
    reference: usize,
) -> PyResult<Bound<'py, PyBytes>> {
    let settings = read_settings(settings)?;
    if schemes.len() != bounds.len() {
        return Err(simulation_error("give one bounds entry (or None) per scheme"));
    }
    let schemes = schemes.iter().zip(bounds).map(|(s, b)| with_bounds(s, b)).collect::<PyResult<Vec<_>>>()?;
    let population: Population = decode(&population)?;
    let layout = BlockLayout { starts: block_starts, customers };
    let sums = py.detach(|| {
        let baseline = partition_baseline(partition, &population)?;
        simulate_partition(&schemes, reference, &partition.data, &baseline, &settings, &layout, &population.segments)
            .map_err(split_error)
    })?;
    to_bytes(py, &sums)
}

/// The whole data's result (`tierlab simulate --json`'s `simulation`) from every partition's
/// `simulate_partition_sums`, in any order; `schemes` as the request gave them.
#[pyfunction]
pub fn merge_split_simulation(py: Python<'_>, schemes: Vec<String>, sums: Vec<Vec<u8>>) -> PyResult<String> {
    let schemes = schemes.iter().map(|s| read_scenario(s)).collect::<PyResult<Vec<_>>>()?;
    let parts = sums.iter().map(|bytes| decode::<PartitionSums>(bytes)).collect::<PyResult<Vec<_>>>()?;
    let result = py.detach(|| merge_partitions(&schemes, parts)).map_err(split_error)?;
    encode(&result)
}
