//! Permutation importance: how much the model's test score drops when one feature is shuffled, one
//! bar per feature (largest first) with a whisker of ± one standard deviation over the shuffles.

use yew::prelude::*;

use super::scale::{ticks_between, Scale};
use crate::web::format;

#[derive(Clone, Debug, PartialEq)]
pub struct Importance {
    pub label: String,
    /// The feature key, for tests.
    pub key: String,
    pub mean: f64,
    pub sd: f64,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub items: Vec<Importance>,
    pub value_title: AttrValue,
    pub testid: AttrValue,
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 190.0;
const RIGHT: f64 = 70.0;
const TOP: f64 = 6.0;
const ROW: f64 = 26.0;
const BAR: f64 = 15.0;
pub const COLOUR: &str = "#2563eb";

#[function_component(ImportanceBars)]
pub fn importance_bars(props: &Props) -> Html {
    let low = props.items.iter().map(|i| i.mean - i.sd).fold(0.0, f64::min);
    let high = props.items.iter().map(|i| i.mean + i.sd).fold(0.0, f64::max);
    let ticks = ticks_between(low, high.max(f64::MIN_POSITIVE), 4);
    let x = Scale::over(&ticks, (LABEL, WIDTH - RIGHT));
    let bottom = TOP + props.items.len().max(1) as f64 * ROW;
    let height = bottom + 40.0;
    let zero = x.at(0.0);
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid={props.testid.clone()}
            aria-label={props.value_title.clone()}>
            <title>{ props.value_title.clone() }</title>
            <g class="chart-grid">
                { for ticks.iter().map(|t| html! {
                    <g>
                        <line x1={x.at(*t).to_string()} x2={x.at(*t).to_string()} y1={TOP.to_string()} y2={bottom.to_string()} />
                        <text x={x.at(*t).to_string()} y={(bottom + 16.0).to_string()} text-anchor="middle" class="chart-axis">
                            { format::compact(*t) }</text>
                    </g>
                }) }
            </g>
            { for props.items.iter().enumerate().map(|(i, item)| {
                let y = TOP + i as f64 * ROW + (ROW - BAR) / 2.0;
                let end = x.at(item.mean);
                let (left, width) = if end >= zero { (zero, end - zero) } else { (end, zero - end) };
                let (w0, w1) = (x.at(item.mean - item.sd), x.at(item.mean + item.sd));
                html! {
                    <g data-testid={format!("{}-{i}", props.testid)} data-value={format::raw(item.mean)} data-feature={item.key.clone()}>
                        <title>{ format!("{}: {} ± {}", item.label, format::fixed(item.mean, 3), format::fixed(item.sd, 3)) }</title>
                        <text x={(LABEL - 10.0).to_string()} y={(y + BAR / 2.0).to_string()} text-anchor="end"
                            dominant-baseline="central" class="chart-tier-name">{ item.label.clone() }</text>
                        <rect x={left.to_string()} y={y.to_string()} width={width.max(1.0).to_string()} height={BAR.to_string()}
                            rx="2" fill={COLOUR} fill-opacity={if item.mean > 0.0 { "1" } else { "0.35" }} />
                        <line class="chart-whisker" x1={w0.to_string()} x2={w1.to_string()} y1={(y + BAR / 2.0).to_string()}
                            y2={(y + BAR / 2.0).to_string()} />
                        <text x={(x.at(item.mean.max(0.0) + item.sd) + 6.0).to_string()} y={(y + BAR / 2.0).to_string()}
                            dominant-baseline="central" class="chart-label">{ format::fixed(item.mean, 3) }</text>
                    </g>
                }
            }) }
            <line class="chart-axis-line" x1={zero.to_string()} x2={zero.to_string()} y1={TOP.to_string()} y2={bottom.to_string()} />
            <text x={(LABEL + (WIDTH - RIGHT - LABEL) / 2.0).to_string()} y={(bottom + 34.0).to_string()} text-anchor="middle"
                class="chart-axis-title">{ props.value_title.clone() }</text>
        </svg>
    }
}
