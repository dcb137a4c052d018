//! The root component: owns the reducer and the worker bridge, provides both through context,
//! restores and saves the user's work (one hook), and lays out header, status and the active tab.

use yew::prelude::*;

use crate::ui::i18n::{Lang, T};
use crate::ui::state::Tab;

use super::components::compare_page::ComparePage;
use super::components::data_page::DataPage;
use super::components::header::Header;
use super::components::lab::ModelLabPage;
use super::components::scoring_page::ScoringPage;
use super::components::simulator::SimulatorPage;
use super::components::status::{EngineGate, ErrorBanner, JobProgress, Notices};
use super::hooks::{use_debounced_compare, use_feature_stats, use_live_evaluation, AppContext};
use super::persist::{restore, use_persistence};
use super::worker_bridge::Bridge;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(restore);
    let dispatcher = state.dispatcher();
    let bridge = use_memo((), move |_| Bridge::new(Callback::from(move |action| dispatcher.dispatch(action))));
    let context = AppContext { state: state.clone(), bridge: (*bridge).clone() };

    use_persistence(&context);
    use_effect_with(state.lang(), |lang| set_document_lang(*lang));
    use_debounced_compare(&context);
    use_live_evaluation(&context);
    use_feature_stats(&context);

    // `?embed=1`: the page inside another site gets a compact header (read once: the query stays).
    let embed = *use_memo((), |_| {
        let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        crate::ui::embed::embed_requested(&query)
    });
    let page = match state.page.tab {
        Tab::Data => html! { <DataPage /> },
        Tab::Scoring => html! { <ScoringPage /> },
        Tab::Compare => html! { <ComparePage /> },
        Tab::Simulator => html! { <SimulatorPage /> },
        Tab::Lab => html! { <ModelLabPage /> },
    };
    html! {
        <ContextProvider<AppContext> context={context}>
            <div class={classes!("app", embed.then_some("app--embed"))}>
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
