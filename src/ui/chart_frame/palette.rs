//! Every colour the charts use, by what it means: tiers, schemes (A, B, ... and the no-program
//! counterfactual), the series of single charts, gains and losses, benefit costs, and the chart's
//! own gridlines and text; plus the WCAG contrast arithmetic that picks text colours on fills.
//!
//! Every data colour has at least 3:1 contrast against the white card (WCAG 2.1 non-text contrast);
//! text colours have at least 4.5:1. Tier and scheme colours stay apart for people with red-green
//! or blue-yellow colour blindness too (checked in the tests below by simulating those visions).

/// A colour as `#rrggbb`, ready for a `fill`, `stroke` or `style`.
pub type Colour = &'static str;

// ---- tiers ----------------------------------------------------------------------------------------

/// Lowest tier first: slate (regular), silver-blue, gold, indigo (diamond), then four more for
/// schemes with more tiers. A tier keeps its colour in every chart and table.
pub const TIERS: [Colour; 8] = ["#64748b", "#0284c7", "#d97706", "#4338ca", "#db2777", "#047857", "#b91c1c", "#854d0e"];

pub fn tier_colour(index: usize) -> Colour {
    TIERS[index % TIERS.len()]
}

// ---- schemes --------------------------------------------------------------------------------------

/// Schemes A to F in order: A and B keep the page's scheme colours (teal and violet), C to F add
/// orange, green, magenta and red.
pub const SCHEMES: [Colour; 6] = ["#0f766e", "#7c3aed", "#ea580c", "#16a34a", "#86198f", "#b91c1c"];
/// Simulated futures with no loyalty programme at all (drawn dashed as well).
pub const NO_PROGRAM: Colour = "#374151";

/// The colour of scheme `index` (A = 0); past F the colours repeat.
pub fn scheme_colour(index: usize) -> Colour {
    SCHEMES[index % SCHEMES.len()]
}

pub const SCHEME_A: Colour = SCHEMES[0];
pub const SCHEME_B: Colour = SCHEMES[1];

// ---- series of single charts ----------------------------------------------------------------------

/// The one measured series of a chart (importance, predictions, actual purchases, silhouette).
pub const SERIES_MAIN: Colour = "#2563eb";
/// Its companion (what a model expected; points earned).
pub const SERIES_SECOND: Colour = "#b45309";
/// Context drawn quieter (inertia, schemes that break a constraint, points expired).
pub const SERIES_MUTED: Colour = "#64748b";
/// What actually happened, against simulated futures.
pub const OBSERVED: Colour = "#dc2626";
/// The best candidate found.
pub const BEST: Colour = "#15803d";
/// An assumption at the low and at the high end of its range.
pub const LOW_END: Colour = "#0369a1";
pub const HIGH_END: Colour = "#c2410c";

/// Raises / lowers, moves up / down, comes in / goes out. Blue and red rather than green and red:
/// they stay apart in red-green colour blindness, and neither reads as "up" or "down" by culture
/// (in China red is the colour of rising prices).
pub const POSITIVE: Colour = "#2563eb";
pub const NEGATIVE: Colour = "#dc2626";

// ---- benefit costs --------------------------------------------------------------------------------

/// Dark enough for white labels inside the bars (4.5:1 and more).
pub const COST_DISCOUNT: Colour = "#2563eb";
pub const COST_POINTS: Colour = "#b45309";
pub const COST_SHIPPING: Colour = "#065f46";
pub const COST_GIFTS: Colour = "#86198f";
/// Coupons: dark slate, hue-free and darker than the four hues, so it stays apart from them in every vision.
pub const COST_COUPONS: Colour = "#1e293b";

// ---- points flows ---------------------------------------------------------------------------------

pub const POINTS_EARNED: Colour = SERIES_SECOND;
pub const POINTS_REDEEMED: Colour = SERIES_MAIN;
pub const POINTS_EXPIRED: Colour = SERIES_MUTED;
/// Taken back on refunds: magenta rather than red, which amber (earned) resembles in red-green colour blindness.
pub const POINTS_REVERSED: Colour = "#86198f";

// ---- the chart itself -----------------------------------------------------------------------------

/// The card charts are drawn on.
pub const BACKGROUND: Colour = "#ffffff";
/// Gridlines: quiet on purpose, the values are written on the axis.
pub const GRID: Colour = "#e2e8f0";
/// Axis and zero lines.
pub const AXIS: Colour = "#64748b";
/// Reference lines (chance, predicted = actual) and markers.
pub const REFERENCE: Colour = "#64748b";
/// Months with no data yet (striped with `GRID`).
pub const NO_DATA: Colour = "#f1f5f9";
/// Values and names.
pub const TEXT: Colour = "#0f172a";
/// Legends, category names.
pub const TEXT_SECONDARY: Colour = "#475569";
/// Tick labels and axis titles.
pub const TEXT_MUTED: Colour = "#5b6779";
pub const WHITE: Colour = "#ffffff";
const BLACK: Colour = "#000000";

/// WCAG AA: normal text needs 4.5:1, large text and graphical objects 3:1.
pub const TEXT_CONTRAST: f64 = 4.5;
pub const GRAPHIC_CONTRAST: f64 = 3.0;

// ---- heat -----------------------------------------------------------------------------------------

/// Heatmap fill for `fraction` (0-1) of the largest cell: near-white to deep blue, with a slight
/// curve so small counts still show.
pub fn heat(fraction: f64) -> String {
    let f = if fraction.is_finite() { fraction.clamp(0.0, 1.0) } else { 0.0 };
    let t = f.powf(0.6);
    let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(241.0, 29.0), mix(245.0, 78.0), mix(249.0, 216.0))
}

// ---- contrast -------------------------------------------------------------------------------------

/// `#rrggbb` (or `#rgb`) as red, green and blue 0-255; `None` for anything else.
pub fn rgb(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    let digits: Vec<u8> = match hex.len() {
        6 => (0..3).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect::<Option<_>>()?,
        3 => hex.chars().map(|c| c.to_digit(16).map(|d| (d * 17) as u8)).collect::<Option<_>>()?,
        _ => return None,
    };
    Some([digits[0], digits[1], digits[2]])
}

/// One sRGB channel (0-255) in linear light.
pub fn linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Relative luminance as WCAG 2 defines it (0 black - 1 white).
pub fn luminance(colour: [u8; 3]) -> f64 {
    0.2126 * linear(colour[0]) + 0.7152 * linear(colour[1]) + 0.0722 * linear(colour[2])
}

/// WCAG 2 contrast ratio of two colours (1 - 21); 1 when either is not a `#rrggbb` colour.
pub fn contrast(a: &str, b: &str) -> f64 {
    match (rgb(a), rgb(b)) {
        (Some(a), Some(b)) => {
            let (la, lb) = (luminance(a), luminance(b));
            (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
        }
        _ => 1.0,
    }
}

/// Text colour for labels drawn on `background`: the chart's text colour where it reads (4.5:1),
/// else white, else black (mid-tones where only pure black reaches 4.5:1).
pub fn text_on(background: &str) -> Colour {
    [TEXT, WHITE].into_iter().find(|text| contrast(text, background) >= TEXT_CONTRAST).unwrap_or(BLACK)
}

#[cfg(test)]
mod tests;
