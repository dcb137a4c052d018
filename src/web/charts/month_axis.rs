//! The time axis shared by the month-by-month charts: one slot per month, labels thinned out so
//! they never overlap, and the horizontal value grid.

use yew::prelude::*;

use crate::web::format;

/// Months laid out left to right in `width` starting at `left`.
#[derive(Clone, Copy, Debug)]
pub struct MonthScale {
    pub left: f64,
    pub width: f64,
    pub count: usize,
}

/// A `YYYY-MM` label takes about this many pixels at the axis font size.
const LABEL_WIDTH: f64 = 52.0;

impl MonthScale {
    pub fn slot(&self) -> f64 {
        self.width / self.count.max(1) as f64
    }

    /// Left edge of a bar in month `m` (bars take 76 % of their slot).
    pub fn bar_x(&self, m: usize) -> f64 {
        self.left + m as f64 * self.slot() + self.slot() * 0.12
    }

    pub fn bar_width(&self) -> f64 {
        (self.slot() * 0.76).max(1.0)
    }

    pub fn center(&self, m: usize) -> f64 {
        self.left + (m as f64 + 0.5) * self.slot()
    }

    /// Every n-th month gets a label; the last month always does when there is room.
    fn label_step(&self) -> usize {
        ((LABEL_WIDTH / self.slot()).ceil() as usize).max(1)
    }

    /// Month labels under the plot at `y`.
    pub fn labels(&self, labels: &[String], y: f64) -> Html {
        let step = self.label_step();
        html! {
            <g class="chart-axis">
                { for labels.iter().enumerate().filter(|(m, _)| m % step == 0).map(|(m, label)| html! {
                    <text x={self.center(m).to_string()} y={y.to_string()} text-anchor="middle">{ label.clone() }</text>
                }) }
            </g>
        }
    }
}

/// Horizontal grid lines with their values at the left of the plot. Values below zero are labelled
/// by their size: in the flow charts they are amounts going out, drawn downwards.
pub fn value_grid(ticks: &[f64], y: impl Fn(f64) -> f64, left: f64, right: f64) -> Html {
    html! {
        <g class="chart-grid">
            { for ticks.iter().map(|t| html! {
                <g>
                    <line x1={left.to_string()} x2={right.to_string()} y1={y(*t).to_string()} y2={y(*t).to_string()} />
                    <text x={(left - 6.0).to_string()} y={y(*t).to_string()} text-anchor="end" dominant-baseline="central"
                        class="chart-axis">{ format::compact(t.abs()) }</text>
                </g>
            }) }
        </g>
    }
}

/// A rotated axis title at the left edge and a title under the time axis.
pub fn axis_titles(y_title: &str, x_title: &str, plot_top: f64, plot_bottom: f64, right: f64, x_title_y: f64) -> Html {
    let middle = (plot_top + plot_bottom) / 2.0;
    html! {
        <g class="chart-axis-title">
            <text transform={format!("translate(11,{middle}) rotate(-90)")} text-anchor="middle">{ y_title.to_string() }</text>
            <text x={right.to_string()} y={x_title_y.to_string()} text-anchor="end">{ x_title.to_string() }</text>
        </g>
    }
}

/// Legend entries in a row (wrapping to a second row when they do not fit).
pub fn legend(items: &[(String, &str)], left: f64, top: f64, width: f64) -> Html {
    let mut x = 0.0;
    let mut row = 0.0;
    let placed: Vec<(f64, f64, &String, &str)> = items
        .iter()
        .map(|(text, colour)| {
            // CJK glyphs are about twice as wide as Latin ones at the same size.
            let text_width: f64 = text.chars().map(|c| if c.is_ascii() { 6.6 } else { 12.0 }).sum();
            let item_width = 18.0 + text_width + 16.0;
            if x > 0.0 && x + item_width > width {
                x = 0.0;
                row += 18.0;
            }
            let at = (x, row, text, *colour);
            x += item_width;
            at
        })
        .collect();
    html! {
        <g class="chart-legend" transform={format!("translate({left},{top})")}>
            { for placed.into_iter().map(|(x, y, text, colour)| html! {
                <g transform={format!("translate({x},{y})")}>
                    <rect x="0" y="0" width="12" height="12" rx="2" fill={colour.to_string()} />
                    <text x="18" y="6" dominant-baseline="central">{ text.clone() }</text>
                </g>
            }) }
        </g>
    }
}

/// Height the legend takes (rows of 18 px), computed the same way as `legend` places items.
pub fn legend_height(items: &[(String, &str)], width: f64) -> f64 {
    let mut x = 0.0;
    let mut rows = 1.0;
    for (text, _) in items {
        let text_width: f64 = text.chars().map(|c| if c.is_ascii() { 6.6 } else { 12.0 }).sum();
        let item_width = 18.0 + text_width + 16.0;
        if x > 0.0 && x + item_width > width {
            x = 0.0;
            rows += 1.0;
        }
        x += item_width;
    }
    rows * 18.0
}
