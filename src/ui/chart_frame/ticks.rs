//! Round tick values for every value axis of the charts, by one rule: the smallest step of 1, 2, 2.5
//! or 5 × 10^k that cuts the values' span into at most the wanted number of intervals, with ticks
//! from at or below the smallest value to at or above the largest.

/// The smallest and largest of some values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    pub min: f64,
    pub max: f64,
}

impl Extent {
    /// The range between two values, in either order.
    pub fn new(a: f64, b: f64) -> Extent {
        Extent { min: a.min(b), max: a.max(b) }
    }

    /// The range of the finite values; `None` when there is none (empty, or all NaN / infinite).
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Extent> {
        values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold(None, |range: Option<Extent>, v| Some(range.map_or(Extent::new(v, v), |r| r.including(v))))
    }

    /// From zero to the finite values (zero alone when there is none): where bars and amounts that
    /// can go below zero are measured from.
    pub fn from_zero(values: impl IntoIterator<Item = f64>) -> Extent {
        Extent::of(values).unwrap_or(Extent::new(0.0, 0.0)).including(0.0)
    }

    pub fn including(self, value: f64) -> Extent {
        if value.is_finite() {
            Extent { min: self.min.min(value), max: self.max.max(value) }
        } else {
            self
        }
    }

    pub fn span(&self) -> f64 {
        self.max - self.min
    }

    /// Something an axis can be drawn over: a non-finite range becomes 0..1; a single value v gets
    /// a span of |v| (at least 1) above it, so one data point still sits on a readable axis.
    fn drawable(self) -> Extent {
        if !self.min.is_finite() || !self.max.is_finite() {
            return Extent::new(0.0, 1.0);
        }
        if self.span() <= f64::EPSILON * self.min.abs().max(self.max.abs()).max(1.0) {
            return Extent::new(self.min, self.min + self.min.abs().max(1.0));
        }
        self
    }
}

/// A tick step as mantissa × 10^exponent, so tick values come out as written (0.6, not the
/// 0.6000000000000001 that adding 0.2 three times gives).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Step {
    mantissa: f64,
    exponent: i32,
}

const MANTISSAS: [f64; 4] = [1.0, 2.0, 2.5, 5.0];

impl Step {
    fn nice(span: f64, intervals: usize) -> Step {
        let raw = span / intervals.max(1) as f64;
        let exponent = raw.log10().floor() as i32;
        MANTISSAS
            .iter()
            .map(|&mantissa| Step { mantissa, exponent })
            .find(|step| step.value() >= raw)
            .unwrap_or(Step { mantissa: 1.0, exponent: exponent + 1 })
    }

    /// `k` steps from zero.
    fn times(self, k: i64) -> f64 {
        let multiple = k as f64 * self.mantissa;
        if self.exponent >= 0 {
            multiple * 10f64.powi(self.exponent)
        } else {
            multiple / 10f64.powi(-self.exponent)
        }
    }

    fn value(self) -> f64 {
        self.times(1)
    }
}

/// Quotients within this of a whole number count as whole (0.6 / 0.2 is 2.9999999999999996).
const WHOLE: f64 = 1e-9;

/// Tick values at one round step, first tick at or below the data and last at or above it.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    values: Vec<f64>,
    step: Step,
}

impl Ticks {
    /// Ticks covering `extent` in about `intervals` round steps (never more).
    pub fn covering(extent: Extent, intervals: usize) -> Ticks {
        let extent = extent.drawable();
        Ticks::at(extent, Step::nice(extent.span(), intervals))
    }

    /// Like `covering`, for things counted (customers, orders): the step is at least 1.
    pub fn counting(extent: Extent, intervals: usize) -> Ticks {
        let extent = extent.drawable();
        let step = Step::nice(extent.span(), intervals);
        Ticks::at(extent, if step.value() < 1.0 { Step { mantissa: 1.0, exponent: 0 } } else { step })
    }

    /// Ticks at this step covering another extent (two charts or two sides sharing one step).
    pub fn reaching(&self, extent: Extent) -> Ticks {
        Ticks::at(extent.drawable(), self.step)
    }

    fn at(extent: Extent, step: Step) -> Ticks {
        let size = step.value();
        let first = (extent.min / size + WHOLE).floor() as i64;
        let last = ((extent.max / size - WHOLE).ceil() as i64).max(first + 1);
        Ticks { values: (first..=last).map(|k| step.times(k)).collect(), step }
    }

    pub fn values(&self) -> &[f64] {
        &self.values
    }

