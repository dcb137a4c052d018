//! Growth value (成长值, DOMAIN.md 4.2): a raw weighted sum accumulated over the history,
//! `G = w_amount * spend + w_orders * orders + w_interactions * interactions`.
//! Deliberately not normalised: it is a currency-like running total, so spend dominates by design.

use crate::engine::features::Activity;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub amount: f64,
    pub orders: f64,
    pub interactions: f64,
}

pub fn growth_value(weights: Weights, spend: f64, orders: f64, interactions: f64) -> f64 {
    weights.amount * spend + weights.orders * orders + weights.interactions * interactions
}

pub fn scores(activity: &Activity, weights: Weights) -> Vec<f64> {
    (0..activity.customer_count())
        .map(|c| {
            growth_value(
                weights,
                activity.net_spend[c],
                f64::from(activity.orders[c]),
                f64::from(activity.interactions[c]),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_example_4_2() {
        // DOMAIN.md 4.2: 2000 spent, 3 orders, 10 interactions with weights 0.7 / 0.2 / 0.1:
        // 0.7 * 2000 + 0.2 * 3 + 0.1 * 10 = 1400 + 0.6 + 1 = 1401.6.
        let w = Weights { amount: 0.7, orders: 0.2, interactions: 0.1 };
        assert!((growth_value(w, 2000.0, 3.0, 10.0) - 1401.6).abs() < 1e-9);
    }
}
