//! Hand-written SVG charts (one component per chart). SVG in `html!` works with any Yew version,
//! scales with its container through `viewBox`, and is testable like any other markup.

pub mod axis;
pub mod cost_breakdown;
pub mod palette;
pub mod tier_distribution;
pub mod transition_heatmap;
