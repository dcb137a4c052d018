//! The points program of A and B: what is owed at the end (outstanding points and their liability,
//! before and after expected breakage) and what came in and went out each month. Props only.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::compare::Comparison;
use crate::engine::ledger::LedgerSummary;
use crate::ui::format;
use crate::ui::i18n::{Lang, T};
use crate::web::charts::flow_chart::{self, FlowChart, Series};
use crate::web::charts::palette;

pub const EARNED: &str = palette::POINTS_EARNED;
pub const REDEEMED: &str = palette::POINTS_REDEEMED;
pub const EXPIRED: &str = palette::POINTS_EXPIRED;
pub const REVERSED: &str = palette::POINTS_REVERSED;

fn flows(ledger: &LedgerSummary, lang: Lang) -> (Vec<Series>, Vec<Series>) {
    let series = |name: T, colour, values: &Vec<f64>| Series {
        name: name.get(lang).to_string(),
        colour,
        values: values.clone(),
    };
    (
        vec![series(T::PointsEarned, EARNED, &ledger.earned)],
        vec![
            series(T::PointsRedeemed, REDEEMED, &ledger.redeemed),
            series(T::PointsExpired, EXPIRED, &ledger.expired),
            series(T::PointsReversed, REVERSED, &ledger.reversed),
        ],
    )
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
    /// The letters of the schemes compared (`comparison.a`'s, then `comparison.b`'s).
    #[prop_or(['A', 'B'])]
    pub letters: [char; 2],
}

#[function_component(PointsPanel)]
pub fn points_panel(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let [left, right] = props.letters;
    let (Some(a), Some(b)) = (&c.a.points, &c.b.points) else { return html! {} };
    let labels = c.a.timeline.as_ref().map(|t| t.labels.clone()).unwrap_or_default();
    let months = labels.len();
    let extent = |ledger: &LedgerSummary| {
        let (up, down) = flows(ledger, lang);
        flow_chart::extent(&up, &down, months)
    };
    let (extent_a, extent_b) = (extent(a), extent(b));
    let shared = (extent_a.0.max(extent_b.0), extent_a.1.max(extent_b.1));
    let kpi = |label: T, key: &'static str, value: fn(&LedgerSummary) -> f64, money: bool| {
        let shown = |v: f64| if money { format::money(v) } else { format::quantity(v) };
        let (va, vb) = (value(a), value(b));
        let diff = vb - va;
        html! {
            <div class="kpi-card">
                <span class="kpi-card__label">{ label.get(lang) }</span>
                <div class="kpi-card__values">
                    <span data-testid={format!("points-a-{key}")} data-value={format::raw(va)}>
                        <span class="kpi-card__tag kpi-card__tag--a">{ left }</span>{ shown(va) }</span>
                    <span data-testid={format!("points-b-{key}")} data-value={format::raw(vb)}>
                        <span class="kpi-card__tag kpi-card__tag--b">{ right }</span>{ shown(vb) }</span>
                </div>
                <span class={classes!("kpi-card__diff", if diff.abs() < 1e-9 { "tone-neutral" } else if diff > 0.0 { "tone-bad" } else { "tone-good" })}>
                    { format!("{right} − {left}  {}", if money { format::signed_money(diff) } else { format::signed(diff, format::quantity) }) }
                </span>
            </div>
        }
    };
    let column = |side: &'static str, name: &str, ledger: &LedgerSummary| {
        let letter = if side == "a" { left } else { right };
        let (up, down) = flows(ledger, lang);
        html! {
            <div class="side-column">
                <h4 class="side-column__title">
                    <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{side}"))}>{ letter }</span>{ name.to_string() }
                    <span class="subsection-title__note">{ format!("{} {} · {} {} · {} {}",
                        T::PointsEarned.get(lang), format::quantity(ledger.totals.earned),
                        T::PointsRedeemed.get(lang), format::quantity(ledger.totals.redeemed),
                        T::PointsExpired.get(lang), format::quantity(ledger.totals.expired)) }</span>
                </h4>
                <FlowChart labels={labels.clone()} {up} {down} y_title={T::PointsAxis.get(lang)} {lang} extent={Some(shared)}
                    testid={format!("points-flow-{side}")} />
            </div>
        }
    };
    html! {
        <section class="card points-panel" data-testid="points-panel">
            <div class="chart__caption">
                <h3 class="chart__title">{ T::PointsPanelTitle.get(lang) }</h3>
                <p class="chart__desc">{ T::PointsPanelDesc.get(lang) }</p>
            </div>
            <div class="kpi-cards">
                { kpi(T::PointsOutstanding, "outstanding", |l| l.totals.outstanding, false) }
                { kpi(T::Liability, "liability", |l| l.totals.liability, true) }
                { kpi(T::ExpectedLiability, "expected-liability", |l| l.totals.expected_liability, true) }
            </div>
            <div class="side-by-side">
                { column("a", &c.a.name, a) }
                { column("b", &c.b.name, b) }
            </div>
        </section>
    }
}
