//! The simulation split into blocks of customers: every task simulates a range of the blocks of
//! the whole customer base (the engine's fixed blocks of customers in id order, random draws keyed
//! by customer id and replication) and returns their partial sums; the driver merges them in block
//! order into exactly `tierlab simulate`'s result. Every task loads the whole file: the work is
//! split, the data is not.

use std::ops::Range;

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, LoadSettings, ReadOptions};
use tierlab::engine::progress::Silent;
use tierlab::engine::scenario::Scenario;
use tierlab::engine::simulate::baseline::Baseline;
use tierlab::engine::simulate::blocks::BlockPartial;
use tierlab::engine::simulate::simulation::Simulation;
use tierlab::engine::simulate::{SimulateError, SimulationSettings};
use tierlab::protocol::UserError;
use tierlab::session::fit_baseline_with;

use crate::errors::{bad_json, data_error, simulation_error, user_error};
use crate::partitions::{decode, to_bytes};
use crate::session::{encode, read_scenario};

/// A file loaded as the CLI loads it, its no-program baseline fitted as the CLI fits it, and the
/// schemes of one simulation request.
#[pyclass(module = "tierlab._native")]
pub struct BlockSimulator {
    data: PreparedData,
    baseline: Baseline,
    schemes: Vec<Scenario>,
    reference: usize,
    settings: SimulationSettings,
}

fn simulate_error(error: SimulateError) -> PyErr {
    user_error(&UserError::Simulate { error })
}

impl BlockSimulator {
    fn simulation(&self) -> PyResult<Simulation<'_>> {
        Simulation::new(&self.schemes, self.reference, &self.data, &self.baseline, &self.settings, &mut Silent)
            .map_err(simulate_error)
    }

    fn replications(&self) -> Range<u32> {
        0..self.settings.replications
    }
}

#[pymethods]
impl BlockSimulator {
    /// `data`: the file's bytes; `load_settings`: load settings as JSON (None: detected as the CLI
    /// does); `schemes`: scenario texts; `settings`: `SimulationSettings` as JSON (a fixed number
    /// of replications: running until sure decides batch by batch on the merged result).
    #[new]
    #[pyo3(signature = (data, schemes, settings, reference=0, load_settings=None))]
    fn new(
        py: Python<'_>,
        data: Vec<u8>,
        schemes: Vec<String>,
        settings: &str,
        reference: usize,
        load_settings: Option<&str>,
    ) -> PyResult<BlockSimulator> {
        let schemes = schemes.iter().map(|s| read_scenario(s)).collect::<PyResult<Vec<_>>>()?;
        let settings: SimulationSettings = serde_json::from_str(settings).map_err(|e| bad_json("settings", e))?;
        if settings.until_sure.is_some() {
            return Err(simulation_error(
                "a simulation split into blocks runs a fixed number of replications; run until sure on one machine",
            ));
        }
        settings.check().map_err(simulate_error)?;
        let load_settings: Option<LoadSettings> =
            load_settings.map(serde_json::from_str).transpose().map_err(|e| bad_json("load settings", e))?;
        py.detach(move || {
            let read = load_settings.as_ref().map(|s| s.read.clone()).unwrap_or_else(ReadOptions::default);
            let ingest_error = |e: ingest::IngestError| user_error(&UserError::Ingest { error: e });
            let source = ingest::read_source(data, &read).map_err(ingest_error)?;
            let load_settings = match load_settings {
                Some(s) => s,
                None => ingest::default_settings(&ingest::inspect(&source, &read).map_err(ingest_error)?),
            };
            let (dataset, _) = ingest::load(&source, &load_settings, &mut Silent).map_err(ingest_error)?;
            let data = PreparedData::new(dataset);
            if let Err(e) = &data.activity {
                return Err(data_error(e.to_string()));
            }
            let (baseline, _) = fit_baseline_with(&data, settings.baseline_model, None, &mut Silent);
            Ok(BlockSimulator { data, baseline, schemes, reference, settings })
        })
    }

    /// How many blocks of customers the simulation sums over.
    fn block_count(&self) -> PyResult<usize> {
        Ok(self.simulation()?.block_count())
    }

    /// The partial sums of blocks `start..end` for every replication (CBOR bytes).
    fn simulate_blocks<'py>(&self, py: Python<'py>, start: usize, end: usize) -> PyResult<Bound<'py, PyBytes>> {
        let simulation = self.simulation()?;
        if start > end || end > simulation.block_count() {
            return Err(simulation_error(format!("blocks {start}..{end} of {}", simulation.block_count())));
        }
        let partials = py.detach(|| simulation.simulate_blocks(start..end, self.replications()));
        to_bytes(py, &partials)
    }

    /// The result (`tierlab simulate --json`'s `simulation`) of every block's partial sums, as
    /// returned by `simulate_blocks` over any split of the blocks.
    fn merge(&self, py: Python<'_>, partials: Vec<Vec<u8>>) -> PyResult<String> {
        let simulation = self.simulation()?;
        let mut blocks: Vec<BlockPartial> = Vec::new();
        for bytes in &partials {
            blocks.extend(decode::<Vec<BlockPartial>>(bytes)?);
        }
        let merged = py
            .detach(|| simulation.merge(self.replications(), blocks))
            .ok_or_else(|| simulation_error("the block sums do not cover every block exactly once"))?;
        encode(&simulation.result(merged))
    }
}
