//! The Compare tab: editors A and B side by side, their results, then (with more than two schemes
//! or another reference) every scheme replayed beside the reference.

use yew::prelude::*;

use super::editor::ScenarioEditor;
use super::exclusion_effect::ExclusionEffects;
use super::member_download::MemberDownload;
use super::results::Results;
use super::risk_panel::RiskPanel;
use super::schemes_replay::SchemesReplayCard;
use crate::ui::i18n::T;
use crate::ui::state::ScenarioId;
use crate::web::hooks::{runnable, use_app};

#[function_component(ComparePage)]
pub fn compare_page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let [a, b] = state.scenarios.pair();
    let valid = runnable(&a) && runnable(&b);
    let has_data = state.data.is_loaded();
    let run = {
        let bridge = app.bridge.clone();
        let (a, b) = (a.clone(), b.clone());
        Callback::from(move |_: MouseEvent| bridge.compare((*a).clone(), (*b).clone()))
    };
    let blocked_reason = if !has_data {
        Some(T::NeedData)
    } else if !valid {
        Some(T::FixToRun)
    } else {
        None
    };
    html! {
        <div class="page page--compare">
            <div class="page-head">
                <div>
                    <h2 class="page-head__title">{ T::CompareTitle.get(lang) }</h2>
                    <p class="page-head__subtitle">{ T::CompareIntro.get(lang) }</p>
                </div>
                <div class="page-head__actions">
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
                <ScenarioEditor which={ScenarioId::A} />
                <ScenarioEditor which={ScenarioId::B} />
            </div>
            if let Some((job, comparison)) = state.compare.comparison.clone() {
                <Results comparison={comparison.clone()} {job} {lang} updating={state.jobs.compare_running()} />
                <ExclusionEffects {comparison} {lang} />
            } else {
                <section class="card card--empty"><p>{ T::ResultsPending.get(lang) }</p></section>
            }
            if state.scenarios.slots().len() > 2 || state.scenarios.reference() != ScenarioId::A {
                <SchemesReplayCard />
            }
            <RiskPanel />
            <MemberDownload />
        </div>
    }
}
