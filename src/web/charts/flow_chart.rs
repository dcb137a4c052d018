//! In and out per month: series that add (upgrades, points earned) as columns above the zero line,
//! series that take away (downgrades, points redeemed / expired) stacked below it.

use yew::prelude::*;

use super::axis::nice_ticks;
use super::month_axis::{axis_titles, legend, legend_height, value_grid, MonthScale};
use crate::web::format;
use crate::web::i18n::{Lang, T};

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
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
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
    let legend_items: Vec<(String, &str)> =
        props.up.iter().chain(&props.down).map(|s| (s.name.clone(), s.colour)).collect();
    let top = 8.0 + legend_height(&legend_items, WIDTH - LEFT - RIGHT) + 8.0;
    let (up_peak, down_peak) = props.extent.unwrap_or_else(|| extent(&props.up, &props.down, months));
    // One tick step for both sides; each side reaches the first tick at or above its peak.
    let ticks = nice_ticks(up_peak.max(down_peak), 2);
    let step = ticks.get(1).copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let up_top = (up_peak / step).ceil().max(1.0) * step;
    let down_bottom = (down_peak / step).ceil() * step;
    let unit = PLOT / (up_top + down_bottom);
    let zero = top + up_top * unit;
    let bottom = zero + down_bottom * unit;
    let height = bottom + 40.0;
    let h = |v: f64| v * unit;
    let scale = MonthScale { left: LEFT, width: WIDTH - LEFT - RIGHT, count: months };
    let steps_down = (down_bottom / step).round() as i64;
    let steps_up = (up_top / step).round() as i64;
    let grid: Vec<f64> = (-steps_down..=steps_up).map(|k| k as f64 * step).collect();
    let columns = (0..months).map(|m| {
        let label = props.labels.get(m).cloned().unwrap_or_default();
        let stack = |series: &[Series], upward: bool| {
            let mut base = 0.0;
            series
                .iter()
                .map(|s| {
                    let v = s.values.get(m).copied().unwrap_or(0.0).max(0.0);
                    let (from, to) = (base, base + v);
                    base = to;
                    let (y, height) = if upward { (zero - h(to), h(v)) } else { (zero + h(from), h(v)) };
                    html! {
                        <rect x={scale.bar_x(m).to_string()} y={y.to_string()} width={scale.bar_width().to_string()}
                            height={height.max(0.0).to_string()} fill={s.colour}>
                            <title>{ format!("{label} · {}: {}", s.name, format::quantity(v)) }</title>
                        </rect>
                    }
                })
                .collect::<Html>()
        };
        html! { <g>{ stack(&props.up, true) }{ stack(&props.down, false) }</g> }
    });
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid={props.testid.clone()}
            aria-label={props.y_title.clone()}>
            <title>{ props.y_title.clone() }</title>
            { legend(&legend_items, LEFT, 8.0, WIDTH - LEFT - RIGHT) }
            { value_grid(&grid, |v| zero - h(v), LEFT, WIDTH - RIGHT) }
            { for columns }
            <line class="chart-axis-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={zero.to_string()} y2={zero.to_string()} />
            { scale.labels(&props.labels, bottom + 16.0) }
            { axis_titles(&props.y_title, T::MonthAxis.get(lang), top, bottom, WIDTH - RIGHT, bottom + 34.0) }
        </svg>
    }
}
