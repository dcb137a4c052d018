//! Simulated series month by month: a line for the mean of each series and a shaded band for its
//! interval (the range the middle 90 % or 95 % of simulated futures fall in). Series without a band
//! (what actually happened) are drawn as a line with dots.

use yew::prelude::*;

use super::linear_scale::{span_ticks, LinearScale};
use super::month_axis::{axis_titles, legend, legend_height, MonthScale};
use crate::web::format;
use crate::web::i18n::{Lang, T};

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
const LEFT: f64 = 60.0;
const RIGHT: f64 = 14.0;
const PLOT_HEIGHT: f64 = 180.0;

fn points(scale: &MonthScale, y: &LinearScale, values: &[f64]) -> String {
    values
        .iter()
        .enumerate()
        .map(|(m, v)| format!("{:.1},{:.1}", scale.center(m), y.at(*v)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[function_component(BandChart)]
pub fn band_chart(props: &Props) -> Html {
    let lang = props.lang;
    let months = props.labels.len();
    let legend_items: Vec<(String, &str)> = props.series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    let top = 8.0 + legend_height(&legend_items, WIDTH - LEFT - RIGHT) + 10.0;
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 40.0;
    let all = props.series.iter().flat_map(|s| {
        let band = s.band.iter().flat_map(|(low, high)| low.iter().chain(high));
        s.mean.iter().chain(band).copied()
    });
    let (min, max) = all.filter(|v| v.is_finite()).fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let ticks = span_ticks(min, max, 4);
    let y = LinearScale::over(&ticks, bottom, top);
    let scale = MonthScale { left: LEFT, width: WIDTH - LEFT - RIGHT, count: months };

    let bands = props.series.iter().filter_map(|s| {
        let (low, high) = s.band.as_ref()?;
        if months == 1 {
            let x = scale.center(0) - 6.0;
            let (y_high, y_low) = (y.at(high[0]), y.at(low[0]));
            return Some(html! {
                <rect x={x.to_string()} y={y_high.to_string()} width="12" height={(y_low - y_high).max(0.0).to_string()}
                    fill={s.colour} fill-opacity="0.18" />
            });
        }
        let upper = points(&scale, &y, high);
        let lower: Vec<String> = low
            .iter()
            .enumerate()
            .rev()
            .map(|(m, v)| format!("{:.1},{:.1}", scale.center(m), y.at(*v)))
            .collect();
        Some(html! {
            <polygon points={format!("{upper} {}", lower.join(" "))} fill={s.colour} fill-opacity="0.16" stroke="none" />
        })
    });
    let lines = props.series.iter().map(|s| {
        let dots = s.mean.iter().enumerate().map(|(m, v)| {
            let label = props.labels.get(m).cloned().unwrap_or_default();
            let interval = s.band.as_ref().map(|(low, high)| {
                format!(" ({} – {})", format::fixed(low[m], 0), format::fixed(high[m], 0))
            });
            html! {
                <circle cx={scale.center(m).to_string()} cy={y.at(*v).to_string()} r={if s.band.is_none() { "3" } else { "2.2" }}
                    fill={s.colour}>
                    <title>{ format!("{label} · {}: {}{}", s.name, format::fixed(*v, 0), interval.unwrap_or_default()) }</title>
                </circle>
            }
        });
        html! {
            <g data-series={s.name.clone()}>
                <polyline points={points(&scale, &y, &s.mean)} fill="none" stroke={s.colour} stroke-width="2"
                    stroke-dasharray={if s.dashed { "5 4" } else { "none" }} />
                { for dots }
            </g>
        }
    });
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid={props.testid.clone()}
            data-months={months.to_string()} data-series={props.series.len().to_string()} aria-label={props.y_title.clone()}>
            <title>{ props.y_title.clone() }</title>
            { legend(&legend_items, LEFT, 8.0, WIDTH - LEFT - RIGHT) }
            <g class="chart-grid">
                { for ticks.iter().map(|t| html! {
                    <g>
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y.at(*t).to_string()} y2={y.at(*t).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={y.at(*t).to_string()} text-anchor="end" dominant-baseline="central"
                            class="chart-axis">{ format::compact(*t) }</text>
                    </g>
                }) }
            </g>
            { for bands }
            { for lines }
            <line class="chart-axis-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y.at(0.0).to_string()} y2={y.at(0.0).to_string()} />
            { scale.labels(&props.labels, bottom + 16.0) }
            { axis_titles(&props.y_title, T::MonthAxis.get(lang), top, bottom, WIDTH - RIGHT, bottom + 34.0) }
        </svg>
    }
}
