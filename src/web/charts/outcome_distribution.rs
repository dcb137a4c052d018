//! Customers per tier under one scenario: a horizontal bar per tier with its count, share and the
//! score it starts at. Redrawn live while the scoring weights move.

use std::rc::Rc;

use yew::prelude::*;

use super::axis::nice_ticks;
use super::palette::tier_colour;
use crate::engine::pricing::ScenarioOutcome;
use crate::web::format;
use crate::web::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub outcome: Rc<ScenarioOutcome>,
    pub lang: Lang,
}

const WIDTH: f64 = 560.0;
const LEFT: f64 = 130.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 8.0;
const ROW: f64 = 34.0;
const BAR: f64 = 20.0;

#[function_component(OutcomeDistribution)]
pub fn outcome_distribution(props: &Props) -> Html {
    let lang = props.lang;
    let o = &props.outcome;
    let plot_width = WIDTH - LEFT - RIGHT;
    let max = o.tiers.iter().map(|t| t.customers).max().unwrap_or(0) as f64;
    let ticks = nice_ticks(max, 4);
    let scale_max = ticks.last().copied().unwrap_or(1.0).max(1.0);
    let x = |v: f64| LEFT + v / scale_max * plot_width;
    let plot_bottom = TOP + o.tiers.len() as f64 * ROW;
    let height = plot_bottom + 40.0;
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" aria-label={T::TierDistribution.get(lang)}>
            <title>{ T::TierDistribution.get(lang) }</title>
            { for ticks.iter().map(|t| html! {
                <g class="chart-grid">
                    <line x1={x(*t).to_string()} x2={x(*t).to_string()} y1={TOP.to_string()} y2={plot_bottom.to_string()} />
                    <text x={x(*t).to_string()} y={(plot_bottom + 16.0).to_string()} text-anchor="middle" class="chart-axis">
                        { format::compact(*t) }</text>
                </g>
            }) }
            { for o.tiers.iter().enumerate().map(|(i, tier)| {
                let y = TOP + i as f64 * ROW + (ROW - BAR) / 2.0;
                let w = (x(tier.customers as f64) - LEFT).max(if tier.customers > 0 { 1.5 } else { 0.0 });
                let bound = i.checked_sub(1).and_then(|b| o.lower_bounds.get(b)).filter(|b| b.is_finite());
                html! {
                    <g data-testid={format!("live-tier-count-{i}")} data-value={tier.customers.to_string()}>
                        <title>{ format!("{}: {} · {}", tier.name, format::count(tier.customers), format::share(tier.share)) }</title>
                        <text x={(LEFT - 10.0).to_string()} y={(y + BAR / 2.0).to_string()} text-anchor="end"
                            dominant-baseline="central" class="chart-tier-name">{ tier.name.clone() }</text>
                        <rect x={LEFT.to_string()} y={y.to_string()} width={w.to_string()} height={BAR.to_string()} rx="3"
                            fill={tier_colour(i)} />
                        <text x={(LEFT + w + 6.0).to_string()} y={(y + BAR / 2.0 - 1.0).to_string()} dominant-baseline="central"
                            class="chart-label">
                            <tspan class="chart-label--strong">{ format::count(tier.customers) }</tspan>
                            { format!(" · {}", format::share(tier.share)) }
                            if let Some(bound) = bound {
                                <tspan class="chart-label__side">{ format!("  ≥ {}", format::score(*bound)) }</tspan>
                            }
                        </text>
                    </g>
                }
            }) }
            <line class="chart-axis-line" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={plot_bottom.to_string()} />
            <text x={(LEFT + plot_width / 2.0).to_string()} y={(plot_bottom + 34.0).to_string()} text-anchor="middle"
                class="chart-axis-title">{ T::Customers.get(lang) }</text>
        </svg>
    }
}
