//! The browser shell: a Yew page (`run_app`) and the compute worker glue (`worker`). Thin on
//! purpose: all computing happens in the engine, inside the worker; the page state and everything
//! that needs no browser is in `crate::ui`; this module renders, edits and talks to the browser.

pub mod app;
pub mod charts;
pub mod components;
pub mod export;
pub mod hooks;
pub mod persist;
pub mod worker;
pub mod worker_bridge;

use std::rc::Rc;

use crate::ui::state::{Action, AppState};

/// Yew's handle on the root reducer: a new state per action, reduced by the slices.
impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        AppState::reduce(&mut next, action);
        Rc::new(next)
    }
}

/// Entry point of the `app` binary: mounts the page on `<body>`.
pub fn run_app() {
    console_error_panic_hook::set_once();
    // The static "loading" placeholder in index.html has done its job.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
