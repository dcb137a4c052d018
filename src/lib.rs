//! TierLab: design and compare membership tiers and benefit schemes on your own customer data.
//!
//! `engine` is pure Rust (no browser crates) so the same code runs in the Web Worker, in the native
//! CLI and in fast native tests. `web` is the thin browser shell: the Yew page and the worker glue.

pub mod engine;
pub mod protocol;
pub mod session;

/// The charts' scales, ticks, layout and palette: plain arithmetic, so it is tested natively; the
/// charts in `web::charts` draw with it (the file sits with them, under `src/web/charts/frame`).
#[path = "web/charts/frame/mod.rs"]
pub mod chart_frame;

#[cfg(target_arch = "wasm32")]
pub mod web;
