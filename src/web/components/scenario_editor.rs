//! One scenario's settings: scoring weights, tiers and thresholds, benefits per tier, economics.
//! Every change is dispatched at once; validation problems appear next to their field.

use std::collections::BTreeMap;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::number_input::NumberInput;
use crate::engine::pricing::ScenarioOutcome;
use crate::engine::scenario::{Scenario, ScenarioError, Scoring, Thresholds, TierBenefits};
use crate::web::hooks::use_app;
use crate::web::i18n::{self, Lang, T};
use crate::web::state::{Action, Which};
use crate::web::worker_bridge::download_text;

/// How a committed number changes the scenario.
type NumberEdit = Box<dyn Fn(&mut Scenario, f64)>;

const MIN_TIERS: usize = 2;
const MAX_TIERS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub which: Which,
}

/// Problems of the scenario by field path, as sentences.
fn problems_by_field(scenario: &Scenario, lang: Lang) -> BTreeMap<String, AttrValue> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for problem in scenario.validate() {
        map.entry(problem.field.clone()).or_default().push(i18n::problem_text(&problem.kind, lang));
    }
    map.into_iter().map(|(field, texts)| (field, AttrValue::from(texts.join(" ")))).collect()
}

#[function_component(ScenarioEditor)]
pub fn scenario_editor(props: &Props) -> Html {
    let app = use_app();
    let lang = app.lang();
    let which = props.which;
    let scenario = app.state.scenarios[which.index()].clone();
    let problems = problems_by_field(&scenario, lang);
    let problem = |field: &str| problems.get(field).cloned();
    let reader = use_mut_ref(|| None::<FileReader>);

    // Applies `change` to a copy of the scenario and dispatches it.
    let edit = {
        let state = app.state.clone();
        let scenario = scenario.clone();
        move |change: NumberEdit| -> Callback<f64> {
            let state = state.clone();
            let scenario = scenario.clone();
            Callback::from(move |value: f64| {
                let mut next = (*scenario).clone();
                change(&mut next, value);
                state.dispatch(Action::UpdateScenario { which, scenario: next });
            })
        }
    };
    let update = {
        let state = app.state.clone();
        let scenario = scenario.clone();
        move |change: Box<dyn Fn(&mut Scenario)>| {
            let mut next = (*scenario).clone();
            change(&mut next);
            state.dispatch(Action::UpdateScenario { which, scenario: next });
        }
    };

    let on_name = {
        let update = update.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                let name = input.value();
                update(Box::new(move |s| s.name = name.clone()));
            }
        })
    };

    let Scoring::GrowthValue { amount, orders, interactions } = scenario.scoring;
    let outcome = app.state.comparison.as_ref().map(|(_, c)| match which {
        Which::A => c.a.clone(),
        Which::B => c.b.clone(),
    });
    // Score where each tier starts in the last comparison, shown under target shares.
    let effective_bounds: Vec<f64> = outcome
        .as_ref()
        .filter(|o| o.tiers.len() == scenario.tier_count())
        .map(|o| o.lower_bounds.clone())
        .unwrap_or_default();
    let on_threshold_kind = {
        let update = update.clone();
        Callback::from(move |event: Event| {
            let Some(select) = event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
            let absolute = select.value() == "absolute";
            let outcome = outcome.clone();
            update(Box::new(move |s| switch_thresholds(s, absolute, outcome.as_ref())));
        })
    };

    let toolbar = {
        let reset = app.callback(move |_: MouseEvent| Action::ResetScenario(which));
        let copy = app.callback(|_: MouseEvent| Action::CopyAToB);
        let export = {
            let scenario = scenario.clone();
            Callback::from(move |_: MouseEvent| {
                let file_name = format!("tierlab-scenario-{}.json", file_safe(&scenario.name));
                download_text(&file_name, &scenario.to_json());
            })
        };
        let import = {
            let state = app.state.clone();
            let reader = reader.clone();
            Callback::from(move |event: Event| {
                let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
                let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
                input.set_value("");
                let state = state.clone();
                let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                    let result = match text {
                        Ok(text) => import_scenario(&text),
                        Err(error) => Imported::Unreadable(ScenarioError::Shape { message: error.to_string() }),
                    };
                    match result {
                        Imported::Valid(scenario) => {
                            state.dispatch(Action::ImportScenario { which, result: Ok(scenario) })
                        }
                        // Loaded anyway so each problem shows next to its field; the list says why.
                        Imported::WithProblems(scenario, error) => {
                            state.dispatch(Action::ImportScenario { which, result: Ok(*scenario) });
                            state.dispatch(Action::ImportScenario { which, result: Err(error) });
                        }
                        Imported::Unreadable(error) => {
                            state.dispatch(Action::ImportScenario { which, result: Err(error) })
                        }
                    }
                });
                *reader.borrow_mut() = Some(task);
            })
        };
        let input_id = format!("import-{}", which.letter().to_lowercase());
        html! {
            <div class="toolbar">
                if which == Which::B {
                    <button type="button" class="button button--small" data-testid="copy-a-to-b" onclick={copy}>
                        { T::CopyAToB.get(lang) }
                    </button>
                }
                <button type="button" class="button button--small button--ghost" data-testid="reset-scenario" onclick={reset}>
                    { T::ResetTemplate.get(lang) }
                </button>
                <button type="button" class="button button--small button--ghost" data-testid="export-json" onclick={export}>
                    { T::ExportJson.get(lang) }
                </button>
                <label for={input_id.clone()} class="button button--small button--ghost">{ T::ImportJson.get(lang) }</label>
                <input id={input_id} type="file" accept=".json,application/json" class="visually-hidden"
                    data-testid="import-json" onchange={import} />
            </div>
        }
    };

    let import_error = app.state.import_errors[which.index()].as_ref().map(|error| {
        // An `Invalid` file was loaded anyway (its problems are marked at the fields).
        let (heading, items): (T, Vec<String>) = match error {
            ScenarioError::Invalid(problems) => (
                T::ImportedWithProblems,
                problems.iter().map(|p| i18n::problem_with_field(p, &scenario.tiers.names, lang)).collect(),
            ),
            other => (T::ImportFailed, vec![i18n::scenario_error(other, lang)]),
        };
        html! {
            <div class="banner banner--error banner--inline" role="alert">
                <div class="banner__body">
                    <strong>{ heading.get(lang) }</strong>
                    <ul>{ for items.into_iter().map(|item| html! { <li>{ item }</li> }) }</ul>
                </div>
            </div>
        }
    });

    let tiers = scenario.tier_count();
    let absolute = matches!(scenario.tiers.thresholds, Thresholds::Absolute { .. });
    let shares_sum: f64 = match &scenario.tiers.thresholds {
        Thresholds::TargetShares { percent } => percent.iter().sum(),
        Thresholds::Absolute { .. } => 0.0,
    };
    let tier_rows = (0..tiers).map(|i| {
        let name = scenario.tiers.names.get(i).cloned().unwrap_or_default();
        let on_tier_name = {
            let update = update.clone();
            Callback::from(move |event: InputEvent| {
                if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                    let name = input.value();
                    update(Box::new(move |s| {
                        if let Some(slot) = s.tiers.names.get_mut(i) {
                            *slot = name.clone();
                        }
                    }));
                }
            })
        };
        let remove = {
            let update = update.clone();
            Callback::from(move |_: MouseEvent| update(Box::new(move |s| remove_tier(s, i))))
        };
        let name_problem = problem(&format!("tiers.names[{i}]"));
        let threshold_cell = match &scenario.tiers.thresholds {
            Thresholds::Absolute { lower_bounds } if i == 0 => {
                let _ = lower_bounds;
                html! { <span class="muted">{ T::LowestTierBound.get(lang) }</span> }
            }
            Thresholds::Absolute { lower_bounds } => html! {
                <NumberInput value={lower_bounds.get(i - 1).copied().unwrap_or(f64::NAN)}
                    testid={format!("bound-{}", i - 1)} label={format!("{name} · {}", T::LowerBound.get(lang))}
                    problem={problem(&format!("tiers.thresholds.lower_bounds[{}]", i - 1))}
                    on_commit={edit(Box::new(move |s, v| {
                        if let Thresholds::Absolute { lower_bounds } = &mut s.tiers.thresholds {
                            if let Some(slot) = lower_bounds.get_mut(i - 1) { *slot = v; }
                        }
                    }))} />
            },
            Thresholds::TargetShares { percent } => html! {
                <>
                <NumberInput value={percent.get(i).copied().unwrap_or(f64::NAN)}
                    testid={format!("share-{i}")} label={format!("{name} · {}", T::TargetShare.get(lang))}
                    problem={problem(&format!("tiers.thresholds.percent[{i}]"))} suffix="%"
                    on_commit={edit(Box::new(move |s, v| {
                        if let Thresholds::TargetShares { percent } = &mut s.tiers.thresholds {
                            if let Some(slot) = percent.get_mut(i) { *slot = v; }
                        }
                    }))} />
                if let Some(bound) = i.checked_sub(1).and_then(|b| effective_bounds.get(b)).filter(|b| b.is_finite()) {
                    <span class="bound-hint" title={T::EffectiveBound.get(lang)}>
                        { format!("≥ {}", crate::web::format::score(*bound)) }
                    </span>
                }
                </>
            },
        };
        let benefit = scenario.benefits.get(i).cloned().unwrap_or_else(blank_benefits);
        let set_benefit = |change: fn(&mut TierBenefits, f64)| {
            edit(Box::new(move |s, v| {
                if let Some(b) = s.benefits.get_mut(i) {
                    change(b, v);
                }
            }))
        };
        let on_shipping = {
            let update = update.clone();
            Callback::from(move |event: Event| {
                if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                    let checked = input.checked();
                    update(Box::new(move |s| {
                        if let Some(b) = s.benefits.get_mut(i) {
                            b.free_shipping = checked;
                        }
                    }));
                }
            })
        };
        html! {
            <tr>
                <td><div class="tier-cell">
                    <span class="tier-dot" style={format!("background:{}", crate::web::charts::palette::tier_colour(i))}></span>
                    <span class="tier-cell__input">
                        <input type="text" class={classes!("input", name_problem.is_some().then_some("input--invalid"))}
                            value={name.clone()} data-testid={format!("tier-name-{i}")}
                            aria-label={format!("{} {}", T::TierName.get(lang), i + 1)} oninput={on_tier_name} />
                        if let Some(p) = name_problem { <span class="field-error" role="alert">{ p }</span> }
                    </span>
                </div></td>
                <td>{ threshold_cell }</td>
                <td>
                    <NumberInput value={benefit.discount_percent} testid={format!("discount-{i}")} suffix="%"
                        label={format!("{name} · {}", T::Discount.get(lang))}
                        problem={problem(&format!("benefits[{i}].discount_percent"))}
                        on_commit={set_benefit(|b, v| b.discount_percent = v)} />
                </td>
                <td>
                    <NumberInput value={benefit.points_multiplier} testid={format!("multiplier-{i}")} suffix="×"
                        label={format!("{name} · {}", T::Multiplier.get(lang))}
                        problem={problem(&format!("benefits[{i}].points_multiplier"))}
                        on_commit={set_benefit(|b, v| b.points_multiplier = v)} />
                </td>
                <td class="center">
                    <input type="checkbox" class="checkbox" checked={benefit.free_shipping}
                        data-testid={format!("free-shipping-{i}")}
                        aria-label={format!("{name} · {}", T::FreeShipping.get(lang))} onchange={on_shipping} />
                </td>
                <td>
                    <NumberInput value={benefit.gift_cost_per_year} testid={format!("gift-{i}")}
                        label={format!("{name} · {}", T::GiftCost.get(lang))}
                        problem={problem(&format!("benefits[{i}].gift_cost_per_year"))}
                        on_commit={set_benefit(|b, v| b.gift_cost_per_year = v)} />
                </td>
                <td>
                    if tiers > MIN_TIERS {
                        <button type="button" class="icon-button" data-testid={format!("remove-tier-{i}")}
                            title={T::RemoveTier.get(lang)} aria-label={format!("{} {name}", T::RemoveTier.get(lang))}
                            onclick={remove}>{ "×" }</button>
                    }
                </td>
            </tr>
        }
    });
    let add_tier = {
        let update = update.clone();
        Callback::from(move |_: MouseEvent| update(Box::new(add_tier)))
    };
    let section_problems = |fields: &[&str]| -> Html {
        let texts: Vec<AttrValue> = fields.iter().filter_map(|f| problem(f)).collect();
        html! { <>{ for texts.into_iter().map(|t| html! { <p class="field-error" role="alert">{ t }</p> }) }</> }
    };
    let economics = &scenario.economics;
    let econ_field = |label: T,
                      testid: &'static str,
                      field: &'static str,
                      value: f64,
                      suffix: Option<&'static str>,
                      change: fn(&mut Scenario, f64)| {
        html! {
            <label class="field">
                <span class="field__label">{ label.get(lang) }</span>
                <NumberInput value={value} testid={testid} label={label.get(lang)} suffix={suffix.map(AttrValue::from)}
                    problem={problem(&format!("economics.{field}"))} on_commit={edit(Box::new(change))} />
            </label>
        }
    };
    let weight_field =
        |label: T, testid: &'static str, field: &'static str, value: f64, change: fn(&mut Scenario, f64)| {
            html! {
                <label class="field">
                    <span class="field__label">{ label.get(lang) }</span>
                    <NumberInput value={value} testid={testid} label={label.get(lang)}
                        problem={problem(&format!("scoring.{field}"))} on_commit={edit(Box::new(change))} />
                </label>
            }
        };
    let title = match which {
        Which::A => T::ScenarioA,
        Which::B => T::ScenarioB,
    };
    let name_problem = problem("name");

    html! {
        <section class={classes!("card", "editor", format!("editor--{}", which.letter().to_lowercase()))}
            data-testid={format!("scenario-{}", which.letter().to_lowercase())}>
            <div class="editor__head">
                <span class={classes!("scenario-badge", format!("scenario-badge--{}", which.letter().to_lowercase()))}>
                    { which.letter() }
                </span>
                <div class="editor__title">
                    <span class="editor__kicker">{ title.get(lang) }</span>
                    <input type="text" class={classes!("input", "input--title", name_problem.is_some().then_some("input--invalid"))}
                        value={scenario.name.clone()} data-testid="scenario-name"
                        aria-label={T::ScenarioName.get(lang)} oninput={on_name} />
                    if let Some(p) = name_problem { <span class="field-error" role="alert">{ p }</span> }
                </div>
            </div>
            { toolbar }
            { for import_error }

            <h3 class="section-title">{ T::ScoringTitle.get(lang) }</h3>
            <p class="help">{ T::ScoringHelp.get(lang) }</p>
            <div class="form-grid form-grid--3">
                { weight_field(T::WeightAmount, "weight-amount", "amount", amount, |s, v| set_weight(s, 0, v)) }
                { weight_field(T::WeightOrders, "weight-orders", "orders", orders, |s, v| set_weight(s, 1, v)) }
                { weight_field(T::WeightInteractions, "weight-interactions", "interactions", interactions, |s, v| set_weight(s, 2, v)) }
            </div>
            { section_problems(&["scoring"]) }

            <div class="section-head">
                <h3 class="section-title">{ T::TiersTitle.get(lang) }{ " · " }{ T::BenefitsTitle.get(lang) }</h3>
                <label class="field field--inline">
                    <span class="field__label">{ T::ThresholdMode.get(lang) }</span>
                    <select class="select select--small" data-testid="threshold-kind" onchange={on_threshold_kind}>
                        <option value="absolute" selected={absolute}>{ T::ThresholdAbsolute.get(lang) }</option>
                        <option value="target_shares" selected={!absolute}>{ T::ThresholdShares.get(lang) }</option>
                    </select>
                </label>
            </div>
            <div class="table-scroll">
                <table class="table tier-table">
                    <thead>
                        <tr>
                            <th>{ T::TierName.get(lang) }</th>
                            <th>{ if absolute { T::LowerBound.get(lang) } else { T::TargetShare.get(lang) } }</th>
                            <th>{ T::Discount.get(lang) }</th>
                            <th>{ T::Multiplier.get(lang) }</th>
                            <th class="center">{ T::FreeShipping.get(lang) }</th>
                            <th>{ T::GiftCost.get(lang) }</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{ for tier_rows }</tbody>
                    if !absolute {
                        <tfoot>
                            <tr>
                                <td class="muted">{ T::SharesSum.get(lang) }</td>
                                <td class={classes!("num", ((shares_sum - 100.0).abs() >= 0.01).then_some("text-error"))}
                                    data-testid="shares-sum">
                                    { crate::web::format::percent(shares_sum) }
                                </td>
                                <td colspan="5"></td>
                            </tr>
                        </tfoot>
                    }
                </table>
            </div>
            { section_problems(&["tiers.names", "tiers.thresholds.percent", "tiers.thresholds.lower_bounds", "benefits"]) }
            if tiers < MAX_TIERS {
                <button type="button" class="button button--small button--ghost add-tier" data-testid="add-tier"
                    onclick={add_tier}>{ "+ " }{ T::AddTier.get(lang) }</button>
            }

            <h3 class="section-title">{ T::EconomicsTitle.get(lang) }</h3>
            <div class="form-grid form-grid--3">
                { econ_field(T::PointsPerUnit, "points-per-unit", "points_per_currency_unit", economics.points_per_currency_unit, None,
                    |s, v| s.economics.points_per_currency_unit = v) }
                { econ_field(T::PointCost, "point-cost", "point_cost", economics.point_cost, None, |s, v| s.economics.point_cost = v) }
                { econ_field(T::Breakage, "breakage", "breakage_percent", economics.breakage_percent, Some("%"),
                    |s, v| s.economics.breakage_percent = v) }
                { econ_field(T::ShippingCost, "shipping-cost", "shipping_cost_per_order", economics.shipping_cost_per_order, None,
                    |s, v| s.economics.shipping_cost_per_order = v) }
                { econ_field(T::GrossMargin, "gross-margin", "gross_margin_percent", economics.gross_margin_percent, Some("%"),
                    |s, v| s.economics.gross_margin_percent = v) }
            </div>
        </section>
    }
}

