//! What the optimiser explored: every candidate scheme by its benefit cost (across) and incremental
//! margin (up). Candidates that meet the constraints are filled, the others hollow; the best one is
//! ringed and named.

use yew::prelude::*;

use super::draw::{
    axis_line, axis_titles, legend, legend_labels, tick_labels, x_axis, y_axis, ChartSvg, LegendEntry, Mark, XTitle,
};
use super::frame::palette::{BACKGROUND, BEST, SERIES_MAIN, SERIES_MUTED};
use super::frame::{Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::{Lang, T};

const FEASIBLE: &str = SERIES_MAIN;
const INFEASIBLE: &str = SERIES_MUTED;

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
const PLOT_HEIGHT: f64 = 230.0;

#[function_component(FrontierChart)]
pub fn frontier_chart(props: &Props) -> Html {
    let lang = props.lang;
    let entries = vec![
        LegendEntry::new(T::SimFeasible.get(lang), FEASIBLE, Mark::Dot),
        LegendEntry::new(T::SimInfeasible.get(lang), INFEASIBLE, Mark::Hollow),
        LegendEntry::new(T::SimBest.get(lang), BEST, Mark::Ring),
    ];
    let frame = Frame::new(WIDTH, Margins::AXES, PLOT_HEIGHT).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    let x_ticks = Ticks::covering(Extent::from_zero(props.points.iter().map(|p| p.cost)), 5);
    let y_ticks = Ticks::covering(Extent::from_zero(props.points.iter().map(|p| p.margin)), 4);
    let x = LinearScale::over(&x_ticks, (plot.left, plot.right));
    let y = LinearScale::over(&y_ticks, (plot.bottom, plot.top));
    let describe = |p: &FrontierPoint| {
        format!(
            "{}: {} {} · {} {}",
            p.label,
            T::SimFrontierCost.get(lang),
            format::fixed(p.cost, 0),
            T::SimFrontierMargin.get(lang),
            format::fixed(p.margin, 0)
        )
    };
    let dots = props.points.iter().enumerate().map(|(i, p)| {
        let (cx, cy) = (x.at(p.cost), y.at(p.margin));
        let (fill, stroke) = if p.feasible { (FEASIBLE, FEASIBLE) } else { (BACKGROUND, INFEASIBLE) };
        html! {
            <g data-testid={format!("frontier-point-{i}")} data-feasible={p.feasible.to_string()} data-best={p.best.to_string()}
                data-cost={format::raw(p.cost)} data-margin={format::raw(p.margin)}>
                if p.best {
                    <circle cx={cx.to_string()} cy={cy.to_string()} r="10" fill="none" stroke={BEST} stroke-width="2.5" />
                }
                <circle cx={cx.to_string()} cy={cy.to_string()} r="5" fill={fill} stroke={stroke} stroke-width="1.5">
                    <title>{ describe(p) }</title>
                </circle>
                if p.best {
                    <text x={(cx + 13.0).to_string()} y={(cy - 10.0).to_string()} class="chart-label chart-label--strong">
                        { T::SimBest.get(lang) }
                    </text>
                }
            </g>
        }
    });
    let feasible = props.points.iter().filter(|p| p.feasible).count();
    let mut summary = format!(
        "{} {} · {} {}",
        feasible,
        T::SimFeasible.get(lang),
        props.points.len() - feasible,
        T::SimInfeasible.get(lang)
    );
    if let Some(best) = props.points.iter().find(|p| p.best) {
        summary.push_str(&format!(" · {} {}", T::SimBest.get(lang), describe(best)));
    }
    ChartSvg::new(&frame, T::SimFrontierTitle.get(lang), summary)
        .testid("frontier-chart")
        .data("data-points", props.points.len())
        .draw(html! {
            <>
                { legend(&frame, &entries) }
                { y_axis(y_ticks.values(), &y, &plot, &tick_labels(&y_ticks, lang)) }
                { x_axis(x_ticks.values(), &x, &plot, frame.x_labels_y(), &tick_labels(&x_ticks, lang), false) }
                { axis_line((plot.left, y.at(0.0)), (plot.right, y.at(0.0))) }
                { for dots }
                { axis_titles(&frame, T::SimFrontierMargin.get(lang), T::SimFrontierCost.get(lang), XTitle::End) }
            </>
        })
}
