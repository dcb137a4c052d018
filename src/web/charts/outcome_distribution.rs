//! Customers per tier under one scenario: a horizontal bar per tier with its count, share and the
//! score it starts at. Redrawn live while the scoring weights move.

use std::rc::Rc;

use yew::prelude::*;

use super::draw::{axis_line, axis_titles, tick_labels, x_axis, ChartSvg, XTitle};
use super::frame::palette::tier_colour;
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::engine::pricing::ScenarioOutcome;
use crate::ui::format;
use crate::ui::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub outcome: Rc<ScenarioOutcome>,
    pub lang: Lang,
}

const WIDTH: f64 = 560.0;
const ROW: f64 = 34.0;
const BAR: f64 = 20.0;

#[function_component(OutcomeDistribution)]
pub fn outcome_distribution(props: &Props) -> Html {
    let lang = props.lang;
    let o = &props.outcome;
    let frame = Frame::new(WIDTH, Margins::TIER_ROWS, o.tiers.len() as f64 * ROW);
    let plot = frame.plot();
    let ticks = Ticks::counting(Extent::from_zero(o.tiers.iter().map(|t| t.customers as f64)), 4);
    let x = LinearScale::over(&ticks, (plot.left, plot.right));
    let rows = BandScale::new((plot.top, plot.bottom), o.tiers.len());
    let summary = o
        .tiers
        .iter()
        .map(|t| format!("{} {} ({})", t.name, format::count(t.customers), format::share(t.share)))
        .collect::<Vec<_>>()
        .join("; ");
    ChartSvg::new(&frame, T::TierDistribution.get(lang), summary).draw(html! {
        <>
            { x_axis(ticks.values(), &x, &plot, frame.x_labels_y(), &tick_labels(&ticks, lang), true) }
            { for o.tiers.iter().enumerate().map(|(i, tier)| {
                let (y, _) = rows.bar(i, BAR / ROW);
                let middle = rows.center(i);
                let w = x.between(0.0, tier.customers as f64).max(if tier.customers > 0 { 1.5 } else { 0.0 });
                let bound = i.checked_sub(1).and_then(|b| o.lower_bounds.get(b)).filter(|b| b.is_finite());
                html! {
                    <g data-testid={format!("live-tier-count-{i}")} data-value={tier.customers.to_string()}>
                        <title>{ format!("{}: {} · {}", tier.name, format::count(tier.customers), format::share(tier.share)) }</title>
                        <text x={(plot.left - 10.0).to_string()} y={middle.to_string()} text-anchor="end"
                            dominant-baseline="central" class="chart-tier-name">{ tier.name.clone() }</text>
                        <rect x={plot.left.to_string()} y={y.to_string()} width={w.to_string()} height={BAR.to_string()} rx="3"
                            fill={tier_colour(i)} />
                        <text x={(plot.left + w + 6.0).to_string()} y={(middle - 1.0).to_string()} dominant-baseline="central"
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
            { axis_line((plot.left, plot.top), (plot.left, plot.bottom)) }
            { axis_titles(&frame, "", T::Customers.get(lang), XTitle::Middle) }
        </>
    })
}
