//! Predicted against actual values, one dot per test customer, with the line where the two are equal:
//! dots on the line are perfect predictions, dots above it were over-estimated.

use yew::prelude::*;

use super::scale::{ticks_between, Scale};
use crate::web::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub actual: Vec<f64>,
    pub predicted: Vec<f64>,
    pub x_title: AttrValue,
    pub y_title: AttrValue,
    /// Name of the diagonal in the legend.
    pub diagonal_label: AttrValue,
    pub testid: AttrValue,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const PLOT_HEIGHT: f64 = 300.0;
pub const DOT: &str = "#2563eb";

#[function_component(ScatterPlot)]
pub fn scatter_plot(props: &Props) -> Html {
    let finite = props.actual.iter().chain(&props.predicted).copied().filter(|v| v.is_finite());
    let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // One scale for both axes, so the diagonal is the 45° line and distances compare.
    let ticks = if low.is_finite() { ticks_between(low.min(0.0), high, 5) } else { vec![0.0, 1.0] };
    let bottom = TOP + PLOT_HEIGHT;
    let height = bottom + 44.0;
    let x = Scale::over(&ticks, (LEFT, WIDTH - RIGHT));
    let y = Scale::over(&ticks, (bottom, TOP));
    let (first, last) = (ticks[0], ticks[ticks.len() - 1]);
    // CJK glyphs are about twice as wide as Latin ones (as in the month charts' legends).
    let title_width: f64 = props.y_title.chars().map(|c| if c.is_ascii() { 6.6 } else { 12.0 }).sum();
    let diagonal_at = 16.0 + title_width + 24.0;
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid={props.testid.clone()}
            data-points={props.actual.len().to_string()} aria-label={props.y_title.clone()}>
            <title>{ props.y_title.clone() }</title>
            <g class="chart-legend" transform={format!("translate({LEFT},6)")}>
                <circle cx="6" cy="6" r="4" fill={DOT} fill-opacity="0.5" />
                <text x="16" y="6" dominant-baseline="central">{ props.y_title.clone() }</text>
                <line class="chart-diagonal" x1={diagonal_at.to_string()} x2={(diagonal_at + 26.0).to_string()} y1="6" y2="6" />
                <text x={(diagonal_at + 32.0).to_string()} y="6" dominant-baseline="central">{ props.diagonal_label.clone() }</text>
            </g>
            <g class="chart-grid">
                { for ticks.iter().map(|t| html! {
                    <g>
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y.at(*t).to_string()} y2={y.at(*t).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={y.at(*t).to_string()} text-anchor="end" dominant-baseline="central"
                            class="chart-axis">{ format::compact(*t) }</text>
                        <text x={x.at(*t).to_string()} y={(bottom + 16.0).to_string()} text-anchor="middle" class="chart-axis">
                            { format::compact(*t) }</text>
                    </g>
                }) }
            </g>
            <line class="chart-diagonal" x1={x.at(first).to_string()} y1={y.at(first).to_string()}
                x2={x.at(last).to_string()} y2={y.at(last).to_string()} />
            <g fill={DOT} fill-opacity="0.35">
                { for props.actual.iter().zip(&props.predicted).filter(|(a, p)| a.is_finite() && p.is_finite()).map(|(a, p)| html! {
                    <circle cx={format!("{:.1}", x.at(*a))} cy={format!("{:.1}", y.at(*p))} r="2.6" />
                }) }
            </g>
            <line class="chart-axis-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={bottom.to_string()} y2={bottom.to_string()} />
            <g class="chart-axis-title">
                <text transform={format!("translate(11,{}) rotate(-90)", (TOP + bottom) / 2.0)} text-anchor="middle">{ props.y_title.clone() }</text>
                <text x={(LEFT + (WIDTH - LEFT - RIGHT) / 2.0).to_string()} y={(bottom + 36.0).to_string()} text-anchor="middle">{ props.x_title.clone() }</text>
            </g>
        </svg>
    }
}
