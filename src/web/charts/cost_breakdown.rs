//! Benefit cost by type for A and B: one stacked horizontal bar per scheme on a shared scale.

use std::rc::Rc;

use yew::prelude::*;

use super::axis::nice_ticks;
use super::palette::{COST_DISCOUNT, COST_GIFTS, COST_POINTS, COST_SHIPPING};
use crate::engine::compare::Comparison;
use crate::engine::pricing::CostBreakdown;
use crate::web::format;
use crate::web::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 104.0;
const TOP: f64 = 36.0;
const BAR: f64 = 34.0;
const GAP: f64 = 22.0;
/// Segments narrower than this carry no inline label (the legend and the KPI table have it).
const MIN_LABEL_WIDTH: f64 = 64.0;

fn parts(costs: &CostBreakdown) -> [(T, &'static str, f64); 4] {
    [
        (T::CostDiscount, COST_DISCOUNT, costs.discount),
        (T::CostPoints, COST_POINTS, costs.points),
        (T::CostShipping, COST_SHIPPING, costs.shipping),
        (T::CostGifts, COST_GIFTS, costs.gifts),
    ]
}

#[function_component(CostBreakdownChart)]
pub fn cost_breakdown_chart(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let plot_width = WIDTH - LEFT - RIGHT;
    let sum = |costs: &CostBreakdown| parts(costs).iter().map(|(_, _, v)| v.max(0.0)).sum::<f64>();
    let max = sum(&c.a.totals).max(sum(&c.b.totals));
    let ticks = nice_ticks(max, 4);
    let scale_max = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let x = |v: f64| LEFT + v / scale_max * plot_width;
    let plot_bottom = TOP + 2.0 * BAR + GAP;
    let height = plot_bottom + 26.0;

    let bar = |side: &'static str, costs: &CostBreakdown, y: f64| {
        let mut start = 0.0;
        let segments: Vec<Html> = parts(costs)
            .into_iter()
            .map(|(label, colour, value)| {
                let value = value.max(0.0);
                let (x0, x1) = (x(start), x(start + value));
                start += value;
                let w = x1 - x0;
                html! {
                    <g data-testid={format!("cost-{side}-{}", label.get(Lang::En).to_lowercase())} data-value={format::raw(value)}>
                        <title>{ format!("{} · {}: {}", side.to_uppercase(), label.get(lang), format::money(value)) }</title>
                        <rect x={x0.to_string()} y={y.to_string()} width={w.max(0.0).to_string()} height={BAR.to_string()} fill={colour} />
                        if w >= MIN_LABEL_WIDTH {
                            <text x={((x0 + x1) / 2.0).to_string()} y={(y + BAR / 2.0).to_string()} text-anchor="middle"
                                dominant-baseline="central" class="chart-label chart-label--inverse">{ format::compact(value) }</text>
                        }
                    </g>
                }
            })
            .collect();
        html! {
            <g>
                <text x={(LEFT - 10.0).to_string()} y={(y + BAR / 2.0).to_string()} text-anchor="end" dominant-baseline="central"
                    class="chart-tier-name chart-side">{ side.to_uppercase() }</text>
                { for segments }
                <text x={(x(start) + 6.0).to_string()} y={(y + BAR / 2.0).to_string()} dominant-baseline="central"
                    class="chart-label chart-label--strong">{ format::money(costs.total) }</text>
            </g>
        }
    };

    let legend_items = parts(&c.a.totals);
    html! {
        <figure class="card chart" data-testid="cost-breakdown">
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ T::CostBreakdown.get(lang) }</h3>
                <p class="chart__desc">{ T::CostBreakdownDesc.get(lang) }</p>
            </figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" aria-label={T::CostBreakdown.get(lang)}>
                <title>{ T::CostBreakdown.get(lang) }</title>
                <g class="chart-legend" transform={format!("translate({LEFT},8)")}>
                    { for legend_items.iter().enumerate().map(|(i, (label, colour, _))| html! {
                        <g transform={format!("translate({},0)", i as f64 * 120.0)}>
                            <rect x="0" y="0" width="12" height="12" rx="2" fill={*colour} />
                            <text x="18" y="6" dominant-baseline="central">{ label.get(lang) }</text>
                        </g>
                    }) }
                </g>
                { for ticks.iter().map(|t| html! {
                    <g class="chart-grid">
                        <line x1={x(*t).to_string()} x2={x(*t).to_string()} y1={(TOP - 4.0).to_string()} y2={plot_bottom.to_string()} />
                        <text x={x(*t).to_string()} y={(plot_bottom + 16.0).to_string()} text-anchor="middle" class="chart-axis">
                            { format::compact(*t) }
                        </text>
                    </g>
                }) }
                { bar("a", &c.a.totals, TOP) }
                { bar("b", &c.b.totals, TOP + BAR + GAP) }
            </svg>
        </figure>
    }
}
