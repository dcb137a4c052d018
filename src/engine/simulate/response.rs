//! How a member's purchase rate responds to the scheme in a given month (docs/model.md, the
//! behavioural assumptions): the value of the benefits, the pull of the next tier, and the months
//! after an upgrade or a demotion.

use crate::engine::rng::math::exp;
use crate::engine::scenario::Assumptions;

/// Where a customer stands this month, as far as their response is concerned.
pub struct Situation {
    /// Discount plus free shipping as a share of the order value.
    pub value_share: f64,
    /// What the points an order earns are worth when redeemed, as a share of the order value:
    /// points per currency unit x value of a point x (1 - breakage).
    pub points_share: f64,
    /// How much of the response to the scheme is left (1 at launch).
    pub fade: f64,
    /// 1 for most customers, `heavy_buyer_response` for the heaviest fifth.
    pub heavy_factor: f64,
    /// Progress from the current tier's bound to the next one (0-1), `None` at the top.
    pub progress: Option<f64>,
    /// Was given a head start toward the next tier and has not reached it yet.
    pub endowed: bool,
    pub upgraded_last_month: bool,
    /// Demoted within the last `demotion_months`.
    pub demoted: bool,
}

/// The factor on the baseline purchase rate:
/// - value: `elasticity x frequency share x (discount + free-shipping equivalent + perceived value
///   x points share)`, fading and weaker for heavy buyers (Bijmolt et al. 2005; Gupta 1988; Liu
///   2007); a point earned weighs `points_perceived_value` of the same value as a discount (Yi &
///   Jeon 2003; Keh & Lee 2006);
/// - goal gradient: `1 + goal_gradient x progress`, up to +20 % right at the next tier's bound, so
///   crossing from one bound to the next takes `ln(1 + g) / g` of the time (8.8 % less for g = 0.2;
///   Kivetz et al. 2006); `head_start_lift` times that for a member given a head start toward the
///   next tier (Nunes & Dreze 2006);
/// - the month after an upgrade: `1 + post_upgrade_dip`; for `demotion_months` after a demotion:
///   `1 + demotion_effect`.
pub fn purchase_multiplier(a: &Assumptions, s: &Situation) -> f64 {
    let value = s.value_share + a.points_perceived_value * s.points_share;
    let mut multiplier = 1.0 + s.fade * s.heavy_factor * a.discount_elasticity * a.discount_frequency_share * value;
    if let Some(progress) = s.progress {
        let lift = if s.endowed { a.head_start_lift } else { 1.0 };
        multiplier *= 1.0 + a.goal_gradient * s.heavy_factor * lift * progress;
    }
    if s.upgraded_last_month {
        multiplier *= 1.0 + a.post_upgrade_dip;
    }
    if s.demoted {
        multiplier *= 1.0 + a.demotion_effect;
    }
    multiplier.max(0.0)
}

/// The response to a new scheme fades from its launch (e-folding time in months; 0 = never fades).
pub fn fade_by_month(assumptions: &Assumptions, months: usize) -> Vec<f64> {
    (0..months)
        .map(|m| {
            if assumptions.response_fade_months > 0.0 {
                exp(-(m as f64) / assumptions.response_fade_months)
            } else {
                1.0
            }
        })
        .collect()
}

/// The score range from the current tier's bound to the next tier's (`None` at the top).
pub fn way_to_next_tier(tier: u8, entry: &[f64]) -> Option<(f64, f64)> {
    let next = *entry.get(tier as usize)?;
    let floor = if tier == 0 { 0.0f64.min(next) } else { entry[tier as usize - 1] };
    (next > floor).then_some((floor, next))
}

/// Share of the way from the current tier's bound to the next tier's, 0-1 (`None` at the top).
pub fn progress_to_next_tier(score: f64, tier: u8, entry: &[f64]) -> Option<f64> {
    let (floor, next) = way_to_next_tier(tier, entry)?;
    if !score.is_finite() {
        return None;
    }
    Some(((score - floor) / (next - floor)).clamp(0.0, 1.0))
}

/// Progress (0-1) of one qualifying criterion toward the next tier: 1 once its bound is reached,
/// 0 when its bound equals the current tier's and is not reached, `None` at the top.
pub fn criterion_progress(value: f64, tier: u8, entry: &[f64]) -> Option<f64> {
    let next = *entry.get(tier as usize)?;
    if !value.is_finite() {
        return None;
    }
    if value >= next {
        return Some(1.0);
    }
    Some(progress_to_next_tier(value, tier, entry).unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_progress_counts_a_reached_bound_as_done() {
        // Orders to enter Silver 2, Gold 10: 6 orders in Silver is (6 - 2) / 8 = 0.5 of the way.
        assert_eq!(criterion_progress(6.0, 1, &[2.0, 10.0]), Some(0.5));
        assert_eq!(criterion_progress(12.0, 1, &[2.0, 10.0]), Some(1.0));
        // Gold asks no more orders than Silver (both 2) and 1 order is short of it.
        assert_eq!(criterion_progress(1.0, 1, &[2.0, 2.0]), Some(0.0));
        assert_eq!(criterion_progress(1.0, 2, &[2.0, 10.0]), None);
    }

    #[test]
    fn progress_between_bounds() {
        assert_eq!(progress_to_next_tier(50.0, 0, &[100.0, 500.0]), Some(0.5));
        assert_eq!(progress_to_next_tier(300.0, 1, &[100.0, 500.0]), Some(0.5));
        assert_eq!(progress_to_next_tier(900.0, 2, &[100.0, 500.0]), None);
    }
}
