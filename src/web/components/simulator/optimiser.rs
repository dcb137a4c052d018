//! The scheme optimiser's form: which scheme to search around, what may change and within what
//! (per-tier bounds or target shares, discounts, points multipliers, free-shipping tier, welcome
//! points), the constraints, the objective (mean or a cautious percentile) and the effort; run with
//! progress and cancel. The answer is shown by `optimiser_result`.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::optimiser_result::OptimumView;
use crate::engine::optimise::{Constraints, RangesError, SearchRanges, ValueRange};
use crate::engine::scenario::{Scenario, Thresholds};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, TO};
use crate::ui::state::percent_of;
use crate::ui::state::{Action, DecisionAction, DecisionJob, DecisionPanel, OptimiseForm};
use crate::web::components::card::CardHead;
use crate::web::components::number_input::NumberInput;
use crate::web::components::status::ProgressBar;
use crate::web::hooks::{runnable, use_app, AppContext};

/// A per-tier list of ranges in the form.
type ListOf = fn(&mut SearchRanges) -> &mut Option<Vec<ValueRange>>;

fn form_action(change: impl FnOnce(&mut OptimiseForm) + 'static) -> Action {
    Action::Decision(DecisionAction::Form(Box::new(change)))
}

/// A number field that writes one value of the form.
fn number(
    app: &AppContext,
    value: f64,
    testid: String,
    label: String,
    problem: Option<AttrValue>,
    set: Rc<dyn Fn(&mut OptimiseForm, f64)>,
) -> Html {
    let on_commit = app.callback(move |v: f64| {
        let set = set.clone();
        form_action(move |f| set(f, v))
    });
    html! {
        <NumberInput {value} {on_commit} testid={testid} label={label} {problem} class={classes!("input--narrow")} />
    }
}

/// Whether the form's problem is at this field path (or under it).
fn at(problem: Option<&RangesError>, field: &str) -> bool {
    matches!(problem, Some(RangesError::Range(e)) if e.field == field || e.field.starts_with(&format!("{field}.")))
}

/// The form's problem in words, at the field it is about.
fn message(problem: Option<&RangesError>, field: &str, base: &Scenario, lang: Lang) -> Option<AttrValue> {
    problem.filter(|_| at(problem, field)).map(|p| AttrValue::from(i18n::ranges_problem(p, base, lang)))
}

/// The from / to inputs of tier `i` in one per-tier list (`key`: the engine's field name).
fn tier_range(
    app: &AppContext,
    lang: Lang,
    form: &OptimiseForm,
    problem: Option<&RangesError>,
    base: &Scenario,
    key: &'static str,
    list: ListOf,
    i: usize,
) -> Html {
    let mut ranges = form.ranges.clone();
    let Some(range) = list(&mut ranges).as_ref().and_then(|l| l.get(i)).copied() else {
        return html! { <td class="muted">{ "—" }</td> };
    };
    let end = |is_min: bool| {
        let value = if is_min { range.min } else { range.max };
        let name = if is_min { "min" } else { "max" };
        let field = format!("{key}[{i}].{name}");
        let set: Rc<dyn Fn(&mut OptimiseForm, f64)> = Rc::new(move |f, v| {
            if let Some(r) = list(&mut f.ranges).as_mut().and_then(|l| l.get_mut(i)) {
                if is_min {
                    r.min = v
                } else {
                    r.max = v
                }
            }
        });
        let label = format!("{key} {i} {}", if is_min { TO::From.get(lang) } else { TO::To.get(lang) });
        number(app, value, format!("opt-{key}-{i}-{name}"), label, message(problem, &field, base, lang), set)
    };
    html! { <td class="opt-range">{ end(true) }<span class="muted">{ "–" }</span>{ end(false) }</td> }
}

/// A "search this" tick for a per-tier list: off leaves the current scheme's values alone.
fn list_toggle(app: &AppContext, label: &str, key: &'static str, on: bool, list: ListOf, base: &Rc<Scenario>) -> Html {
    let base = base.clone();
    let onchange = app.callback(move |_: Event| {
        let base = base.clone();
        form_action(move |f| {
            let defaults = SearchRanges::around(&base);
            let slot = list(&mut f.ranges);
            *slot = if slot.is_some() { None } else { list(&mut defaults.clone()).clone() };
        })
    });
    html! {
        <label class="check">
            <input type="checkbox" class="checkbox" checked={on} data-testid={format!("opt-search-{key}")} {onchange} />
            <span>{ label.to_string() }</span>
        </label>
    }
}

