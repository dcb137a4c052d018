//! Lines over a numeric x axis: cumulative purchases over time, ROC curves, a score per k. Optional
//! vertical marker (the calibration end, the chosen k) and diagonal (chance, or "predicted = actual").

use yew::prelude::*;

use super::month_axis::{legend, legend_height};
use super::scale::{ticks_between, Scale};
use crate::web::format;

#[derive(Clone, Debug, PartialEq)]
pub struct LineSeries {
    pub name: String,
    pub colour: &'static str,
    pub points: Vec<(f64, f64)>,
    pub dashed: bool,
    /// Draw each point (for short series such as one value per k).
    pub dots: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub label: String,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub series: Vec<LineSeries>,
    /// Tick positions on the x axis with their labels.
    pub x_ticks: Vec<(f64, String)>,
    pub x_domain: (f64, f64),
    /// Fixed y range (ROC: 0-1); otherwise it covers the data and zero.
    #[prop_or_default]
    pub y_domain: Option<(f64, f64)>,
    #[prop_or_default]
    pub marker: Option<Marker>,
    /// A dashed line from the lower left to the upper right corner.
    #[prop_or_default]
    pub diagonal: bool,
    pub x_title: AttrValue,
    pub y_title: AttrValue,
    pub testid: AttrValue,
    /// Plot height in the 640-wide drawing.
    #[prop_or(200.0)]
    pub plot_height: f64,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 16.0;

#[function_component(LineChart)]
pub fn line_chart(props: &Props) -> Html {
    let legend_items: Vec<(String, &str)> = props.series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    // Room under the legend for the marker's label.
    let top =
        8.0 + legend_height(&legend_items, WIDTH - LEFT - RIGHT) + if props.marker.is_some() { 22.0 } else { 12.0 };
    let bottom = top + props.plot_height;
    let height = bottom + 44.0;
    let y_ticks = match props.y_domain {
        Some((low, high)) => ticks_between(low, high, 4),
        None => {
            let values = props.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).filter(|v| v.is_finite());
            let (low, high) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
            ticks_between(low, high, 4)
        }
    };
    let x = Scale::new(props.x_domain, (LEFT, WIDTH - RIGHT));
    let y = match props.y_domain {
        Some(domain) => Scale::new(domain, (bottom, top)),
        None => Scale::over(&y_ticks, (bottom, top)),
    };
    let path = |points: &[(f64, f64)]| {
        points
            .iter()
            .filter(|(px, py)| px.is_finite() && py.is_finite())
            .map(|(px, py)| format!("{:.1},{:.1}", x.at(*px), y.at(*py)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid={props.testid.clone()}
            aria-label={props.y_title.clone()}>
            <title>{ props.y_title.clone() }</title>
            { legend(&legend_items, LEFT, 8.0, WIDTH - LEFT - RIGHT) }
            <g class="chart-grid">
                { for y_ticks.iter().map(|t| html! {
                    <g>
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y.at(*t).to_string()} y2={y.at(*t).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={y.at(*t).to_string()} text-anchor="end" dominant-baseline="central"
                            class="chart-axis">{ format::compact(*t) }</text>
                    </g>
                }) }
                { for props.x_ticks.iter().map(|(at, label)| html! {
                    <text x={x.at(*at).to_string()} y={(bottom + 16.0).to_string()} text-anchor="middle" class="chart-axis">
                        { label.clone() }</text>
                }) }
            </g>
            if props.diagonal {
                <line class="chart-diagonal" x1={x.at(props.x_domain.0).to_string()} y1={bottom.to_string()}
                    x2={x.at(props.x_domain.1).to_string()} y2={top.to_string()} />
            }
            if let Some(marker) = &props.marker {
                <g class="chart-marker" data-testid={format!("{}-marker", props.testid)} data-value={format::raw(marker.x)}>
                    <line x1={x.at(marker.x).to_string()} x2={x.at(marker.x).to_string()} y1={(top - 4.0).to_string()} y2={bottom.to_string()} />
                    <text x={(x.at(marker.x) + 5.0).to_string()} y={(top - 6.0).to_string()}>{ marker.label.clone() }</text>
                </g>
            }
            { for props.series.iter().enumerate().map(|(i, s)| {
                let last = s.points.iter().rev().find(|p| p.1.is_finite()).map(|p| format::raw(p.1)).unwrap_or_default();
                html! {
                    <g data-testid={format!("{}-series-{i}", props.testid)} data-points={s.points.len().to_string()} data-last={last}>
                        <polyline points={path(&s.points)} fill="none" stroke={s.colour} stroke-width="2"
                            stroke-linejoin="round" stroke-dasharray={if s.dashed { "6 4" } else { "none" }} />
                        if s.dots {
                            { for s.points.iter().filter(|p| p.1.is_finite()).map(|(px, py)| html! {
                                <circle cx={x.at(*px).to_string()} cy={y.at(*py).to_string()} r="3.5" fill={s.colour}>
                                    <title>{ format!("{} · {}: {}", s.name, format::plain(*px), format::fixed(*py, 3)) }</title>
                                </circle>
                            }) }
                        }
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
