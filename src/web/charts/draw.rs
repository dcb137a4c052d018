//! The chart frame drawn as SVG: the chart's `<svg>` (announced as one image with a name and a
//! summary), value axes with gridlines, labels under bands, axis titles, axis lines and the legend.
//! Every chart draws its frame with these; the geometry comes from `frame`, the colours from
//! `frame::palette` (the chrome's through CSS variables set on each chart, so the stylesheet holds
//! sizes and weights only).

use yew::prelude::*;
use yew::virtual_dom::VTag;

use super::frame::palette::{self, Colour};
use super::frame::{text_width, BandScale, Frame, LinearScale, NumberWords, Rect, Ticks, AXIS_FONT};
use crate::ui::format;
use crate::ui::i18n::Lang;

/// The palette's chrome colours as the CSS variables the chart rules in the stylesheet read.
pub fn chrome_style() -> String {
    [
        ("--chart-text", palette::TEXT),
        ("--chart-text-2", palette::TEXT_SECONDARY),
        ("--chart-muted", palette::TEXT_MUTED),
        ("--chart-grid", palette::GRID),
        ("--chart-axis", palette::AXIS),
        ("--chart-reference", palette::REFERENCE),
        ("--chart-negative", palette::NEGATIVE),
        ("--chart-no-data", palette::NO_DATA),
    ]
    .iter()
    .map(|(name, colour)| format!("{name}:{colour}"))
    .collect::<Vec<_>>()
    .join(";")
}

/// A chart's `<svg>`: sized by its frame, announced to screen readers as one image named by its
/// title and a summary of what it shows (the drawing inside is hidden from them), with the data
/// attributes tests read.
pub struct ChartSvg {
    tag: VTag,
    title: String,
    summary: String,
}

impl ChartSvg {
    pub fn new(frame: &Frame, title: impl Into<String>, summary: impl Into<String>) -> ChartSvg {
        let mut tag = VTag::new("svg");
        tag.add_attribute("viewBox", frame.view_box());
        tag.add_attribute("class", "chart__svg");
        tag.add_attribute("role", "img");
        tag.add_attribute("style", chrome_style());
        ChartSvg { tag, title: title.into(), summary: summary.into() }
    }

    pub fn testid(mut self, id: impl Into<AttrValue>) -> ChartSvg {
        self.tag.add_attribute("data-testid", id.into());
        self
    }

    /// A `data-*` attribute (`name` includes the `data-` prefix).
    pub fn data(mut self, name: &'static str, value: impl ToString) -> ChartSvg {
        self.tag.add_attribute(name, value.to_string());
        self
    }

    /// An extra class besides `chart__svg`.
    pub fn class(mut self, class: &'static str) -> ChartSvg {
        self.tag.add_attribute("class", format!("chart__svg {class}"));
        self
    }

    pub fn draw(mut self, body: Html) -> Html {
        let label =
            if self.summary.is_empty() { self.title.clone() } else { format!("{} — {}", self.title, self.summary) };
        self.tag.add_attribute("aria-label", label);
        self.tag.add_child(html! { <title>{ self.title.clone() }</title> });
        if !self.summary.is_empty() {
            self.tag.add_child(html! { <desc>{ self.summary.clone() }</desc> });
        }
        self.tag.add_child(body);
        self.tag.into()
    }
}

/// A value written short for labels inside bars, in the unit of its size: `950`, `167.6k`,
/// `3.2M`; in Chinese `16.8万`, `3.2亿`.
pub fn short_number(value: f64, lang: Lang) -> String {
    let (divisor, suffix) = number_words(lang).unit_for(value);
    format!("{}{suffix}", without_trailing_zeros(format::fixed(value / divisor, if divisor > 1.0 { 1 } else { 0 })))
}

/// "1.50" -> "1.5", "2.0" -> "2" (labels of one axis share a unit, not a number of decimals).
fn without_trailing_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

pub fn number_words(lang: Lang) -> NumberWords {
    match lang {
        Lang::En => NumberWords::Western,
        Lang::Zh => NumberWords::Chinese,
    }
}

/// Tick labels in the one unit the whole axis shares: `2.5k 5k 7.5k 10k`, in Chinese `0.25万 … 1万`.
pub fn tick_labels(ticks: &Ticks, lang: Lang) -> impl Fn(f64) -> String {
    let unit = ticks.unit(number_words(lang));
    move |value| {
        let text = without_trailing_zeros(format::fixed(value / unit.divisor, unit.decimals));
        if text == "0" {
            text
        } else {
            format!("{text}{}", unit.suffix)
        }
    }
}

/// Horizontal gridlines at `ticks` with their values left of the plot.
pub fn y_axis(ticks: &[f64], y: &LinearScale, plot: &Rect, label: &dyn Fn(f64) -> String) -> Html {
    html! {
        <g class="chart-gridlines">
            { for ticks.iter().map(|&t| {
                let at = y.at(t).to_string();
                html! {
                    <g>
                        <line x1={plot.left.to_string()} x2={plot.right.to_string()} y1={at.clone()} y2={at.clone()} />
                        <text x={(plot.left - 6.0).to_string()} y={at} text-anchor="end" dominant-baseline="central"
                            class="chart-axis">{ label(t) }</text>
                    </g>
                }
            }) }
        </g>
    }
}

