//! Customers per tier, A against B: horizontal grouped bars (one row per tier position), so any
//! number of tiers and long tier names stay readable down to a narrow iframe.

use std::rc::Rc;

use yew::prelude::*;

use super::draw::{
    axis_line, axis_titles, legend, legend_labels, tick_labels, x_axis, ChartSvg, LegendEntry, Mark, XTitle,
};
use super::frame::palette::{tier_colour, SERIES_MUTED};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::engine::compare::Comparison;
use crate::engine::pricing::TierOutcome;
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
const BAR: f64 = 15.0;
const BAR_GAP: f64 = 3.0;
const ROW_GAP: f64 = 16.0;
/// One tier: A's bar, B's bar and the gap to the next tier.
const ROW: f64 = 2.0 * BAR + BAR_GAP + ROW_GAP;

#[function_component(TierDistributionChart)]
pub fn tier_distribution_chart(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let [left, right] = props.letters;
    let rows = c.a.tiers.len().max(c.b.tiers.len());
    let entries = vec![
        LegendEntry::new(legend_name(left, &c.a.name), SERIES_MUTED, Mark::Fill),
        LegendEntry::new(legend_name(right, &c.b.name), SERIES_MUTED, Mark::Faded),
    ];
    let frame = Frame::new(WIDTH, Margins::TIER_ROWS, rows as f64 * ROW).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    let counts = c.a.tiers.iter().chain(c.b.tiers.iter()).map(|t| t.customers as f64);
    let ticks = Ticks::counting(Extent::from_zero(counts), 4);
    let x = LinearScale::over(&ticks, (plot.left, plot.right));
    let band = BandScale::new((plot.top, plot.bottom), rows);

    // Test ids keep the sides' names (a, b); the labels show the schemes' letters.
    let letter = |side: &str| if side == "a" { left } else { right };
    let bar = |side: &'static str, i: usize, tier: Option<&TierOutcome>, y: f64| -> Html {
        let Some(tier) = tier else {
            return html! {};
        };
        let w = x.between(0.0, tier.customers as f64).max(if tier.customers > 0 { 1.5 } else { 0.0 });
        let colour = tier_colour(i);
        let label = format!("{} · {}", format::count(tier.customers), format::share(tier.share));
        html! {
            <g data-testid={format!("tier-count-{side}-{i}")} data-value={tier.customers.to_string()}>
                <title>{ format!("{} {} — {}: {label}", letter(side), tier.name, T::Customers.get(lang)) }</title>
                <rect x={plot.left.to_string()} y={y.to_string()} width={w.to_string()} height={BAR.to_string()} rx="2"
                    fill={colour} fill-opacity={if side == "a" { "1" } else { "0.45" }}
                    stroke={colour} stroke-width="1.2" />
                <text x={(plot.left + w + 6.0).to_string()} y={(y + BAR / 2.0).to_string()} class="chart-label" dominant-baseline="central">
                    <tspan class="chart-label__side">{ format!("{} ", letter(side)) }</tspan>
                    { label }
                </text>
            </g>
        }
    };
    let side_summary = |letter: &str, tiers: &[TierOutcome]| {
        let parts: Vec<String> = tiers
            .iter()
            .map(|t| format!("{} {} ({})", t.name, format::count(t.customers), format::share(t.share)))
            .collect();
        format!("{letter}: {}", parts.join(", "))
    };
    let summary =
        format!("{}; {}", side_summary(&left.to_string(), &c.a.tiers), side_summary(&right.to_string(), &c.b.tiers));

    html! {
        <figure class="card chart" data-testid="tier-distribution">
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ T::TierDistribution.get(lang) }</h3>
                <p class="chart__desc">{ i18n::tier_distribution_desc(props.letters, lang) }</p>
            </figcaption>
            { ChartSvg::new(&frame, T::TierDistribution.get(lang), summary).draw(html! {
                <>
                    { legend(&frame, &entries) }
                    { x_axis(ticks.values(), &x, &plot, frame.x_labels_y(), &tick_labels(&ticks, lang), true) }
                    { for (0..rows).map(|i| {
                        let y = band.start(i) + ROW_GAP / 2.0;
                        let a = c.a.tiers.get(i);
                        let b = c.b.tiers.get(i);
                        let same_name = match (a, b) {
                            (Some(a), Some(b)) => a.name == b.name,
                            _ => false,
                        };
                        let name_label = |text: String, y: f64| html! {
                            <text x={(plot.left - 8.0).to_string()} y={y.to_string()} text-anchor="end" dominant-baseline="central"
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
                    { axis_line((plot.left, plot.top), (plot.left, plot.bottom)) }
                    { axis_titles(&frame, "", T::Customers.get(lang), XTitle::Middle) }
                </>
            }) }
        </figure>
    }
}

/// "A · Current scheme" (the name shortened), or just "A" when the scenario is still called "A".
fn legend_name(letter: char, name: &str) -> String {
    format::scheme_label(letter, &truncate(name, 22))
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
