//! Predicted against actual values, one dot per test customer, with the line where the two are equal:
//! dots on the line are perfect predictions, dots above it were over-estimated.

use yew::prelude::*;

use super::draw::{
    axis_line, axis_titles, legend, legend_labels, tick_labels, x_axis, y_axis, ChartSvg, LegendEntry, Mark, XTitle,
};
use super::frame::palette::{REFERENCE, SERIES_MAIN};
use super::frame::{Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub actual: Vec<f64>,
    pub predicted: Vec<f64>,
    pub x_title: AttrValue,
    pub y_title: AttrValue,
    /// Name of the diagonal in the legend.
    pub diagonal_label: AttrValue,
    pub testid: AttrValue,
    /// How the axes write large numbers.
    #[prop_or(Lang::En)]
    pub lang: Lang,
}

const WIDTH: f64 = 640.0;
const PLOT_HEIGHT: f64 = 300.0;

#[function_component(ScatterPlot)]
pub fn scatter_plot(props: &Props) -> Html {
    let entries = vec![
        LegendEntry::new(props.y_title.to_string(), SERIES_MAIN, Mark::Dot),
        LegendEntry::new(props.diagonal_label.to_string(), REFERENCE, Mark::Line { dashed: true }),
    ];
    let frame = Frame::new(WIDTH, Margins::AXES, PLOT_HEIGHT).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    // One scale for both axes, so the diagonal is the 45° line and distances compare.
    let ticks = Ticks::covering(Extent::from_zero(props.actual.iter().chain(&props.predicted).copied()), 5);
    let x = LinearScale::over(&ticks, (plot.left, plot.right));
    let y = LinearScale::over(&ticks, (plot.bottom, plot.top));
    let (first, last) = ticks.domain();
    let pairs: Vec<(f64, f64)> = props
        .actual
        .iter()
        .zip(&props.predicted)
        .filter(|(a, p)| a.is_finite() && p.is_finite())
        .map(|(a, p)| (*a, *p))
        .collect();
    let summary = format!("{} / {} · n = {}", props.x_title, props.y_title, format::count(pairs.len()));
    ChartSvg::new(&frame, props.y_title.to_string(), summary)
        .testid(props.testid.clone())
        .data("data-points", props.actual.len())
        .draw(html! {
            <>
                { legend(&frame, &entries) }
                { y_axis(ticks.values(), &y, &plot, &tick_labels(&ticks, props.lang)) }
                { x_axis(ticks.values(), &x, &plot, frame.x_labels_y(), &tick_labels(&ticks, props.lang), false) }
                <line class="chart-diagonal" x1={x.at(first).to_string()} y1={y.at(first).to_string()}
                    x2={x.at(last).to_string()} y2={y.at(last).to_string()} />
                <g fill={SERIES_MAIN} fill-opacity="0.35">
                    { for pairs.iter().map(|(a, p)| html! {
                        <circle cx={format!("{:.1}", x.at(*a))} cy={format!("{:.1}", y.at(*p))} r="2.6" />
                    }) }
                </g>
                { axis_line((plot.left, plot.bottom), (plot.right, plot.bottom)) }
                { axis_titles(&frame, &props.y_title, &props.x_title, XTitle::Middle) }
            </>
        })
}
