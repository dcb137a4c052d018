//! A value axis for charts whose values may be negative or start away from zero (predicted vs
//! actual, curves): round ticks covering `min..max` and the mapping of values to pixels.

/// Ticks at a "nice" step (1, 2, 2.5, 5 × 10^k) from at or below `min` to at or above `max`.
pub fn ticks_between(min: f64, max: f64, target: usize) -> Vec<f64> {
    let (min, max) = if min.is_finite() && max.is_finite() { (min.min(max), min.max(max)) } else { (0.0, 1.0) };
    let span = if max > min { max - min } else { min.abs().max(1.0) };
    let raw_step = span / target.max(1) as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step =
        [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw_step).unwrap_or(10.0 * magnitude);
    let first = (min / step).floor() as i64;
    let mut last = (max / step).ceil() as i64;
    if last == first {
        last += 1;
    }
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Maps `domain` onto `range` (pixels; `range.0` may be larger than `range.1` for a y axis).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Scale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        let domain = if domain.1 > domain.0 { domain } else { (domain.0, domain.0 + 1.0) };
        Scale { domain, range }
    }

    /// A scale over ticks (first to last tick).
    pub fn over(ticks: &[f64], range: (f64, f64)) -> Scale {
        let first = ticks.first().copied().unwrap_or(0.0);
        let last = ticks.last().copied().unwrap_or(1.0);
        Scale::new((first, last), range)
    }

    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let clamped = if value.is_finite() { value.clamp(d0.min(d1), d0.max(d1)) } else { d0 };
        r0 + (clamped - d0) / (d1 - d0) * (r1 - r0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn ticks_cover_negative_values() {
        // Span 140 / 4 = 35 → step 50: −50 .. 100 covers −20 .. 120.
        assert_eq!(ticks_between(-20.0, 120.0, 4), vec![-50.0, 0.0, 50.0, 100.0, 150.0]);
        assert_eq!(ticks_between(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(ticks_between(3.0, 3.0, 4).len(), 2);
    }

    #[test]
    fn maps_and_clamps() {
        let s = Scale::new((0.0, 10.0), (200.0, 0.0));
        assert_eq!(s.at(5.0), 100.0);
        assert_eq!(s.at(20.0), 0.0);
        assert_eq!(s.at(f64::NAN), 200.0);
    }
}
