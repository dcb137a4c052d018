//! Vertical bars by category, one bar per series side by side (actual vs expected per group), or a
//! single series (a histogram). Each bar carries its value for tests and in its tooltip.

use yew::prelude::*;

use super::axis::nice_ticks;
use super::month_axis::{legend, legend_height};
use crate::web::format;

#[derive(Clone, Debug, PartialEq)]
pub struct BarSeries {
    pub name: String,
    pub colour: &'static str,
    /// One per category; `None` draws nothing (an empty group).
    pub values: Vec<Option<f64>>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub categories: Vec<String>,
    pub series: Vec<BarSeries>,
    pub x_title: AttrValue,
    pub y_title: AttrValue,
    pub testid: AttrValue,
    /// Values as counts (no decimals) rather than up to two decimals.
    #[prop_or_default]
    pub counts: bool,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const PLOT_HEIGHT: f64 = 190.0;

#[function_component(GroupedBars)]
pub fn grouped_bars(props: &Props) -> Html {
    let groups = props.categories.len().max(1);
    let legend_items: Vec<(String, &str)> = props.series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    let show_legend = props.series.len() > 1;
    let top = if show_legend { 8.0 + legend_height(&legend_items, WIDTH - LEFT - RIGHT) + 10.0 } else { 12.0 };
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 44.0;
    let max = props.series.iter().flat_map(|s| s.values.iter().flatten()).copied().fold(0.0, f64::max);
    let ticks = nice_ticks(max, 4);
    let scale_max = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let y = |v: f64| bottom - v.max(0.0) / scale_max * PLOT_HEIGHT;
    let slot = (WIDTH - LEFT - RIGHT) / groups as f64;
    let bars = props.series.len().max(1) as f64;
    let bar_width = (slot * 0.72 / bars).max(1.0);
    let text = |v: f64| if props.counts { format::quantity(v) } else { format::plain(v) };
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid={props.testid.clone()}
            aria-label={props.y_title.clone()}>
            <title>{ props.y_title.clone() }</title>
            if show_legend { { legend(&legend_items, LEFT, 8.0, WIDTH - LEFT - RIGHT) } }
            <g class="chart-grid">
                { for ticks.iter().map(|t| html! {
                    <g>
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y(*t).to_string()} y2={y(*t).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={y(*t).to_string()} text-anchor="end" dominant-baseline="central"
                            class="chart-axis">{ format::compact(*t) }</text>
                    </g>
                }) }
            </g>
            { for props.categories.iter().enumerate().map(|(g, category)| {
                let group_left = LEFT + g as f64 * slot + slot * 0.14;
                html! {
                    <g>
                        { for props.series.iter().enumerate().map(|(s, series)| {
                            let value = series.values.get(g).copied().flatten();
                            let x = group_left + s as f64 * bar_width;
                            match value {
                                Some(v) => html! {
                                    <rect x={x.to_string()} y={y(v).to_string()} width={(bar_width - 1.0).max(1.0).to_string()}
                                        height={(bottom - y(v)).max(0.0).to_string()} rx="2" fill={series.colour}
                                        data-testid={format!("{}-bar-{s}-{g}", props.testid)} data-value={format::raw(v)}>
                                        <title>{ format!("{category} · {}: {}", series.name, text(v)) }</title>
                                    </rect>
                                },
                                None => html! {},
                            }
                        }) }
                        <text x={(LEFT + (g as f64 + 0.5) * slot).to_string()} y={(bottom + 16.0).to_string()}
                            text-anchor="middle" class="chart-axis">{ category.clone() }</text>
                    </g>
                }
            }) }
            <line class="chart-axis-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={bottom.to_string()} y2={bottom.to_string()} />
            <g class="chart-axis-title">
                <text transform={format!("translate(11,{}) rotate(-90)", (top + bottom) / 2.0)} text-anchor="middle">{ props.y_title.clone() }</text>
                <text x={(LEFT + (WIDTH - LEFT - RIGHT) / 2.0).to_string()} y={(bottom + 36.0).to_string()} text-anchor="middle">{ props.x_title.clone() }</text>
            </g>
        </svg>
    }
}
