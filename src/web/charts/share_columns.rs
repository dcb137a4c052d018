//! Share of customers in each tier at the end of every simulated month, as stacked columns
//! (lowest tier at the bottom, 0-100 %).

use yew::prelude::*;

use super::draw::{axis_titles, band_labels, legend, legend_labels, tier_entries, y_axis, ChartSvg, XTitle};
use super::frame::palette::{tier_colour, BACKGROUND};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::{Lang, T};

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
const PLOT_HEIGHT: f64 = 150.0;

#[function_component(ShareColumns)]
pub fn share_columns(props: &Props) -> Html {
    let lang = props.lang;
    let months = props.labels.len();
    let entries = tier_entries(&props.tier_names);
    let frame = Frame::new(WIDTH, Margins::AXES, PLOT_HEIGHT).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    let ticks = Ticks::covering(Extent::new(0.0, 1.0), 4);
    let y = LinearScale::over(&ticks, (plot.bottom, plot.top));
    let band = BandScale::new((plot.left, plot.right), months);
    let name = |tier: usize| props.tier_names.get(tier).cloned().unwrap_or_default();
    let columns = props.shares.iter().enumerate().map(|(m, shares)| {
        let label = props.labels.get(m).cloned().unwrap_or_default();
        let (x, width) = band.bar(m, 0.76);
        let mut base = 0.0;
        html! {
            <g>
                { for shares.iter().enumerate().map(|(tier, &share)| {
                    let (y0, y1) = (y.at(base), y.at(base + share));
                    base += share;
                    html! {
                        <rect x={x.to_string()} y={y1.to_string()} width={width.to_string()}
                            height={(y0 - y1).max(0.0).to_string()} fill={tier_colour(tier)} stroke={BACKGROUND} stroke-width="0.5">
                            <title>{ format!("{label} · {}: {}", name(tier), format::share(share)) }</title>
                        </rect>
                    }
                }) }
            </g>
        }
    });
    let last = props.shares.last();
    let top_share = last.and_then(|s| s.last()).copied().unwrap_or(0.0);
    let summary = match (props.labels.last(), last) {
        (Some(month), Some(shares)) => {
            let parts: Vec<String> =
                shares.iter().enumerate().map(|(t, s)| format!("{} {}", name(t), format::share(*s))).collect();
            format!("{month}: {}", parts.join("; "))
        }
        _ => String::new(),
    };
    ChartSvg::new(&frame, T::SimTierShares.get(lang), summary)
        .testid(props.testid.clone())
        .data("data-months", months)
        .data("data-last-top-share", format::raw(top_share))
        .draw(html! {
            <>
                { legend(&frame, &entries) }
                { y_axis(ticks.values(), &y, &plot, &|t: f64| format!("{} %", format::plain(t * 100.0))) }
                { for columns }
                { band_labels(&band, &props.labels, frame.x_labels_y()) }
                { axis_titles(&frame, T::SimShareAxis.get(lang), T::MonthAxis.get(lang), XTitle::End) }
            </>
        })
}
