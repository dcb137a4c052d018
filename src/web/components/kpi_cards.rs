//! Headline figures for A, B and B − A. Every figure carries its raw value in `data-value`.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::ScrollTable;

use crate::engine::compare::Comparison;
use crate::engine::pricing::ScenarioOutcome;
use crate::ui::format;
use crate::ui::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
    /// The letters of the schemes compared (`comparison.a`'s, then `comparison.b`'s).
    #[prop_or(['A', 'B'])]
    pub letters: [char; 2],
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Money,
    Quantity,
    Share,
}

struct Metric {
    key: &'static str,
    label: T,
    kind: Kind,
    /// A rise is good news (revenue, margin) rather than bad (costs).
    higher_is_better: bool,
    value: fn(&ScenarioOutcome) -> f64,
}

const METRICS: [Metric; 9] = [
    Metric { key: "revenue", label: T::KpiRevenue, kind: Kind::Money, higher_is_better: true, value: |o| o.revenue },
    Metric {
        key: "discount",
        label: T::KpiDiscount,
        kind: Kind::Money,
        higher_is_better: false,
        value: |o| o.totals.discount,
    },
    Metric {
        key: "points",
        label: T::KpiPoints,
        kind: Kind::Money,
        higher_is_better: false,
        value: |o| o.totals.points,
    },
    Metric {
        key: "shipping",
        label: T::KpiShipping,
        kind: Kind::Money,
        higher_is_better: false,
        value: |o| o.totals.shipping,
    },
    Metric { key: "gifts", label: T::KpiGifts, kind: Kind::Money, higher_is_better: false, value: |o| o.totals.gifts },
    Metric {
        key: "total-cost",
        label: T::KpiTotalCost,
        kind: Kind::Money,
        higher_is_better: false,
        value: |o| o.totals.total,
    },
    Metric {
        key: "points-issued",
        label: T::KpiPointsIssued,
        kind: Kind::Quantity,
        higher_is_better: false,
        value: |o| o.totals.points_issued,
    },
    Metric {
        key: "margin",
        label: T::KpiMargin,
        kind: Kind::Money,
        higher_is_better: true,
        value: |o| o.margin_after_benefits,
    },
    Metric {
        key: "cost-share",
        label: T::KpiCostShare,
        kind: Kind::Share,
        higher_is_better: false,
        value: |o| o.cost_to_revenue,
    },
];

fn shown(kind: Kind, value: f64) -> String {
    match kind {
        Kind::Money => format::money(value),
        Kind::Quantity => format::quantity(value),
        Kind::Share => format::share(value),
    }
}

/// A headline card's figure: large money in 万 / 亿 in Chinese (the table below keeps every digit).
fn headline_figure(kind: Kind, value: f64, lang: Lang) -> String {
    match kind {
        Kind::Money => format::large(value, lang, format::money),
        _ => shown(kind, value),
    }
}

fn shown_difference(kind: Kind, value: f64) -> String {
    match kind {
        Kind::Money => format::signed_money(value),
        Kind::Quantity => format::signed(value, format::quantity),
        Kind::Share => format::signed_share_points(value),
    }
}

/// B − A as the comparison reports it (its own subtraction, not redone here).
fn difference(c: &Comparison, key: &str) -> f64 {
    let d = &c.difference;
    match key {
        "revenue" => c.b.revenue - c.a.revenue,
        "discount" => d.costs.discount,
        "points" => d.costs.points,
        "shipping" => d.costs.shipping,
        "gifts" => d.costs.gifts,
        "total-cost" => d.costs.total,
        "points-issued" => d.costs.points_issued,
        "margin" => d.margin_after_benefits,
        _ => d.cost_to_revenue,
    }
}

#[function_component(KpiTable)]
pub fn kpi_table(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let [left, right] = props.letters;
    let cell = |side: &str, metric: &Metric, value: f64, text: String, class: Option<&'static str>| {
        html! {
            <td class={classes!("num", class)} data-testid={format!("kpi-{side}-{}", metric.key)}
                data-value={format::raw(value)}>{ text }</td>
        }
    };
    let headline = |label: T, a: f64, b: f64, diff: f64, kind: Kind, higher_is_better: bool| {
        let tone = tone(diff, higher_is_better);
        html! {
            <div class="kpi-card">
                <span class="kpi-card__label">{ label.get(lang) }</span>
                <div class="kpi-card__values">
                    <span><span class="kpi-card__tag kpi-card__tag--a">{ left }</span>{ headline_figure(kind, a, lang) }</span>
                    <span><span class="kpi-card__tag kpi-card__tag--b">{ right }</span>{ headline_figure(kind, b, lang) }</span>
                </div>
                <span class={classes!("kpi-card__diff", tone)}>{ format!("{right} − {left}  {}", shown_difference(kind, diff)) }</span>
            </div>
        }
    };
    html! {
        <div class="kpis">
            <div class="kpi-cards">
                { headline(T::KpiTotalCost, c.a.totals.total, c.b.totals.total, c.difference.costs.total, Kind::Money, false) }
                { headline(T::KpiMargin, c.a.margin_after_benefits, c.b.margin_after_benefits,
                    c.difference.margin_after_benefits, Kind::Money, true) }
                { headline(T::KpiCostShare, c.a.cost_to_revenue, c.b.cost_to_revenue, c.difference.cost_to_revenue,
                    Kind::Share, false) }
            </div>
            <div class="card table-card">
                <ScrollTable class="kpi-table" head={html! {
                    <tr>
                        <th>{ T::KpiMetric.get(lang) }</th>
                        <th class="num"><span class="kpi-card__tag kpi-card__tag--a">{ left }</span>{ &c.a.name }</th>
                        <th class="num"><span class="kpi-card__tag kpi-card__tag--b">{ right }</span>{ &c.b.name }</th>
                        <th class="num">{ format!("{right} − {left}") }</th>
                    </tr>
                }}>
                    { for METRICS.iter().map(|m| {
                        let (a, b, diff) = ((m.value)(&c.a), (m.value)(&c.b), difference(c, m.key));
                        let strong = matches!(m.key, "total-cost" | "margin");
                        html! {
                            <tr class={classes!(strong.then_some("kpi-table__strong"))}>
                                <th scope="row">{ m.label.get(lang) }</th>
                                { cell("a", m, a, shown(m.kind, a), None) }
                                { cell("b", m, b, shown(m.kind, b), None) }
                                { cell("diff", m, diff, shown_difference(m.kind, diff), Some(tone(diff, m.higher_is_better))) }
                            </tr>
                        }
                    }) }

                </ScrollTable>
            </div>
        </div>
    }
}

/// Colour of a difference: green when B is better, red when worse, grey when equal.
fn tone(diff: f64, higher_is_better: bool) -> &'static str {
    if diff.abs() < 1e-9 || !diff.is_finite() {
        "tone-neutral"
    } else if (diff > 0.0) == higher_is_better {
        "tone-good"
    } else {
        "tone-bad"
    }
}
