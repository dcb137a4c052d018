//! The segments of a benefit-cost bar (the compare page's cost chart): one per cost type, coupons
//! included, each with its legend text and colour, in the order they are stacked.

use crate::engine::pricing::CostBreakdown;
use crate::ui::i18n::T;

use super::palette::{Colour, COST_COUPONS, COST_DISCOUNT, COST_GIFTS, COST_POINTS, COST_SHIPPING};

/// One stacked segment: its legend text, colour and amount (negative amounts are drawn as 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostSegment {
    pub label: T,
    pub colour: Colour,
    pub value: f64,
}

/// The cost types of `costs` in stacking order; together they make up `costs.total`.
pub fn cost_segments(costs: &CostBreakdown) -> [CostSegment; 5] {
    let segment = |label, colour, value| CostSegment { label, colour, value };
    [
        segment(T::CostDiscount, COST_DISCOUNT, costs.discount),
        segment(T::CostPoints, COST_POINTS, costs.points),
        segment(T::CostShipping, COST_SHIPPING, costs.shipping),
        segment(T::CostGifts, COST_GIFTS, costs.gifts),
        segment(T::CostCoupons, COST_COUPONS, costs.coupons),
    ]
}

/// The length of the stacked bar: the segments' amounts, negatives counted as 0.
pub fn stacked_length(costs: &CostBreakdown) -> f64 {
    cost_segments(costs).iter().map(|s| s.value.max(0.0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;

    #[test]
    fn coupons_are_their_own_segment_with_a_legend_entry_in_both_languages() {
        let costs = CostBreakdown {
            discount: 100.0,
            points: 40.0,
            shipping: 25.0,
            gifts: 10.0,
            coupons: 60.0,
            total: 235.0,
            points_issued: 4_000.0,
        };
        let segments = cost_segments(&costs);
        let coupons = segments.last().unwrap();
        assert_eq!((coupons.label, coupons.colour, coupons.value), (T::CostCoupons, COST_COUPONS, 60.0));
        assert_eq!(coupons.label.get(Lang::En), "Coupons");
        assert_eq!(coupons.label.get(Lang::Zh), "优惠券");
        // The bar is as long as the total it is labelled with (100 + 40 + 25 + 10 + 60).
        assert_eq!(stacked_length(&costs), 235.0);
        // Five distinct legend entries and colours.
        for (i, a) in segments.iter().enumerate() {
            for b in &segments[i + 1..] {
                assert_ne!(a.label, b.label);
                assert_ne!(a.colour, b.colour);
            }
        }
        // A refund-driven negative amount is drawn as nothing.
        assert_eq!(stacked_length(&CostBreakdown { coupons: -5.0, gifts: 3.0, ..CostBreakdown::default() }), 3.0);
    }
}
