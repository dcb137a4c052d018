//! The Compare tab: two schemes head to head (A and B, or any two the user picks when there are
//! more), their editors side by side and their results, then (with more than two schemes or another
//! reference) every scheme replayed beside the reference.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::editor::ScenarioEditor;
use super::exclusion_effect::ExclusionEffects;
use super::member_download::MemberDownload;
use super::results::Results;
use super::risk_panel::RiskPanel;
use super::schemes_replay::SchemesReplayCard;
use crate::ui::format;
use crate::ui::i18n::T;
use crate::ui::state::{Action, CompareAction, ScenarioId};
use crate::web::hooks::{runnable, use_app};

#[function_component(ComparePage)]
pub fn compare_page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let ids: Vec<ScenarioId> = state.scenarios.ids().collect();
    let pair = state.compare.pair_of(ids.len());
    let [a, b] = pair.map(|id| state.scenarios.get(id).clone());
    let valid = runnable(&a) && runnable(&b);
    let has_data = state.data.is_loaded();
    let run = {
        let bridge = app.bridge.clone();
        let (a, b) = (a.clone(), b.clone());
        Callback::from(move |_: MouseEvent| bridge.compare(pair, (*a).clone(), (*b).clone()))
    };
    let blocked_reason = if !has_data {
        Some(T::NeedData)
    } else if !valid {
        Some(T::FixToRun)
    } else {
        None
    };
    // With more than two schemes, any two can be put head to head.
    let picker = |side: usize| {
        let ids = ids.clone();
        let on_change = app.callback(move |event: Event| {
            let key = event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value());
            let scheme = ids.iter().copied().find(|id| Some(id.key()) == key).unwrap_or(pair[side]);
            Action::Compare(CompareAction::Pick { side, scheme })
        });
        html! {
            <select class="select select--small" data-testid={format!("compare-pick-{side}")}
                aria-label={T::HeadToHead.get(lang)} onchange={on_change}>
                { for state.scenarios.ids().map(|id| html! {
                    <option value={id.key()} selected={id == pair[side]}>
                        { format::scheme_label(id.letter(), &state.scenarios.get(id).name) }
                    </option>
                }) }
            </select>
        }
    };
    let shown = state.compare.comparison.clone();
    html! {
        <div class="page page--compare">
            <div class="page-head">
                <div>
                    <h2 class="page-head__title">{ T::CompareTitle.get(lang) }</h2>
                    <p class="page-head__subtitle">{ T::CompareIntro.get(lang) }</p>
                </div>
                <div class="page-head__actions">
                    if ids.len() > 2 {
                        <span class="field field--inline" data-testid="compare-pair">
                            <span class="field__label">{ T::HeadToHead.get(lang) }</span>
                            { picker(0) }<span class="muted">{ T::Versus.get(lang) }</span>{ picker(1) }
                        </span>
                    }
                    if let Some(reason) = blocked_reason {
                        <span class="hint hint--warn" data-testid="compare-blocked">{ reason.get(lang) }</span>
                    }
                    <button type="button" class="button button--primary" data-testid="run-compare"
                        disabled={blocked_reason.is_some()} onclick={run}>
                        { T::RunCompare.get(lang) }
                    </button>
                </div>
            </div>
            <div class="editors">
                <ScenarioEditor which={pair[0]} />
                <ScenarioEditor which={pair[1]} />
            </div>
            if let Some(shown) = shown {
                <Results comparison={shown.comparison.clone()} job={shown.job} {lang}
                    letters={shown.pair.map(|id| id.letter())} updating={state.jobs.compare_running()} />
                <ExclusionEffects comparison={shown.comparison} {lang} letters={shown.pair.map(|id| id.letter())} />
            } else {
                <section class="card card--empty"><p>{ T::ResultsPending.get(lang) }</p></section>
            }
            if ids.len() > 2 || state.scenarios.reference() != ScenarioId::A {
                <SchemesReplayCard />
            }
            <RiskPanel />
            <MemberDownload />
        </div>
    }
}