/// Tick values under the plot at `label_y`, with vertical gridlines across it when `grid`.
pub fn x_axis(
    ticks: &[f64],
    x: &LinearScale,
    plot: &Rect,
    label_y: f64,
    label: &dyn Fn(f64) -> String,
    grid: bool,
) -> Html {
    html! {
        <g class="chart-gridlines">
            { for ticks.iter().map(|&t| {
                let at = x.at(t).to_string();
                html! {
                    <g>
                        if grid {
                            <line x1={at.clone()} x2={at.clone()} y1={plot.top.to_string()} y2={plot.bottom.to_string()} />
                        }
                        <text x={at} y={label_y.to_string()} text-anchor="middle" class="chart-axis">{ label(t) }</text>
                    </g>
                }
            }) }
        </g>
    }
}

/// Labels written at given places under the plot (months on a numeric time axis, named ticks).
pub fn x_labels(labels: &[(f64, String)], x: &LinearScale, y: f64) -> Html {
    html! {
        <g class="chart-axis">
            { for labels.iter().map(|(at, label)| html! {
                <text x={x.at(*at).to_string()} y={y.to_string()} text-anchor="middle">{ label.clone() }</text>
            }) }
        </g>
    }
}

/// Labels under the slots of `band` at `y`, every n-th one when all would overlap.
pub fn band_labels(band: &BandScale, labels: &[String], y: f64) -> Html {
    let widest = labels.iter().map(|l| text_width(l, AXIS_FONT)).fold(0.0, f64::max);
    let every = band.label_every(widest + 10.0);
    html! {
        <g class="chart-axis">
            { for labels.iter().enumerate().filter(|(i, _)| i % every == 0).map(|(i, label)| html! {
                <text x={band.center(i).to_string()} y={y.to_string()} text-anchor="middle">{ label.clone() }</text>
            }) }
        </g>
    }
}

/// Where the title under the x axis sits: under the plot's middle, or ending at its right edge.
#[derive(Clone, Copy, PartialEq)]
pub enum XTitle {
    Middle,
    End,
}

/// The y title rotated in the left margin and the x title under the axis; an empty title is left out.
pub fn axis_titles(frame: &Frame, y_title: &str, x_title: &str, place: XTitle) -> Html {
    let plot = frame.plot();
    let (tx, ty) = frame.y_title_at();
    let (x, anchor) = match place {
        XTitle::Middle => (plot.middle_x(), "middle"),
        XTitle::End => (plot.right, "end"),
    };
    html! {
        <g class="chart-axis-title">
            if !y_title.is_empty() {
                <text transform={format!("translate({tx},{ty}) rotate(-90)")} text-anchor="middle">{ y_title.to_string() }</text>
            }
            if !x_title.is_empty() {
                <text x={x.to_string()} y={frame.x_title_y().to_string()} text-anchor={anchor}>{ x_title.to_string() }</text>
            }
        </g>
    }
}

/// An axis (or zero) line from one point to another.
pub fn axis_line(from: (f64, f64), to: (f64, f64)) -> Html {
    html! {
        <line class="chart-axis-line" x1={from.0.to_string()} y1={from.1.to_string()} x2={to.0.to_string()} y2={to.1.to_string()} />
    }
}

/// How a legend entry's swatch looks, matching how its series is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    /// A filled square (bars, areas).
    Fill,
    /// A lighter fill with an outline (the second of two bars in one colour).
    Faded,
    /// A line, dashed or solid.
    Line { dashed: bool },
    /// A filled dot.
    Dot,
    /// A hollow dot.
    Hollow,
    /// A ring around a dot.
    Ring,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub label: String,
    pub colour: Colour,
    pub mark: Mark,
}

impl LegendEntry {
    pub fn new(label: impl Into<String>, colour: Colour, mark: Mark) -> LegendEntry {
        LegendEntry { label: label.into(), colour, mark }
    }
}

fn swatch(colour: Colour, mark: Mark) -> Html {
    match mark {
        Mark::Fill => html! { <rect x="0" y="0" width="12" height="12" rx="2" fill={colour} /> },
        Mark::Faded => html! {
            <rect x="0.6" y="0.6" width="10.8" height="10.8" rx="2" fill={colour} fill-opacity="0.45" stroke={colour} stroke-width="1.2" />
        },
        Mark::Line { dashed } => html! {
            <line x1="0" x2="12" y1="6" y2="6" stroke={colour} stroke-width="2.5"
                stroke-dasharray={if dashed { "4 2" } else { "none" }} />
        },
        Mark::Dot => html! { <circle cx="6" cy="6" r="4.5" fill={colour} /> },
        Mark::Hollow => {
            html! { <circle cx="6" cy="6" r="4.5" fill={palette::BACKGROUND} stroke={colour} stroke-width="1.5" /> }
        }
        Mark::Ring => html! { <circle cx="6" cy="6" r="5" fill="none" stroke={colour} stroke-width="2" /> },
    }
}

/// The legend where the frame reserved room for it (`Frame::with_legend` with the same labels).
pub fn legend(frame: &Frame, entries: &[LegendEntry]) -> Html {
    let (left, top) = frame.legend_origin();
    html! {
        <g class="chart-legend" transform={format!("translate({left},{top})")}>
            { for entries.iter().zip(frame.legend()).map(|(entry, slot)| html! {
                <g transform={format!("translate({},{})", slot.x, slot.y)}>
                    { swatch(entry.colour, entry.mark) }
                    <text x="18" y="6" dominant-baseline="central">{ entry.label.clone() }</text>
                </g>
            }) }
        </g>
    }
}

/// One filled entry per tier, lowest first, in the tiers' colours.
pub fn tier_entries(names: &[String]) -> Vec<LegendEntry> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| LegendEntry::new(name.clone(), palette::tier_colour(i), Mark::Fill))
        .collect()
}

/// The labels of legend entries, for `Frame::with_legend`.
pub fn legend_labels(entries: &[LegendEntry]) -> impl Iterator<Item = &str> {
    entries.iter().map(|e| e.label.as_str())
}
