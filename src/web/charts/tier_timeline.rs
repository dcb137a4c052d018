//! Members per tier at the end of each month, as stacked columns (lowest tier at the bottom), from
//! the replay of the tier rules over the real history.

use yew::prelude::*;

use super::axis::nice_ticks;
use super::month_axis::{axis_titles, legend, legend_height, value_grid, MonthScale};
use super::palette::tier_colour;
use crate::engine::replay::TimelineSummary;
use crate::web::format;
use crate::web::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub timeline: TimelineSummary,
    pub tier_names: Vec<String>,
    pub lang: Lang,
    /// Shared top of the value axis (small multiples of A and B on one scale).
    #[prop_or_default]
    pub scale_max: Option<f64>,
    pub testid: AttrValue,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const PLOT_HEIGHT: f64 = 170.0;

/// Most members at any month end (the column height to fit).
pub fn peak(timeline: &TimelineSummary) -> f64 {
    timeline.members.iter().map(|m| m.iter().map(|&n| f64::from(n)).sum::<f64>()).fold(0.0, f64::max)
}

#[function_component(TierTimelineChart)]
pub fn tier_timeline_chart(props: &Props) -> Html {
    let lang = props.lang;
    let t = &props.timeline;
    let months = t.labels.len();
    let legend_items: Vec<(String, &str)> =
        props.tier_names.iter().enumerate().map(|(i, n)| (n.clone(), tier_colour(i))).collect();
    let top = 8.0 + legend_height(&legend_items, WIDTH - LEFT - RIGHT) + 8.0;
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 40.0;
    let ticks = nice_ticks(props.scale_max.unwrap_or_else(|| peak(t)), 4);
    let scale_max = ticks.last().copied().unwrap_or(1.0).max(1.0);
    let y = |v: f64| bottom - v / scale_max * PLOT_HEIGHT;
    let scale = MonthScale { left: LEFT, width: WIDTH - LEFT - RIGHT, count: months };

    let columns = t.members.iter().enumerate().map(|(m, counts)| {
        let mut base = 0.0;
        let label = t.labels.get(m).cloned().unwrap_or_default();
        let total: u32 = counts.iter().sum();
        html! {
            <g>
                <title>{ format!("{label}: {} {}", format::count(total as usize), T::MembersUnit.get(lang)) }</title>
                { for counts.iter().enumerate().map(|(tier, &n)| {
                    let (y0, y1) = (y(base), y(base + f64::from(n)));
                    base += f64::from(n);
                    let name = props.tier_names.get(tier).cloned().unwrap_or_default();
                    html! {
                        <rect x={scale.bar_x(m).to_string()} y={y1.to_string()} width={scale.bar_width().to_string()}
                            height={(y0 - y1).max(0.0).to_string()} fill={tier_colour(tier)}>
                            <title>{ format!("{label} · {name}: {}", format::count(n as usize)) }</title>
                        </rect>
                    }
                }) }
            </g>
        }
    });
    let last = t.members.last().map(|m| m.iter().sum::<u32>()).unwrap_or(0);
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid={props.testid.clone()}
            data-months={months.to_string()} data-last-total={last.to_string()}
            aria-label={T::TierTimeline.get(lang)}>
            <title>{ T::TierTimeline.get(lang) }</title>
            { legend(&legend_items, LEFT, 8.0, WIDTH - LEFT - RIGHT) }
            { value_grid(&ticks, y, LEFT, WIDTH - RIGHT) }
            { for columns }
            <line class="chart-axis-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={bottom.to_string()} y2={bottom.to_string()} />
            { scale.labels(&t.labels, bottom + 16.0) }
            { axis_titles(T::MembersAxis.get(lang), T::MonthAxis.get(lang), top, bottom, WIDTH - RIGHT, bottom + 34.0) }
        </svg>
    }
}
