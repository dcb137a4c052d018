//! Hand-written SVG charts (one component per chart). SVG in `html!` works with any Yew version,
//! scales with its container through `viewBox`, and is testable like any other markup.
//!
//! Every chart draws inside one frame: `frame` (`crate::ui::chart_frame`, native, tested without a
//! browser) holds the ticks, the linear and band scales, the margins and layout, and the palette;
//! `draw` turns them into SVG: the chart's `<svg>` with its accessible name, axes, axis titles and
//! legend.

pub use crate::ui::chart_frame as frame;
pub use frame::palette;

pub mod draw;

pub mod confusion_matrix;
pub mod contributions;
pub mod cost_breakdown;
pub mod flow_chart;
pub mod grouped_bars;
pub mod importance_bars;
pub mod line_chart;
pub mod outcome_distribution;
pub mod scatter_plot;
pub mod tier_distribution;
pub mod tier_strip;
pub mod tier_timeline;
pub mod transition_heatmap;
// The simulator's charts.
pub mod band_chart;
pub mod frontier;
pub mod heatmap;
pub mod share_columns;
pub mod tornado;