    pub fn step(&self) -> f64 {
        self.step.value()
    }

    pub fn first(&self) -> f64 {
        self.values[0]
    }

    pub fn last(&self) -> f64 {
        self.values[self.values.len() - 1]
    }

    /// What a scale over these ticks spans.
    pub fn domain(&self) -> (f64, f64) {
        (self.first(), self.last())
    }
}

/// How large numbers are written: thousands and millions (k, M), or 万 (10⁴) and 亿 (10⁸).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberWords {
    Western,
    Chinese,
}

impl NumberWords {
    /// The unit a number of this size is written in: plain below 10,000; above it thousands
    /// (millions from 1,000,000), or 万 (亿 from 10⁸) in Chinese. `(divisor, suffix)`.
    pub fn unit_for(self, size: f64) -> (f64, &'static str) {
        let size = size.abs();
        match self {
            NumberWords::Western if size >= 1e6 => (1e6, "M"),
            NumberWords::Western if size >= 1e4 => (1e3, "k"),
            NumberWords::Chinese if size >= 1e8 => (1e8, "亿"),
            NumberWords::Chinese if size >= 1e4 => (1e4, "万"),
            _ => (1.0, ""),
        }
    }
}

/// The unit all labels of one axis share, so they read alike ("5k 10k 15k", not "5,000 10k 15k"),
/// and the decimals its step needs in that unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisUnit {
    pub divisor: f64,
    pub suffix: &'static str,
    pub decimals: usize,
}

