//! The browser shell: a Yew page (`run_app`) and the compute worker glue (`worker`). Thin on
//! purpose: all computing happens in the engine, inside the worker; the page renders and edits.

pub mod app;
pub mod charts;
pub mod choices;
pub mod components;
pub mod feature_info;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod lab;
pub mod persist;
pub mod scenario_diff;
pub mod share_link;
pub mod sim_state;
pub mod state;
pub mod worker;
pub mod worker_bridge;

/// Entry point of the `app` binary: mounts the page on `<body>`.
pub fn run_app() {
    console_error_panic_hook::set_once();
    // The static "loading" placeholder in index.html has done its job.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
