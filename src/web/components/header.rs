//! Brand, tabs and the language switch.

use yew::prelude::*;

use crate::ui::format;
use crate::ui::i18n::T;
use crate::ui::state::{Action, PageAction, Tab};
use crate::web::hooks::use_app;

#[function_component(Header)]
pub fn header() -> Html {
    let app = use_app();
    let lang = app.lang();
    let tab = app.state.page.tab;
    let tab_button = |target: Tab, label: T, testid: &'static str| {
        let onclick = app.callback(move |_: MouseEvent| Action::Page(PageAction::SetTab(target)));
        let selected = tab == target;
        html! {
            <button type="button" role="tab" class={classes!("tab", selected.then_some("tab--active"))}
                aria-selected={selected.to_string()} data-testid={testid} {onclick}>
                { label.get(lang) }
            </button>
        }
    };
    let switch = app.callback(move |_: MouseEvent| Action::Page(PageAction::SetLang(lang.other())));
    html! {
        <header class="header">
            <div class="header__inner">
                <div class="brand">
                    <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
                        <rect x="3" y="20" width="6" height="9" rx="1.5" fill="#94a3b8" />
                        <rect x="13" y="13" width="6" height="16" rx="1.5" fill="#60a5fa" />
                        <rect x="23" y="5" width="6" height="24" rx="1.5" fill="#2563eb" />
                    </svg>
                    <div class="brand__text">
                        <span class="brand__name">{ T::Brand.get(lang) }</span>
                        <span class="brand__tagline">{ T::Tagline.get(lang) }</span>
                    </div>
                </div>
                <nav class="tabs" role="tablist">
                    { tab_button(Tab::Data, T::TabData, "tab-data") }
                    { tab_button(Tab::Scoring, T::TabScoring, "tab-scoring") }
                    { tab_button(Tab::Compare, T::TabCompare, "tab-compare") }
                    { tab_button(Tab::Lab, T::TabLab, "tab-lab") }
                    { tab_button(Tab::Simulator, T::TabSimulator, "tab-simulator") }
                </nav>
                if let Some(data) = &app.state.data.summary {
                    <span class="dataset-pill" data-testid="data-ready" data-customers={data.customers.to_string()}
                        title={data.source_name.clone()}>
                        <strong>{ format::large(data.customers as f64, lang, |v| format::count(v as usize)) }</strong>{ " " }{ T::CustomersLoaded.get(lang) }
                    </span>
                }
                <button type="button" class="button button--small button--ghost lang-switch" data-testid="language-switch"
                    title={T::SwitchLanguageTitle.get(lang)} onclick={switch}>
                    { T::SwitchLanguage.get(lang) }
                </button>
            </div>
        </header>
    }
}