/// A single range (free shipping, welcome points) with its tick.
fn single_range(
    app: &AppContext,
    lang: Lang,
    form: &OptimiseForm,
    problem: Option<&RangesError>,
    key: &'static str,
    label: &str,
    base: &Rc<Scenario>,
    slot: fn(&mut SearchRanges) -> &mut Option<ValueRange>,
) -> Html {
    let mut ranges = form.ranges.clone();
    let current = *slot(&mut ranges);
    let toggle = {
        let base = base.clone();
        app.callback(move |_: Event| {
            let base = base.clone();
            form_action(move |f| {
                let mut defaults = SearchRanges::around(&base);
                let value = slot(&mut f.ranges);
                *value = if value.is_some() { None } else { *slot(&mut defaults) };
            })
        })
    };
    let end = |range: ValueRange, is_min: bool| {
        let name = if is_min { "min" } else { "max" };
        let set: Rc<dyn Fn(&mut OptimiseForm, f64)> = Rc::new(move |f, v| {
            if let Some(r) = slot(&mut f.ranges).as_mut() {
                if is_min {
                    r.min = v
                } else {
                    r.max = v
                }
            }
        });
        let text = format!("{label} {}", if is_min { TO::From.get(lang) } else { TO::To.get(lang) });
        let value = if is_min { range.min } else { range.max };
        number(
            app,
            value,
            format!("opt-{key}-{name}"),
            text,
            message(problem, &format!("{key}.{name}"), base, lang),
            set,
        )
    };
    html! {
        <div class="field">
            <label class="check">
                <input type="checkbox" class="checkbox" checked={current.is_some()} data-testid={format!("opt-search-{key}")} onchange={toggle} />
                <span>{ label.to_string() }</span>
            </label>
            if let Some(range) = current {
                <div class="opt-range">{ end(range, true) }<span class="muted">{ "–" }</span>{ end(range, false) }</div>
            }
        </div>
    }
}

fn text_field(
    app: &AppContext,
    label: &str,
    testid: &'static str,
    value: &str,
    problem: bool,
    set: fn(&mut OptimiseForm, String),
) -> Html {
    let oninput = app.callback(move |event: InputEvent| {
        let text =
            event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
        form_action(move |f| set(f, text))
    });
    html! {
        <label class="field">
            <span class="field__label">{ label.to_string() }</span>
            <input type="text" class={classes!("input", problem.then_some("input--invalid"))} value={value.to_string()}
                data-testid={testid} aria-label={label.to_string()} {oninput} />
        </label>
    }
}

fn labelled(label: &str, body: Html) -> Html {
    html! {
        <div class="field">
            <span class="field__label">{ label.to_string() }</span>
            { body }
        </div>
    }
}

