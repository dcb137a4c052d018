//! The palette's promises, checked: WCAG contrast of every colour on the chart background, text
//! readable on every fill it is drawn on, and colours of one chart kept apart in normal vision and
//! in simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, full
//! severity), measured as CIE 1976 colour difference in CIELAB under D65.

use super::*;

// ---- the measuring tools, checked against published and independently computed values ----------

/// Machado et al. (2009) simulation matrices at severity 1.0, applied to linear RGB.
const PROTAN: [[f64; 3]; 3] =
    [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
const DEUTAN: [[f64; 3]; 3] =
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];
const TRITAN: [[f64; 3]; 3] =
    [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]];

#[derive(Clone, Copy, Debug)]
enum Vision {
    Normal,
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

const VISIONS: [Vision; 4] = [Vision::Normal, Vision::Protanopia, Vision::Deuteranopia, Vision::Tritanopia];

/// Linear RGB (0-1) as seen with `vision`, clipped to what a screen shows.
fn seen(colour: &str, vision: Vision) -> [f64; 3] {
    let [r, g, b] = rgb(colour).unwrap_or_else(|| panic!("{colour} is not #rrggbb"));
    let c = [linear(r), linear(g), linear(b)];
    let matrix = match vision {
        Vision::Normal => return c,
        Vision::Protanopia => PROTAN,
        Vision::Deuteranopia => DEUTAN,
        Vision::Tritanopia => TRITAN,
    };
    matrix.map(|row| (row[0] * c[0] + row[1] * c[1] + row[2] * c[2]).clamp(0.0, 1.0))
}

fn encode(linear: f64) -> f64 {
    if linear <= 0.0031308 {
        12.92 * linear
    } else {
        1.055 * linear.powf(1.0 / 2.4) - 0.055
    }
}

/// CIELAB (D65) of linear sRGB.
fn lab(c: [f64; 3]) -> [f64; 3] {
    let x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
    let y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    let z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
    let f =
        |t: f64| if t > (6.0f64 / 29.0).powi(3) { t.cbrt() } else { t / (3.0 * (6.0f64 / 29.0).powi(2)) + 4.0 / 29.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn difference(a: &str, b: &str, vision: Vision) -> f64 {
    let (p, q) = (lab(seen(a, vision)), lab(seen(b, vision)));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

/// The closest pair of `colours` in any of `visions`: (difference, a, b, vision).
fn closest(colours: &[Colour], visions: &[Vision]) -> (f64, Colour, Colour, Vision) {
    let mut closest = (f64::INFINITY, "", "", Vision::Normal);
    for (i, a) in colours.iter().enumerate() {
        for b in &colours[i + 1..] {
            for &vision in visions {
                let d = difference(a, b, vision);
                if d < closest.0 {
                    closest = (d, a, b, vision);
                }
            }
        }
    }
    closest
}

fn assert_apart(what: &str, colours: &[Colour], visions: &[Vision], at_least: f64) {
    let (d, a, b, vision) = closest(colours, visions);
    assert!(d >= at_least, "{what}: {a} and {b} differ by only {d:.1} (CIE76) in {vision:?}");
}

#[test]
fn contrast_matches_published_wcag_values() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert_eq!(contrast("#ffffff", "#ffffff"), 1.0);
    // WebAIM's contrast checker: #767676 on white is 4.54:1 (the lightest grey passing AA), #777777 4.48:1.
    assert!((contrast("#767676", "#ffffff") - 4.54).abs() < 0.005);
    assert!((contrast("#777777", "#fff") - 4.48).abs() < 0.005);
    // Order does not matter; anything that is not a colour has no contrast to claim.
    assert_eq!(contrast("#2563eb", "#ffffff"), contrast("#ffffff", "#2563eb"));
    assert_eq!(contrast("blue", "#ffffff"), 1.0);
    assert_eq!(rgb("#0f766e"), Some([15, 118, 110]));
    assert_eq!(rgb("#abc"), Some([170, 187, 204]));
    assert_eq!(rgb("#12345"), None);
}

#[test]
fn colour_blindness_simulation_matches_colorspacious() {
    // colorspacious 1.1.2 (Python), cspace_convert(c, {"name": "sRGB1+CVD", "cvd_type": ..., "severity": 100},
    // "sRGB1") clipped to 0-1, and cspace_convert(c, "sRGB1", "CIELab").
    let encoded = |colour: &str, vision: Vision| seen(colour, vision).map(encode);
    let close = |a: [f64; 3], b: [f64; 3]| a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 2e-3);
    assert!(close(encoded("#0f766e", Vision::Deuteranopia), [0.384296, 0.396695, 0.435083]));
    assert!(close(encoded("#0f766e", Vision::Protanopia), [0.435952, 0.434654, 0.430556]));
    assert!(close(encoded("#ea580c", Vision::Tritanopia), [1.0, 0.178738, 0.298463]));
    assert!(close(encoded("#ea580c", Vision::Deuteranopia), [0.654096, 0.580494, 0.0]));
    let teal = lab(seen("#0f766e", Vision::Normal));
    assert!(close(teal.map(|v| v / 100.0), [44.495202 / 100.0, -28.799597 / 100.0, -3.369407 / 100.0]), "{teal:?}");
    let orange = lab(seen("#ea580c", Vision::Normal));
    assert!(close(orange.map(|v| v / 100.0), [0.565820, 0.538247, 0.640692]), "{orange:?}");
}

// ---- the palette ---------------------------------------------------------------------------------

#[test]
fn every_data_colour_stands_out_from_the_card_by_3_to_1() {
    let data = TIERS
        .iter()
        .chain(&SCHEMES)
        .chain(&[NO_PROGRAM, SERIES_MAIN, SERIES_SECOND, SERIES_MUTED, OBSERVED, BEST, LOW_END, HIGH_END])
        .chain(&[
            POSITIVE,
            NEGATIVE,
            COST_DISCOUNT,
            COST_POINTS,
            COST_SHIPPING,
            COST_GIFTS,
            COST_COUPONS,
            AXIS,
            REFERENCE,
        ]);
    for colour in data {
        let ratio = contrast(colour, BACKGROUND);
        assert!(ratio >= GRAPHIC_CONTRAST, "{colour} on the card: {ratio:.2}:1");
    }
}

#[test]
fn chart_text_reads_at_4_5_to_1() {
    for text in [TEXT, TEXT_SECONDARY, TEXT_MUTED] {
        let ratio = contrast(text, BACKGROUND);
        assert!(ratio >= TEXT_CONTRAST, "{text}: {ratio:.2}:1");
    }
    // Amounts are written in white inside the cost bars.
    for fill in [COST_DISCOUNT, COST_POINTS, COST_SHIPPING, COST_GIFTS, COST_COUPONS] {
        assert_eq!(text_on(fill), WHITE, "{fill}");
        assert!(contrast(WHITE, fill) >= TEXT_CONTRAST, "white on {fill}");
    }
}

#[test]
fn heatmap_numbers_read_on_every_shade() {
    assert_eq!(heat(0.0), "#f1f5f9");
    assert_eq!(heat(1.0), "#1d4ed8");
    assert_eq!(heat(f64::NAN), "#f1f5f9");
    assert_eq!(text_on(&heat(0.0)), TEXT);
    assert_eq!(text_on(&heat(1.0)), WHITE);
    for step in 0..=1000 {
        let fill = heat(f64::from(step) / 1000.0);
        let ratio = contrast(text_on(&fill), &fill);
        assert!(ratio >= TEXT_CONTRAST, "{} on {fill}: {ratio:.2}:1", text_on(&fill));
    }
}

#[test]
fn scheme_colours_stay_apart_in_every_vision() {
    let mut colours = SCHEMES.to_vec();
    colours.push(NO_PROGRAM);
    assert_apart("schemes and no programme", &colours, &VISIONS, 15.0);
    assert_eq!(scheme_colour(0), SCHEME_A);
    assert_eq!(scheme_colour(1), SCHEME_B);
    assert_eq!(scheme_colour(6), SCHEME_A);
}

#[test]
fn tier_colours_stay_apart() {
    // The four tiers of the usual ladder in every vision; all eight in normal vision.
    assert_apart("regular, silver, gold, diamond", &TIERS[..4], &VISIONS, 20.0);
    assert_apart("all tiers", &TIERS, &[Vision::Normal], 25.0);
    assert_eq!(tier_colour(9), TIERS[1]);
}

#[test]
fn colours_sharing_a_chart_stay_apart_in_every_vision() {
    assert_apart(
        "benefit costs",
        &[COST_DISCOUNT, COST_POINTS, COST_SHIPPING, COST_GIFTS, COST_COUPONS],
        &VISIONS,
        20.0,
    );
    assert_apart("points flows", &[POINTS_EARNED, POINTS_REDEEMED, POINTS_EXPIRED, POINTS_REVERSED], &VISIONS, 15.0);
    assert_apart("gains and losses", &[POSITIVE, NEGATIVE], &VISIONS, 40.0);
    assert_apart("range ends", &[LOW_END, HIGH_END], &VISIONS, 40.0);
    assert_apart("optimiser", &[SERIES_MAIN, SERIES_MUTED, BEST], &VISIONS, 15.0);
    assert_apart("back-test", &[OBSERVED, NO_PROGRAM], &VISIONS, 20.0);
}
