//! The Compare tab's view of every scheme (two to six): each replayed over the real history beside
//! the reference, one row each — members per tier at the end, benefit cost, margin after benefits
//! and its difference from the reference, and who moves up or down.

use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::engine::pricing::ScenarioOutcome;
use crate::engine::simulate::scheme_letter;
use crate::ui::format;
use crate::ui::i18n::{self, T, TS};
use crate::ui::state::JobKind;
use crate::web::hooks::{runnable, use_app};

fn tag(index: usize) -> Html {
    let letter = scheme_letter(index);
    html! { <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{}", letter.to_lowercase()))}>{ letter }</span> }
}

fn tier_counts(outcome: &ScenarioOutcome) -> String {
    outcome.tiers.iter().map(|t| format!("{} {}", t.name, format::count(t.customers))).collect::<Vec<_>>().join(" · ")
}

#[function_component(SchemesReplayCard)]
pub fn schemes_replay_card() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let schemes = state.scenarios.scenarios();
    let reference = state.scenarios.reference().index();
    let running = state.jobs.iter().any(|j| matches!(j.kind, JobKind::CompareSchemes { .. }));
    let blocked = if !state.data.is_loaded() {
        Some(T::NeedData)
    } else if !schemes.iter().all(|s| runnable(s)) {
        Some(T::FixToRun)
    } else {
        None
    };
    let run = {
        let bridge = app.bridge.clone();
        let schemes = schemes.clone();
        Callback::from(move |_: MouseEvent| {
            bridge.compare_schemes(schemes.clone(), reference);
        })
    };
    let replay = state.compare.replay.clone();
    let stale = replay.as_ref().is_some_and(|r| !r.is_for(&schemes, reference));
    let table = replay.map(|replay| {
        let reference_outcome = replay.comparisons.first().map(|c| c.comparison.a.clone());
        let reference_row = reference_outcome.map(|o| {
            html! {
                <tr data-testid={format!("replay-{}", scheme_letter(replay.reference).to_lowercase())}
                    data-margin={format::raw(o.margin_after_benefits)}>
                    <th scope="row">{ tag(replay.reference) }{ o.name.clone() }
                        <span class="badge badge--muted">{ TS::Reference.get(lang) }</span></th>
                    <td class="cell-wrap">{ tier_counts(&o) }</td>
                    <td class="num">{ format::money(o.totals.total) }</td>
                    <td class="num">{ format::money(o.margin_after_benefits) }</td>
                    <td class="num muted">{ "–" }</td>
                    <td class="num muted">{ "–" }</td>
                </tr>
            }
        });
        let rows = replay.comparisons.iter().map(|entry| {
            let (c, letter) = (&entry.comparison, scheme_letter(entry.scheme));
            let diff = c.difference.margin_after_benefits;
            let tone = if diff > 0.5 { "tone-good" } else if diff < -0.5 { "tone-bad" } else { "tone-neutral" };
            html! {
                <tr data-testid={format!("replay-{}", letter.to_lowercase())} data-margin={format::raw(c.b.margin_after_benefits)}
                    data-margin-diff={format::raw(diff)}>
                    <th scope="row">{ tag(entry.scheme) }{ c.b.name.clone() }</th>
                    <td class="cell-wrap">{ tier_counts(&c.b) }</td>
                    <td class="num">{ format::money(c.b.totals.total) }</td>
                    <td class="num">{ format::money(c.b.margin_after_benefits) }</td>
                    <td class={classes!("num", tone)}>{ format::signed_money(diff) }</td>
                    <td class="num">{ c.movement.as_ref().map(|m| format!("↑ {} / ↓ {}", format::count(m.up), format::count(m.down)))
                        .unwrap_or_else(|| "–".into()) }</td>
                </tr>
            }
        });
        html! {
            <div class={classes!("table-scroll", stale.then_some("sim-results--stale"))}>
                <table class="table table--compact" data-testid="replay-table" data-job={replay.job.to_string()}>
                    <thead>
                        <tr>
                            <th>{ TS::SchemeColumn.get(lang) }</th>
                            <th>{ TS::TierCounts.get(lang) }</th>
                            <th class="num">{ i18n::kpi_name(crate::engine::simulate::kpi::Kpi::TotalBenefitCost, lang) }</th>
                            <th class="num">{ i18n::kpi_name(crate::engine::simulate::kpi::Kpi::Margin, lang) }</th>
                            <th class="num">{ TS::MarginVsReference.get(lang) }</th>
                            <th class="num">{ TS::MovedUpDown.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for reference_row }
                        { for rows }
                    </tbody>
                </table>
            </div>
        }
    });
    html! {
        <section class="card" data-testid="compare-all-schemes">
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ TS::ReplayTitle.get(lang) }</h2>
                    <p class="card__subtitle">{ TS::ReplayDesc.get(lang) }</p>
                </div>
                <div class="card__actions">
                    <ActionButton class="button" testid="replay-all" disabled={blocked.is_some() || running} onclick={run} label={i18n::replay_button(schemes.len(), lang)} />
                </div>
            </div>
            if running { <p class="busy"><span class="spinner" aria-hidden="true"></span>{ T::SimRunning.get(lang) }</p> }
            if let Some(reason) = blocked { <p class="hint hint--warn">{ reason.get(lang) }</p> }
            if stale { <p class="hint hint--warn">{ T::SimStale.get(lang) }</p> }
            { for table }
        </section>
    }
}
