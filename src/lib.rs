//! TierLab: design and compare membership tiers and benefit schemes on your own customer data.
//!
//! `engine` is pure Rust (no browser crates) so the same code runs in the Web Worker, in the native
//! CLI and in fast native tests. `ui` is the page's logic that needs no browser (state slices, words,
//! forms, number formats, the chart frame), tested natively. `web` is the thin browser shell: the
//! Yew views and the worker glue.

pub mod engine;
pub mod fuzz_paths;
pub mod protocol;
pub mod session;
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod web;
