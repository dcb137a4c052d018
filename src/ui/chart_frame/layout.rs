//! Where things go in a chart's drawing: the margins around the plot (named presets, one per kind of
//! chart), the legend's rows above it, and the estimated width of text, so labels are placed
//! without measuring (charts are drawn as markup, with no text metrics at hand).

/// Space around the plot for axes, names and labels, in drawing units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

impl Margins {
    /// A value axis at the left (tick labels and a rotated title) and a category or time axis
    /// below with its title: line, band, column and scatter charts.
    pub const AXES: Margins = Margins { top: 8.0, right: 16.0, bottom: 44.0, left: 60.0 };
    /// Horizontal bars with a column of names at the left, values written after the bars and a
    /// value axis with its title below (importance, sensitivity, score contributions).
    pub const NAMED_ROWS: Margins = Margins { top: 6.0, right: 70.0, bottom: 44.0, left: 210.0 };
    /// Tiers as rows: tier names at the left, "count · share ≥ bound" after the bars.
    pub const TIER_ROWS: Margins = Margins { top: 8.0, right: 150.0, bottom: 40.0, left: 132.0 };
    /// One bar per scheme: its letter at the left and its total after the bar.
    pub const SCHEME_ROWS: Margins = Margins { top: 8.0, right: 104.0, bottom: 26.0, left: 40.0 };

    /// The same with no axis under the plot (values written at each bar are the only scale).
    pub const fn without_x_axis(self) -> Margins {
        Margins { bottom: 6.0, ..self }
    }
}

/// A rectangle in drawing units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }

    pub fn middle_x(&self) -> f64 {
        (self.left + self.right) / 2.0
    }

    pub fn middle_y(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// Font sizes the estimates below are for (the stylesheet's chart text sizes).
pub const AXIS_FONT: f64 = 11.0;
pub const LEGEND_FONT: f64 = 12.0;

/// Estimated width of `text` at `font_size`: Latin letters and digits take about 0.55 em, CJK
/// characters (and other wide glyphs) a full em.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum::<f64>() * font_size
}

/// Where one legend entry's swatch starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LegendSlot {
    pub x: f64,
    pub y: f64,
}

/// A legend entry: 12-unit swatch, 6 to the text, the text, 16 to the next entry.
const SWATCH_AND_GAP: f64 = 18.0;
const ENTRY_GAP: f64 = 16.0;
const LEGEND_ROW: f64 = 18.0;
/// Between the legend's last row and the plot.
const LEGEND_GAP: f64 = 10.0;

/// Puts legend entries in rows from `left`, starting a new row when the next entry would pass
/// `width`; returns each entry's place (relative to the legend's corner) and the rows' height.
pub fn legend_rows<'a>(labels: impl IntoIterator<Item = &'a str>, width: f64) -> (Vec<LegendSlot>, f64) {
    let (mut x, mut y) = (0.0, 0.0);
    let mut slots = Vec::new();
    for label in labels {
        let entry = SWATCH_AND_GAP + text_width(label, LEGEND_FONT) + ENTRY_GAP;
        if x > 0.0 && x + entry > width {
            x = 0.0;
            y += LEGEND_ROW;
        }
        slots.push(LegendSlot { x, y });
        x += entry;
    }
    let height = if slots.is_empty() { 0.0 } else { y + LEGEND_ROW };
    (slots, height)
}

/// One chart's drawing: its width, margins, legend and plot area; the height follows from them.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    width: f64,
    margins: Margins,
    plot_height: f64,
    legend: Vec<LegendSlot>,
    legend_height: f64,
    headroom: f64,
}

impl Frame {
    pub fn new(width: f64, margins: Margins, plot_height: f64) -> Frame {
        Frame { width, margins, plot_height, legend: Vec::new(), legend_height: 0.0, headroom: 0.0 }
    }

