//! The chart frame's arithmetic: extents and round ticks, the value and band scales, margins and
//! layout (plot area, legend rows, label thinning) and the palette with its contrast checks. Free
//! of Yew and browser types, so it compiles and is tested natively; the SVG drawn from it lives in
//! `web::charts::draw` (the browser side).

pub mod cost_segments;
pub mod layout;
pub mod palette;
pub mod scale;
pub mod ticks;

pub use layout::{legend_rows, text_width, Frame, LegendSlot, Margins, Rect, AXIS_FONT, LEGEND_FONT};
pub use scale::{BandScale, LinearScale};
pub use ticks::{AxisUnit, Extent, NumberWords, Ticks};
