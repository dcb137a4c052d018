//! Benefit cost by type (discount, points, shipping, gifts, coupons) for A and B: one stacked horizontal bar per scheme on a shared scale.

use std::rc::Rc;

use yew::prelude::*;

use super::draw::{legend, legend_labels, short_number, tick_labels, x_axis, ChartSvg, LegendEntry, Mark};
use super::frame::cost_segments::{cost_segments, stacked_length};
use super::frame::palette::{text_on, Colour};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::engine::compare::Comparison;
use crate::engine::pricing::CostBreakdown;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
    /// The letters of the schemes compared (`comparison.a`'s, then `comparison.b`'s).
    #[prop_or(['A', 'B'])]
    pub letters: [char; 2],
}

const WIDTH: f64 = 640.0;
const BAR: f64 = 34.0;
/// One scheme's row: its bar and the gap to the next.
const ROW: f64 = 56.0;
/// Segments narrower than this carry no inline label (the legend and the KPI table have it).
const MIN_LABEL_WIDTH: f64 = 64.0;

fn parts(costs: &CostBreakdown) -> [(T, Colour, f64); 5] {
    cost_segments(costs).map(|s| (s.label, s.colour, s.value))
}

#[function_component(CostBreakdownChart)]
pub fn cost_breakdown_chart(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let schemes = [("a", &c.a.totals), ("b", &c.b.totals)];
    let entries: Vec<LegendEntry> = parts(&c.a.totals)
        .iter()
        .map(|(label, colour, _)| LegendEntry::new(label.get(lang), colour, Mark::Fill))
        .collect();
    let frame =
        Frame::new(WIDTH, Margins::SCHEME_ROWS, schemes.len() as f64 * ROW).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    let ticks = Ticks::covering(Extent::from_zero(schemes.iter().map(|(_, costs)| stacked_length(costs))), 4);
    let x = LinearScale::over(&ticks, (plot.left, plot.right));
    let rows = BandScale::new((plot.top, plot.bottom), schemes.len());

    // Test ids keep the sides' names (a, b); the labels show the schemes' letters.
    let letter = |side: &str| i18n::side_letter(props.letters, side);
    let bar = |row: usize, side: &'static str, costs: &CostBreakdown| {
        let (y, _) = rows.bar(row, BAR / ROW);
        let middle = rows.center(row);
        let mut start = 0.0;
        let segments: Vec<Html> = parts(costs)
            .into_iter()
            .map(|(label, colour, value)| {
                let value = value.max(0.0);
                let (x0, x1) = (x.at(start), x.at(start + value));
                start += value;
                let w = x1 - x0;
                html! {
                    <g data-testid={format!("cost-{side}-{}", label.get(Lang::En).to_lowercase())} data-value={format::raw(value)}>
                        <title>{ format!("{} · {}: {}", letter(side), label.get(lang), format::money(value)) }</title>
                        <rect x={x0.to_string()} y={y.to_string()} width={w.max(0.0).to_string()} height={BAR.to_string()} fill={colour} />
                        if w >= MIN_LABEL_WIDTH {
                            <text x={((x0 + x1) / 2.0).to_string()} y={middle.to_string()} text-anchor="middle"
                                dominant-baseline="central" class="chart-label chart-label--inside"
                                style={format!("fill:{}", text_on(colour))}>{ short_number(value, lang) }</text>
                        }
                    </g>
                }
            })
            .collect();
        html! {
            <g>
                <text x={(plot.left - 10.0).to_string()} y={middle.to_string()} text-anchor="end" dominant-baseline="central"
                    class="chart-tier-name chart-side">{ letter(side) }</text>
                { for segments }
                <text x={(x.at(start) + 6.0).to_string()} y={middle.to_string()} dominant-baseline="central"
                    class="chart-label chart-label--strong">{ format::money(costs.total) }</text>
            </g>
        }
    };
    let summary = schemes
        .iter()
        .map(|(side, costs)| {
            let parts = parts(costs)
                .iter()
                .map(|(label, _, v)| format!("{} {}", label.get(lang), format::money(*v)))
                .collect::<Vec<_>>();
            format!("{}: {} ({})", letter(side), format::money(costs.total), parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");

    html! {
        <figure class="card chart" data-testid="cost-breakdown">
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ T::CostBreakdown.get(lang) }</h3>
                <p class="chart__desc">{ T::CostBreakdownDesc.get(lang) }</p>
            </figcaption>
            { ChartSvg::new(&frame, T::CostBreakdown.get(lang), summary).draw(html! {
                <>
                    { legend(&frame, &entries) }
                    { x_axis(ticks.values(), &x, &plot, frame.x_labels_y(), &tick_labels(&ticks, lang), true) }
                    { for schemes.iter().enumerate().map(|(row, (side, costs))| bar(row, side, costs)) }
                </>
            }) }
        </figure>
    }
}
