//! Look up one customer by id and see why they are where they are. The explanation follows the
//! scenario: it is recomputed after every change.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::components::card::CardHead;

use super::explanation_panel::ExplanationPanel;
use crate::engine::roles::ColumnRole;
use crate::protocol::DataSummary;
use crate::ui::i18n::{self, T};
use crate::ui::state::{Action, LiveAction};
use crate::web::hooks::use_app;

/// A few customer ids from the first rows of the data, to try.
fn example_ids(data: &DataSummary) -> Vec<String> {
    let Some(column) = data.settings.roles.iter().position(|r| *r == ColumnRole::CustomerId) else { return vec![] };
    let mut ids: Vec<String> = Vec::new();
    for row in &data.inspection.preview {
        if let Some(id) = row.get(column).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.len() == 3 {
            break;
        }
    }
    ids
}

#[function_component(CustomerLookup)]
pub fn customer_lookup() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let text = use_state(|| state.live.lookup.clone().unwrap_or_default());
    let on_input = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                text.set(input.value());
            }
        })
    };
    let on_submit = {
        let text = text.clone();
        let dispatch = app.state.dispatcher();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            dispatch.dispatch(Action::Live(LiveAction::LookUp((*text).clone())));
        })
    };
    let examples = state.data.summary.as_deref().map(example_ids).unwrap_or_default();
    let which = state.live.side;
    let scenario = state.scenarios.get(which).clone();
    let explanation = state.live.explanation.clone().filter(|(_, _, e)| {
        // Only the customer asked for (a lookup of someone else is on its way).
        state.live.lookup.as_deref().is_some_and(|id| e.customer_id.trim().eq_ignore_ascii_case(id.trim()))
    });
    let updating = state.jobs.live_running();
    html! {
        <section class="card lookup" data-testid="customer-lookup">
            <CardHead title={T::LookupTitle.get(lang)} subtitle={T::LookupIntro.get(lang)} />
            <form class="lookup__form" onsubmit={on_submit}>
                <input type="text" class="input lookup__input" value={(*text).clone()} oninput={on_input}
                    placeholder={examples.first().cloned().unwrap_or_else(|| "C000123".to_string())}
                    aria-label={T::CustomerId.get(lang)} data-testid="customer-id-input" autocomplete="off" />
                <button type="submit" class="button button--primary" data-testid="customer-lookup-button">
                    { T::LookUp.get(lang) }
                </button>
                if !examples.is_empty() {
                    <span class="lookup__examples">
                        { T::TryIds.get(lang) }
                        { for examples.into_iter().map(|id| {
                            let set = {
                                let text = text.clone();
                                let dispatch = app.state.dispatcher();
                                let id = id.clone();
                                Callback::from(move |_: MouseEvent| {
                                    text.set(id.clone());
                                    dispatch.dispatch(Action::Live(LiveAction::LookUp(id.clone())));
                                })
                            };
                            html! { <button type="button" class="chip" data-testid="example-id" onclick={set}>{ id }</button> }
                        }) }
                    </span>
                }
            </form>
            if let Some(id) = &state.live.unknown_customer {
                <p class="lookup__error" role="alert" data-testid="lookup-error">{ i18n::unknown_customer(id, lang) }</p>
            }
            if let Some((job, _, explanation)) = explanation {
                <ExplanationPanel {explanation} tier_names={scenario.tiers.names.clone()} {lang} {job} {updating} />
            } else if state.live.lookup.is_some() && state.live.unknown_customer.is_none() && updating {
                <p class="muted">{ T::Computing.get(lang) }</p>
            }
        </section>
    }
}
