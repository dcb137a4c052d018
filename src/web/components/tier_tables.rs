//! Per-tier figures as tables (revenue share, customers, cost) and the warnings in words.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::compare::Comparison;
use crate::engine::pricing::ScenarioOutcome;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::web::charts::palette::tier_colour;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
    /// The letters of the schemes compared (`comparison.a`'s, then `comparison.b`'s).
    #[prop_or(['A', 'B'])]
    pub letters: [char; 2],
}

#[function_component(RevenueShareTable)]
pub fn revenue_share_table(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let letter = |side: &str| i18n::side_letter(props.letters, side);
    let rows = |side: &'static str, outcome: &ScenarioOutcome| {
        let rowspan = outcome.tiers.len().to_string();
        html! {
            <>{ for outcome.tiers.iter().enumerate().map(move |(i, tier)| html! {
                <tr>
                    if i == 0 {
                        <th scope="rowgroup" rowspan={rowspan.clone()} class="revenue-table__side">
                            <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{side}"))}>{ letter(side) }</span>
                        </th>
                    }
                    <td>
                        <span class="tier-dot" style={format!("background:{}", tier_colour(i))}></span>
                        { &tier.name }
                    </td>
                    <td class="num">{ format::money(tier.revenue) }</td>
                    <td class="num" data-testid={format!("revenue-share-{side}-{i}")} data-value={format::raw(tier.revenue_share)}>
                        <span class="share-cell">
                            <span class="share-bar" aria-hidden="true">
                                <span class="share-bar__fill" style={format!("width:{:.1}%;background:{}",
                                    (tier.revenue_share * 100.0).clamp(0.0, 100.0), tier_colour(i))}></span>
                            </span>
                            { format::share(tier.revenue_share) }
                        </span>
                    </td>
                    <td class="num">{ format::money(tier.costs.total) }</td>
                </tr>
            }) }</>
        }
    };
    html! {
        <figure class="card chart">
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ T::RevenueShare.get(lang) }</h3>
            </figcaption>
            <div class="table-scroll">
                <table class="table table--compact revenue-table">
                    <thead>
                        <tr>
                            <th></th>
                            <th>{ T::Tier.get(lang) }</th>
                            <th class="num">{ T::KpiRevenue.get(lang) }</th>
                            <th class="num">{ T::ShareOfRevenue.get(lang) }</th>
                            <th class="num">{ T::KpiTotalCost.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows("a", &c.a) }</tbody>
                    <tbody>{ rows("b", &c.b) }</tbody>
                </table>
            </div>
        </figure>
    }
}

#[function_component(WarningList)]
pub fn warning_list(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let items: Vec<(&'static str, char, String)> = [("a", props.letters[0], &c.a), ("b", props.letters[1], &c.b)]
        .into_iter()
        .flat_map(|(side, letter, outcome)| {
            outcome.warnings.iter().map(move |w| (side, letter, i18n::warning_text(w, lang)))
        })
        .collect();
    html! {
        <section class="card" data-testid="warnings">
            <h3 class="chart__title">{ T::Warnings.get(lang) }</h3>
            if items.is_empty() {
                <p class="muted">{ T::NoWarnings.get(lang) }</p>
            } else {
                <ul class="warnings">
                    { for items.into_iter().map(|(side, letter, text)| html! {
                        <li class="warnings__item">
                            <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{side}"))}>{ letter }</span>
                            <span>{ text }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
