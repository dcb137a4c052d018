//! The two scales charts draw with: a linear one from values to pixels, and a band one cutting a
//! stretch of pixels into equal slots (months, categories, rows of bars).

use super::ticks::Ticks;

/// Maps `domain` (values) linearly onto `range` (pixels; a y axis runs from bottom to top, so its
/// range may go downwards). Values outside the domain are drawn at its nearest end; a value that is
/// not a number at the domain's start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    domain: (f64, f64),
    range: (f64, f64),
}

impl LinearScale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> LinearScale {
        let (low, high) = domain;
        let domain = if low.is_finite() && high.is_finite() && high > low { domain } else { (low, low + 1.0) };
        let domain = if domain.0.is_finite() { domain } else { (0.0, 1.0) };
        LinearScale { domain, range }
    }

    /// From the first tick to the last.
    pub fn over(ticks: &Ticks, range: (f64, f64)) -> LinearScale {
        LinearScale::new(ticks.domain(), range)
    }

    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let clamped = if value.is_finite() { value.clamp(d0, d1) } else { d0 };
        r0 + (clamped - d0) / (d1 - d0) * (r1 - r0)
    }

    /// The pixel span between `from` and `to` (a bar's length), never negative.
    pub fn between(&self, from: f64, to: f64) -> f64 {
        (self.at(to) - self.at(from)).abs()
    }

    pub fn domain(&self) -> (f64, f64) {
        self.domain
    }

    pub fn range(&self) -> (f64, f64) {
        self.range
    }
}

/// `count` equal slots side by side from `start` to `end` pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandScale {
    start: f64,
    end: f64,
    count: usize,
}

impl BandScale {
    pub fn new(range: (f64, f64), count: usize) -> BandScale {
        BandScale { start: range.0, end: range.1, count }
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// One slot's size (the whole range when there are no slots).
    pub fn slot(&self) -> f64 {
        (self.end - self.start) / self.count.max(1) as f64
    }

    pub fn start(&self, index: usize) -> f64 {
        self.start + index as f64 * self.slot()
    }

    pub fn center(&self, index: usize) -> f64 {
        self.start + (index as f64 + 0.5) * self.slot()
    }

    /// A bar filling `fill` (0-1) of its slot, centred in it: `(start, size)`; at least 1 px.
    pub fn bar(&self, index: usize, fill: f64) -> (f64, f64) {
        let size = self.slot() * fill;
        (self.start(index) + (self.slot() - size) / 2.0, size.max(1.0))
    }

    /// Bar `k` of `n` side by side, together filling `fill` of slot `index`.
    pub fn sub_bar(&self, index: usize, fill: f64, k: usize, n: usize) -> (f64, f64) {
        let (group_start, group_size) = self.bar(index, fill);
        let size = group_size / n.max(1) as f64;
        (group_start + k as f64 * size, size.max(1.0))
    }

    /// Label every n-th slot so labels of `label_size` pixels (gap included) never overlap.
    pub fn label_every(&self, label_size: f64) -> usize {
        let slot = self.slot();
        if slot <= 0.0 || !label_size.is_finite() {
            return 1;
        }
        ((label_size / slot).ceil() as usize).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::super::ticks::Extent;
    use super::*;

    #[test]
    fn maps_values_to_pixels_and_clamps_the_rest() {
        // A y axis: 0 at the bottom (200 px), 10 at the top (0 px).
        let y = LinearScale::new((0.0, 10.0), (200.0, 0.0));
        assert_eq!(y.at(0.0), 200.0);
        assert_eq!(y.at(2.5), 150.0);
        assert_eq!(y.at(10.0), 0.0);
        assert_eq!(y.at(20.0), 0.0);
        assert_eq!(y.at(-1.0), 200.0);
        assert_eq!(y.at(f64::NAN), 200.0);
        assert_eq!(y.between(2.5, 5.0), 50.0);
    }

    #[test]
    fn a_scale_over_ticks_spans_first_to_last_tick() {
        // −2,000 .. 18,000 gives ticks −5,000 .. 20,000; over 210 .. 650 px that is 17.6 px per 1,000,
        // so zero sits at 210 + 5 x 17.6 = 298 and −2,000 at 262.8.
        let ticks = Ticks::covering(Extent::new(-2_000.0, 18_000.0), 5);
        let x = LinearScale::over(&ticks, (210.0, 650.0));
        assert!((x.at(0.0) - 298.0).abs() < 1e-9);
        assert!((x.at(-2_000.0) - 262.8).abs() < 1e-9);
        assert!((x.at(12_300.0) - 514.48).abs() < 1e-9);
    }

    #[test]
    fn a_degenerate_domain_still_maps() {
        let x = LinearScale::new((5.0, 5.0), (0.0, 100.0));
        assert_eq!(x.domain(), (5.0, 6.0));
        assert_eq!(x.at(5.5), 50.0);
        let x = LinearScale::new((f64::NAN, 1.0), (0.0, 100.0));
        assert_eq!(x.at(0.25), 25.0);
    }

    #[test]
    fn bands_cut_the_range_into_equal_slots() {
        // 12 months over 60 .. 624 px: 47 px each.
        let months = BandScale::new((60.0, 624.0), 12);
        assert_eq!(months.slot(), 47.0);
        assert_eq!(months.start(2), 154.0);
        assert_eq!(months.center(0), 83.5);
        // A column taking 76 % of its slot: 35.72 px, starting 12 % (5.64 px) into it.
        let (x, width) = months.bar(1, 0.76);
        assert!((x - (107.0 + 5.64)).abs() < 1e-9 && (width - 35.72).abs() < 1e-9, "{x} {width}");
        // Two bars sharing 72 % of a 100 px slot: 36 px each from 14 px in.
        let groups = BandScale::new((0.0, 300.0), 3);
        assert_eq!(groups.sub_bar(1, 0.72, 0, 2), (114.0, 36.0));
        assert_eq!(groups.sub_bar(1, 0.72, 1, 2), (150.0, 36.0));
    }

    #[test]
    fn labels_are_thinned_so_they_never_overlap() {
        // 36 months in 564 px: 15.67 px a month; a 52 px label needs every 4th month.
        assert_eq!(BandScale::new((0.0, 564.0), 36).label_every(52.0), 4);
        assert_eq!(BandScale::new((0.0, 564.0), 6).label_every(52.0), 1);
        assert_eq!(BandScale::new((0.0, 0.0), 0).label_every(52.0), 1);
    }
}
