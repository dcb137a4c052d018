//! The pure engine: no browser crates, so it runs in the Web Worker, in the CLI and in native tests.

pub mod chunks;
pub mod compare;
pub mod dataset;
pub mod date;
pub mod evaluate;
pub mod explain;
pub mod features;
pub mod ingest;
pub mod json_float;
pub mod ledger;
pub mod limits;
pub mod members;
pub mod models;
pub mod optimise;
pub mod prepared;
pub mod pricing;
pub mod progress;
pub mod replay;
pub mod risk;
pub mod rng;
pub mod roles;
pub mod sample;
pub mod scenario;
pub mod scoring;
pub mod simulate;
pub mod tiers;