fn set_weight(scenario: &mut Scenario, which: usize, value: f64) {
    let Scoring::GrowthValue { amount, orders, interactions } = &mut scenario.scoring;
    match which {
        0 => *amount = value,
        1 => *orders = value,
        _ => *interactions = value,
    }
}

fn blank_benefits() -> TierBenefits {
    TierBenefits { discount_percent: 0.0, points_multiplier: 1.0, free_shipping: false, gift_cost_per_year: 0.0 }
}

/// A name usable in a download file name.
fn file_safe(name: &str) -> String {
    let cleaned: String =
        name.trim().chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if cleaned.is_empty() {
        "scenario".to_string()
    } else {
        cleaned
    }
}

enum Imported {
    Valid(Scenario),
    WithProblems(Box<Scenario>, ScenarioError),
    Unreadable(ScenarioError),
}

fn import_scenario(text: &str) -> Imported {
    match Scenario::from_json(text) {
        Ok(scenario) => Imported::Valid(scenario),
        Err(ScenarioError::Invalid(problems)) => match serde_json::from_str::<Scenario>(text) {
            Ok(scenario) => Imported::WithProblems(Box::new(scenario), ScenarioError::Invalid(problems)),
            Err(_) => Imported::Unreadable(ScenarioError::Invalid(problems)),
        },
        Err(error) => Imported::Unreadable(error),
    }
}

