//! Axis ticks: "nice" round steps (1, 2, 2.5, 5 x 10^k) covering 0..max.

/// Tick values from 0 to at least `max`, about `target` of them.
pub fn nice_ticks(max: f64, target: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw_step = max / target.max(1) as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step =
        [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw_step).unwrap_or(10.0 * magnitude);
    let count = (max / step).ceil() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}
