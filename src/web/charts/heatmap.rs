//! A matrix of counts as an HTML table with coloured cells (who moves where): the numbers stay crisp
//! at any zoom, and screen readers get a real table. Used for A-vs-B tier transitions and for the
//! simulator's migration from the tier at the start to the tier at the end.

use yew::prelude::*;

use super::draw::chrome_style;
use super::frame::palette::{heat, text_on, tier_colour};
use crate::ui::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub title: AttrValue,
    pub desc: AttrValue,
    /// What the rows and the columns are ("Tier under A ↓", "Tier under B →").
    pub row_axis: AttrValue,
    pub column_axis: AttrValue,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub cells: Vec<Vec<f64>>,
    /// Decimals shown in each cell (0 for counts; simulated means may be fractional).
    #[prop_or_default]
    pub decimals: usize,
    pub testid: AttrValue,
    /// Each cell's test id is `{cell_prefix}{row}-{column}`.
    pub cell_prefix: AttrValue,
}

#[function_component(Heatmap)]
pub fn heatmap(props: &Props) -> Html {
    let matrix = &props.cells;
    let shown = |v: f64| format::fixed(v, props.decimals);
    let max = matrix.iter().flatten().copied().fold(0.0, f64::max).max(1.0);
    let columns = props.columns.len().max(matrix.iter().map(Vec::len).max().unwrap_or(0));
    let column_totals: Vec<f64> = (0..columns).map(|j| matrix.iter().filter_map(|row| row.get(j)).sum()).collect();
    let name = |names: &[String], i: usize| names.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1));
    html! {
        <figure class="card chart" data-testid={props.testid.clone()} style={chrome_style()}>
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ props.title.clone() }</h3>
                <p class="chart__desc">{ props.desc.clone() }</p>
            </figcaption>
            <div class="table-scroll">
                <table class="heatmap">
                    <thead>
                        <tr>
                            <th class="heatmap__corner">
                                <span class="heatmap__axis-b">{ format!("{} →", props.column_axis) }</span>
                                <span class="heatmap__axis-a">{ format!("{} ↓", props.row_axis) }</span>
                            </th>
                            { for (0..columns).map(|j| html! {
                                <th scope="col" class="heatmap__head">
                                    <span class="tier-dot" style={format!("background:{}", tier_colour(j))}></span>
                                    { name(&props.columns, j) }
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
                                    { name(&props.rows, i) }
                                </th>
                                { for (0..columns).map(|j| {
                                    let count = row.get(j).copied().unwrap_or(0.0);
                                    let fill = heat(count / max);
                                    html! {
                                        <td class={classes!("heatmap__cell", (i == j).then_some("heatmap__cell--same"))}
                                            style={format!("background:{fill};color:{}", text_on(&fill))}
                                            data-testid={format!("{}{i}-{j}", props.cell_prefix)} data-value={format::raw(count)}
                                            title={format!("{} → {}: {}", name(&props.rows, i), name(&props.columns, j), shown(count))}>
                                            { shown(count) }
                                        </td>
                                    }
                                }) }
                                <td class="heatmap__total">{ shown(row.iter().sum::<f64>()) }</td>
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" class="heatmap__total">{ "Σ" }</th>
                            { for column_totals.iter().map(|t| html! { <td class="heatmap__total">{ shown(*t) }</td> }) }
                            <td class="heatmap__total">{ shown(column_totals.iter().sum::<f64>()) }</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </figure>
    }
}
