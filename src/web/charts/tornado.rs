//! The tornado chart of a sensitivity analysis: for each assumption, the B − A margin difference
//! with the assumption at the low and at the high end of its range, drawn as bars from the base
//! difference. The zero line is where the decision flips; a bar crossing it is marked.

use yew::prelude::*;

use super::linear_scale::{span_ticks, LinearScale};
use super::month_axis::legend;
use crate::web::format;
use crate::web::i18n::{Lang, T};

pub const LOW_COLOUR: &str = "#0ea5e9";
pub const HIGH_COLOUR: &str = "#f97316";

#[derive(Clone, Debug, PartialEq)]
pub struct TornadoRow {
    /// Stable key for test ids (the assumption's key).
    pub key: String,
    pub label: String,
    /// The assumption's low and high value, in words.
    pub low_value: String,
    pub high_value: String,
    pub at_low: f64,
    pub at_high: f64,
    pub flips: bool,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rows: Vec<TornadoRow>,
    /// B − A with every assumption at its scenario value.
    pub base: f64,
    pub lang: Lang,
}

const WIDTH: f64 = 720.0;
const LABEL_WIDTH: f64 = 210.0;
const RIGHT: f64 = 70.0;
const ROW: f64 = 38.0;
const TOP: f64 = 34.0;

#[function_component(TornadoChart)]
pub fn tornado_chart(props: &Props) -> Html {
    let lang = props.lang;
    let values = props.rows.iter().flat_map(|r| [r.at_low, r.at_high]).chain([props.base]);
    let (min, max) = values.filter(|v| v.is_finite()).fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let ticks = span_ticks(min, max, 5);
    let x = LinearScale::over(&ticks, LABEL_WIDTH, WIDTH - RIGHT);
    let plot_bottom = TOP + props.rows.len() as f64 * ROW;
    let height = plot_bottom + 44.0;
    let base_x = x.at(props.base);
    let zero_x = x.at(0.0);
    let bar = |from: f64, to: f64, y: f64, colour: &'static str, title: String| {
        let (a, b) = (x.at(from), x.at(to));
        html! {
            <rect x={a.min(b).to_string()} y={y.to_string()} width={(a - b).abs().max(1.0).to_string()} height="12"
                fill={colour} rx="2"><title>{ title }</title></rect>
        }
    };
    let rows = props.rows.iter().enumerate().map(|(i, r)| {
        let y = TOP + i as f64 * ROW;
        let money = |v: f64| format::signed(v, |m| format::fixed(m, 0));
        let low_title = format!("{} = {}: B − A {}", r.label, r.low_value, money(r.at_low));
        let high_title = format!("{} = {}: B − A {}", r.label, r.high_value, money(r.at_high));
        let right_end = x.at(r.at_low).max(x.at(r.at_high)).max(base_x);
        html! {
            <g class={classes!("tornado__row", r.flips.then_some("tornado__row--flips"))} data-testid={format!("tornado-row-{}", r.key)}
                data-low={format::raw(r.at_low)} data-high={format::raw(r.at_high)} data-flips={r.flips.to_string()}>
                <text x={(LABEL_WIDTH - 10.0).to_string()} y={(y + 9.0).to_string()} text-anchor="end" class="chart-label">
                    { r.label.clone() }
                </text>
                <text x={(LABEL_WIDTH - 10.0).to_string()} y={(y + 24.0).to_string()} text-anchor="end" class="chart-axis">
                    { format!("{} … {}", r.low_value, r.high_value) }
                </text>
                { bar(props.base, r.at_low, y + 2.0, LOW_COLOUR, low_title) }
                { bar(props.base, r.at_high, y + 15.0, HIGH_COLOUR, high_title) }
                if r.flips {
                    <text x={(right_end + 6.0).to_string()} y={(y + 14.0).to_string()} class="chart-label tornado__flag"
                        dominant-baseline="central">{ T::SimFlips.get(lang) }</text>
                }
            </g>
        }
    });
    let legend_items =
        vec![(T::SimAtLow.get(lang).to_string(), LOW_COLOUR), (T::SimAtHigh.get(lang).to_string(), HIGH_COLOUR)];
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg tornado" role="img" data-testid="tornado"
            data-base={format::raw(props.base)} data-rows={props.rows.len().to_string()} aria-label={T::SimTornadoTitle.get(lang)}>
            <title>{ T::SimTornadoTitle.get(lang) }</title>
            { legend(&legend_items, LABEL_WIDTH, 4.0, WIDTH - LABEL_WIDTH - RIGHT) }
            <g class="chart-grid">
                { for ticks.iter().map(|t| html! {
                    <g>
                        <line x1={x.at(*t).to_string()} x2={x.at(*t).to_string()} y1={(TOP - 6.0).to_string()} y2={plot_bottom.to_string()} />
                        <text x={x.at(*t).to_string()} y={(plot_bottom + 14.0).to_string()} text-anchor="middle" class="chart-axis">
                            { format::compact(*t) }
                        </text>
                    </g>
                }) }
            </g>
            <line class="tornado__zero" x1={zero_x.to_string()} x2={zero_x.to_string()} y1={(TOP - 8.0).to_string()} y2={plot_bottom.to_string()} />
            <line class="tornado__base" x1={base_x.to_string()} x2={base_x.to_string()} y1={(TOP - 8.0).to_string()} y2={plot_bottom.to_string()} />
            { for rows }
            <text x={((LABEL_WIDTH + WIDTH - RIGHT) / 2.0).to_string()} y={(plot_bottom + 34.0).to_string()} text-anchor="middle"
                class="chart-axis-title">{ T::SimTornadoAxis.get(lang) }</text>
        </svg>
    }
}
