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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::clv::purchase::PurchasePredictor;

    /// Every pattern's numbers equal, to the bit, the one-customer functions': with the Euler series,
    /// with FHL's positive series (large r), at a = 1 exactly, for ages and frequencies met out of order.
    #[test]
    fn per_pattern_numbers_are_the_one_customer_numbers() {
        let frequency = [0, 0, 3, 3, 3, 1, 40, 0, 7, 3];
        let recency = [0.0, 0.0, 20.0, 20.0, 35.0, 2.0, 270.0, 0.0, 100.0, 5.0];
        let age = [40.0, 300.0, 40.0, 300.0, 300.0, 40.0, 280.0, 40.0, 150.0, 40.0];
        let (data, _) = PurchasePatterns::from_customers(&frequency, &recency, &age).unwrap();
        let horizon = ValueHorizon { months: 12, periods_per_month: 30.0, monthly_discount_rate: 0.01 };
        for params in [
            BgNbdParams { r: 0.25, alpha: 33.5, a: 0.72, b: 2.16 },
            BgNbdParams { r: 60.0, alpha: 200.0, a: 0.8, b: 2.5 },
            BgNbdParams { r: 1000.0, alpha: 5000.0, a: 1.7, b: 6.0 },
            BgNbdParams { r: 0.5, alpha: 2.0, a: 1.0, b: 1.5 },
        ] {
            let p_alive = params.p_alive_per_pattern(&data);
            let horizon_values = PurchasePredictor::horizon_per_pattern(&params, &horizon, &data);
            assert!(horizon_values.iter().all(Option::is_some), "{params:?}: every pattern has a prediction");
            for j in 0..data.pattern_count() {
                let (x, t_x, t, _) = data.pattern(j);
                assert_eq!(p_alive[j].to_bits(), params.p_alive(x, t_x, t).to_bits(), "{params:?} pattern {j}");
                let one = horizon.purchases_if_alive(|time| params.expected_purchases_if_alive(x, t, time));
                let bits = |v: Option<(f64, f64)>| v.map(|(a, b)| (a.to_bits(), b.to_bits()));
                assert_eq!(bits(horizon_values[j]), bits(one), "{params:?} pattern {j}");
            }
        }
    }
}
