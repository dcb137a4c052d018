//! The root component: owns the reducer and the worker bridge, provides both through context,
//! restores saved work on start, and lays out header, status and the active tab.

use yew::prelude::*;

use super::components::compare_page::ComparePage;
use super::components::data_page::DataPage;
use super::components::header::Header;
use super::components::lab::ModelLabPage;
use super::components::scoring_page::ScoringPage;
use super::components::simulator::SimulatorPage;
use super::components::status::{EngineGate, ErrorBanner, JobProgress, Notices};
use super::hooks::{use_debounced_compare, use_feature_stats, use_live_evaluation, AppContext};
use super::i18n::{Lang, T};
use super::lab::{self, LabState};
use super::persist::{self, StoredPair};
use super::sim_state;
use super::state::{default_scenarios, AppState, Notice, Tab};
use super::worker_bridge::Bridge;

fn initial_state() -> AppState {
    let lang = persist::load_lang().unwrap_or_else(persist::browser_lang);
    let mut notices = Vec::new();
    let scenarios = match persist::load_scenarios() {
        StoredPair::Found(pair) => *pair,
        StoredPair::Nothing => default_scenarios(),
        StoredPair::Corrupt => {
            notices.push(Notice::StorageCorrupt);
            default_scenarios()
        }
    };
    let mut state = AppState::new(lang, scenarios, notices);
    sim_state::restore(&mut state);
    let (lab_settings, lab_corrupt) = lab::persist::load();
    state.lab = LabState::new(lab_settings, lab_corrupt);
    state
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let dispatcher = state.dispatcher();
    let bridge = use_memo((), move |_| Bridge::new(Callback::from(move |action| dispatcher.dispatch(action))));
    let context = AppContext { state: state.clone(), bridge: (*bridge).clone() };

    // First open: the file saved in this browser, or else the sample.
    {
        let bridge = (*bridge).clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match persist::load_file().await {
                    Some(stored) => bridge.restore_file(stored.file, stored.name, stored.settings),
                    None => bridge.load_sample(),
                }
            });
        });
    }

    use_effect_with(state.lang, |lang| {
        persist::save_lang(*lang);
        set_document_lang(*lang);
    });
    use_effect_with(state.scenarios.clone(), |[a, b]| persist::save_scenarios(a, b));
    use_effect_with(state.lab.settings.clone(), |settings| lab::persist::save(settings));
    use_debounced_compare(&context);
    use_live_evaluation(&context);
    use_feature_stats(&context);
    sim_state::use_sim_storage(&state);

    let page = match state.tab {
        Tab::Data => html! { <DataPage /> },
        Tab::Scoring => html! { <ScoringPage /> },
        Tab::Compare => html! { <ComparePage /> },
        Tab::Simulator => html! { <SimulatorPage /> },
        Tab::Lab => html! { <ModelLabPage /> },
    };
    html! {
        <ContextProvider<AppContext> context={context}>
            <div class="app">
                <Header />
                <main class="main">
                    <EngineGate />
                    <ErrorBanner />
                    <Notices />
                    <JobProgress />
                    { page }
                </main>
            </div>
        </ContextProvider<AppContext>>
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.tag());
    }
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(T::DocumentTitle.get(lang));
    }
}
