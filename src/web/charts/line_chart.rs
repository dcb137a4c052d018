//! Lines over a numeric x axis: cumulative purchases over time, ROC curves, a score per k. Optional
//! vertical marker (the calibration end, the chosen k) and diagonal (chance, or "predicted = actual").

use yew::prelude::*;

use super::draw::{
    axis_line, axis_titles, legend, legend_labels, tick_labels, x_labels, y_axis, ChartSvg, LegendEntry, Mark, XTitle,
};
use super::frame::{Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::Lang;

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
    /// How the axis writes large numbers.
    #[prop_or(Lang::En)]
    pub lang: Lang,
}

const WIDTH: f64 = 640.0;
/// Room above the plot for the marker's label.
const MARKER_LABEL: f64 = 12.0;

#[function_component(LineChart)]
pub fn line_chart(props: &Props) -> Html {
    let entries: Vec<LegendEntry> = props
        .series
        .iter()
        .map(|s| LegendEntry::new(s.name.clone(), s.colour, Mark::Line { dashed: s.dashed }))
        .collect();
    // One series needs no legend: the axis title names it.
    let shown = if props.series.len() > 1 { &entries[..] } else { &[] };
    let frame = Frame::new(WIDTH, Margins::AXES, props.plot_height)
        .with_legend(legend_labels(shown))
        .with_headroom(if props.marker.is_some() { MARKER_LABEL } else { 0.0 });
    let plot = frame.plot();
    let (y_ticks, y) = match props.y_domain {
        Some((low, high)) => {
            let ticks = Ticks::covering(Extent::new(low, high), 4);
            (ticks, LinearScale::new((low, high), (plot.bottom, plot.top)))
        }
        None => {
            let values = props.series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
            let ticks = Ticks::covering(Extent::from_zero(values), 4);
            let y = LinearScale::over(&ticks, (plot.bottom, plot.top));
            (ticks, y)
        }
    };
    let x = LinearScale::new(props.x_domain, (plot.left, plot.right));
    let path = |points: &[(f64, f64)]| {
        points
            .iter()
            .filter(|(px, py)| px.is_finite() && py.is_finite())
            .map(|(px, py)| format!("{:.1},{:.1}", x.at(*px), y.at(*py)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let last = |s: &LineSeries| s.points.iter().rev().find(|p| p.1.is_finite()).map(|p| p.1);
    let summary = props
        .series
        .iter()
        .filter_map(|s| Some(format!("{} {}", s.name, format::plain(last(s)?))))
        .collect::<Vec<_>>()
        .join("; ");
    ChartSvg::new(&frame, props.y_title.to_string(), summary).testid(props.testid.clone()).draw(html! {
        <>
            { legend(&frame, shown) }
            { y_axis(y_ticks.values(), &y, &plot, &tick_labels(&y_ticks, props.lang)) }
            { x_labels(&props.x_ticks, &x, frame.x_labels_y()) }
            if props.diagonal {
                <line class="chart-diagonal" x1={x.at(props.x_domain.0).to_string()} y1={plot.bottom.to_string()}
                    x2={x.at(props.x_domain.1).to_string()} y2={plot.top.to_string()} />
            }
            if let Some(marker) = &props.marker {
                <g class="chart-marker" data-testid={format!("{}-marker", props.testid)} data-value={format::raw(marker.x)}>
                    <line x1={x.at(marker.x).to_string()} x2={x.at(marker.x).to_string()} y1={(plot.top - 4.0).to_string()}
                        y2={plot.bottom.to_string()} />
                    <text x={(x.at(marker.x) + 5.0).to_string()} y={(plot.top - 6.0).to_string()}>{ marker.label.clone() }</text>
                </g>
            }
            { for props.series.iter().enumerate().map(|(i, s)| html! {
                <g data-testid={format!("{}-series-{i}", props.testid)} data-points={s.points.len().to_string()}
                    data-last={last(s).map(format::raw).unwrap_or_default()}>
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
            }) }
            { axis_line((plot.left, plot.bottom), (plot.right, plot.bottom)) }
            { axis_titles(&frame, &props.y_title, &props.x_title, XTitle::Middle) }
        </>
    })
}