    /// Room above the plot for a legend of these labels, wrapping within the plot's width.
    pub fn with_legend<'a>(mut self, labels: impl IntoIterator<Item = &'a str>) -> Frame {
        let (slots, height) = legend_rows(labels, self.width - self.margins.left - self.margins.right);
        self.legend = slots;
        self.legend_height = if height > 0.0 { height + LEGEND_GAP } else { 0.0 };
        self
    }

    /// Extra room between the legend and the plot (for a marker's label above the plot).
    pub fn with_headroom(mut self, units: f64) -> Frame {
        self.headroom = units;
        self
    }

    pub fn width(&self) -> f64 {
        self.width
    }

    pub fn height(&self) -> f64 {
        self.plot().bottom + self.margins.bottom
    }

    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.width, self.height())
    }

    pub fn plot(&self) -> Rect {
        let top = self.margins.top + self.legend_height + self.headroom;
        Rect { left: self.margins.left, top, right: self.width - self.margins.right, bottom: top + self.plot_height }
    }

    /// The legend's top-left corner (above the plot, aligned with its left edge).
    pub fn legend_origin(&self) -> (f64, f64) {
        (self.margins.left, self.margins.top)
    }

    /// Each legend entry's place, relative to `legend_origin`.
    pub fn legend(&self) -> &[LegendSlot] {
        &self.legend
    }

    /// Baseline of the tick labels under the plot.
    pub fn x_labels_y(&self) -> f64 {
        self.plot().bottom + 16.0
    }

    /// Baseline of the title under the x axis.
    pub fn x_title_y(&self) -> f64 {
        self.plot().bottom + 36.0
    }

    /// Centre of the rotated y-axis title, in the left margin's outer edge.
    pub fn y_title_at(&self) -> (f64, f64) {
        (11.0, self.plot().middle_y())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_width_counts_cjk_as_wide() {
        // 7 Latin letters at 12 px: 7 x 0.55 x 12 = 46.2; 3 CJK characters: 36.
        assert!((text_width("Revenue", 12.0) - 46.2).abs() < 1e-9);
        assert_eq!(text_width("营业额", 12.0), 36.0);
        assert!((text_width("A · 方案", 10.0) - (2.0 * 5.5 + 10.0 + 5.5 + 20.0)).abs() < 1e-9);
    }

    #[test]
    fn legend_entries_wrap_within_the_width() {
        // Entries: 18 + text + 16. "Scheme A" = 8 x 6.6 = 52.8 -> 86.8; three in a row need 260.4.
        let labels = ["Scheme A", "Scheme B", "Scheme C"];
        let (slots, height) = legend_rows(labels, 300.0);
        assert_eq!(slots.len(), 3);
        assert!((slots[1].x - 86.8).abs() < 1e-9 && slots[2].y == 0.0);
        assert_eq!(height, 18.0);
        let (slots, height) = legend_rows(labels, 200.0);
        assert_eq!((slots[2].x, slots[2].y), (0.0, 18.0));
        assert_eq!(height, 36.0);
        // One entry wider than the space still goes on the first row.
        let (slots, _) = legend_rows(["a very long legend entry that does not fit"], 50.0);
        assert_eq!(slots[0], LegendSlot { x: 0.0, y: 0.0 });
        assert_eq!(legend_rows([], 300.0).1, 0.0);
    }

    #[test]
    fn the_plot_sits_below_the_legend_and_the_height_follows() {
        let frame = Frame::new(640.0, Margins::AXES, 200.0);
        assert_eq!(frame.plot(), Rect { left: 60.0, top: 8.0, right: 624.0, bottom: 208.0 });
        assert_eq!(frame.height(), 252.0);
        assert_eq!(frame.view_box(), "0 0 640 252");
        // A one-row legend takes 18 + 10 above the plot; headroom adds to it.
        let frame = Frame::new(640.0, Margins::AXES, 200.0).with_legend(["A", "B"]).with_headroom(12.0);
        assert_eq!(frame.plot().top, 8.0 + 28.0 + 12.0);
        assert_eq!(frame.height(), 48.0 + 200.0 + 44.0);
        assert_eq!(frame.legend_origin(), (60.0, 8.0));
        assert_eq!(frame.y_title_at(), (11.0, 148.0));
        assert_eq!((frame.x_labels_y(), frame.x_title_y()), (264.0, 284.0));
    }
}
