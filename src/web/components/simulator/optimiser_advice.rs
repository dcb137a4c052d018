//! The next-best benefit of every segment (each candidate change's margin per customer with its
//! interval and chance of being best, and the recommendation or "leave as is"), a small chart of
//! the same, and category affinity per segment when the data has a category column.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::engine::optimise::affinity::SegmentAffinity;
use crate::engine::optimise::recommend::SegmentAdvice;
use crate::engine::optimise::segments::SegmentChoice;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T, TO};
use crate::ui::state::{Action, AdviceForm, DecisionAction, DecisionJob, DecisionPanel, SegmentsKind};
use crate::web::charts::grouped_bars::{BarSeries, GroupedBars};
use crate::web::charts::palette::SCHEMES;
use crate::web::components::card::CardHead;
use crate::web::components::number_input::NumberInput;
use crate::web::components::status::ProgressBar;
use crate::web::hooks::{runnable, use_app};

fn advice_action(change: impl FnOnce(&mut AdviceForm) + 'static) -> Action {
    Action::Decision(DecisionAction::AdviceForm(Box::new(change)))
}

#[derive(Properties, PartialEq)]
struct TableProps {
    advice: std::rc::Rc<Vec<SegmentAdvice>>,
    segments: SegmentChoice,
    lang: Lang,
}

