//! Customer lifetime value over a horizon of months, discounted monthly, computed like
//! `lifetimes.GammaGammaFitter.customer_lifetime_value`: the expected purchases of each month times the
//! expected order value times the margin, divided by (1 + monthly rate)^month.

use super::patterns::PurchasePatterns;

/// Month boundaries of the horizon, in periods (30 days or 4.345 weeks per month, like lifetimes).
#[derive(Clone, Debug, PartialEq)]
pub struct ValueHorizon {
    pub months: u32,
    pub periods_per_month: f64,
    pub monthly_discount_rate: f64,
}

impl ValueHorizon {
    pub fn periods(&self) -> f64 {
        f64::from(self.months) * self.periods_per_month
    }

    /// For an alive customer whose expected purchases within t periods are `expected_by(t)` (a
    /// purchase model's prediction for their x and age): (expected purchases over the whole horizon,
    /// the same purchases discounted month by month). `None` when a prediction fails.
    pub fn purchases_if_alive(&self, expected_by: impl Fn(f64) -> Option<f64>) -> Option<(f64, f64)> {
        self.accumulate(|_, t| expected_by(t))
    }

    /// The horizon's months in periods (month m ends at `times()[m - 1]`).
    pub(super) fn times(&self) -> Vec<f64> {
        (1..=self.months).map(|month| f64::from(month) * self.periods_per_month).collect()
    }

    /// (the cumulative purchases at the horizon's end, the same discounted month by month) from
    /// `cumulative(month - 1, end of the month in periods)`. `None` when a month's value is.
    pub(super) fn accumulate(&self, mut cumulative: impl FnMut(usize, f64) -> Option<f64>) -> Option<(f64, f64)> {
        let mut previous = 0.0;
        let mut discounted = 0.0;
        let mut discount = 1.0;
        for month in 1..=self.months {
            let cumulative = cumulative(month as usize - 1, f64::from(month) * self.periods_per_month)?;
            discount /= 1.0 + self.monthly_discount_rate;
            discounted += (cumulative - previous) * discount;
            previous = cumulative;
        }
        Some((previous, discounted))
    }

    /// `purchases_if_alive` of every pattern of `data` from `per_pair(x, T)`, called once per
    /// distinct (x, T) (patterns are ordered by x, then T, so equal pairs are adjacent).
    pub(super) fn per_pattern(
        data: &PurchasePatterns,
        mut per_pair: impl FnMut(u32, f64) -> Option<(f64, f64)>,
    ) -> Vec<Option<(f64, f64)>> {
        let mut out: Vec<Option<(f64, f64)>> = Vec::with_capacity(data.pattern_count());
        for j in 0..data.pattern_count() {
            let value = if data.same_pair_as_previous(j) {
                out[j - 1]
            } else {
                let (x, _, age, _) = data.pattern(j);
                per_pair(x, age)
            };
            out.push(value);
        }
        out
    }
}

/// CLV = P(alive) · discounted purchases if alive · expected order value · margin.
pub fn customer_value(p_alive: f64, discounted_purchases_if_alive: f64, order_value: f64, margin_percent: f64) -> f64 {
    p_alive * discounted_purchases_if_alive * order_value * margin_percent / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::clv::bgnbd::BgNbdParams;

    #[test]
    fn monthly_discounting_by_hand() {
        // Two months of 30 days at 10 % a month: CLV factor = E(30) / 1.1 + (E(60) - E(30)) / 1.21.
        let params = BgNbdParams { r: 0.25, alpha: 33.5, a: 0.72, b: 2.16 };
        let e30 = params.expected_purchases_if_alive(2, 100.0, 30.0).unwrap();
        let e60 = params.expected_purchases_if_alive(2, 100.0, 60.0).unwrap();
        let horizon = ValueHorizon { months: 2, periods_per_month: 30.0, monthly_discount_rate: 0.1 };
        let (total, discounted) =
            horizon.purchases_if_alive(|t| params.expected_purchases_if_alive(2, 100.0, t)).unwrap();
        assert!((total - e60).abs() < 1e-15);
        assert!((discounted - (e30 / 1.1 + (e60 - e30) / 1.21)).abs() < 1e-14);
        assert_eq!(horizon.periods(), 60.0);
        assert!((customer_value(0.5, 2.0, 30.0, 40.0) - 12.0).abs() < 1e-12);
    }
}