/// Switches between score bounds and target shares, starting from what the last comparison
/// actually produced when available, so the tiers stay roughly where they were.
fn switch_thresholds(scenario: &mut Scenario, absolute: bool, outcome: Option<&ScenarioOutcome>) {
    let tiers = scenario.tier_count();
    let usable = outcome.filter(|o| o.tiers.len() == tiers);
    scenario.tiers.thresholds = if absolute {
        let bounds = match usable {
            Some(o) if o.lower_bounds.len() + 1 == tiers && o.lower_bounds.iter().all(|b| b.is_finite()) => {
                o.lower_bounds.iter().map(|b| (b * 10.0).round() / 10.0).collect()
            }
            _ => (1..tiers).map(|i| 100.0 * 5f64.powi(i as i32 - 1)).collect(),
        };
        Thresholds::Absolute { lower_bounds: bounds }
    } else {
        let percent = match usable {
            Some(o) => shares_summing_to_100(o.tiers.iter().map(|t| t.share * 100.0).collect()),
            None => shares_summing_to_100(vec![100.0 / tiers as f64; tiers]),
        };
        Thresholds::TargetShares { percent }
    };
}

/// Rounds to one decimal and puts the rounding remainder on the first (largest, lowest) tier so
/// the shares sum to exactly 100.
fn shares_summing_to_100(raw: Vec<f64>) -> Vec<f64> {
    let mut rounded: Vec<f64> = raw.iter().map(|p| (p * 10.0).round() / 10.0).collect();
    let rest: f64 = rounded.iter().skip(1).sum();
    if let Some(first) = rounded.first_mut() {
        *first = ((100.0 - rest) * 10.0).round() / 10.0;
    }
    rounded
}

