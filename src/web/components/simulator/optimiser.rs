//! Searching thresholds and benefit levels of one scheme for the highest incremental margin under
//! the user's constraints, with every candidate it tried shown as the frontier, and the best one
//! ready to load as scenario B.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::web::components::card::CardHead;

use crate::engine::simulate::optimise::OptimiserResult;
use crate::ui::format::{self};
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::{
    parse_factors, parse_limit, Action, LimitInput, OptimiseWhich, OptimiserForm, ScenarioId, SimAction, SimPanel,
};
use crate::web::charts::frontier::{FrontierChart, FrontierPoint};
use crate::web::components::number_input::NumberInput;
use crate::web::hooks::{runnable, use_app};

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub result: Rc<OptimiserResult>,
    pub lang: Lang,
}

#[function_component(OptimiserView)]
pub fn optimiser_view(props: &ViewProps) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let label = |threshold: f64, benefit: f64| i18n::candidate_label(threshold, benefit, lang);
    let points: Vec<FrontierPoint> = r
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| FrontierPoint {
            cost: c.benefit_cost,
            margin: c.incremental_margin,
            feasible: c.feasible,
            best: r.best == Some(i),
            label: label(c.threshold_scale, c.benefit_scale),
        })
        .collect();
    let mut order: Vec<usize> = (0..r.candidates.len()).collect();
    order.sort_by(|&x, &y| r.candidates[y].incremental_margin.total_cmp(&r.candidates[x].incremental_margin));
    html! {
        <div class="sim-optimiser__result" data-testid="optimiser-result" data-best={r.best.map(|b| b.to_string()).unwrap_or_default()}>
            if let Some(best) = r.best.and_then(|b| r.candidates.get(b)) {
                <p class="sim-optimiser__best tone-good" data-testid="optimiser-best" data-value={format::raw(best.incremental_margin)}>
                    { i18n::optimiser_best(&label(best.threshold_scale, best.benefit_scale), best.incremental_margin,
                        best.benefit_cost, lang) }
                </p>
            } else {
                <p class="tone-bad" data-testid="optimiser-none">{ T::SimNoFeasible.get(lang) }</p>
            }
            <div class="sim-chart-narrow"><FrontierChart {points} {lang} /></div>
            <div class="table-scroll">
                <table class="table table--compact" data-testid="optimiser-table">
                    <thead>
                        <tr>
                            <th class="num">{ T::OptThresholdScales.get(lang) }</th>
                            <th class="num">{ T::OptBenefitScales.get(lang) }</th>
                            <th class="num">{ T::SimIncrementalMargin.get(lang) }</th>
                            <th class="num">{ T::SimFrontierCost.get(lang) }</th>
                            <th class="num">{ T::SimTopTierShare.get(lang) }</th>
                            <th class="num">{ i18n::kpi_name(crate::engine::simulate::kpi::Kpi::RetentionRate, lang) }</th>
                            <th>{ T::SimMeetsConstraints.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for order.iter().map(|&i| {
                            let c = &r.candidates[i];
                            let best = r.best == Some(i);
                            html! {
                                <tr class={classes!(best.then_some("sim-optimiser__best-row"), (!c.feasible).then_some("muted"))}
                                    data-testid={format!("optimiser-row-{i}")}>
                                    <td class="num">{ format!("×{}", format::plain(c.threshold_scale)) }</td>
                                    <td class="num">{ format!("×{}", format::plain(c.benefit_scale)) }</td>
                                    <td class="num">{ format::signed(c.incremental_margin, |v| format::fixed(v, 0)) }</td>
                                    <td class="num">{ format::fixed(c.benefit_cost, 0) }</td>
                                    <td class="num">{ format::share(c.top_tier_share) }</td>
                                    <td class="num">{ format::share(c.retention) }</td>
                                    <td>{ if c.feasible { T::Yes.get(lang) } else { T::No.get(lang) } }
                                        if best { <span class="badge badge--ok">{ T::SimBest.get(lang) }</span> }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[function_component(OptimiserPanel)]
pub fn optimiser_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let form = &state.sim.settings.optimiser;
    let which = form.which.which();
    let running = state.jobs.sim_running(SimPanel::Optimiser).is_some();
    let search = form.search();
    let simulation = state.sim.settings.optimiser_simulation();
    let base = state.scenarios.get(which).clone();
    let blocked = if !state.data.is_loaded() {
        Some(T::NeedData)
    } else if !runnable(&base) {
        Some(T::SimFixScenarios)
    } else if search.is_none() || simulation.is_none() {
        Some(T::SimFixSettings)
    } else {
        None
    };
    let text_field = |label: T,
                      testid: &'static str,
                      value: &str,
                      problem: Option<String>,
                      help: Option<T>,
                      set: fn(&mut OptimiserForm, String)| {
        let oninput = app.callback(move |event: InputEvent| {
            let text = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            Action::Sim(SimAction::Settings(Box::new(move |s| set(&mut s.optimiser, text))))
        });
        html! {
            <label class="field">
                <span class="field__label">{ label.get(lang) }</span>
                <input type="text" class={classes!("input", problem.is_some().then_some("input--invalid"))} value={value.to_string()}
                    data-testid={testid} aria-label={label.get(lang)} {oninput} />
                if let Some(problem) = problem {
                    <span class="field-error" role="alert" data-testid={format!("{testid}-error")}>{ problem }</span>
                } else if let Some(help) = help {
                    <span class="hint">{ help.get(lang) }</span>
                }
            </label>
        }
    };
    let factors_problem = |text: &str, thresholds: bool, name: T| {
        parse_factors(text, thresholds).is_none().then(|| i18n::factor_list_problem(name.get(lang), lang))
    };
    let limit_problem = |text: &str, percent: bool| {
        (parse_limit(text, percent) == LimitInput::Wrong)
            .then(|| if percent { T::SimPercentLimit.get(lang) } else { T::SimAmountLimit.get(lang) }.to_string())
    };
    let on_which = app.callback(|event: Event| {
        let value =
            event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default();
        let which = if value == "a" { OptimiseWhich::A } else { OptimiseWhich::B };
        Action::Sim(SimAction::Settings(Box::new(move |s| s.optimiser.which = which)))
    });
    let reps_problem = super::run_panel::range_text(state.sim.settings.optimiser_replications_problem(), lang);
    let on_reps =
        app.callback(|v: f64| Action::Sim(SimAction::Settings(Box::new(move |s| s.optimiser.replications = v))));
    let run = {
        let bridge = app.bridge.clone();
        let (search, simulation) = (search.clone(), simulation.clone());
        Callback::from(move |_: MouseEvent| {
            if let (Some(search), Some(simulation)) = (search.clone(), simulation.clone()) {
                bridge.optimise(which, (*base).clone(), simulation, search);
            }
        })
    };
    let shown = state.sim.optimiser.as_ref().filter(|o| o.data_version == state.data.version);
    let load_best = app.callback(|_: MouseEvent| Action::Sim(SimAction::LoadBest { into: ScenarioId::B }));
    let error = state.sim.error(SimPanel::Optimiser).map(|e| i18n::user_error(e, lang));
    let candidates = search.as_ref().map(|s| s.threshold_scales.len() * s.benefit_scales.len());
    html! {
        <section class="card sim-optimiser" data-testid="sim-optimiser">
            <CardHead title={T::SimOptimiserTitle.get(lang)} subtitle={T::SimOptimiserDesc.get(lang)} />
            <div class="form-grid">
                <label class="field">
                    <span class="field__label">{ T::SimOptimiseScheme.get(lang) }</span>
                    <select class="select" data-testid="optimiser-which" onchange={on_which}>
                        <option value="a" selected={which == ScenarioId::A}>{ format!("A · {}", state.scenarios.get(ScenarioId::A).name) }</option>
                        <option value="b" selected={which == ScenarioId::B}>{ format!("B · {}", state.scenarios.get(ScenarioId::B).name) }</option>
                    </select>
                </label>
                { text_field(T::OptThresholdScales, "optimiser-thresholds", &form.threshold_scales,
                    factors_problem(&form.threshold_scales, true, T::OptThresholdScales), Some(T::SimThresholdHelp),
                    |f, t| f.threshold_scales = t) }
                { text_field(T::OptBenefitScales, "optimiser-benefits", &form.benefit_scales,
                    factors_problem(&form.benefit_scales, false, T::OptBenefitScales), Some(T::SimBenefitHelp),
                    |f, t| f.benefit_scales = t) }
                <label class="field">
                    <span class="field__label">{ T::SimOptimiserReps.get(lang) }</span>
                    <NumberInput value={form.replications} on_commit={on_reps} testid="optimiser-replications"
                        label={T::SimOptimiserReps.get(lang)} problem={reps_problem} />
                </label>
            </div>
            <h3 class="subsection-title">{ T::SimConstraints.get(lang) }
                <span class="subsection-title__note">{ T::SimConstraintsNote.get(lang) }</span></h3>
            <div class="form-grid">
                { text_field(T::SimMaxTopShare, "optimiser-max-top", &form.max_top_tier_percent,
                    limit_problem(&form.max_top_tier_percent, true), None, |f, t| f.max_top_tier_percent = t) }
                { text_field(T::SimMaxBudget, "optimiser-max-budget", &form.max_benefit_cost,
                    limit_problem(&form.max_benefit_cost, false), None, |f, t| f.max_benefit_cost = t) }
                { text_field(T::SimMinRetention, "optimiser-min-retention", &form.min_retention_percent,
                    limit_problem(&form.min_retention_percent, true), None, |f, t| f.min_retention_percent = t) }
            </div>
            <div class="sim-inline-form">
                <ActionButton class="button" testid="optimiser-run" disabled={blocked.is_some() || running} onclick={run} label={T::SimRunOptimiser.get(lang)} />
                if let Some(n) = candidates {
                    <span class="hint">{ i18n::optimiser_cost(n, simulation.as_ref().map_or(0, |s| s.replications), lang) }</span>
                }
                if running { <span class="busy"><span class="spinner" aria-hidden="true"></span>{ T::SimRunning.get(lang) }</span> }
                if let Some(reason) = blocked { <span class="hint hint--warn">{ reason.get(lang) }</span> }
            </div>
            if let Some(error) = error {
                <div class="banner banner--error banner--inline" role="alert"><p class="banner__body">{ error }</p></div>
            }
            if let Some(run) = shown {
                <p class="muted">{ i18n::optimiser_of(&run.which.letter().to_string(), lang) }</p>
                <OptimiserView result={run.result.clone()} {lang} />
                if run.result.best_scenario.is_some() {
                    <div class="card__footer">
                        <ActionButton class="button button--primary" testid="optimiser-load-best" onclick={load_best} label={T::SimLoadBest.get(lang)} />
                    </div>
                }
            }
        </section>
    }
}
