//! The tornado chart of a sensitivity analysis: for each assumption, the B − A margin difference
//! with the assumption at the low and at the high end of its range, drawn as bars from the base
//! difference. The zero line is where the decision flips; a bar crossing it is marked.

use yew::prelude::*;

use super::draw::{axis_titles, legend, legend_labels, tick_labels, x_axis, ChartSvg, LegendEntry, Mark, XTitle};
use super::frame::palette::{HIGH_END, LOW_END};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};

#[derive(Clone, Debug, PartialEq)]
pub struct TornadoRow {
    /// Stable key for test ids (the assumption's key).
    pub key: String,
    pub label: String,
    /// The assumption's low and high value, in words.
    pub low_value: String,
    pub high_value: String,
    pub at_low: f64,
    pub at_high: f64,
    pub flips: bool,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rows: Vec<TornadoRow>,
    /// Challenger minus reference with every assumption at its scenario value.
    pub base: f64,
    /// The letters of the challenger and of the reference.
    #[prop_or(['B', 'A'])]
    pub letters: [char; 2],
    pub lang: Lang,
}

const WIDTH: f64 = 720.0;
const ROW: f64 = 38.0;
const BAR: f64 = 12.0;

#[function_component(TornadoChart)]
pub fn tornado_chart(props: &Props) -> Html {
    let lang = props.lang;
    let entries = vec![
        LegendEntry::new(T::SimAtLow.get(lang), LOW_END, Mark::Fill),
        LegendEntry::new(T::SimAtHigh.get(lang), HIGH_END, Mark::Fill),
    ];
    let frame =
        Frame::new(WIDTH, Margins::NAMED_ROWS, props.rows.len() as f64 * ROW).with_legend(legend_labels(&entries));
    let plot = frame.plot();
    let values = props.rows.iter().flat_map(|r| [r.at_low, r.at_high]).chain([props.base]);
    let ticks = Ticks::covering(Extent::from_zero(values), 5);
    let x = LinearScale::over(&ticks, (plot.left, plot.right));
    let band = BandScale::new((plot.top, plot.bottom), props.rows.len());
    let base_x = x.at(props.base);
    let zero_x = x.at(0.0);
    let money = |v: f64| format::signed(v, |m| format::fixed(m, 0));
    let difference = format!("{} − {}", props.letters[0], props.letters[1]);
    let bar = |from: f64, to: f64, y: f64, colour: &'static str, title: String| {
        let (a, b) = (x.at(from), x.at(to));
        html! {
            <rect x={a.min(b).to_string()} y={y.to_string()} width={(a - b).abs().max(1.0).to_string()} height={BAR.to_string()}
                fill={colour} rx="2"><title>{ title }</title></rect>
        }
    };
    let rows = props.rows.iter().enumerate().map(|(i, r)| {
        let y = band.start(i);
        let low_title = format!("{} = {}: {difference} {}", r.label, r.low_value, money(r.at_low));
        let high_title = format!("{} = {}: {difference} {}", r.label, r.high_value, money(r.at_high));
        let right_end = x.at(r.at_low).max(x.at(r.at_high)).max(base_x);
        html! {
            <g class={classes!("tornado__row", r.flips.then_some("tornado__row--flips"))} data-testid={format!("tornado-row-{}", r.key)}
                data-low={format::raw(r.at_low)} data-high={format::raw(r.at_high)} data-flips={r.flips.to_string()}>
                <text x={(plot.left - 10.0).to_string()} y={(y + 9.0).to_string()} text-anchor="end" class="chart-label">
                    { r.label.clone() }
                </text>
                <text x={(plot.left - 10.0).to_string()} y={(y + 24.0).to_string()} text-anchor="end" class="chart-axis">
                    { format!("{} … {}", r.low_value, r.high_value) }
                </text>
                { bar(props.base, r.at_low, y + 2.0, LOW_END, low_title) }
                { bar(props.base, r.at_high, y + 15.0, HIGH_END, high_title) }
                if r.flips {
                    <text x={(right_end + 6.0).to_string()} y={(y + 14.0).to_string()} class="chart-label tornado__flag"
                        dominant-baseline="central">{ T::SimFlips.get(lang) }</text>
                }
            </g>
        }
    });
    let summary = std::iter::once(format!("{difference} {}", money(props.base)))
        .chain(props.rows.iter().map(|r| {
            let flips = if r.flips { format!(" ({})", T::SimFlips.get(lang)) } else { String::new() };
            format!("{}: {} … {}{flips}", r.label, money(r.at_low), money(r.at_high))
        }))
        .collect::<Vec<_>>()
        .join("; ");
    let line_top = (plot.top - 8.0).to_string();
    ChartSvg::new(&frame, i18n::tornado_title(props.letters, lang), summary)
        .class("tornado")
        .testid("tornado")
        .data("data-base", format::raw(props.base))
        .data("data-rows", props.rows.len())
        .draw(html! {
            <>
                { legend(&frame, &entries) }
                { x_axis(ticks.values(), &x, &plot, plot.bottom + 14.0, &tick_labels(&ticks, lang), true) }
                <line class="tornado__zero" x1={zero_x.to_string()} x2={zero_x.to_string()} y1={line_top.clone()} y2={plot.bottom.to_string()} />
                <line class="tornado__base" x1={base_x.to_string()} x2={base_x.to_string()} y1={line_top} y2={plot.bottom.to_string()} />
                { for rows }
                { axis_titles(&frame, "", &i18n::tornado_axis(props.letters, lang), XTitle::Middle) }
            </>
        })
}