fn add_tier(scenario: &mut Scenario) {
    let tiers = scenario.tier_count();
    if tiers >= MAX_TIERS {
        return;
    }
    scenario.tiers.names.push(format!("Tier {}", tiers + 1));
    let benefits = scenario.benefits.last().cloned().unwrap_or_else(blank_benefits);
    scenario.benefits.push(benefits);
    match &mut scenario.tiers.thresholds {
        Thresholds::Absolute { lower_bounds } => {
            let next = lower_bounds.last().map_or(100.0, |b| if *b > 0.0 { b * 2.0 } else { b + 100.0 });
            lower_bounds.push(next);
        }
        Thresholds::TargetShares { percent } => {
            // Split the current top tier in two, keeping the sum.
            let top = percent.last().copied().unwrap_or(0.0);
            let half = (top * 5.0).round() / 10.0;
            if let Some(last) = percent.last_mut() {
                *last = top - half;
            }
            percent.push(half);
        }
    }
}

fn remove_tier(scenario: &mut Scenario, index: usize) {
    let tiers = scenario.tier_count();
    if tiers <= MIN_TIERS || index >= tiers {
        return;
    }
    scenario.tiers.names.remove(index);
    if index < scenario.benefits.len() {
        scenario.benefits.remove(index);
    }
    match &mut scenario.tiers.thresholds {
        Thresholds::Absolute { lower_bounds } => {
            // Tier i > 0 starts at bound i - 1; removing the first tier drops the bound of the second.
            let bound = index.saturating_sub(1);
            if bound < lower_bounds.len() {
                lower_bounds.remove(bound);
            }
        }
        Thresholds::TargetShares { percent } => {
            if index < percent.len() {
                let freed = percent.remove(index);
                // The customers of the removed tier go to the tier below (or above, for the first).
                let neighbour = index.saturating_sub(1).min(percent.len().saturating_sub(1));
                if let Some(slot) = percent.get_mut(neighbour) {
                    *slot += freed;
                }
            }
        }
    }
}
