//! Coupons as a tier benefit (docs/model.md, "Coupons"): each month a member of the tier gets a
//! number of coupons worth a fixed amount off an order of at least a minimum spend; a share of
//! them is redeemed. They cost only when redeemed.

use serde::{Deserialize, Serialize};

use crate::engine::limits::Limit;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coupons {
    /// Currency off one order.
    pub value: f64,
    /// Smallest order a coupon applies to.
    pub min_spend: f64,
    /// Coupons a member gets each month (one per order at most).
    pub per_month: f64,
    /// Share of the coupons that could be used which are used, in percent.
    pub redemption_percent: f64,
}

impl Coupons {
    pub const VALUE: Limit = Limit::new("benefits[].coupons.value", 0.0, 1e6);
    pub const MIN_SPEND: Limit = Limit::new("benefits[].coupons.min_spend", 0.0, 1e9);
    pub const PER_MONTH: Limit = Limit::whole("benefits[].coupons.per_month", 0.0, 100.0);
    pub const REDEMPTION_PERCENT: Limit = Limit::new("benefits[].coupons.redemption_percent", 0.0, 100.0);

    /// Coupons redeemed in a month with `eligible` orders of at least the minimum spend: one
    /// coupon per order, no more than the month's coupons, of which the redemption share is used.
    pub fn redeemed(&self, eligible: f64) -> f64 {
        self.redeemed_over(eligible, 1.0)
    }

    /// Coupons redeemed over `months` months with `eligible` orders in all.
    pub fn redeemed_over(&self, eligible: f64, months: f64) -> f64 {
        eligible.min(self.per_month * months) * self.redemption_percent / 100.0
    }

    /// What the coupons cost in a month with `eligible` orders: redeemed coupons x value.
    pub fn cost(&self, eligible: f64) -> f64 {
        self.redeemed(eligible) * self.value
    }

    /// What the coupons cost over `months` months with `eligible` orders in all (a customer table,
    /// whose orders are not dated).
    pub fn cost_over(&self, eligible: f64, months: f64) -> f64 {
        self.redeemed_over(eligible, months) * self.value
    }

    /// The coupons' pull as a share of the order value, counted like a discount in the purchase
    /// response: the value off an order (as a share of the customer's usual order, at most all of
    /// it) on the share of their orders that use a coupon (the redemption share of the orders the
    /// month's coupons cover). Nothing when the usual order is below the minimum spend.
    pub fn pull(&self, order_value: f64, expected_orders: f64) -> f64 {
        if order_value <= 0.0 || order_value < self.min_spend || self.per_month <= 0.0 {
            return 0.0;
        }
        let covered = if expected_orders > self.per_month { self.per_month / expected_orders } else { 1.0 };
        (self.value / order_value).min(1.0) * covered * self.redemption_percent / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUPON: Coupons = Coupons { value: 10.0, min_spend: 100.0, per_month: 2.0, redemption_percent: 40.0 };

    #[test]
    fn cost_is_redeemed_coupons_times_value() {
        // 5 eligible orders, 2 coupons: 2 x 40 % = 0.8 redeemed, x 10 = 8.
        assert!((COUPON.cost(5.0) - 8.0).abs() < 1e-12);
        // 1 eligible order: 1 x 40 % x 10 = 4.
        assert!((COUPON.cost(1.0) - 4.0).abs() < 1e-12);
        assert_eq!(COUPON.cost(0.0), 0.0);
    }

    #[test]
    fn pull_is_the_value_share_on_the_orders_that_redeem() {
        // Usual order 200, 1 order a month (covered): 10 / 200 x 40 % = 0.02.
        assert!((COUPON.pull(200.0, 1.0) - 0.02).abs() < 1e-12);
        // 4 orders a month, 2 coupons: half the orders covered -> 0.01.
        assert!((COUPON.pull(200.0, 4.0) - 0.01).abs() < 1e-12);
        // Usual order below the minimum spend: no pull.
        assert_eq!(COUPON.pull(80.0, 1.0), 0.0);
        assert_eq!(Coupons { redemption_percent: 0.0, ..COUPON }.pull(200.0, 1.0), 0.0);
    }
}
