//! Colours shared by all charts and tables: a tier keeps its colour everywhere.

/// Lowest tier first: grey (regular), silver-blue, gold, indigo (diamond), then distinct hues.
const TIER_COLOURS: [&str; 8] =
    ["#94a3b8", "#38bdf8", "#f59e0b", "#6366f1", "#ec4899", "#10b981", "#ef4444", "#a16207"];

pub fn tier_colour(index: usize) -> &'static str {
    TIER_COLOURS[index % TIER_COLOURS.len()]
}

pub const COST_DISCOUNT: &str = "#2563eb";
pub const COST_POINTS: &str = "#f59e0b";
pub const COST_SHIPPING: &str = "#10b981";
pub const COST_GIFTS: &str = "#db2777";

/// Heatmap fill for `fraction` (0-1) of the largest cell: white to deep blue.
pub fn heat(fraction: f64) -> String {
    let f = if fraction.is_finite() { fraction.clamp(0.0, 1.0) } else { 0.0 };
    // Interpolate #f1f5f9 -> #1d4ed8 with a slight curve so small counts still show.
    let t = f.powf(0.6);
    let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(241.0, 29.0), mix(245.0, 78.0), mix(249.0, 216.0))
}

/// Whether text on `heat(fraction)` should be white for contrast.
pub fn heat_needs_light_text(fraction: f64) -> bool {
    fraction.is_finite() && fraction.clamp(0.0, 1.0).powf(0.6) > 0.5
}
