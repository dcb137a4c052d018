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
    /// Shared half-height of the value axis (A and B on one scale).
    #[prop_or_default]
    pub scale_max: Option<f64>,
    pub testid: AttrValue,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const HALF: f64 = 64.0;

fn stacked(series: &[Series], m: usize) -> f64 {
    series.iter().map(|s| s.values.get(m).copied().unwrap_or(0.0).max(0.0)).sum()
}

/// The largest column above or below the line.
pub fn peak(up: &[Series], down: &[Series], months: usize) -> f64 {
    (0..months).map(|m| stacked(up, m).max(stacked(down, m))).fold(0.0, f64::max)
}

#[function_component(FlowChart)]
pub fn flow_chart(props: &Props) -> Html {
    let lang = props.lang;
    let months = props.labels.len();
    let legend_items: Vec<(String, &str)> =
        props.up.iter().chain(&props.down).map(|s| (s.name.clone(), s.colour)).collect();
    let top = 8.0 + legend_height(&legend_items, WIDTH - LEFT - RIGHT) + 8.0;
    let zero = top + HALF;
    let bottom = zero + HALF;
    let height = bottom + 40.0;
    let ticks = nice_ticks(props.scale_max.unwrap_or_else(|| peak(&props.up, &props.down, months)), 2);
    let scale_max = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let h = |v: f64| v / scale_max * HALF;
    let scale = MonthScale { left: LEFT, width: WIDTH - LEFT - RIGHT, count: months };
    // Ticks on both sides of zero; labels below the line read as amounts taken away.
    let mirrored: Vec<f64> = ticks.iter().filter(|t| **t > 0.0).map(|t| -t).chain(ticks.iter().copied()).collect();

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
            { value_grid(&mirrored, |v| zero - h(v), LEFT, WIDTH - RIGHT) }
            { for columns }
            <line class="chart-axis-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={zero.to_string()} y2={zero.to_string()} />
            { scale.labels(&props.labels, bottom + 16.0) }
            { axis_titles(&props.y_title, T::MonthAxis.get(lang), top, bottom, WIDTH - RIGHT, bottom + 34.0) }
        </svg>
    }
}