#[function_component(AdviceTable)]
fn advice_table(props: &TableProps) -> Html {
    let lang = props.lang;
    let name = |segment: &str| i18n::segment_name(segment, &props.segments, lang);
    let candidates: Vec<_> =
        props.advice.first().map(|a| a.options.iter().map(|o| o.change).collect()).unwrap_or_default();
    let series: Vec<BarSeries> = candidates
        .iter()
        .enumerate()
        .map(|(i, change)| BarSeries {
            name: i18n::benefit_change(change, lang),
            colour: SCHEMES[i % SCHEMES.len()],
            values: props.advice.iter().map(|a| a.options.get(i).map(|o| o.margin_per_customer.mean)).collect(),
        })
        .collect();
    let categories: Vec<String> = props.advice.iter().map(|a| name(&a.segment)).collect();
    let signed = |v: f64| format::signed(v, |x| format::fixed(x, 2));
    html! {
        <>
            <div class="table-scroll">
                <table class="table table--compact" data-testid="advice-table">
                    <thead>
                        <tr>
                            <th>{ TO::Segment.get(lang) }</th>
                            <th class="num">{ TO::Customers.get(lang) }</th>
                            <th>{ TO::Candidate.get(lang) }</th>
                            <th class="num">{ TO::PerCustomer.get(lang) }</th>
                            <th class="num">{ TO::ChanceBest.get(lang) }</th>
                            <th>{ TO::Recommendation.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.advice.iter().enumerate().map(|(g, a)| {
                            let span = a.options.len().max(1).to_string();
                            let recommended = match a.recommendation {
                                crate::engine::optimise::recommend::Recommendation::Change { change } => Some(change),
                                _ => None,
                            };
                            html! {
                                { for a.options.iter().enumerate().map(|(i, o)| {
                                    let s = &o.margin_per_customer;
                                    let best = recommended == Some(o.change);
                                    html! {
                                        <tr class={classes!(best.then_some("sim-optimiser__best-row"))}
                                            data-testid={format!("advice-row-{g}-{i}")}>
                                            if i == 0 {
                                                <th scope="rowgroup" rowspan={span.clone()} data-testid={format!("advice-segment-{g}")}>{ name(&a.segment) }</th>
                                                <td class="num" rowspan={span.clone()}>{ format::count(a.customers) }</td>
                                            }
                                            <td>{ i18n::benefit_change(&o.change, lang) }</td>
                                            <td class="num" data-value={format::raw(s.mean)}>
                                                { format!("{} [{}, {}]", signed(s.mean), signed(s.low90), signed(s.high90)) }
                                            </td>
                                            <td class="num">{ format::share(o.chance_best) }</td>
                                            if i == 0 {
                                                <td rowspan={span.clone()} data-testid={format!("advice-recommendation-{g}")}>
                                                    <strong>{ i18n::recommendation(&a.recommendation, lang) }</strong>
                                                </td>
                                            }
                                        </tr>
                                    }
                                }) }
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="sim-chart-narrow">
                <GroupedBars {categories} {series} x_title={TO::Segment.get(lang)} y_title={TO::PerCustomer.get(lang)}
                    testid="advice-chart" {lang} />
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct AffinityProps {
    affinity: std::rc::Rc<Vec<SegmentAffinity>>,
    segments: SegmentChoice,
    lang: Lang,
}

#[function_component(AffinityTable)]
fn affinity_table(props: &AffinityProps) -> Html {
    let lang = props.lang;
    let mut categories: Vec<String> =
        props.affinity.iter().flat_map(|s| s.categories.iter().map(|c| c.category.clone())).collect();
    categories.sort();
    categories.dedup();
    html! {
        <div class="table-scroll">
            <table class="table table--compact" data-testid="affinity-table">
                <thead>
                    <tr>
                        <th>{ TO::Segment.get(lang) }</th>
                        { for categories.iter().map(|c| html! { <th class="num">{ c.clone() }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for props.affinity.iter().map(|s| html! {
                        <tr>
                            <th scope="row">{ format!("{} ({})", i18n::segment_name(&s.segment, &props.segments, lang), format::count(s.purchases as usize)) }</th>
                            { for categories.iter().map(|c| match s.categories.iter().find(|x| &x.category == c) {
                                Some(x) => html! {
                                    <td class={classes!("num", (x.lift >= 1.2).then_some("tone-good"), (x.lift <= 0.8).then_some("tone-bad"))}
                                        data-lift={format::raw(x.lift)}>
                                        { format!("{} ({})", format::fixed(x.lift, 2), format::count(x.purchases as usize)) }
                                    </td>
                                },
                                None => html! { <td class="num muted">{ "—" }</td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[function_component(AdvicePanel)]
pub fn advice_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let form = &state.decision.advice_form;
    let scheme = state.scenarios.slots()[0].scenario.clone();
    let segments = form.segments();
    let settings = form.settings();
    let running = state.jobs.decision_running(DecisionPanel::Advice).cloned();
    let blocked = if !state.data.is_loaded() {
        Some(T::NeedData.get(lang).to_string())
    } else if !runnable(&scheme) {
        Some(T::SimFixScenarios.get(lang).to_string())
    } else if segments.is_none() {
        Some(TO::ChooseColumn.get(lang).to_string())
    } else {
        settings.as_ref().err().map(|e| {
            let (min, max) = (format::plain(e.min), format::plain(e.max));
            let label = if e.field == crate::engine::simulate::SimulationSettings::MONTHS.field {
                TO::Months.get(lang)
            } else {
                TO::Futures.get(lang)
            };
            match lang {
                Lang::En => format!("{label} must be a whole number from {min} to {max}."),
                Lang::Zh => format!("{label}必须是 {min} 到 {max} 之间的整数。"),
            }
        })
    };
    let on_kind = app.callback(|event: Event| {
        let value =
            event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default();
        let kind = match value.as_str() {
            "kmeans" => SegmentsKind::Kmeans,
            "column" => SegmentsKind::Column,
            _ => SegmentsKind::Rfm,
        };
        advice_action(move |f| f.kind = kind)
    });
    let on_column = app.callback(|event: InputEvent| {
        let text =
            event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
        advice_action(move |f| f.column = text)
    });
    let on_months = app.callback(|v: f64| advice_action(move |f| f.months = v));
    let on_futures = app.callback(|v: f64| advice_action(move |f| f.futures = v));
    let run = {
        let bridge = app.bridge.clone();
        let (scheme, segments, settings) = (scheme.clone(), segments.clone(), settings.clone());
        Callback::from(move |_: MouseEvent| {
            if let (Some(segments), Ok(settings)) = (segments.clone(), settings.clone()) {
                bridge.decide(DecisionJob::Recommend { scheme: scheme.clone(), segments: segments.clone(), settings });
                bridge.decide(DecisionJob::Affinity { segments });
            }
        })
    };
    let version = state.data.version;
    let advice = state.decision.advice.as_ref().filter(|a| a.data_version == version);
    let affinity = state.decision.affinity.as_ref().filter(|a| a.data_version == version);
    let error = state.decision.error(DecisionPanel::Advice).map(|e| i18n::user_error(e, lang));
    let kind_option = |value: &'static str, kind: SegmentsKind, label: TO| {
        html! { <option value={value} selected={form.kind == kind}>{ label.get(lang) }</option> }
    };
    html! {
        <section class="card" data-testid="sim-advice">
            <CardHead title={TO::AdviceTitle.get(lang)} subtitle={TO::AdviceIntro.get(lang)} />
            <div class="form-grid">
                <label class="field">
                    <span class="field__label">{ TO::AdviceScheme.get(lang) }</span>
                    <span>{ format::scheme_label('A', &scheme.name) }</span>
                </label>
                <label class="field">
                    <span class="field__label">{ TO::Segments.get(lang) }</span>
                    <select class="select" data-testid="advice-segments" onchange={on_kind}>
                        { kind_option("rfm", SegmentsKind::Rfm, TO::SegmentsRfm) }
                        { kind_option("kmeans", SegmentsKind::Kmeans, TO::SegmentsKmeans) }
                        { kind_option("column", SegmentsKind::Column, TO::SegmentsColumn) }
                    </select>
                </label>
                if form.kind == SegmentsKind::Column {
                    <label class="field">
                        <span class="field__label">{ TO::Column.get(lang) }</span>
                        <input type="text" class="input" value={form.column.clone()} data-testid="advice-column"
                            aria-label={TO::Column.get(lang)} oninput={on_column} />
                    </label>
                }
                <label class="field">
                    <span class="field__label">{ TO::Months.get(lang) }</span>
                    <NumberInput value={form.months} on_commit={on_months} testid="advice-months" label={TO::Months.get(lang)} />
                </label>
                <label class="field">
                    <span class="field__label">{ TO::Futures.get(lang) }</span>
                    <NumberInput value={form.futures} on_commit={on_futures} testid="advice-futures" label={TO::Futures.get(lang)} />
                </label>
            </div>
            <div class="sim-inline-form">
                <button type="button" class="button button--primary" data-testid="advice-run"
                    disabled={blocked.is_some() || running.is_some()} onclick={run}>
                    { TO::AdviceRun.get(lang) }
                </button>
                if running.is_none() {
                    if let Some(reason) = blocked {
                        <span class="hint hint--warn" role="alert">{ reason }</span>
                    }
                }
            </div>
            if let Some(job) = running {
                <ProgressBar {job} quiet={true} testid="advice-progress" cancel_testid="advice-cancel" />
            }
            if let Some(error) = error {
                <div class="banner banner--error banner--inline" role="alert"><p class="banner__body">{ error }</p></div>
            }
            if let Some(run) = advice {
                <AdviceTable advice={run.advice.clone()} segments={run.segments.clone()} {lang} />
            }
            // Shown only when the data has a category column.
            if let Some((run, affinity)) = affinity.and_then(|run| run.affinity.as_ref().map(|a| (run, a))) {
                <h3 class="subsection-title">{ TO::AffinityTitle.get(lang) }
                    <span class="subsection-title__note">{ TO::AffinityIntro.get(lang) }</span></h3>
                <AffinityTable affinity={affinity.clone()} segments={run.segments.clone()} {lang} />
            }
        </section>
    }
}
