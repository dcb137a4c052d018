//! What each term adds to one customer's score: horizontal bars from a zero line, to the right for
//! terms that raise the score and to the left for terms that lower it.

use yew::prelude::*;

use crate::web::format;
use crate::web::i18n::{self, Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Term label (a feature key or a model term) and what it adds.
    pub contributions: Vec<(String, f64)>,
    pub lang: Lang,
}

const WIDTH: f64 = 560.0;
const LABEL: f64 = 190.0;
const VALUE: f64 = 78.0;
const ROW: f64 = 26.0;
const BAR: f64 = 16.0;

pub const POSITIVE: &str = "#2563eb";
pub const NEGATIVE: &str = "#dc2626";

#[function_component(ContributionChart)]
pub fn contribution_chart(props: &Props) -> Html {
    let lang = props.lang;
    let terms = &props.contributions;
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let max_positive = terms.iter().map(|(_, v)| finite(*v)).fold(0.0, f64::max);
    let max_negative = terms.iter().map(|(_, v)| -finite(*v)).fold(0.0, f64::max);
    let span = (max_positive + max_negative).max(f64::MIN_POSITIVE);
    let plot = WIDTH - LABEL - VALUE * if max_negative > 0.0 { 2.0 } else { 1.0 };
    let zero = LABEL + if max_negative > 0.0 { VALUE } else { 0.0 } + max_negative / span * plot;
    let height = 6.0 + terms.len() as f64 * ROW + 4.0;
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="chart__svg" role="img" data-testid="contributions"
            aria-label={T::Contributions.get(lang)}>
            <title>{ T::Contributions.get(lang) }</title>
            <line class="chart-axis-line" x1={zero.to_string()} x2={zero.to_string()} y1="2" y2={(height - 2.0).to_string()} />
            { for terms.iter().enumerate().map(|(i, (label, value))| {
                let v = finite(*value);
                let y = 6.0 + i as f64 * ROW;
                let w = v.abs() / span * plot;
                let (x, colour, anchor, text_x) = if v >= 0.0 {
                    (zero, POSITIVE, "start", zero + w + 6.0)
                } else {
                    (zero - w, NEGATIVE, "end", zero - w - 6.0)
                };
                let name = i18n::contribution_label(label, lang);
                html! {
                    <g data-testid={format!("contribution-{i}")} data-value={format::raw(*value)} data-label={label.clone()}>
                        <title>{ format!("{name}: {}", format::signed(v, |x| format::fixed(x, 2))) }</title>
                        <text x={(LABEL - 10.0).to_string()} y={(y + BAR / 2.0).to_string()} text-anchor="end"
                            dominant-baseline="central" class="chart-tier-name">{ name.clone() }</text>
                        <rect x={x.to_string()} y={y.to_string()} width={w.max(if v != 0.0 { 1.0 } else { 0.0 }).to_string()}
                            height={BAR.to_string()} rx="2" fill={colour} />
                        <text x={text_x.to_string()} y={(y + BAR / 2.0).to_string()} text-anchor={anchor}
                            dominant-baseline="central" class="chart-label">{ format::signed(v, |x| format::fixed(x, 2)) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}