#[function_component(OptimiserPanel)]
pub fn optimiser_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let slots = state.scenarios.slots();
    {
        // The form starts around the first scheme the first time the panel shows.
        let app = app.clone();
        let first = slots[0].scenario.clone();
        let missing = state.decision.form.is_none();
        use_effect_with(missing, move |missing| {
            if *missing {
                app.state.dispatch(Action::Decision(DecisionAction::SearchAround { base: 0, scheme: first }));
            }
        });
    }
    let Some(form) = state.decision.form.as_ref() else {
        return html! { <section class="card sim-optimiser" data-testid="sim-optimiser"></section> };
    };
    let base_index = form.base.min(slots.len() - 1);
    let base = slots[base_index].scenario.clone();
    let request = form.request(&base);
    let problem = request.as_ref().err();
    let running = state.jobs.decision_running(DecisionPanel::Optimiser).cloned();
    let blocked = if !state.data.is_loaded() {
        Some(i18n::T::NeedData.get(lang).to_string())
    } else if !runnable(&base) {
        Some(i18n::T::SimFixScenarios.get(lang).to_string())
    } else {
        problem.map(|p| i18n::ranges_problem(p, &base, lang))
    };
    let on_base = {
        let schemes: Vec<Rc<Scenario>> = slots.iter().map(|s| s.scenario.clone()).collect();
        app.callback(move |event: Event| {
            let index = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<usize>().ok())
                .unwrap_or(0)
                .min(schemes.len() - 1);
            Action::Decision(DecisionAction::SearchAround { base: index, scheme: schemes[index].clone() })
        })
    };
    let reset = {
        let base = base.clone();
        app.callback(move |_: MouseEvent| {
            Action::Decision(DecisionAction::SearchAround { base: base_index, scheme: base.clone() })
        })
    };
    let run = {
        let bridge = app.bridge.clone();
        let (base, request) = (base.clone(), request.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(ranges) = request.clone() {
                bridge.decide(DecisionJob::Optimise { base: base.clone(), ranges: Box::new(ranges) });
            }
        })
    };
    let bound_label = match base.tiers.thresholds {
        Thresholds::Absolute { .. } => TO::TierBound,
        Thresholds::TargetShares { .. } => TO::TargetShare,
        Thresholds::Quantiles { .. } => TO::Quantile,
    };
    let thresholds: ListOf = |r| &mut r.thresholds;
    let discounts: ListOf = |r| &mut r.discount_percent;
    let multipliers: ListOf = |r| &mut r.points_multiplier;
    let rows = (0..base.tier_count()).map(|tier| {
        html! {
            <tr data-testid={format!("opt-tier-{tier}")}>
                <th scope="row">{ base.tiers.names.get(tier).cloned().unwrap_or_default() }</th>
                if tier == 0 {
                    <td class="muted">{ "—" }</td>
                } else {
                    { tier_range(&app, lang, form, problem, &base, "thresholds", thresholds, tier - 1) }
                }
                { tier_range(&app, lang, form, problem, &base, "discount_percent", discounts, tier) }
                { tier_range(&app, lang, form, problem, &base, "points_multiplier", multipliers, tier) }
            </tr>
        }
    });
    let top_share = number(
        &app,
        percent_of(form.ranges.constraints.max_top_tier_share),
        "opt-max-top".into(),
        TO::TopShare.get(lang).into(),
        message(problem, Constraints::MAX_TOP_TIER_SHARE.field, &base, lang),
        Rc::new(|f, v| f.ranges.constraints.max_top_tier_share = v / 100.0),
    );
    let fairness = number(
        &app,
        form.ranges.constraints.min_fairness_ratio,
        "opt-min-fairness".into(),
        TO::Fairness.get(lang).into(),
        message(problem, Constraints::MIN_FAIRNESS_RATIO.field, &base, lang),
        Rc::new(|f, v| f.ranges.constraints.min_fairness_ratio = v),
    );
    let objective = |cautious: bool, label: TO| {
        let onchange = app.callback(move |_: Event| form_action(move |f| f.cautious = cautious));
        html! {
            <label class="check">
                <input type="radio" name="opt-objective" checked={form.cautious == cautious}
                    data-testid={if cautious { "opt-objective-cautious" } else { "opt-objective-mean" }} {onchange} />
                <span>{ label.get(lang) }</span>
            </label>
        }
    };
    let effort = |value: f64, testid: &str, label: TO, field: &str, set: fn(&mut OptimiseForm, f64)| {
        labelled(
            label.get(lang),
            number(
                &app,
                value,
                testid.to_string(),
                label.get(lang).into(),
                message(problem, field, &base, lang),
                Rc::new(set),
            ),
        )
    };
    let shown = state.decision.optimum.as_ref().filter(|run| run.data_version == state.data.version);
    let error = state.decision.error(DecisionPanel::Optimiser).map(|e| i18n::user_error(e, lang));
    html! {
        <section class="card sim-optimiser" data-testid="sim-optimiser">
            <CardHead title={TO::Title.get(lang)} subtitle={TO::Intro.get(lang)} />
            <div class="form-grid">
                <label class="field">
                    <span class="field__label">{ TO::SearchAround.get(lang) }</span>
                    <select class="select" data-testid="opt-base" onchange={on_base}>
                        { for slots.iter().enumerate().map(|(i, slot)| html! {
                            <option value={i.to_string()} selected={i == base_index}>
                                { format::scheme_label(slot.id.letter(), &slot.scenario.name) }
                            </option>
                        }) }
                    </select>
                </label>
            </div>
            <h3 class="subsection-title">{ TO::RangesTitle.get(lang) }</h3>
            <div class="sim-inline-form">
                { list_toggle(&app, bound_label.get(lang), "thresholds", form.ranges.thresholds.is_some(), thresholds, &base) }
                { list_toggle(&app, TO::Discount.get(lang), "discount_percent", form.ranges.discount_percent.is_some(), discounts, &base) }
                { list_toggle(&app, TO::Multiplier.get(lang), "points_multiplier", form.ranges.points_multiplier.is_some(), multipliers, &base) }
            </div>
            <div class="table-scroll">
                <table class="table table--compact" data-testid="opt-ranges">
                    <thead>
                        <tr>
                            <th>{ TO::Tier.get(lang) }</th>
                            <th>{ bound_label.get(lang) }</th>
                            <th>{ TO::Discount.get(lang) }</th>
                            <th>{ TO::Multiplier.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <div class="form-grid">
                { single_range(&app, lang, form, problem, "free_shipping_from", TO::FreeShippingFrom.get(lang), &base, |r| &mut r.free_shipping_from) }
                { single_range(&app, lang, form, problem, "welcome_points", TO::WelcomePoints.get(lang), &base, |r| &mut r.welcome_points) }
            </div>
            <h3 class="subsection-title">{ TO::ConstraintsTitle.get(lang) }
                <span class="subsection-title__note">{ TO::SharesNote.get(lang) }</span></h3>
            <div class="form-grid">
                { text_field(&app, TO::Budget.get(lang), "opt-budget", &form.budget,
                    at(problem, Constraints::MAX_BENEFIT_COST.field), |f, t| f.budget = t) }
                { labelled(TO::TopShare.get(lang), top_share) }
                { labelled(TO::Fairness.get(lang), fairness) }
                { text_field(&app, TO::MinMargin.get(lang), "opt-min-margin", &form.min_margin,
                    at(problem, Constraints::MIN_MARGIN.field), |f, t| f.min_margin = t) }
            </div>
            <h3 class="subsection-title">{ TO::ObjectiveTitle.get(lang) }</h3>
            <div class="sim-inline-form" role="radiogroup">
                { objective(false, TO::ObjectiveMean) }
                { objective(true, TO::ObjectiveCautious) }
                if form.cautious {
                    { effort(form.percentile, "opt-percentile", TO::Percentile, "objective.percentile", |f, v| f.percentile = v) }
                    <span class="hint">{ TO::PercentileHelp.get(lang) }</span>
                }
            </div>
            <h3 class="subsection-title">{ TO::EffortTitle.get(lang) }</h3>
            <div class="form-grid">
                { effort(form.futures, "opt-futures", TO::Futures, "search.replications", |f, v| f.futures = v) }
                { effort(form.sweeps, "opt-sweeps", TO::Sweeps, "search.sweeps", |f, v| f.sweeps = v) }
                { effort(form.confirm_futures, "opt-confirm", TO::ConfirmFutures, "search.confirm_replications", |f, v| f.confirm_futures = v) }
                { effort(form.months, "opt-months", TO::Months, "search.months", |f, v| f.months = v) }
                { effort(form.seed, "opt-seed", TO::Seed, "search.seed", |f, v| f.seed = v) }
            </div>
            <div class="sim-inline-form">
                <button type="button" class="button button--primary" data-testid="opt-run"
                    disabled={blocked.is_some() || running.is_some()} onclick={run}>
                    { TO::Run.get(lang) }
                </button>
                <button type="button" class="button" data-testid="opt-reset" onclick={reset}>{ TO::ResetRanges.get(lang) }</button>
                if running.is_none() {
                    if let Some(reason) = blocked {
                        <span class="hint hint--warn" data-testid="opt-blocked" role="alert">{ reason }</span>
                    }
                }
            </div>
            if let Some(job) = running {
                <ProgressBar {job} quiet={true} testid="opt-progress" cancel_testid="opt-cancel" />
            }
            if let Some(error) = error {
                <div class="banner banner--error banner--inline" role="alert"><p class="banner__body">{ error }</p></div>
            }
            if let Some(run) = shown {
                <OptimumView run={run.clone()} {lang} can_add={state.scenarios.can_add()} />
            }
        </section>
    }
}
