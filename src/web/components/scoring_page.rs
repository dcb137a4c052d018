//! The Scoring tab: one scenario's scoring model and tier rules with live results next to them —
//! customers per tier, warnings, tiers over time — a customer lookup that explains one score, and
//! the features the data provides.

use yew::prelude::*;

use crate::web::components::card::CardHead;

use super::customer_lookup::CustomerLookup;
use super::editor::{Layout, ScenarioEditor};
use super::feature_table::FeatureTable;
use super::live_outcome::{LiveOutcome, LiveTimeline};
use crate::ui::i18n::T;
use crate::ui::state::{Action, LiveAction, ScenarioId};
use crate::web::hooks::use_app;

#[function_component(ScoringPage)]
pub fn scoring_page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let which = state.live.side;
    let side_button = |side: ScenarioId| {
        let onclick = app.callback(move |_: MouseEvent| Action::Live(LiveAction::SetSide(side)));
        let selected = which == side;
        let name = state.scenarios.get(side).name.clone();
        html! {
            <button type="button" role="radio" aria-checked={selected.to_string()}
                class={classes!("segmented__item", selected.then_some("segmented__item--on"), format!("segmented__item--{}", side.key()))}
                data-testid={format!("scoring-side-{}", side.key())} {onclick}>
                <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{}", side.key()))}>{ side.letter().to_string() }</span>
                { name }
            </button>
        }
    };
    html! {
        <div class="page page--scoring">
            <div class="page-head">
                <div>
                    <h2 class="page-head__title">{ T::ScoringPageTitle.get(lang) }</h2>
                    <p class="page-head__subtitle">{ T::ScoringPageIntro.get(lang) }</p>
                </div>
                <div class="page-head__actions">
                    <span class="hint">{ T::WorkingOn.get(lang) }</span>
                    <div class="segmented" role="radiogroup" aria-label={T::WorkingOn.get(lang)}>
                        { side_button(ScenarioId::A) }
                        { side_button(ScenarioId::B) }
                    </div>
                </div>
            </div>
            <div class="scoring-layout">
                <ScenarioEditor {which} layout={Layout::Scoring} />
                <LiveOutcome />
            </div>
            <LiveTimeline />
            <CustomerLookup />
            <section class="card" data-testid="features">
                <CardHead title={T::FeaturesTableTitle.get(lang)} subtitle={T::FeaturesTableIntro.get(lang)} />
                if let Some(stats) = state.data.features.clone() {
                    <FeatureTable {stats} {lang} />
                } else if state.data.is_loaded() {
                    <p class="muted">{ T::Computing.get(lang) }</p>
                } else {
                    <p class="muted">{ T::NeedData.get(lang) }</p>
                }
            </section>
        </div>
    }
}
