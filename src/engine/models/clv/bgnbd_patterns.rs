//! BG/NBD's P(alive) and horizon purchases for every pattern at once, bit for bit the numbers of
//! `p_alive` and `ValueHorizon::purchases_if_alive` one customer at a time, with the work they
//! share done once: ln a and ln(b + x - 1) once per frequency; z, ln(1 - z) and the powers of (1 - z)
//! once per (T, month), whatever x; the ratios of the series' terms (which depend on x but not on T
//! or t) once per frequency. The parameter draws behind the intervals evaluate these for every
//! pattern 200 times, which made them most of `tierlab clv`'s time.

use super::bgnbd::{BgNbdParams, RemainderSeries};
use super::patterns::PurchasePatterns;
use super::special::ln;
use super::value::ValueHorizon;

/// Ratios remembered per frequency (more are computed as needed: z near 1, absurd horizons).
const REMEMBERED_TERMS: usize = 4096;

impl BgNbdParams {
    pub(super) fn p_alive_per_pattern(&self, data: &PurchasePatterns) -> Vec<f64> {
        let ln_a = ln(self.a);
        let ln_b_x: Vec<f64> = data.frequencies.iter().map(|&x| ln(self.b + f64::from(x) - 1.0)).collect();
        (0..data.pattern_count())
            .map(|j| {
                let (x, recency, age, _) = data.pattern(j);
                if x == 0 {
                    return 1.0;
                }
                self.p_alive_of_repeat_buyer(x, recency, age, ln_a, ln_b_x[data.frequency_index[j] as usize])
            })
            .collect()
    }

    pub(super) fn horizon_per_pattern(
        &self,
        horizon: &ValueHorizon,
        data: &PurchasePatterns,
    ) -> Vec<Option<(f64, f64)>> {
        let times = horizon.times();
        // The first pattern of each distinct (x, T), taken age by age so each age's points are made once.
        let mut pairs: Vec<usize> = (0..data.pattern_count()).filter(|&j| !data.same_pair_as_previous(j)).collect();
        pairs.sort_unstable_by_key(|&j| (data.age_index[j], data.frequency_index[j]));
        let series: Vec<RemainderSeries> = data.frequencies.iter().map(|&x| RemainderSeries::new(self, x)).collect();
        let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); series.len()];
        let mut at_pair = vec![None; data.pattern_count()];
        let mut points = Vec::with_capacity(times.len());
        let mut points_age = None;
        for j in pairs {
            let (x, _, age, _) = data.pattern(j);
            if points_age != Some(data.age_index[j]) {
                points_age = Some(data.age_index[j]);
                points.clear();
                points.extend(times.iter().map(|&t| (t > 0.0).then(|| self.time_point(age, t))));
            }
            let f = data.frequency_index[j] as usize;
            let (series, ratios) = (&series[f], &mut ratios[f]);
            at_pair[j] = horizon.accumulate(|month, t| match &points[month] {
                Some(point) => self.expected_at(series, point, |k| remembered(ratios, series, k)),
                // t = 0, negative or NaN: the one-customer function's answer.
                None => self.expected_purchases_if_alive(x, age, t),
            });
        }
        for j in 1..at_pair.len() {
            if data.same_pair_as_previous(j) {
                at_pair[j] = at_pair[j - 1];
            }
        }
        at_pair
    }
}

#[inline]
fn remembered(ratios: &mut Vec<f64>, series: &RemainderSeries, k: usize) -> f64 {
    if let Some(&ratio) = ratios.get(k) {
        return ratio;
    }
    if k >= REMEMBERED_TERMS {
        return series.coefficient(k);
    }
    while ratios.len() <= k {
        ratios.push(series.coefficient(ratios.len()));
    }
    ratios[k]
}
