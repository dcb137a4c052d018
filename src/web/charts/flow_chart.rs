//! In and out per month: series that add (upgrades, points earned) as columns above the zero line,
//! series that take away (downgrades, points redeemed / expired) stacked below it.

use yew::prelude::*;

use super::draw::{
    axis_line, axis_titles, band_labels, legend, legend_labels, tick_labels, y_axis, ChartSvg, LegendEntry, Mark,
    XTitle,
};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::{Lang, T};

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub colour: &'static str,
    pub values: Vec<f64>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub labels: Vec<String>,
    pub up: Vec<Series>,
    pub down: Vec<Series>,
    pub y_title: AttrValue,
    pub lang: Lang,
    /// Shared extents `(largest column up, largest column down)`, so A and B share one scale.
    #[prop_or_default]
    pub extent: Option<(f64, f64)>,
    pub testid: AttrValue,
}

const WIDTH: f64 = 640.0;
/// Height of the plot; split between the parts above and below zero by their extents, so a side
/// with nothing (no downgrades, no redemptions) takes no room.
const PLOT: f64 = 128.0;

fn stacked(series: &[Series], m: usize) -> f64 {
    series.iter().map(|s| s.values.get(m).copied().unwrap_or(0.0).max(0.0)).sum()
}

/// The largest column above and below the line.
pub fn extent(up: &[Series], down: &[Series], months: usize) -> (f64, f64) {
    let peak = |series: &[Series]| (0..months).map(|m| stacked(series, m)).fold(0.0, f64::max);
    (peak(up), peak(down))
}

#[function_component(FlowChart)]
pub fn flow_chart(props: &Props) -> Html {
    let lang = props.lang;
    let months = props.labels.len();
    let all: Vec<&Series> = props.up.iter().chain(&props.down).collect();
    let entries: Vec<LegendEntry> =
        all.iter().map(|s| LegendEntry::new(s.name.clone(), s.colour, Mark::Fill)).collect();
    let frame = Frame::new(WIDTH, Margins::AXES, PLOT).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    let (up_peak, down_peak) = props.extent.unwrap_or_else(|| extent(&props.up, &props.down, months));
    // One tick step for both sides (from the larger one); the side above zero always gets a step.
    let step = Ticks::covering(Extent::new(0.0, up_peak.max(down_peak)), 2);
    let ticks = step.reaching(Extent::new(-down_peak, up_peak.max(step.step())));
    let y = LinearScale::over(&ticks, (plot.bottom, plot.top));
    let zero = y.at(0.0);
    let label = tick_labels(&ticks, lang);
    let band = BandScale::new((plot.left, plot.right), months);
    let columns = (0..months).map(|m| {
        let label = props.labels.get(m).cloned().unwrap_or_default();
        let (x, width) = band.bar(m, 0.76);
        let stack = |series: &[Series], upward: bool| {
            let mut base = 0.0;
            series
                .iter()
                .map(|s| {
                    let v = s.values.get(m).copied().unwrap_or(0.0).max(0.0);
                    let (from, to) = (base, base + v);
                    base = to;
                    let (top, bottom) = if upward { (y.at(to), y.at(from)) } else { (y.at(-from), y.at(-to)) };
                    html! {
                        <rect x={x.to_string()} y={top.to_string()} width={width.to_string()}
                            height={(bottom - top).max(0.0).to_string()} fill={s.colour}>
                            <title>{ format!("{label} · {}: {}", s.name, format::quantity(v)) }</title>
                        </rect>
                    }
                })
                .collect::<Html>()
        };
        html! { <g>{ stack(&props.up, true) }{ stack(&props.down, false) }</g> }
    });
    let summary = all
        .iter()
        .map(|s| format!("{} {}", s.name, format::quantity(s.values.iter().sum())))
        .collect::<Vec<_>>()
        .join("; ");
    ChartSvg::new(&frame, props.y_title.to_string(), summary).testid(props.testid.clone()).draw(html! {
        <>
            { legend(&frame, &entries) }
            // Below zero are amounts going out, drawn downwards: labelled by their size.
            { y_axis(ticks.values(), &y, &plot, &|t: f64| label(t.abs())) }
            { for columns }
            { axis_line((plot.left, zero), (plot.right, zero)) }
            { band_labels(&band, &props.labels, frame.x_labels_y()) }
            { axis_titles(&frame, &props.y_title, T::MonthAxis.get(lang), XTitle::End) }
        </>
    })
}
