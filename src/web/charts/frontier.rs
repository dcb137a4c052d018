//! What the optimiser explored: every candidate scheme by its benefit cost (across) and incremental
//! margin (up). Candidates that meet the constraints are filled, the others hollow; the best one is
//! ringed and named.

use yew::prelude::*;

use super::linear_scale::{span_ticks, LinearScale};
use super::month_axis::legend;
use crate::web::format;
use crate::web::i18n::{Lang, T};

pub const FEASIBLE: &str = "#2563eb";
pub const INFEASIBLE: &str = "#94a3b8";
pub const BEST: &str = "#16a34a";

#[derive(Clone, Debug, PartialEq)]
pub struct FrontierPoint {
    pub cost: f64,
    pub margin: f64,
    pub feasible: bool,
    pub best: bool,
    /// "thresholds ×1.25 · benefits ×0.5"
    pub label: String,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub points: Vec<FrontierPoint>,
    pub lang: Lang,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 34.0;
const PLOT_HEIGHT: f64 = 230.0;

#[function_component(FrontierChart)]
pub fn frontier_chart(props: &Props) -> Html {
    let lang = props.lang;
    let finite = |v: f64| v.is_finite();
    let (cost_min, cost_max) = props
        .points
        .iter()
        .map(|p| p.cost)
        .filter(|v| finite(*v))
        .fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let (margin_min, margin_max) = props
        .points
        .iter()
        .map(|p| p.margin)
        .filter(|v| finite(*v))
        .fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let x_ticks = span_ticks(cost_min, cost_max, 5);
    let y_ticks = span_ticks(margin_min, margin_max, 4);
    let bottom = TOP + PLOT_HEIGHT;
    let x = LinearScale::over(&x_ticks, LEFT, WIDTH - RIGHT);
    let y = LinearScale::over(&y_ticks, bottom, TOP);
    let height = bottom + 44.0;
    let dots = props.points.iter().enumerate().map(|(i, p)| {
        let (cx, cy) = (x.at(p.cost), y.at(p.margin));
        let title = format!(
            "{}: {} {} · {} {}",
            p.label,
            T::SimFrontierCost.get(lang),
            format::fixed(p.cost, 0),
            T::SimFrontierMargin.get(lang),
            format::fixed(p.margin, 0)
        );
        let (fill, stroke) = if p.feasible { (FEASIBLE, FEASIBLE) } else { ("#ffffff", INFEASIBLE) };
        html! {
            <g data-testid={format!("frontier-point-{i}")} data-feasible={p.feasible.to_string()} data-best={p.best.to_string()}
                data-cost={format::raw(p.cost)} data-margin={format::raw(p.margin)}>
                if p.best {
                    <circle cx={cx.to_string()} cy={cy.to_string()} r="10" fill="none" stroke={BEST} stroke-width="2.5" />
                }
                <circle cx={cx.to_string()} cy={cy.to_string()} r="5" fill={fill} stroke={stroke} stroke-width="1.5">
                    <title>{ title }</title>
                </circle>
                if p.best {
                    <text x={(cx + 13.0).to_string()} y={(cy - 10.0).to_string()} class="chart-label chart-label--strong">
                        { T::SimBest.get(lang) }
                    </text>
                }
            </g>
        }
    });
    let legend_items = vec![
        (T::SimFeasible.get(lang).to_string(), FEASIBLE),
        (T::SimInfeasible.get(lang).to_string(), INFEASIBLE),
        (T::SimBest.get(lang).to_string(), BEST),
    ];
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid="frontier-chart"
            data-points={props.points.len().to_string()} aria-label={T::SimFrontierTitle.get(lang)}>
            <title>{ T::SimFrontierTitle.get(lang) }</title>
            { legend(&legend_items, LEFT, 6.0, WIDTH - LEFT - RIGHT) }
            <g class="chart-grid">
                { for y_ticks.iter().map(|t| html! {
                    <g>
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y.at(*t).to_string()} y2={y.at(*t).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={y.at(*t).to_string()} text-anchor="end" dominant-baseline="central"
                            class="chart-axis">{ format::compact(*t) }</text>
                    </g>
                }) }
                { for x_ticks.iter().map(|t| html! {
                    <text x={x.at(*t).to_string()} y={(bottom + 14.0).to_string()} text-anchor="middle" class="chart-axis">
                        { format::compact(*t) }
                    </text>
                }) }
            </g>
            <line class="chart-axis-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y.at(0.0).to_string()} y2={y.at(0.0).to_string()} />
            { for dots }
            <g class="chart-axis-title">
                <text transform={format!("translate(12,{}) rotate(-90)", (TOP + bottom) / 2.0)} text-anchor="middle">
                    { T::SimFrontierMargin.get(lang) }
                </text>
                <text x={(WIDTH - RIGHT).to_string()} y={(bottom + 34.0).to_string()} text-anchor="end">{ T::SimFrontierCost.get(lang) }</text>
            </g>
        </svg>
    }
}
