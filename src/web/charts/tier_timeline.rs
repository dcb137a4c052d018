//! Members per tier at the end of each month, as stacked columns (lowest tier at the bottom), from
//! the replay of the tier rules over the real history.

use yew::prelude::*;

use super::draw::{
    axis_line, axis_titles, band_labels, legend, legend_labels, tick_labels, tier_entries, y_axis, ChartSvg, XTitle,
};
use super::frame::palette::{tier_colour, BACKGROUND};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::engine::replay::TimelineSummary;
use crate::ui::format;
use crate::ui::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub timeline: TimelineSummary,
    pub tier_names: Vec<String>,
    pub lang: Lang,
    /// Shared top of the value axis (small multiples of A and B on one scale).
    #[prop_or_default]
    pub scale_max: Option<f64>,
    pub testid: AttrValue,
}

const WIDTH: f64 = 640.0;
const PLOT_HEIGHT: f64 = 170.0;

/// Most members at any month end (the column height to fit).
pub fn peak(timeline: &TimelineSummary) -> f64 {
    timeline.members.iter().map(|m| m.iter().map(|&n| f64::from(n)).sum::<f64>()).fold(0.0, f64::max)
}

#[function_component(TierTimelineChart)]
pub fn tier_timeline_chart(props: &Props) -> Html {
    let lang = props.lang;
    let t = &props.timeline;
    let months = t.labels.len();
    let entries = tier_entries(&props.tier_names);
    let frame = Frame::new(WIDTH, Margins::AXES, PLOT_HEIGHT).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    let ticks = Ticks::counting(Extent::new(0.0, props.scale_max.unwrap_or_else(|| peak(t))), 4);
    let y = LinearScale::over(&ticks, (plot.bottom, plot.top));
    let band = BandScale::new((plot.left, plot.right), months);
    let name = |tier: usize| props.tier_names.get(tier).cloned().unwrap_or_default();

    let columns = t.members.iter().enumerate().map(|(m, counts)| {
        let mut base = 0.0;
        let label = t.labels.get(m).cloned().unwrap_or_default();
        let total: u32 = counts.iter().sum();
        let (x, width) = band.bar(m, 0.76);
        html! {
            <g>
                <title>{ format!("{label}: {} {}", format::count(total as usize), T::MembersUnit.get(lang)) }</title>
                { for counts.iter().enumerate().map(|(tier, &n)| {
                    let (y0, y1) = (y.at(base), y.at(base + f64::from(n)));
                    base += f64::from(n);
                    html! {
                        <rect x={x.to_string()} y={y1.to_string()} width={width.to_string()}
                            height={(y0 - y1).max(0.0).to_string()} fill={tier_colour(tier)} stroke={BACKGROUND} stroke-width="0.5">
                            <title>{ format!("{label} · {}: {}", name(tier), format::count(n as usize)) }</title>
                        </rect>
                    }
                }) }
            </g>
        }
    });
    let last = t.members.last().map(|m| m.iter().sum::<u32>()).unwrap_or(0);
    let summary = match (t.labels.last(), t.members.last()) {
        (Some(month), Some(counts)) => {
            let parts: Vec<String> =
                counts.iter().enumerate().map(|(i, n)| format!("{} {}", name(i), format::count(*n as usize))).collect();
            format!("{month}: {} {} ({})", format::count(last as usize), T::MembersUnit.get(lang), parts.join(", "))
        }
        _ => String::new(),
    };
    ChartSvg::new(&frame, T::TierTimeline.get(lang), summary)
        .testid(props.testid.clone())
        .data("data-months", months)
        .data("data-last-total", last)
        .draw(html! {
            <>
                { legend(&frame, &entries) }
                { y_axis(ticks.values(), &y, &plot, &tick_labels(&ticks, lang)) }
                { for columns }
                { axis_line((plot.left, plot.bottom), (plot.right, plot.bottom)) }
                { band_labels(&band, &t.labels, frame.x_labels_y()) }
                { axis_titles(&frame, T::MembersAxis.get(lang), T::MonthAxis.get(lang), XTitle::End) }
            </>
        })
}
