//! A value axis that may go below zero (margins, differences): "nice" round ticks spanning a range,
//! and the mapping from values to pixels.

/// Ticks at a round step (1, 2, 2.5, 5 x 10^k) from at or below `min` to at or above `max`, about
/// `target` intervals; zero is always inside the span.
pub fn span_ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    let (mut low, mut high) = (min.min(0.0), max.max(0.0));
    if !low.is_finite() || !high.is_finite() {
        return vec![0.0, 1.0];
    }
    if high - low <= f64::EPSILON * high.abs().max(1.0) {
        high = low + 1.0;
    }
    let raw_step = (high - low) / target.max(1) as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step =
        [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw_step).unwrap_or(10.0 * magnitude);
    low = (low / step).floor() * step;
    high = (high / step).ceil() * step;
    let count = ((high - low) / step).round() as usize;
    (0..=count).map(|i| low + i as f64 * step).map(|t| if t.abs() < step * 1e-9 { 0.0 } else { t }).collect()
}

/// Maps values in `[ticks.first, ticks.last]` onto `[from, to]` pixels (`to` may be above `from`).
#[derive(Clone, Copy, Debug)]
pub struct LinearScale {
    pub low: f64,
    pub high: f64,
    pub from: f64,
    pub to: f64,
}

impl LinearScale {
    pub fn over(ticks: &[f64], from: f64, to: f64) -> LinearScale {
        let low = ticks.first().copied().unwrap_or(0.0);
        let high = ticks.last().copied().unwrap_or(1.0);
        LinearScale { low, high: if high > low { high } else { low + 1.0 }, from, to }
    }

    pub fn at(&self, value: f64) -> f64 {
        let v = if value.is_finite() { value.clamp(self.low, self.high) } else { self.low };
        self.from + (v - self.low) / (self.high - self.low) * (self.to - self.from)
    }
}
