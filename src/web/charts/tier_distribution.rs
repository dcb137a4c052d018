//! Customers per tier, A against B: horizontal grouped bars (one row per tier position), so any
//! number of tiers and long tier names stay readable down to a narrow iframe.

use std::rc::Rc;

use yew::prelude::*;

use super::axis::nice_ticks;
use super::palette::tier_colour;
use crate::engine::compare::Comparison;
use crate::engine::pricing::TierOutcome;
use crate::web::format;
use crate::web::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 132.0;
const RIGHT: f64 = 118.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 28.0;
const BAR: f64 = 15.0;
const BAR_GAP: f64 = 3.0;
const ROW_GAP: f64 = 16.0;

#[function_component(TierDistributionChart)]
pub fn tier_distribution_chart(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let rows = c.a.tiers.len().max(c.b.tiers.len());
    let row_height = 2.0 * BAR + BAR_GAP + ROW_GAP;
    let plot_height = rows as f64 * row_height;
    let height = TOP + plot_height + BOTTOM;
    let plot_width = WIDTH - LEFT - RIGHT;
    let max = c.a.tiers.iter().chain(c.b.tiers.iter()).map(|t| t.customers).max().unwrap_or(0) as f64;
    let ticks = nice_ticks(max, 4);
    let scale_max = ticks.last().copied().unwrap_or(1.0).max(1.0);
    let x = |v: f64| LEFT + v / scale_max * plot_width;

    let bar = |side: &'static str, i: usize, tier: Option<&TierOutcome>, y: f64| -> Html {
        let Some(tier) = tier else {
            return html! {};
        };
        let w = (x(tier.customers as f64) - LEFT).max(if tier.customers > 0 { 1.5 } else { 0.0 });
        let colour = tier_colour(i);
        let label = format!("{} · {}", format::count(tier.customers), format::share(tier.share));
        html! {
            <g data-testid={format!("tier-count-{side}-{i}")} data-value={tier.customers.to_string()}>
                <title>{ format!("{} {} — {}: {label}", side.to_uppercase(), tier.name, T::Customers.get(lang)) }</title>
                <rect x={LEFT.to_string()} y={y.to_string()} width={w.to_string()} height={BAR.to_string()} rx="2"
                    fill={colour} fill-opacity={if side == "a" { "1" } else { "0.45" }}
                    stroke={colour} stroke-width="1.2" />
                <text x={(LEFT + w + 6.0).to_string()} y={(y + BAR / 2.0).to_string()} class="chart-label" dominant-baseline="central">
                    <tspan class="chart-label__side">{ format!("{} ", side.to_uppercase()) }</tspan>
                    { label }
                </text>
            </g>
        }
    };

    html! {
        <figure class="card chart" data-testid="tier-distribution">
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ T::TierDistribution.get(lang) }</h3>
                <p class="chart__desc">{ T::TierDistributionDesc.get(lang) }</p>
            </figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img"
                aria-label={T::TierDistribution.get(lang)}>
                <title>{ T::TierDistribution.get(lang) }</title>
                // Legend: A solid, B light.
                <g class="chart-legend" transform={format!("translate({LEFT},8)")}>
                    <rect x="0" y="0" width="14" height="10" rx="2" fill="#64748b" />
                    <text x="20" y="5" dominant-baseline="central">{ legend_name("A", &c.a.name) }</text>
                    <rect x="170" y="0" width="14" height="10" rx="2" fill="#64748b" fill-opacity="0.45" stroke="#64748b" />
                    <text x="190" y="5" dominant-baseline="central">{ legend_name("B", &c.b.name) }</text>
                </g>
                { for ticks.iter().map(|t| html! {
                    <g class="chart-grid">
                        <line x1={x(*t).to_string()} x2={x(*t).to_string()} y1={TOP.to_string()}
                            y2={(TOP + plot_height).to_string()} />
                        <text x={x(*t).to_string()} y={(TOP + plot_height + 16.0).to_string()} text-anchor="middle"
                            class="chart-axis">{ format::compact(*t) }</text>
                    </g>
                }) }
                { for (0..rows).map(|i| {
                    let y = TOP + i as f64 * row_height + ROW_GAP / 2.0;
                    let a = c.a.tiers.get(i);
                    let b = c.b.tiers.get(i);
                    let same_name = match (a, b) {
                        (Some(a), Some(b)) => a.name == b.name,
                        _ => false,
                    };
                    let name_label = |text: String, y: f64| html! {
                        <text x={(LEFT - 8.0).to_string()} y={y.to_string()} text-anchor="end" dominant-baseline="central"
                            class="chart-tier-name">{ truncate(&text, 18) }</text>
                    };
                    html! {
                        <g>
                            if same_name {
                                { name_label(a.map(|t| t.name.clone()).unwrap_or_default(), y + BAR + BAR_GAP / 2.0) }
                            } else {
                                { for a.map(|t| name_label(t.name.clone(), y + BAR / 2.0)) }
                                { for b.map(|t| name_label(t.name.clone(), y + BAR + BAR_GAP + BAR / 2.0)) }
                            }
                            { bar("a", i, a, y) }
                            { bar("b", i, b, y + BAR + BAR_GAP) }
                        </g>
                    }
                }) }
                <line class="chart-axis-line" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()}
                    y2={(TOP + plot_height).to_string()} />
            </svg>
        </figure>
    }
}

/// "A · Current scheme", or just "A" when the scenario is still called "A".
fn legend_name(letter: &str, name: &str) -> String {
    if name.trim() == letter {
        letter.to_string()
    } else {
        format!("{letter} · {}", truncate(name, 22))
    }
}

/// Keeps long tier names from running into the bars.
fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let kept: String = text.chars().take(max_chars - 1).collect();
        format!("{kept}…")
    }
}
