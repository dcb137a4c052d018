//! Who moves where: customers by tier under A (rows) and tier under B (columns). An HTML table
//! with coloured cells: the numbers stay crisp at any zoom, and screen readers get a real table.

use std::rc::Rc;

use yew::prelude::*;

use super::palette::{heat, heat_needs_light_text, tier_colour};
use crate::engine::compare::Comparison;
use crate::web::format;
use crate::web::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
}

#[function_component(TransitionHeatmap)]
pub fn transition_heatmap(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let matrix = &c.transitions;
    let max = matrix.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let columns = c.b.tiers.len().max(matrix.iter().map(Vec::len).max().unwrap_or(0));
    let column_totals: Vec<usize> = (0..columns).map(|j| matrix.iter().filter_map(|row| row.get(j)).sum()).collect();
    let tier_name = |tiers: &[crate::engine::pricing::TierOutcome], i: usize| {
        tiers.get(i).map(|t| t.name.clone()).unwrap_or_else(|| format!("#{}", i + 1))
    };
    html! {
        <figure class="card chart" data-testid="transition-heatmap">
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ T::Transitions.get(lang) }</h3>
                <p class="chart__desc">{ T::TransitionsDesc.get(lang) }</p>
            </figcaption>
            <div class="table-scroll">
                <table class="heatmap">
                    <thead>
                        <tr>
                            <th class="heatmap__corner">
                                <span class="heatmap__axis-b">{ format!("{} →", T::TierUnderB.get(lang)) }</span>
                                <span class="heatmap__axis-a">{ format!("{} ↓", T::TierUnderA.get(lang)) }</span>
                            </th>
                            { for (0..columns).map(|j| html! {
                                <th scope="col" class="heatmap__head">
                                    <span class="tier-dot" style={format!("background:{}", tier_colour(j))}></span>
                                    { tier_name(&c.b.tiers, j) }
                                </th>
                            }) }
                            <th scope="col" class="heatmap__total">{ "Σ" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for matrix.iter().enumerate().map(|(i, row)| html! {
                            <tr>
                                <th scope="row" class="heatmap__head heatmap__head--row">
                                    <span class="tier-dot" style={format!("background:{}", tier_colour(i))}></span>
                                    { tier_name(&c.a.tiers, i) }
                                </th>
                                { for (0..columns).map(|j| {
                                    let count = row.get(j).copied().unwrap_or(0);
                                    let fraction = count as f64 / max;
                                    let light = heat_needs_light_text(fraction);
                                    html! {
                                        <td class={classes!("heatmap__cell", (i == j).then_some("heatmap__cell--same"),
                                                light.then_some("heatmap__cell--dark"))}
                                            style={format!("background:{}", heat(fraction))}
                                            data-testid={format!("transition-{i}-{j}")} data-value={count.to_string()}
                                            title={format!("{} → {}: {}", tier_name(&c.a.tiers, i), tier_name(&c.b.tiers, j), format::count(count))}>
                                            { format::count(count) }
                                        </td>
                                    }
                                }) }
                                <td class="heatmap__total">{ format::count(row.iter().sum::<usize>()) }</td>
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" class="heatmap__total">{ "Σ" }</th>
                            { for column_totals.iter().map(|t| html! { <td class="heatmap__total">{ format::count(*t) }</td> }) }
                            <td class="heatmap__total">{ format::count(column_totals.iter().sum::<usize>()) }</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </figure>
    }
}
