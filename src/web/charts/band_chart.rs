//! Simulated series month by month: a line for the mean of each series and a shaded band for its
//! interval (the range the middle 90 % or 95 % of simulated futures fall in). Series without a band
//! (what actually happened) are drawn as a line with dots.

use yew::prelude::*;

use super::draw::{
    axis_line, axis_titles, band_labels, legend, legend_labels, tick_labels, y_axis, ChartSvg, LegendEntry, Mark,
    XTitle,
};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::{Lang, T};

#[derive(Clone, Debug, PartialEq)]
pub struct BandSeries {
    pub name: String,
    pub colour: &'static str,
    pub mean: Vec<f64>,
    /// Lower and upper ends of the interval per month.
    pub band: Option<(Vec<f64>, Vec<f64>)>,
    pub dashed: bool,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub labels: Vec<String>,
    pub series: Vec<BandSeries>,
    pub y_title: AttrValue,
    pub lang: Lang,
    pub testid: AttrValue,
}

const WIDTH: f64 = 640.0;
const PLOT_HEIGHT: f64 = 180.0;

/// "2025-01 – 2025-12: A · Current 12.5k → 14.1k; B · ..." (each series' first and last mean).
fn summary(labels: &[String], series: &[BandSeries]) -> String {
    let (Some(first), Some(last)) = (labels.first(), labels.last()) else { return String::new() };
    let ends = series
        .iter()
        .filter_map(|s| {
            Some(format!("{} {} → {}", s.name, format::quantity(*s.mean.first()?), format::quantity(*s.mean.last()?)))
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!("{first} – {last}: {ends}")
}

#[function_component(BandChart)]
pub fn band_chart(props: &Props) -> Html {
    let lang = props.lang;
    let months = props.labels.len();
    let entries: Vec<LegendEntry> = props
        .series
        .iter()
        .map(|s| {
            let mark = if s.band.is_some() { Mark::Line { dashed: s.dashed } } else { Mark::Dot };
            LegendEntry::new(s.name.clone(), s.colour, mark)
        })
        .collect();
    let frame = Frame::new(WIDTH, Margins::AXES, PLOT_HEIGHT).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    let values = props.series.iter().flat_map(|s| {
        let band = s.band.iter().flat_map(|(low, high)| low.iter().chain(high));
        s.mean.iter().chain(band).copied()
    });
    let ticks = Ticks::covering(Extent::from_zero(values), 4);
    let y = LinearScale::over(&ticks, (plot.bottom, plot.top));
    let months_band = BandScale::new((plot.left, plot.right), months);
    let points = |values: &mut dyn Iterator<Item = (usize, f64)>| {
        values.map(|(m, v)| format!("{:.1},{:.1}", months_band.center(m), y.at(v))).collect::<Vec<_>>().join(" ")
    };

    let bands = props.series.iter().filter_map(|s| {
        let (low, high) = s.band.as_ref()?;
        if months == 1 {
            let (y_high, y_low) = (y.at(high[0]), y.at(low[0]));
            return Some(html! {
                <rect x={(months_band.center(0) - 6.0).to_string()} y={y_high.to_string()} width="12"
                    height={(y_low - y_high).max(0.0).to_string()} fill={s.colour} fill-opacity="0.18" />
            });
        }
        let upper = points(&mut high.iter().copied().enumerate());
        let lower = points(&mut low.iter().copied().enumerate().rev());
        Some(html! {
            <polygon points={format!("{upper} {lower}")} fill={s.colour} fill-opacity="0.16" stroke="none" />
        })
    });
    let lines = props.series.iter().map(|s| {
        let dots = s.mean.iter().enumerate().map(|(m, v)| {
            let label = props.labels.get(m).cloned().unwrap_or_default();
            let interval = s.band.as_ref().map(|(low, high)| {
                format!(" ({} – {})", format::fixed(low[m], 0), format::fixed(high[m], 0))
            });
            html! {
                <circle cx={months_band.center(m).to_string()} cy={y.at(*v).to_string()} r={if s.band.is_none() { "3" } else { "2.2" }}
                    fill={s.colour}>
                    <title>{ format!("{label} · {}: {}{}", s.name, format::fixed(*v, 0), interval.unwrap_or_default()) }</title>
                </circle>
            }
        });
        html! {
            <g data-series={s.name.clone()}>
                <polyline points={points(&mut s.mean.iter().copied().enumerate())} fill="none" stroke={s.colour} stroke-width="2"
                    stroke-dasharray={if s.dashed { "5 4" } else { "none" }} />
                { for dots }
            </g>
        }
    });
    ChartSvg::new(&frame, props.y_title.to_string(), summary(&props.labels, &props.series))
        .testid(props.testid.clone())
        .data("data-months", months)
        .data("data-series", props.series.len())
        .draw(html! {
            <>
                { legend(&frame, &entries) }
                { y_axis(ticks.values(), &y, &plot, &tick_labels(&ticks, lang)) }
                { for bands }
                { for lines }
                { axis_line((plot.left, y.at(0.0)), (plot.right, y.at(0.0))) }
                { band_labels(&months_band, &props.labels, frame.x_labels_y()) }
                { axis_titles(&frame, &props.y_title, T::MonthAxis.get(lang), XTitle::End) }
            </>
        })
}
