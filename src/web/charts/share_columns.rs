//! Share of customers in each tier at the end of every simulated month, as stacked columns
//! (lowest tier at the bottom, 0-100 %).

use yew::prelude::*;

use super::month_axis::{axis_titles, legend, legend_height, MonthScale};
use super::palette::tier_colour;
use crate::web::format;
use crate::web::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub labels: Vec<String>,
    pub tier_names: Vec<String>,
    /// `shares[month][tier]`, 0-1.
    pub shares: Vec<Vec<f64>>,
    pub lang: Lang,
    pub testid: AttrValue,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const PLOT_HEIGHT: f64 = 150.0;

#[function_component(ShareColumns)]
pub fn share_columns(props: &Props) -> Html {
    let lang = props.lang;
    let months = props.labels.len();
    let legend_items: Vec<(String, &str)> =
        props.tier_names.iter().enumerate().map(|(i, n)| (n.clone(), tier_colour(i))).collect();
    let top = 8.0 + legend_height(&legend_items, WIDTH - LEFT - RIGHT) + 8.0;
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 40.0;
    let y = |share: f64| bottom - share.clamp(0.0, 1.0) * PLOT_HEIGHT;
    let scale = MonthScale { left: LEFT, width: WIDTH - LEFT - RIGHT, count: months };
    let columns = props.shares.iter().enumerate().map(|(m, shares)| {
        let label = props.labels.get(m).cloned().unwrap_or_default();
        let mut base = 0.0;
        html! {
            <g>
                { for shares.iter().enumerate().map(|(tier, &share)| {
                    let (y0, y1) = (y(base), y(base + share));
                    base += share;
                    let name = props.tier_names.get(tier).cloned().unwrap_or_default();
                    html! {
                        <rect x={scale.bar_x(m).to_string()} y={y1.to_string()} width={scale.bar_width().to_string()}
                            height={(y0 - y1).max(0.0).to_string()} fill={tier_colour(tier)}>
                            <title>{ format!("{label} · {name}: {}", format::share(share)) }</title>
                        </rect>
                    }
                }) }
            </g>
        }
    });
    let top_share = props.shares.last().and_then(|s| s.last()).copied().unwrap_or(0.0);
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid={props.testid.clone()}
            data-months={months.to_string()} data-last-top-share={format::raw(top_share)}
            aria-label={T::SimTierShares.get(lang)}>
            <title>{ T::SimTierShares.get(lang) }</title>
            { legend(&legend_items, LEFT, 8.0, WIDTH - LEFT - RIGHT) }
            <g class="chart-grid">
                { for [0.0, 0.25, 0.5, 0.75, 1.0].iter().map(|t| html! {
                    <g>
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y(*t).to_string()} y2={y(*t).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={y(*t).to_string()} text-anchor="end" dominant-baseline="central"
                            class="chart-axis">{ format!("{} %", t * 100.0) }</text>
                    </g>
                }) }
            </g>
            { for columns }
            { scale.labels(&props.labels, bottom + 16.0) }
            { axis_titles(T::SimShareAxis.get(lang), T::MonthAxis.get(lang), top, bottom, WIDTH - RIGHT, bottom + 34.0) }
        </svg>
    }
}
