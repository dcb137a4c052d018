//! Vertical bars by category, one bar per series side by side (actual vs expected per group), or a
//! single series (a histogram). Negative values hang below the zero line. Each bar carries its value
//! for tests and in its tooltip.

use yew::prelude::*;

use super::draw::{
    axis_line, axis_titles, band_labels, legend, legend_labels, tick_labels, y_axis, ChartSvg, LegendEntry, Mark,
    XTitle,
};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::Lang;

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
    /// How the axis writes large numbers.
    #[prop_or(Lang::En)]
    pub lang: Lang,
}

const WIDTH: f64 = 640.0;
const PLOT_HEIGHT: f64 = 190.0;
/// The bars of one category together fill this much of its slot.
const GROUP_FILL: f64 = 0.72;

#[function_component(GroupedBars)]
pub fn grouped_bars(props: &Props) -> Html {
    let entries: Vec<LegendEntry> =
        props.series.iter().map(|s| LegendEntry::new(s.name.clone(), s.colour, Mark::Fill)).collect();
    // One series needs no legend: the axis title names it.
    let shown = if props.series.len() > 1 { &entries[..] } else { &[] };
    let frame = Frame::new(WIDTH, Margins::AXES, PLOT_HEIGHT).with_legend(legend_labels(shown));
    let plot = frame.plot();
    let extent = Extent::from_zero(props.series.iter().flat_map(|s| s.values.iter().flatten()).copied());
    let ticks = if props.counts { Ticks::counting(extent, 4) } else { Ticks::covering(extent, 4) };
    let y = LinearScale::over(&ticks, (plot.bottom, plot.top));
    let groups = BandScale::new((plot.left, plot.right), props.categories.len());
    let text = |v: f64| if props.counts { format::quantity(v) } else { format::plain(v) };
    let summary = props
        .categories
        .iter()
        .enumerate()
        .map(|(g, category)| {
            let values: Vec<String> =
                props.series.iter().map(|s| s.values.get(g).copied().flatten().map_or("–".into(), text)).collect();
            format!("{category}: {}", values.join(" / "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let summary = if props.series.len() > 1 {
        let names: Vec<&str> = props.series.iter().map(|s| s.name.as_str()).collect();
        format!("{} — {summary}", names.join(" / "))
    } else {
        summary
    };
    ChartSvg::new(&frame, props.y_title.to_string(), summary).testid(props.testid.clone()).draw(html! {
        <>
            { legend(&frame, shown) }
            { y_axis(ticks.values(), &y, &plot, &tick_labels(&ticks, props.lang)) }
            { for props.categories.iter().enumerate().map(|(g, category)| html! {
                <g>
                    { for props.series.iter().enumerate().map(|(s, series)| {
                        let Some(v) = series.values.get(g).copied().flatten() else { return html! {} };
                        let (x, width) = groups.sub_bar(g, GROUP_FILL, s, props.series.len());
                        // From zero up, or down for a loss (a candidate that costs more than it earns).
                        let (low, high) = (v.min(0.0), v.max(0.0));
                        html! {
                            <rect x={x.to_string()} y={y.at(high).to_string()} width={(width - 1.0).max(1.0).to_string()}
                                height={y.between(low, high).to_string()} rx="2" fill={series.colour}
                                data-testid={format!("{}-bar-{s}-{g}", props.testid)} data-value={format::raw(v)}>
                                <title>{ format!("{category} · {}: {}", series.name, text(v)) }</title>
                            </rect>
                        }
                    }) }
                </g>
            }) }
            { band_labels(&groups, &props.categories, frame.x_labels_y()) }
            { axis_line((plot.left, y.at(0.0)), (plot.right, y.at(0.0))) }
            { axis_titles(&frame, &props.y_title, &props.x_title, XTitle::Middle) }
        </>
    })
}
