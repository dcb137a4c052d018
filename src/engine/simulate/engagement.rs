//! What customers do besides buying (views, carts, favourites, reviews, browsing, active days,
//! unpaid checkouts), as monthly averages from the history: the simulator's baseline carries them
//! so benefits that reward engagement have something to act on.

use crate::engine::evaluate::PreparedData;
use crate::engine::features::monthly::{FieldColumn, MonthTotals};

/// Non-purchase activity per month while the customer is active (historical averages).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Engagement {
    pub views: f64,
    pub carts: f64,
    pub favorites: f64,
    pub reviews: f64,
    pub browse_minutes: f64,
    pub active_days: f64,
    /// Orders placed per purchase (checkouts that were not paid count in interactions).
    pub unpaid_checkouts: f64,
}

impl Engagement {
    pub fn interactions(&self) -> f64 {
        self.views + self.carts + self.favorites + self.reviews + self.unpaid_checkouts
    }
}

/// Every customer's `Engagement`, by field: a field nobody has (a transaction log has no views,
/// carts or browsing) takes no memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EngagementByCustomer {
    views: FieldColumn<f64>,
    carts: FieldColumn<f64>,
    favorites: FieldColumn<f64>,
    reviews: FieldColumn<f64>,
    browse_minutes: FieldColumn<f64>,
    active_days: FieldColumn<f64>,
    unpaid_checkouts: FieldColumn<f64>,
}

impl EngagementByCustomer {
    /// Sets customer `customer`'s (customers are set in increasing order).
    pub fn set(&mut self, customer: usize, e: &Engagement) {
        self.views.set(customer, e.views);
        self.carts.set(customer, e.carts);
        self.favorites.set(customer, e.favorites);
        self.reviews.set(customer, e.reviews);
        self.browse_minutes.set(customer, e.browse_minutes);
        self.active_days.set(customer, e.active_days);
        self.unpaid_checkouts.set(customer, e.unpaid_checkouts);
    }

    pub fn get(&self, customer: usize) -> Engagement {
        Engagement {
            views: self.views.get(customer),
            carts: self.carts.get(customer),
            favorites: self.favorites.get(customer),
            reviews: self.reviews.get(customer),
            browse_minutes: self.browse_minutes.get(customer),
            active_days: self.active_days.get(customer),
            unpaid_checkouts: self.unpaid_checkouts.get(customer),
        }
    }

    fn shrink(&mut self) {
        self.views.shrink();
        self.carts.shrink();
        self.favorites.shrink();
        self.reviews.shrink();
        self.browse_minutes.shrink();
        self.active_days.shrink();
        self.unpaid_checkouts.shrink();
    }
}

/// Average monthly engagement per customer over the months since they joined.
pub fn engagement(data: &PreparedData) -> EngagementByCustomer {
    let mut all = EngagementByCustomer::default();
    let Some(monthly) = &data.monthly else { return all };
    for c in 0..data.dataset.customer_count() {
        let months = (monthly.month_count - monthly.join_month(c)).max(1) as f64;
        let t: MonthTotals = monthly.window_totals(c, 0, monthly.month_count.saturating_sub(1));
        let unpaid = if monthly.has_payments { f64::from(t.orders_placed.saturating_sub(t.purchases)) } else { 0.0 };
        let engagement = Engagement {
            views: f64::from(t.views) / months,
            carts: f64::from(t.carts) / months,
            favorites: f64::from(t.favorites) / months,
            reviews: f64::from(t.reviews) / months,
            browse_minutes: t.browse_minutes / months,
            active_days: f64::from(t.active_days) / months,
            unpaid_checkouts: unpaid / months,
        };
        all.set(c, &engagement);
    }
    all.shrink();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engagement_stores_only_the_fields_someone_has() {
        // A purchase log knows active days only: customer 0 is active 2 days a month, customer 1 none,
        // customer 2 half a day.
        let mut all = EngagementByCustomer::default();
        for (c, active_days) in [2.0, 0.0, 0.5].into_iter().enumerate() {
            all.set(c, &Engagement { active_days, ..Engagement::default() });
        }
        all.shrink();
        assert_eq!(all.get(0), Engagement { active_days: 2.0, ..Engagement::default() });
        assert_eq!(all.get(1), Engagement::default());
        assert_eq!(all.get(7), Engagement::default());
        assert_eq!(all.active_days.stored(), 3);
        let empty = [&all.views, &all.carts, &all.favorites, &all.reviews, &all.browse_minutes, &all.unpaid_checkouts];
        assert!(empty.iter().all(|column| column.stored() == 0));
    }
}
