//! The browser shell: a Yew page (`run_app`) and the compute worker glue (`worker`). Thin on
//! purpose: all computing happens in the engine, inside the worker; the page renders and edits.

pub mod app;
pub mod charts;
pub mod components;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod persist;
pub mod state;
pub mod worker;
pub mod worker_bridge;

/// Entry point of the `app` binary: mounts the page on `<body>`.
pub fn run_app() {
    console_error_panic_hook::set_once();
    yew::Renderer::<app::App>::new().render();
}
