//! Permutation importance: how much the model's test score drops when one feature is shuffled, one
//! bar per feature (largest first) with a whisker of ± one standard deviation over the shuffles.

use yew::prelude::*;

use super::draw::{axis_line, axis_titles, tick_labels, x_axis, ChartSvg, XTitle};
use super::frame::palette::SERIES_MAIN;
use super::frame::{BandScale, Extent, Frame, LinearScale, Margins, Ticks};
use crate::ui::format;
use crate::ui::i18n::Lang;

#[derive(Clone, Debug, PartialEq)]
pub struct Importance {
    pub label: String,
    /// The feature key, for tests.
    pub key: String,
    pub mean: f64,
    pub sd: f64,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub items: Vec<Importance>,
    pub value_title: AttrValue,
    pub testid: AttrValue,
    /// How the axis writes large numbers.
    #[prop_or(Lang::En)]
    pub lang: Lang,
}

const WIDTH: f64 = 640.0;
const ROW: f64 = 26.0;
const BAR: f64 = 15.0;

#[function_component(ImportanceBars)]
pub fn importance_bars(props: &Props) -> Html {
    let rows = props.items.len().max(1);
    let frame = Frame::new(WIDTH, Margins::NAMED_ROWS, rows as f64 * ROW);
    let plot = frame.plot();
    let ends = props.items.iter().flat_map(|i| [i.mean - i.sd, i.mean + i.sd]);
    let ticks = Ticks::covering(Extent::from_zero(ends), 4);
    let x = LinearScale::over(&ticks, (plot.left, plot.right));
    let band = BandScale::new((plot.top, plot.bottom), rows);
    let zero = x.at(0.0);
    let summary =
        props.items.iter().map(|i| format!("{} {}", i.label, format::fixed(i.mean, 3))).collect::<Vec<_>>().join("; ");
    ChartSvg::new(&frame, props.value_title.to_string(), summary).testid(props.testid.clone()).draw(html! {
        <>
            { x_axis(ticks.values(), &x, &plot, frame.x_labels_y(), &tick_labels(&ticks, props.lang), true) }
            { for props.items.iter().enumerate().map(|(i, item)| {
                let (y, _) = band.bar(i, BAR / ROW);
                let middle = band.center(i);
                let end = x.at(item.mean);
                let (left, width) = if end >= zero { (zero, end - zero) } else { (end, zero - end) };
                let (w0, w1) = (x.at(item.mean - item.sd), x.at(item.mean + item.sd));
                html! {
                    <g data-testid={format!("{}-{i}", props.testid)} data-value={format::raw(item.mean)} data-feature={item.key.clone()}>
                        <title>{ format!("{}: {} ± {}", item.label, format::fixed(item.mean, 3), format::fixed(item.sd, 3)) }</title>
                        <text x={(plot.left - 10.0).to_string()} y={middle.to_string()} text-anchor="end"
                            dominant-baseline="central" class="chart-tier-name">{ item.label.clone() }</text>
                        // A feature whose shuffling does not hurt the model is drawn faint.
                        <rect x={left.to_string()} y={y.to_string()} width={width.max(1.0).to_string()} height={BAR.to_string()}
                            rx="2" fill={SERIES_MAIN} fill-opacity={if item.mean > 0.0 { "1" } else { "0.35" }} />
                        <line class="chart-whisker" x1={w0.to_string()} x2={w1.to_string()} y1={middle.to_string()} y2={middle.to_string()} />
                        <text x={(x.at(item.mean.max(0.0) + item.sd) + 6.0).to_string()} y={middle.to_string()}
                            dominant-baseline="central" class="chart-label">{ format::fixed(item.mean, 3) }</text>
                    </g>
                }
            }) }
            { axis_line((zero, plot.top), (zero, plot.bottom)) }
            { axis_titles(&frame, "", &props.value_title, XTitle::Middle) }
        </>
    })
}
