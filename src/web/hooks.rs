//! Custom hooks: how components reach the shared state, the worker bridge and the language.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::engine::scenario::Scenario;

use super::i18n::Lang;
use super::state::{Action, AppState, EngineStatus};
use super::worker_bridge::Bridge;

/// What every component gets from `App`: the state (read + dispatch) and the worker bridge.
#[derive(Clone, PartialEq)]
pub struct AppContext {
    pub state: UseReducerHandle<AppState>,
    pub bridge: Bridge,
}

impl AppContext {
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    pub fn lang(&self) -> Lang {
        self.state.lang
    }

    /// A callback that dispatches the action built from its argument.
    pub fn callback<IN: 'static>(&self, make: impl Fn(IN) -> Action + 'static) -> Callback<IN> {
        let state = self.state.clone();
        Callback::from(move |input: IN| state.dispatch(make(input)))
    }
}

#[hook]
pub fn use_app() -> AppContext {
    // `App` provides the context around every component; a missing one is a programming error.
    use_context::<AppContext>().expect("AppContext is provided by App")
}

#[hook]
pub fn use_lang() -> Lang {
    use_app().lang()
}

/// How long the inputs must stay still before a comparison re-runs by itself.
pub const COMPARE_DEBOUNCE_MS: u32 = 400;

/// Whether a scenario may be sent to the worker (its problems are shown next to the fields).
pub fn runnable(scenario: &Scenario) -> bool {
    scenario.validate().is_empty()
}

/// Re-runs the comparison ~400 ms after the last change to either scenario or to the data, as long
/// as data is loaded and both scenarios are valid.
#[hook]
pub fn use_debounced_compare(context: &AppContext) {
    let state = &context.state;
    let deps = (
        state.scenarios.clone(),
        state.data_version,
        state.engine == EngineStatus::Ready || state.engine == EngineStatus::Starting,
    );
    let has_data = state.data.is_some();
    let bridge = context.bridge.clone();
    use_effect_with(deps, move |(scenarios, _, engine_alive)| {
        let [a, b] = scenarios.clone();
        let timeout = (has_data && *engine_alive && runnable(&a) && runnable(&b))
            .then(|| Timeout::new(COMPARE_DEBOUNCE_MS, move || bridge.compare((*a).clone(), (*b).clone())));
        move || drop(timeout)
    });
}
