//! What each term adds to one customer's score: horizontal bars from a zero line, to the right for
//! terms that raise the score and to the left for terms that lower it.

use yew::prelude::*;

use super::draw::{axis_line, ChartSvg};
use super::frame::palette::{NEGATIVE, POSITIVE};
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Term label (a feature key or a model term) and what it adds.
    pub contributions: Vec<(String, f64)>,
    pub lang: Lang,
}

const WIDTH: f64 = 560.0;
/// Room left of the bars for the values of terms that lower the score.
const NEGATIVE_VALUES: f64 = 70.0;
const ROW: f64 = 26.0;
const BAR: f64 = 16.0;

#[function_component(ContributionChart)]
pub fn contribution_chart(props: &Props) -> Html {
    let lang = props.lang;
    let terms = &props.contributions;
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let signed = |v: f64| format::signed(v, |x| format::fixed(x, 2));
    let frame = Frame::new(WIDTH, Margins::NAMED_ROWS.without_x_axis(), terms.len() as f64 * ROW);
    let plot = frame.plot();
    let extent = Extent::from_zero(terms.iter().map(|(_, v)| finite(*v)));
    let left = plot.left + if extent.min < 0.0 { NEGATIVE_VALUES } else { 0.0 };
    let x = LinearScale::new((extent.min, extent.max), (left, plot.right));
    let zero = x.at(0.0);
    let rows = BandScale::new((plot.top, plot.bottom), terms.len());
    let names: Vec<String> = terms.iter().map(|(label, _)| i18n::contribution_label(label, lang)).collect();
    let summary =
        names.iter().zip(terms).map(|(name, (_, v))| format!("{name} {}", signed(finite(*v)))).collect::<Vec<_>>();
    ChartSvg::new(&frame, T::Contributions.get(lang), summary.join("; ")).testid("contributions").draw(html! {
        <>
            { axis_line((zero, plot.top - 4.0), (zero, plot.bottom + 4.0)) }
            { for terms.iter().enumerate().map(|(i, (label, value))| {
                let v = finite(*value);
                let (y, _) = rows.bar(i, BAR / ROW);
                let middle = rows.center(i);
                let w = x.between(0.0, v);
                let (bar_x, colour, anchor, text_x) =
                    if v >= 0.0 { (zero, POSITIVE, "start", zero + w + 6.0) } else { (zero - w, NEGATIVE, "end", zero - w - 6.0) };
                let name = &names[i];
                html! {
                    <g data-testid={format!("contribution-{i}")} data-value={format::raw(*value)} data-label={label.clone()}>
                        <title>{ format!("{name}: {}", signed(v)) }</title>
                        <text x={(plot.left - 10.0).to_string()} y={middle.to_string()} text-anchor="end"
                            dominant-baseline="central" class="chart-tier-name">{ name.clone() }</text>
                        <rect x={bar_x.to_string()} y={y.to_string()} width={w.max(if v != 0.0 { 1.0 } else { 0.0 }).to_string()}
                            height={BAR.to_string()} rx="2" fill={colour} />
                        <text x={text_x.to_string()} y={middle.to_string()} text-anchor={anchor}
                            dominant-baseline="central" class="chart-label">{ signed(v) }</text>
                    </g>
                }
            }) }
        </>
    })
}
