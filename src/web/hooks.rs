//! Custom hooks: how components reach the shared state, the worker bridge and the language, and
//! the automatic re-runs that keep results in step with the inputs.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::engine::scenario::Scenario;
use crate::ui::i18n::Lang;
use crate::ui::state::{Action, AppState, EngineStatus, ScenarioId, Tab};

use super::worker_bridge::{Bridge, LiveRequest};

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
        self.state.lang()
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
/// The Scoring tab follows a moving slider more closely: one scenario is quicker than two.
pub const LIVE_DEBOUNCE_MS: u32 = 250;

/// Whether a scenario may be sent to the worker (its problems are shown next to the fields).
pub fn runnable(scenario: &Scenario) -> bool {
    scenario.validate().is_empty()
}

fn engine_alive(state: &AppState) -> bool {
    state.page.engine == EngineStatus::Ready || state.page.engine == EngineStatus::Starting
}

/// Re-runs the head-to-head comparison ~400 ms after the last change to either of its schemes, to
/// the pair picked or to the data, while the Compare tab is shown, data is loaded and both schemes
/// are valid. Coming back to the tab with nothing changed does not run it again.
#[hook]
pub fn use_debounced_compare(context: &AppContext) {
    let state = &context.state;
    let last_sent = use_mut_ref(|| None::<([ScenarioId; 2], [Rc<Scenario>; 2], u32)>);
    let pair = state.compare.pair_of(state.scenarios.slots().len());
    let schemes = pair.map(|id| state.scenarios.get(id).clone());
    let deps = (pair, schemes, state.data.version, engine_alive(state), state.page.tab == Tab::Compare);
    let has_data = state.data.is_loaded();
    let bridge = context.bridge.clone();
    use_effect_with(deps, move |(pair, scenarios, data_version, engine_alive, visible)| {
        let [a, b] = scenarios.clone();
        let pair = *pair;
        let inputs = (pair, [a.clone(), b.clone()], *data_version);
        let fresh = last_sent.borrow().as_ref() != Some(&inputs);
        let timeout = (fresh && *visible && has_data && *engine_alive && runnable(&a) && runnable(&b)).then(|| {
            Timeout::new(COMPARE_DEBOUNCE_MS, move || {
                *last_sent.borrow_mut() = Some(inputs);
                bridge.compare(pair, (*a).clone(), (*b).clone());
            })
        });
        move || drop(timeout)
    });
}

/// Keeps the Scoring tab live: ~250 ms after the scoring scenario, the data or the looked-up
/// customer changes, evaluates the scenario again (and explains the customer).
#[hook]
pub fn use_live_evaluation(context: &AppContext) {
    let state = &context.state;
    let which = state.live.side;
    let last_sent = use_mut_ref(|| None::<(ScenarioId, Rc<Scenario>, Option<String>, u32)>);
    let deps = (
        which,
        state.scenarios.get(which).clone(),
        state.live.lookup.clone(),
        state.data.version,
        engine_alive(state),
        state.page.tab == Tab::Scoring,
    );
    let has_data = state.data.is_loaded();
    let bridge = context.bridge.clone();
    use_effect_with(deps, move |(which, scenario, lookup, data_version, engine_alive, visible)| {
        let inputs = (*which, scenario.clone(), lookup.clone(), *data_version);
        let fresh = last_sent.borrow().as_ref() != Some(&inputs);
        let timeout = (fresh && *visible && has_data && *engine_alive && runnable(scenario)).then(|| {
            let request = LiveRequest { which: *which, scenario: (**scenario).clone(), customer: lookup.clone() };
            Timeout::new(LIVE_DEBOUNCE_MS, move || {
                *last_sent.borrow_mut() = Some(inputs);
                bridge.live(request);
            })
        });
        move || drop(timeout)
    });
}

/// Asks for the feature statistics once per loaded dataset (they feed the feature pickers).
#[hook]
pub fn use_feature_stats(context: &AppContext) {
    let state = &context.state;
    let bridge = context.bridge.clone();
    let wanted = state.data.is_loaded() && state.data.features.is_none();
    use_effect_with((state.data.version, wanted), move |(_, wanted)| {
        if *wanted {
            bridge.feature_stats();
        }
    });
}
