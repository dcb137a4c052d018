//! The Scoring tab's live result: customers per tier under the scenario being edited, its warnings,
//! and its tiers over time. Refreshes by itself a moment after each change; while it does, the old
//! result stays on screen, slightly faded, and input is never blocked.

use yew::prelude::*;

use super::timeline_panel::TimelineBlock;
use crate::ui::format;
use crate::ui::i18n::{self, T};
use crate::web::charts::outcome_distribution::OutcomeDistribution;
use crate::web::hooks::{runnable, use_app};

/// Customers per tier and warnings.
#[function_component(LiveOutcome)]
pub fn live_outcome() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let which = state.live.side;
    let scenario = state.scenarios.get(which).clone();
    let outcome = state.live.outcome.clone();
    let current = outcome.as_ref().filter(|(_, side, _)| *side == which);
    let updating = state.jobs.live_running() || (outcome.is_some() && current.is_none());
    let blocked = if !state.data.is_loaded() {
        Some(T::NeedData.get(lang).to_string())
    } else if !runnable(&scenario) {
        Some(T::FixToRunScoring.get(lang).to_string())
    } else {
        state.live.error.as_ref().map(|e| i18n::user_error(e, lang))
    };
    let job = outcome.as_ref().map(|(job, _, _)| job.to_string()).unwrap_or_default();
    html! {
        <section class={classes!("card", "live", updating.then_some("live--updating"))} data-testid="live-outcome"
            data-job={job} aria-busy={updating.to_string()}>
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ T::TierDistributionLive.get(lang) }</h2>
                    <p class="card__subtitle">{ T::TierDistributionLiveDesc.get(lang) }</p>
                </div>
                if updating {
                    <span class="busy" data-testid="live-busy"><span class="spinner" aria-hidden="true"></span>{ T::ResultsStale.get(lang) }</span>
                }
            </div>
            if let Some(reason) = blocked {
                <p class="hint hint--warn" data-testid="live-blocked">{ reason }</p>
            }
            if let Some((_, _, o)) = outcome.clone() {
                <OutcomeDistribution outcome={o.clone()} {lang} />
                <p class="live__facts">
                    { format!("{} {} · {} {}", format::count(o.tiers.iter().map(|t| t.customers).sum()), T::CustomersLoaded.get(lang),
                        format::fixed(o.history_years, 1), T::YearsOfHistory.get(lang)) }
                </p>
                <h3 class="subsection-title">{ T::Warnings.get(lang) }</h3>
                if o.warnings.is_empty() {
                    <p class="muted" data-testid="live-warnings">{ T::NoWarnings.get(lang) }</p>
                } else {
                    <ul class="warnings" data-testid="live-warnings">
                        { for o.warnings.iter().map(|w| html! { <li class="warnings__item">{ i18n::warning_text(w, lang) }</li> }) }
                    </ul>
                }
            } else if state.data.is_loaded() {
                <p class="muted">{ T::Computing.get(lang) }</p>
            }
        </section>
    }
}

/// Tiers over time under the scenario being edited.
#[function_component(LiveTimeline)]
pub fn live_timeline() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let Some((_, _, outcome)) = state.live.outcome.clone() else { return html! {} };
    let updating = state.jobs.live_running();
    let names: Vec<String> = outcome.tiers.iter().map(|t| t.name.clone()).collect();
    html! {
        <figure class={classes!("card", "chart", "live", updating.then_some("live--updating"))} data-testid="live-timeline">
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ T::TierTimeline.get(lang) }</h3>
                <p class="chart__desc">{ T::TierTimelineDesc.get(lang) }</p>
            </figcaption>
            if let Some(timeline) = outcome.timeline.clone() {
                <TimelineBlock {timeline} tier_names={names} {lang} side="live" wide=true />
            } else {
                <p class="muted">{ T::NeedsEventLogHistory.get(lang) }</p>
            }
        </figure>
    }
}
