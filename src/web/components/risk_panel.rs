//! The flagged customers: which rules ran on this data and how many each flagged, then one row per
//! flag with the reason in words, the figure behind it and the threshold it crossed. Threshold
//! gaming is judged under one scheme (its qualifying window and bounds), chosen here.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::engine::risk::FlagKind;
use crate::ui::format;
use crate::ui::i18n::{flag_figure, flag_kind_name, flag_reason, risk_summary, rule_state_text, Ops};
use crate::ui::state::{Action, OpsAction, ScenarioId};
use crate::web::hooks::{runnable, use_app};

fn selected(event: &Event) -> Option<String> {
    event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value())
}

#[function_component(RiskPanel)]
pub fn risk_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let ops = &state.ops;
    let ids: Vec<ScenarioId> = state.scenarios.ids().collect();
    let under = if ids.contains(&ops.risk_under) { ops.risk_under } else { ScenarioId::A };
    let scheme = state.scenarios.get(under).clone();
    let running = state.jobs.risk_running();
    let can_run = state.data.is_loaded() && runnable(&scheme) && !running;
    let run = {
        let bridge = app.bridge.clone();
        let scheme = scheme.clone();
        Callback::from(move |_: MouseEvent| bridge.risk(under, scheme.clone()))
    };
    let on_under = {
        let ids = ids.clone();
        app.callback(move |event: Event| {
            let key = selected(&event).unwrap_or_default();
            Action::Ops(OpsAction::JudgeUnder(ids.iter().copied().find(|id| id.key() == key).unwrap_or(ScenarioId::A)))
        })
    };
    let on_filter = app.callback(|event: Event| {
        Action::Ops(OpsAction::Filter(selected(&event).and_then(|key| FlagKind::from_key(&key))))
    });
    let more = app.callback(|_: MouseEvent| Action::Ops(OpsAction::ShowMoreFlagged));

    let body = ops.risk.as_ref().map(|run| {
        let report = &run.report;
        let stale = run.is_stale(state.data.version, state.scenarios.get(run.which));
        let (rows, total) = ops.flagged_rows();
        html! {
            <div class={classes!("risk", stale.then_some("risk--stale"))} data-testid="risk-report"
                data-flagged={report.flagged.len().to_string()} data-job={run.job.to_string()}>
                if stale { <p class="hint hint--warn">{ Ops::RiskStale.get(lang) }</p> }
                <p class="risk__summary">
                    { risk_summary(report.customers, report.flagged.len(), lang) }
                </p>
                <div class="table-scroll">
                    <table class="table" data-testid="risk-rules">
                        <caption class="visually-hidden">{ Ops::RiskRules.get(lang) }</caption>
                        <thead><tr>
                            <th scope="col">{ Ops::RiskRuleHeading.get(lang) }</th>
                            <th scope="col" class="num">{ Ops::RiskFlaggedHeading.get(lang) }</th>
                            <th scope="col">{ Ops::RiskStateHeading.get(lang) }</th>
                        </tr></thead>
                        <tbody>{ for report.rules.iter().map(|rule| html! {
                            <tr data-kind={rule.kind.key()}>
                                <td>{ flag_kind_name(rule.kind, lang) }</td>
                                <td class="num">{ format::count(rule.flagged) }</td>
                                <td class="muted">{ rule_state_text(rule.state, lang) }</td>
                            </tr>
                        }) }</tbody>
                    </table>
                </div>
                if report.flagged.is_empty() {
                    <p class="muted">{ Ops::RiskNone.get(lang) }</p>
                } else {
                    <label class="field field--inline">
                        <span class="field__label">{ Ops::RiskFilterLabel.get(lang) }</span>
                        <select class="select select--small" data-testid="risk-filter" onchange={on_filter}>
                            <option value="" selected={ops.risk_filter.is_none()}>{ Ops::RiskFilterAll.get(lang) }</option>
                            { for report.rules.iter().filter(|r| r.flagged > 0).map(|rule| html! {
                                <option value={rule.kind.key()} selected={ops.risk_filter == Some(rule.kind)}>
                                    { format!("{} ({})", flag_kind_name(rule.kind, lang), format::count(rule.flagged)) }
                                </option>
                            }) }
                        </select>
                    </label>
                    <div class="table-scroll">
                        <table class="table risk__table" data-testid="risk-table">
                            <caption class="visually-hidden">{ Ops::RiskTitle.get(lang) }</caption>
                            <thead><tr>
                                <th scope="col">{ Ops::RiskCustomerHeading.get(lang) }</th>
                                <th scope="col">{ Ops::RiskRuleHeading.get(lang) }</th>
                                <th scope="col">{ Ops::RiskReasonHeading.get(lang) }</th>
                                <th scope="col" class="num">{ Ops::RiskFigureHeading.get(lang) }</th>
                                <th scope="col" class="num">{ Ops::RiskThresholdHeading.get(lang) }</th>
                            </tr></thead>
                            <tbody>{ for rows.iter().flat_map(|customer| customer.flags.iter().map(move |flag| html! {
                                <tr data-testid="risk-row" data-kind={flag.kind.key()}>
                                    <td>{ &customer.id }</td>
                                    <td>{ flag_kind_name(flag.kind, lang) }</td>
                                    <td class="risk__reason">{ flag_reason(flag, lang) }</td>
                                    <td class="num">{ flag_figure(flag, flag.figure) }</td>
                                    <td class="num">{ flag_figure(flag, flag.threshold) }</td>
                                </tr>
                            })) }</tbody>
                        </table>
                    </div>
                    if rows.len() < total {
                        <ActionButton class="button button--small" testid="risk-more" onclick={more} label={format!("{} ({} / {})", Ops::RiskShowMore.get(lang), format::count(rows.len()), format::count(total))} />
                    }
                }
            </div>
        }
    });

    html! {
        <section class="card" data-testid="risk-panel">
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ Ops::RiskTitle.get(lang) }</h2>
                    <p class="card__subtitle">{ Ops::RiskIntro.get(lang) }</p>
                </div>
                <div class="card__actions">
                    <label class="field field--inline">
                        <span class="field__label">{ Ops::RiskJudgedUnder.get(lang) }</span>
                        <select class="select select--small" data-testid="risk-under" onchange={on_under}>
                            { for ids.iter().map(|id| html! {
                                <option value={id.key()} selected={*id == under}>
                                    { format::scheme_label(id.letter(), &state.scenarios.get(*id).name) }
                                </option>
                            }) }
                        </select>
                    </label>
                    <button type="button" class="button" data-testid="risk-run" disabled={!can_run}
                        aria-busy={running.to_string()} onclick={run}>
                        { Ops::RiskRun.get(lang) }
                    </button>
                </div>
            </div>
            { for body }
        </section>
    }
}