impl Ticks {
    /// The unit for these ticks' labels: the one their largest tick is written in.
    pub fn unit(&self, words: NumberWords) -> AxisUnit {
        let largest = self.values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let (divisor, suffix) = words.unit_for(largest);
        let step = self.step() / divisor;
        let decimals = (0..=9)
            .find(|&d| {
                let shifted = step * 10f64.powi(d);
                (shifted - shifted.round()).abs() < 1e-6 * shifted.max(1.0)
            })
            .unwrap_or(9) as usize;
        AxisUnit { divisor, suffix, decimals }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticks(min: f64, max: f64, intervals: usize) -> Vec<f64> {
        Ticks::covering(Extent::new(min, max), intervals).values().to_vec()
    }

    #[test]
    fn steps_are_the_smallest_round_step_giving_at_most_the_wanted_intervals() {
        // 97 / 5 = 19.4: 10 would need 10 intervals, 20 needs 5.
        assert_eq!(ticks(0.0, 97.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        // 140 / 4 = 35 -> 50; the ends round outwards.
        assert_eq!(ticks(-20.0, 120.0, 4), vec![-50.0, 0.0, 50.0, 100.0, 150.0]);
        // 12,000 / 4 = 3,000 -> 5,000 (2,500 is too small).
        assert_eq!(ticks(0.0, 12_000.0, 4), vec![0.0, 5_000.0, 10_000.0, 15_000.0]);
        // 1 / 4 = 0.25 -> 2.5 x 10^-1.
        assert_eq!(ticks(0.0, 1.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        // A power of ten exactly: 1,000 / 1 -> 1,000.
        assert_eq!(ticks(0.0, 1_000.0, 1), vec![0.0, 1_000.0]);
    }

    #[test]
    fn values_come_out_as_written_and_ends_on_a_tick_stay_there() {
        assert_eq!(ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        // 0.6 / 0.2 is 2.9999999999999996 in floating point: still the first tick, no extra 0.4.
        assert_eq!(ticks(0.6, 1.4, 4), vec![0.6, 0.8, 1.0, 1.2, 1.4]);
        assert_eq!(ticks(-0.3, 0.0, 3), vec![-0.3, -0.2, -0.1, 0.0]);
    }

    #[test]
    fn the_sensitivity_chart_range_gives_the_ticks_its_browser_test_computes_by_hand() {
        // −2,000 .. 18,000 over five intervals: 20,000 / 5 = 4,000 -> 5,000, from −5,000 to 20,000.
        assert_eq!(ticks(-2_000.0, 18_000.0, 5), vec![-5_000.0, 0.0, 5_000.0, 10_000.0, 15_000.0, 20_000.0]);
    }

    #[test]
    fn a_single_value_or_no_value_still_gets_a_readable_axis() {
        assert_eq!(ticks(0.0, 0.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        // 3 alone spans 3 .. 6: 3 / 4 = 0.75 -> 1.
        assert_eq!(ticks(3.0, 3.0, 4), vec![3.0, 4.0, 5.0, 6.0]);
        // Extents are built from finite values; one that is not gets 0 .. 1 all the same.
        let broken = Extent { min: f64::NAN, max: 5.0 };
        assert_eq!(Ticks::covering(broken, 4).values(), &[0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(Extent::of([f64::NAN, f64::INFINITY]), None);
        assert_eq!(Extent::from_zero([f64::NAN]), Extent::new(0.0, 0.0));
    }

    #[test]
    fn extents_skip_values_that_are_not_numbers_and_can_start_at_zero() {
        assert_eq!(Extent::of([3.0, f64::NAN, -1.0, 7.5]), Some(Extent::new(-1.0, 7.5)));
        assert_eq!(Extent::from_zero([3.0, 7.5]), Extent::new(0.0, 7.5));
        assert_eq!(Extent::from_zero([-3.0, -7.5]), Extent::new(-7.5, 0.0));
    }

    #[test]
    fn counts_never_get_fractional_steps() {
        let counts = |max: f64| Ticks::counting(Extent::new(0.0, max), 4).values().to_vec();
        // 3 / 4 = 0.75 would step by 1 anyway; 1 / 4 = 0.25 would give quarter customers.
        assert_eq!(counts(3.0), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(counts(1.0), vec![0.0, 1.0]);
        assert_eq!(counts(0.0), vec![0.0, 1.0]);
        assert_eq!(counts(9_876.0), vec![0.0, 2_500.0, 5_000.0, 7_500.0, 10_000.0]);
    }

    #[test]
    fn two_sides_can_share_one_step() {
        // Up to 900 above zero and 300 below, by the step of the larger side in two intervals (500).
        let step = Ticks::covering(Extent::new(0.0, 900.0), 2);
        assert_eq!(step.step(), 500.0);
        assert_eq!(step.reaching(Extent::new(-300.0, 900.0)).values(), &[-500.0, 0.0, 500.0, 1_000.0]);
    }

    #[test]
    fn an_axis_writes_all_its_labels_in_one_unit() {
        let unit = |max: f64, words| Ticks::covering(Extent::new(0.0, max), 4).unit(words);
        let western = NumberWords::Western;
        let chinese = NumberWords::Chinese;
        // 0 .. 15,000 by 5,000: 5k, 10k, 15k; in Chinese 0.5万, 1万, 1.5万 (one decimal for a 0.5万 step).
        assert_eq!(unit(12_000.0, western), AxisUnit { divisor: 1e3, suffix: "k", decimals: 0 });
        assert_eq!(unit(12_000.0, chinese), AxisUnit { divisor: 1e4, suffix: "万", decimals: 1 });
        // 0 .. 10,000 by 2,500: 2.5k; 0.25万.
        assert_eq!(unit(9_876.0, western), AxisUnit { divisor: 1e3, suffix: "k", decimals: 1 });
        assert_eq!(unit(9_876.0, chinese), AxisUnit { divisor: 1e4, suffix: "万", decimals: 2 });
        // Below 10,000 numbers stay as they are; steps below 1 get their decimals.
        assert_eq!(unit(900.0, western), AxisUnit { divisor: 1.0, suffix: "", decimals: 0 });
        assert_eq!(unit(1.0, chinese), AxisUnit { divisor: 1.0, suffix: "", decimals: 2 });
        // Millions and 亿.
        assert_eq!(unit(3_200_000.0, western), AxisUnit { divisor: 1e6, suffix: "M", decimals: 0 });
        assert_eq!(unit(3.2e8, chinese), AxisUnit { divisor: 1e8, suffix: "亿", decimals: 0 });
        assert_eq!(unit(3_200_000.0, chinese), AxisUnit { divisor: 1e4, suffix: "万", decimals: 0 });
        // Negative ticks count by their size.
        let below = Ticks::covering(Extent::new(-40_000.0, 0.0), 4).unit(western);
        assert_eq!((below.divisor, below.decimals), (1e3, 0));
    }

    #[test]
    fn single_numbers_take_the_unit_of_their_size() {
        assert_eq!(NumberWords::Western.unit_for(167_600.0), (1e3, "k"));
        assert_eq!(NumberWords::Chinese.unit_for(167_600.0), (1e4, "万"));
        assert_eq!(NumberWords::Chinese.unit_for(-2.5e8), (1e8, "亿"));
        assert_eq!(NumberWords::Western.unit_for(9_999.0), (1.0, ""));
    }
}
